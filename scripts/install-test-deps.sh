#!/usr/bin/env bash
# System packages the test suite drives for real: Debian's chromium for the headless
# browser tests of the web workspace (playwright is pointed at /usr/bin/chromium; it never
# downloads a browser of its own). Idempotent and quiet: does nothing when chromium is there.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "install-test-deps: /usr/bin/chromium is missing and this is not root;" \
         "install Debian's chromium package to run the browser tests (they are skipped without it)" >&2
    exit 0
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends chromium >/dev/null
echo "install-test-deps: installed $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
