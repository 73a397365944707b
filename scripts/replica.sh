#!/usr/bin/env bash
# A real streaming replica of the CI PostgreSQL, for the report tests (npm run test:replica).
#
#   scripts/replica.sh start            pg_basebackup -R from the primary into a second PostgreSQL 15 cluster, start it,
#                                       wait until it streams
#   scripts/replica.sh stop             stop it and delete its directory
#   scripts/replica.sh run -- CMD...    start, run CMD with REPLICA_DATABASE_URL / TEST_DATABASE_URL set, stop (always),
#                                       and print how many seconds it took
#
# Settings (environment): REPLICA_PRIMARY_PORT (5432), REPLICA_PORT (5433), REPLICA_DIR (/tmp/cqo-replica-<port>),
# PGBIN (/usr/lib/postgresql/15/bin). The primary must accept replication connections from postgres on 127.0.0.1
# (pg_hba.conf: `host replication postgres 127.0.0.1/32 trust`). When it does not, the script adds that line and
# reloads the primary, but only when CI is set and it runs as root (CI runs so on its own machine); otherwise it
# explains what to add and stops. PostgreSQL refuses to run as root, so the cluster runs as user postgres.
set -euo pipefail

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PRIMARY_PORT=${REPLICA_PRIMARY_PORT:-5432}
PORT=${REPLICA_PORT:-5433}
DIR=${REPLICA_DIR:-/tmp/cqo-replica-$PORT}
PRIMARY="host=127.0.0.1 port=$PRIMARY_PORT user=postgres"
# the replica's physical replication slot on the primary: the primary keeps the WAL the replica has not received yet
# (without it, a primary busy with other suites' CREATE DATABASE … TEMPLATE recycled the segment the new replica
# needed between the base backup and the start of streaming: "requested WAL segment … has already been removed")
SLOT=cqo_replica_$PORT

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
psql_primary() { psql "$PRIMARY dbname=postgres" -XAtq "$@"; }

replication_allowed() { psql "$PRIMARY replication=true" -XAtqc 'IDENTIFY_SYSTEM' >/dev/null 2>&1; }

ensure_replication_access() {
  replication_allowed && return 0
  local hba
  hba=$(psql_primary -c 'show hba_file')
  if [ -n "${CI:-}" ] && [ "$(id -u)" = 0 ]; then
    echo "replica: $hba has no replication entry for postgres on 127.0.0.1; adding one and reloading the primary (CI)"
    printf '\n# added by scripts/replica.sh (CI): streaming replica for the report tests\nhost replication postgres 127.0.0.1/32 trust\n' >>"$hba"
    psql_primary -c 'select pg_reload_conf()' >/dev/null
    for _ in $(seq 1 20); do replication_allowed && return 0; sleep 0.5; done
  fi
  cat >&2 <<MSG
replica: the PostgreSQL on 127.0.0.1:$PRIMARY_PORT refuses replication connections.
Add this line to $hba and reload it (select pg_reload_conf()), or run this script in CI (CI=1, as root), which does so:
  host replication postgres 127.0.0.1/32 trust
MSG
  exit 1
}

start() {
  local t0=$SECONDS
  [ -x "$PGBIN/pg_basebackup" ] || { echo "replica: $PGBIN/pg_basebackup not found (set PGBIN)" >&2; exit 1; }
  stop >/dev/null 2>&1 || true
  ensure_replication_access
  mkdir -p "$DIR" && chmod 0700 "$DIR"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
  # -R: standby.signal + primary_conninfo; -X stream: WAL during the copy; -c fast: no wait for a checkpoint
  # -C -S: create the slot and stream the copy's WAL through it; -R also names it in primary_slot_name
  drop_slot
  as_postgres "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$DIR" -R -X stream -c fast -C -S "$SLOT"
  # Debian keeps the configuration outside the data directory; a hot standby needs at least the primary's limits
  local settings=""
  for name in max_connections max_worker_processes max_wal_senders max_prepared_transactions max_locks_per_transaction; do
    settings+="$name = $(psql_primary -c "show $name")"$'\n'
  done
  as_postgres tee -a "$DIR/postgresql.conf" >/dev/null <<CONF
# scripts/replica.sh
port = $PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DIR'
hot_standby = on
fsync = off
logging_collector = off
$settings
CONF
  as_postgres tee "$DIR/pg_hba.conf" >/dev/null <<HBA
local all all trust
host all all 127.0.0.1/32 trust
HBA
  as_postgres touch "$DIR/pg_ident.conf"
  as_postgres "$PGBIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w -t 60 start >/dev/null
  for _ in $(seq 1 120); do
    if [ "$(psql "host=127.0.0.1 port=$PORT user=postgres dbname=postgres" -XAtqc 'select status from pg_stat_wal_receiver' 2>/dev/null)" = streaming ]; then
      echo "replica: streaming from 127.0.0.1:$PRIMARY_PORT on 127.0.0.1:$PORT ($DIR), ready in $((SECONDS - t0)) s"
      return 0
    fi
    sleep 0.5
  done
  echo "replica: not streaming after 60 s; its log:" >&2
  tail -n 30 "$DIR/server.log" >&2
  exit 1
}

# Drops the slot once no replica uses it (a slot left behind would keep WAL on the primary forever).
drop_slot() {
  for _ in $(seq 1 20); do
    [ "$(psql_primary -c "select count(*) from pg_replication_slots where slot_name = '$SLOT'")" = 0 ] && return 0
    psql_primary -c "select pg_drop_replication_slot('$SLOT') from pg_replication_slots where slot_name = '$SLOT' and not active" >/dev/null 2>&1 || true
    sleep 0.5
  done
  echo "replica: could not drop the replication slot $SLOT on the primary" >&2
}

stop() {
  if [ -f "$DIR/postmaster.pid" ]; then as_postgres "$PGBIN/pg_ctl" -D "$DIR" -m fast -w stop >/dev/null || true; fi
  rm -rf "$DIR"
  drop_slot
}

case "${1:-}" in
  start) start ;;
  stop) stop && echo "replica: stopped and removed ($DIR)" ;;
  run)
    shift
    [ "${1:-}" = "--" ] && shift
    t0=$SECONDS
    trap 'stop; echo "replica: the replica suite added $((SECONDS - t0)) s in all (set-up, tests, tear-down)"' EXIT
    start
    export REPLICA_DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
    export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:$PRIMARY_PORT/postgres}"
    "$@"
    ;;
  *)
    echo "usage: $0 start | stop | run -- <command>" >&2
    exit 2
    ;;
esac
