#!/usr/bin/env bash
# Starts (or stops) the real services the tests use: a throwaway PostgreSQL 15 cluster and a local
# S3-compatible server (s3rver). Writes their settings to .test-run/env, to be sourced.
#   bash scripts/test-services.sh start | stop
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
RUN_DIR="$ROOT/.test-run"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_PORT="${TEST_PG_PORT:-54329}"
S3_PORT="${TEST_S3_PORT:-4569}"

say() { echo "[services] $*"; }

ensure_system_packages() {
  local missing=()
  [ -x "$PG_BIN/initdb" ] || missing+=(postgresql)
  command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    say "installing ${missing[*]} with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "Missing system packages: ${missing[*]}. Install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
}

# Prints the last lines of a service's log, so a failed start says what went wrong.
fail_with_log() {
  local what="$1" log="$2"
  echo "[services] $what failed. Last lines of $log:" >&2
  tail -n 30 "$log" >&2 2>/dev/null || echo "(no log written)" >&2
  exit 1
}

# The cluster lives in a private folder under the system temp directory, not in the clone: the
# `postgres` user (initdb refuses root) cannot reach a clone inside a home folder of mode 700.
# Its path is kept in .test-run/pg-dir so that `stop` finds it.
start_postgres() {
  local dir
  dir="$(mktemp -d "${TMPDIR:-/tmp}/portail-test-pg.XXXXXX")"
  echo "$dir" >"$RUN_DIR/pg-dir"
  chmod 700 "$dir"
  local run_as=()
  if [ "$(id -u)" = "0" ]; then
    chown postgres:postgres "$dir"
    # Run from a folder that user can enter (the clone may not be one).
    cd "$dir"
    run_as=(su postgres -s /bin/bash -c)
    if ! su postgres -s /bin/bash -c "test -w '$dir'"; then
      echo "[services] the postgres user cannot write to $dir (is ${TMPDIR:-/tmp} reachable by other users?)" >&2
      exit 1
    fi
  else
    run_as=(bash -c)
  fi
  "${run_as[@]}" "'$PG_BIN/initdb' -D '$dir/data' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >'$dir/initdb.log' 2>&1" \
    || fail_with_log "initdb (PostgreSQL cluster in $dir)" "$dir/initdb.log"
  "${run_as[@]}" "'$PG_BIN/pg_ctl' -D '$dir/data' -l '$dir/server.log' -o \"-p $PG_PORT -k '$dir' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\" -w -t 60 start >'$dir/pg_ctl.log' 2>&1" \
    || { cat "$dir/pg_ctl.log" >&2; fail_with_log "pg_ctl start (PostgreSQL on port $PG_PORT)" "$dir/server.log"; }
  cd "$ROOT"
  say "PostgreSQL 15 on 127.0.0.1:$PG_PORT (cluster in $dir)"
}

start_s3() {
  mkdir -p "$RUN_DIR/s3"
  nohup node scripts/s3-server.mjs "$S3_PORT" "$RUN_DIR/s3/data" >"$RUN_DIR/s3/server.log" 2>&1 &
  echo $! >"$RUN_DIR/s3/pid"
  for _ in $(seq 1 100); do
    if grep -q 'listening' "$RUN_DIR/s3/server.log" 2>/dev/null; then say "s3rver on 127.0.0.1:$S3_PORT"; return 0; fi
    sleep 0.1
  done
  fail_with_log "s3rver (port $S3_PORT)" "$RUN_DIR/s3/server.log"
}

stop_postgres() {
  [ -f "$RUN_DIR/pg-dir" ] || return 0
  local dir
  dir="$(cat "$RUN_DIR/pg-dir")"
  case "$dir" in */portail-test-pg.*) ;; *) rm -f "$RUN_DIR/pg-dir"; return 0 ;; esac
  if [ -f "$dir/data/postmaster.pid" ]; then
    if [ "$(id -u)" = "0" ]; then
      (cd / && su postgres -s /bin/bash -c "'$PG_BIN/pg_ctl' -D '$dir/data' -m immediate stop") >/dev/null 2>&1 || true
    else
      "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    fi
  fi
  rm -rf "$dir" "$RUN_DIR/pg-dir"
}

stop_all() {
  stop_postgres
  if [ -f "$RUN_DIR/s3/pid" ]; then kill "$(cat "$RUN_DIR/s3/pid")" 2>/dev/null || true; rm -f "$RUN_DIR/s3/pid"; fi
}

case "${1:-start}" in
  start)
    stop_all
    mkdir -p "$RUN_DIR"
    ensure_system_packages
    start_postgres
    start_s3
    cat >"$RUN_DIR/env" <<ENV
export TEST_DATABASE_URL=postgres://postgres@127.0.0.1:$PG_PORT/postgres
export TEST_S3_ENDPOINT=http://127.0.0.1:$S3_PORT
export TEST_S3_ACCESS_KEY_ID=S3RVER
export TEST_S3_SECRET_ACCESS_KEY=S3RVER
ENV
    ;;
  stop) stop_all ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
