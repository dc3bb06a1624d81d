#!/usr/bin/env bash
# System packages the test suite drives for real (none yet beyond Python's own).
set -euo pipefail
exit 0
