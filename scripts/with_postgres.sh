#!/usr/bin/env bash
# Run a command next to a throwaway PostgreSQL server, then stop the server (whatever the command's outcome).
#
#   bash scripts/with_postgres.sh bash scripts/test.sh      # what .ci/run does
#
# Uses Debian's PostgreSQL binaries (PG_BIN, default /usr/lib/postgresql/15/bin; package postgresql-15):
# `initdb` in a temporary folder, the server listening on 127.0.0.1 only, on a free port, its socket in that
# folder. As root, initdb and pg_ctl run as the user `postgres` (PostgreSQL refuses to run as root).
# The command sees CLUSTER_INTAKE_TEST_PG_URL (an admin URL; the tests create one database per test) and
# CLUSTER_INTAKE_REQUIRE_PG=1 (tests needing PostgreSQL fail instead of skipping when it is unusable).
set -euo pipefail

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
if [ ! -x "$PG_BIN/initdb" ]; then
  echo "PostgreSQL server binaries not found in $PG_BIN (Debian: apt-get install postgresql-15)" >&2
  exit 1
fi

PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/cluster-intake-pg.XXXXXX")"
as_pg() {
  if [ "$(id -u)" = "0" ]; then
    (cd "$PG_DIR" && runuser -u postgres -- "$@")
  else
    (cd "$PG_DIR" && "$@")
  fi
}
stop_postgres() {
  if [ -f "$PG_DIR/db/postmaster.pid" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/db" stop -m fast >/dev/null || true
  fi
  rm -rf "$PG_DIR"
}
trap stop_postgres EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

if [ "$(id -u)" = "0" ]; then
  chown postgres: "$PG_DIR"
fi
PG_PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
as_pg "$PG_BIN/initdb" -D "$PG_DIR/db" -A trust -U postgres -E UTF8 --no-sync >"$PG_DIR/initdb.log"
# fsync off: a test server whose data is thrown away (a killed client, not a killed server, is tested)
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/db" -l "$PG_DIR/server.log" -w -t 60 \
  -o "-k $PG_DIR -c listen_addresses=127.0.0.1 -p $PG_PORT -c fsync=off -c max_connections=200" start >/dev/null
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT (data in $PG_DIR)"

export CLUSTER_INTAKE_TEST_PG_URL="postgresql+psycopg://postgres@127.0.0.1:$PG_PORT/postgres"
export CLUSTER_INTAKE_REQUIRE_PG=1
"$@"
