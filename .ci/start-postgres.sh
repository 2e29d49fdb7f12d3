#!/usr/bin/env bash
# Starts a throwaway PostgreSQL for Baton's tests and prints the one line CI evals:
#   eval "$(.ci/start-postgres.sh)"   →   export TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:55432/postgres
# Idempotent: reuses TEST_DATABASE_URL when already set, and a server already listening on the port.
# Everything except that export line goes to stderr, so `eval` only ever sees the export.
set -euo pipefail

PORT="${BATON_PG_PORT:-55432}"
DATA_DIR="${BATON_PG_DIR:-${RUNNER_TEMP:-/tmp}/baton-postgres}"
URL="postgresql://postgres@127.0.0.1:${PORT}/postgres"

log() { echo "start-postgres: $*" >&2; }

if [[ -n "${TEST_DATABASE_URL:-}" ]]; then
  log "TEST_DATABASE_URL is already set; using it."
  printf 'export TEST_DATABASE_URL=%q\n' "$TEST_DATABASE_URL"
  exit 0
fi

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

# Debian's packaged server; install it only when missing (needs root, or sudo).
if [[ -z "$(pg_bin)" ]]; then
  log "installing Debian's postgresql package"
  SUDO=""
  [[ "$(id -u)" -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >&2
fi
BIN="$(pg_bin)"
[[ -n "$BIN" ]] || { log "no PostgreSQL binaries under /usr/lib/postgresql/*/bin"; exit 1; }

# PostgreSQL refuses to run as root: as root, run it as the package's postgres user.
as_pg() {
  if [[ "$(id -u)" -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
  log "a server is already accepting connections on 127.0.0.1:${PORT}"
else
  mkdir -p "$DATA_DIR"
  [[ "$(id -u)" -eq 0 ]] && chown postgres:postgres "$DATA_DIR"
  chmod 700 "$DATA_DIR"
  if [[ ! -f "$DATA_DIR/PG_VERSION" ]]; then
    log "initdb into $DATA_DIR"
    # Trust auth on loopback only: a test server with no password to leak.
    as_pg "$BIN/initdb" -D "$DATA_DIR" -A trust -U postgres --no-sync >/dev/null
  fi
  log "starting PostgreSQL on 127.0.0.1:${PORT}"
  as_pg "$BIN/pg_ctl" -D "$DATA_DIR" -l "$DATA_DIR/server.log" -w -t 60 \
    -o "-p ${PORT} -k ${DATA_DIR} -c listen_addresses=127.0.0.1" start >&2
fi

for _ in $(seq 1 60); do
  if "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
    printf 'export TEST_DATABASE_URL=%q\n' "$URL"
    exit 0
  fi
  sleep 0.5
done
log "PostgreSQL did not become ready on 127.0.0.1:${PORT}; see $DATA_DIR/server.log"
exit 1
