#!/usr/bin/env bash
# The PostgreSQL server binaries (initdb, pg_ctl) the store tests start a throwaway server
# with (tests/pg.py): Debian's postgresql package. Idempotent and quiet: does nothing when
# initdb is already there, and only explains (exit 0) when it is missing and this is not root,
# in which case the PostgreSQL tests are skipped with that reason.
set -euo pipefail

if compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || command -v initdb >/dev/null; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "install-postgres: initdb is missing and this is not root;" \
         "install Debian's postgresql package to run the PostgreSQL store tests (they are skipped without it)" >&2
    exit 0
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
# The binaries only: the tests run a cluster of their own, so Debian's default cluster is not created.
apt-get install -y -qq --no-install-recommends postgresql-common >/dev/null
sed -i 's/^#\?\s*create_main_cluster\s*=.*/create_main_cluster = false/' /etc/postgresql-common/createcluster.conf
apt-get install -y -qq --no-install-recommends postgresql >/dev/null
echo "install-postgres: installed $(ls -d /usr/lib/postgresql/*/bin | tail -1)"
