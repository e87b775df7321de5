#!/usr/bin/env bash
# Start a throwaway PostgreSQL 15 cluster for ServerSync's tests.
#
#   scripts/pg-start.sh BASE_DIR [PORT]        (PORT defaults to 55432)
#
# Layout (everything under BASE_DIR, nothing else on the machine is touched):
#   BASE_DIR/pg       data directory (owned by the postgres OS user)
#   BASE_DIR/sock     unix socket directory
#   BASE_DIR/pg.log   server log
#   BASE_DIR/pg.pid   postmaster PID (used by pg-stop.sh)
#   BASE_DIR/pg.env   SERVERSYNC_TEST_PG="Host=127.0.0.1;Port=PORT;Username=postgres;Password=postgres"
#
# Listens on 127.0.0.1 only; superuser postgres/postgres with scram-sha-256 over TCP, trust on the
# unix socket. Re-running on a BASE_DIR whose server is up just succeeds; a stopped (or hard-killed)
# cluster in BASE_DIR is started again with its data. Stop with scripts/pg-stop.sh BASE_DIR [--purge].
set -euo pipefail

log() { echo "[pg-start] $*" >&2; }
die() { echo "[pg-start] ERROR: $*" >&2; exit 1; }

[[ $# -ge 1 && $# -le 2 && -n $1 ]] || die "usage: $0 BASE_DIR [PORT]"
PORT_GIVEN=${2:+yes}
PORT=${2:-55432}
if ! [[ $PORT =~ ^[0-9]+$ ]] || (( PORT < 1024 || PORT > 65535 )); then die "PORT must be a number in 1024..65535, got '$PORT'"; fi

PG_BIN=/usr/lib/postgresql/15/bin
PG_OS_USER=postgres
HOST=127.0.0.1
PASSWORD=postgres

now_ms() { date +%s%3N; }
T0=$(now_ms)

# ---- PostgreSQL 15 server binaries (a fresh CI machine may not have them) --------------------
if [[ ! -x $PG_BIN/postgres ]]; then
  [[ $EUID -eq 0 ]] || die "$PG_BIN/postgres is missing and installing postgresql-15 needs root"
  log "installing postgresql-15 (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2
  apt-get install -y -q postgresql-15 >&2
  [[ -x $PG_BIN/postgres ]] || die "postgresql-15 installed but $PG_BIN/postgres is still missing"
fi

# initdb/pg_ctl refuse to run as root, so as root everything server-side runs as the postgres user.
# fd 9 (the BASE_DIR lock) is closed for these: a postmaster inheriting it would hold the lock forever.
as_pg() { if [[ $EUID -eq 0 ]]; then runuser -u "$PG_OS_USER" -- "$@" 9>&-; else "$@" 9>&-; fi; }

mkdir -p "$1"
BASE=$(cd "$1" && pwd -P)   # physical path: compared with /proc/PID/cwd below
PGDATA=$BASE/pg
SOCK=$BASE/sock
LOG=$BASE/pg.log

# One start/stop at a time per BASE_DIR. The lock file also marks BASE_DIR as ours for pg-stop --purge.
exec 9>>"$BASE/.pg-start.lock"
flock -w 60 9 || die "another pg-start/pg-stop holds $BASE/.pg-start.lock"

# The recorded PID is ours only if it is a live (non-zombie) process whose working directory is this
# data dir (the postmaster chdirs there); this guards against PID reuse after a hard kill.
is_ours() {
  local pid=$1
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [[ $(readlink "/proc/$pid/cwd" 2>/dev/null) == "$PGDATA" ]] || return 1
  [[ $(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1) != Z ]]
}
# Any postgres process still running in this data dir (e.g. backends orphaned by a killed postmaster).
# (comm is read with a builtin so the /proc scan forks only for postgres processes: it runs in loops.)
leftovers() {
  local p comm
  for p in /proc/[0-9]*; do
    read -r comm 2>/dev/null < "$p/comm" || continue
    [[ $comm == postgres && $(readlink "$p/cwd" 2>/dev/null) == "$PGDATA" ]] && echo "${p#/proc/}"
  done
  return 0
}
port_busy() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }
write_env() {
  printf 'SERVERSYNC_TEST_PG="Host=%s;Port=%s;Username=postgres;Password=%s"\n' "$HOST" "$1" "$PASSWORD" > "$BASE/pg.env.tmp"
  mv "$BASE/pg.env.tmp" "$BASE/pg.env"
}
# wait_ready PORT: bounded wait (~30 s) until the server accepts TCP connections on 127.0.0.1:PORT
wait_ready() {
  local end=$(( $(now_ms) + 30000 ))
  until "$PG_BIN/pg_isready" -q -h "$HOST" -p "$1" -d postgres -t 1; do
    (( $(now_ms) < end )) || return 1
    sleep 0.1
  done
}
# check_login PORT: the password really works over TCP (what the tests will do)
check_login() {
  PGPASSWORD=$PASSWORD PGCONNECT_TIMEOUT=5 "$PG_BIN/psql" -X -q -At -w -h "$HOST" -p "$1" -U postgres -d postgres \
    -c 'SELECT 1' > /dev/null
}

# ---- already running from this BASE_DIR? -------------------------------------------------------
pid=""
[[ -s $BASE/pg.pid ]] && pid=$(head -n1 "$BASE/pg.pid")
if ! is_ours "$pid" && [[ -s $PGDATA/postmaster.pid ]]; then pid=$(head -n1 "$PGDATA/postmaster.pid"); fi
if is_ours "$pid"; then
  # line 4 of postmaster.pid is the port the server listens on
  running_port=$(sed -n 4p "$PGDATA/postmaster.pid" 2>/dev/null || true)
  [[ $running_port =~ ^[0-9]+$ ]] || die "server pid $pid is running from $PGDATA but its port is unknown"
  if [[ $PORT_GIVEN == yes && $running_port != "$PORT" ]]; then
    die "already running from $BASE on port $running_port (not $PORT); stop it first: scripts/pg-stop.sh $BASE"
  fi
  wait_ready "$running_port" || die "server pid $pid is running but not accepting connections on $HOST:$running_port"
  echo "$pid" > "$BASE/pg.pid"
  write_env "$running_port"
  log "already running (pid $pid) on $HOST:$running_port; env: $BASE/pg.env"
  exit 0
fi

# ---- not running: clean up after a hard kill -----------------------------------------------------
rm -f "$BASE/pg.pid"
mapfile -t orphans < <(leftovers)
if (( ${#orphans[@]} )); then
  # Backends notice a dead postmaster and exit on their own; give them a moment, then force it.
  for _ in $(seq 50); do mapfile -t orphans < <(leftovers); (( ${#orphans[@]} )) || break; sleep 0.1; done
  if (( ${#orphans[@]} )); then
    log "killing leftover postgres processes of $PGDATA: ${orphans[*]}"
    kill -KILL "${orphans[@]}" 2>/dev/null || true
    sleep 0.2
  fi
fi
# A stale postmaster.pid whose PID still "exists" makes postgres refuse to start ("lock file already
# exists"). That happens after a hard kill: here PID 1 reaps orphans late or never, so the killed
# postmaster stays a zombie, or the PID was reused. A plainly dead PID is handled by postgres itself.
if [[ -s $PGDATA/postmaster.pid ]]; then
  stale=$(head -n1 "$PGDATA/postmaster.pid")
  if [[ $stale =~ ^[0-9]+$ ]] && kill -0 "$stale" 2>/dev/null; then rm -f "$PGDATA/postmaster.pid"; fi
fi
# The socket lock file (.s.PGSQL.PORT.lock) carries the old PID too; the socket dir is this cluster's alone.
rm -f "$SOCK"/.s.PGSQL.*

port_busy "$PORT" && die "port $PORT on $HOST is already in use (choose another PORT)"

# ---- directories: postgres must reach them (mktemp -d makes 0700 root-owned folders) ---------------
chmod 0755 "$BASE"
mkdir -p "$PGDATA" "$SOCK"
touch "$LOG"   # the server appends to it, so postgres must own it (pg_ctl fails otherwise)
if [[ $EUID -eq 0 ]]; then chown "$PG_OS_USER:" "$PGDATA" "$SOCK" "$LOG"; fi
as_pg test -w "$PGDATA" -a -w "$SOCK" -a -w "$LOG" \
  || die "user $PG_OS_USER cannot write under $BASE (is a parent folder not world-traversable?)"

# ---- throwaway cluster (first start only) -------------------------------------------------------
if [[ ! -s $PGDATA/PG_VERSION ]]; then
  t=$(now_ms)
  pwfile=$SOCK/.pwfile
  echo "$PASSWORD" > "$pwfile"
  chmod 0600 "$pwfile"
  if [[ $EUID -eq 0 ]]; then chown "$PG_OS_USER:" "$pwfile"; fi
  # --no-sync: the cluster is disposable, so skip initdb's final flush (saves ~1 s on this disk).
  # --auth-host=scram-sha-256 puts "host all all 127.0.0.1/32 scram-sha-256" into pg_hba.conf.
  if ! as_pg "$PG_BIN/initdb" -D "$PGDATA" -U postgres --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 --no-sync > "$BASE/initdb.log" 2>&1; then
    rm -f "$pwfile"
    cat "$BASE/initdb.log" >&2
    die "initdb failed"
  fi
  rm -f "$pwfile"
  # Our settings live in their own file (rewritten on every start), leaving postgresql.auto.conf to ALTER SYSTEM.
  echo "include_if_exists = 'pg-start.conf'" | as_pg tee -a "$PGDATA/postgresql.conf" > /dev/null
  log "initdb done in $(( $(now_ms) - t )) ms"
fi

# Rewritten each start so the same BASE_DIR can be restarted on another port. fsync stays on (default).
sock_sql=${SOCK//\'/\'\'}
as_pg tee "$PGDATA/pg-start.conf" > /dev/null <<EOF
# Written by scripts/pg-start.sh on every start.
listen_addresses = '$HOST'
port = $PORT
unix_socket_directories = '$sock_sql'
max_connections = 200
EOF

# The postmaster outlives this script: start it with every inherited fd above 2 closed, so it never holds
# a caller's pipe open (a CI runner waiting for EOF would hang) or the BASE_DIR lock.
start_server() {
  local fd
  for fd in /proc/"$BASHPID"/fd/*; do
    fd=${fd##*/}
    if (( fd > 2 )); then eval "exec $fd>&-" 2>/dev/null || true; fi
  done
  as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$LOG" -w -t 30 start > /dev/null
}
t=$(now_ms)
if ! ( start_server ); then
  tail -n 20 "$LOG" >&2
  die "postgres did not start (log: $LOG)"
fi
pid=$(head -n1 "$PGDATA/postmaster.pid")
echo "$pid" > "$BASE/pg.pid"
wait_ready "$PORT" || { tail -n 20 "$LOG" >&2; die "postgres (pid $pid) does not accept connections on $HOST:$PORT"; }
check_login "$PORT" || die "password login as postgres over $HOST:$PORT failed"
write_env "$PORT"
log "postgres up (pid $pid) on $HOST:$PORT in $(( $(now_ms) - T0 )) ms (pg_ctl start $(( $(now_ms) - t )) ms); env: $BASE/pg.env"
