#!/usr/bin/env bash
# Stop the throwaway PostgreSQL cluster that scripts/pg-start.sh started in BASE_DIR.
#
#   scripts/pg-stop.sh BASE_DIR [--purge]
#
# Stops by the recorded PID (BASE_DIR/pg.pid, else BASE_DIR/pg/postmaster.pid) with a fast shutdown,
# falling back to signals. A missing BASE_DIR or an already stopped / hard-killed server is not an
# error. --purge then deletes BASE_DIR (only if it looks like a pg-start.sh folder).
set -euo pipefail

log() { echo "[pg-stop] $*" >&2; }
die() { echo "[pg-stop] ERROR: $*" >&2; exit 1; }

[[ $# -ge 1 && $# -le 2 && -n $1 ]] || die "usage: $0 BASE_DIR [--purge]"
PURGE=no
if [[ $# -eq 2 ]]; then [[ $2 == --purge ]] || die "unknown option '$2' (usage: $0 BASE_DIR [--purge])"; PURGE=yes; fi
if [[ ! -d $1 ]]; then log "$1: no such folder, nothing to stop"; exit 0; fi

PG_BIN=/usr/lib/postgresql/15/bin
PG_OS_USER=postgres
BASE=$(cd "$1" && pwd -P)
PGDATA=$BASE/pg

now_ms() { date +%s%3N; }
# fd 9 (the BASE_DIR lock) is closed for these: a postmaster inheriting it would hold the lock forever.
as_pg() { if [[ $EUID -eq 0 ]]; then runuser -u "$PG_OS_USER" -- "$@" 9>&-; else "$@" 9>&-; fi; }
# Same checks as pg-start.sh: live, not a zombie, working directory is this data dir (PID-reuse guard).
is_ours() {
  local pid=$1
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [[ $(readlink "/proc/$pid/cwd" 2>/dev/null) == "$PGDATA" ]] || return 1
  [[ $(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1) != Z ]]
}
# (comm is read with a builtin so the /proc scan forks only for postgres processes: it runs in loops.)
leftovers() {
  local p comm
  for p in /proc/[0-9]*; do
    read -r comm 2>/dev/null < "$p/comm" || continue
    [[ $comm == postgres && $(readlink "$p/cwd" 2>/dev/null) == "$PGDATA" ]] && echo "${p#/proc/}"
  done
  return 0
}

# Serialize with pg-start.sh on the same BASE_DIR (the lock file only exists in folders pg-start made).
if [[ -e $BASE/.pg-start.lock ]]; then
  exec 9>>"$BASE/.pg-start.lock"
  flock -w 60 9 || die "another pg-start/pg-stop holds $BASE/.pg-start.lock"
fi

T0=$(now_ms)
pid=""
[[ -s $BASE/pg.pid ]] && pid=$(head -n1 "$BASE/pg.pid")
if ! is_ours "$pid" && [[ -s $PGDATA/postmaster.pid ]]; then pid=$(head -n1 "$PGDATA/postmaster.pid"); fi

if is_ours "$pid"; then
  # Fast shutdown: roll back open transactions, disconnect clients, then exit (no need to wait for tests).
  if ! as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w -t 30 stop > /dev/null 2>&1; then
    log "pg_ctl stop failed; signalling pid $pid"
    kill -INT "$pid" 2>/dev/null || true   # SIGINT = fast shutdown
    for _ in $(seq 150); do is_ours "$pid" || break; sleep 0.1; done
    if is_ours "$pid"; then log "pid $pid ignored SIGINT for 15 s, sending SIGKILL"; kill -KILL "$pid" 2>/dev/null || true; fi
  fi
  log "postgres stopped (pid $pid) in $(( $(now_ms) - T0 )) ms"
else
  log "postgres in $BASE is not running"
fi

# After a hard kill of the postmaster its backends may linger briefly; don't leave any behind.
mapfile -t orphans < <(leftovers)
if (( ${#orphans[@]} )); then
  for _ in $(seq 50); do mapfile -t orphans < <(leftovers); (( ${#orphans[@]} )) || break; sleep 0.1; done
  if (( ${#orphans[@]} )); then log "killing leftover postgres processes: ${orphans[*]}"; kill -KILL "${orphans[@]}" 2>/dev/null || true; fi
fi
rm -f "$BASE/pg.pid"

if [[ $PURGE == yes ]]; then
  # Guard against deleting an unrelated folder given by mistake: it must carry pg-start.sh's lock file
  # (or be empty), and must not be / or $HOME.
  [[ $BASE != / && $BASE != "${HOME:-/}" ]] || die "refusing to purge $BASE"
  if [[ ! -e $BASE/.pg-start.lock && -n $(ls -A "$BASE") ]]; then
    die "refusing to purge $BASE: it was not created by pg-start.sh"
  fi
  mapfile -t orphans < <(leftovers)
  (( ${#orphans[@]} == 0 )) || die "not purging $BASE: postgres processes still running (${orphans[*]})"
  rm -rf "$BASE"
  log "removed $BASE"
fi
