#!/usr/bin/env bash
# Stop the mail stack that scripts/mailstack-start.sh started in BASE_DIR.
#
#   scripts/mailstack-stop.sh BASE_DIR [--purge]
#
# Stops Dovecot and the SMTP relay by their recorded PIDs, in parallel: SIGTERM, then SIGKILL after 15 s.
# A PID is only signalled if its command line names this BASE_DIR (guards against PID reuse). A missing
# BASE_DIR or an already stopped / killed stack is not an error.
# --purge then deletes BASE_DIR (only a folder made by mailstack-start.sh). As the mail is thrown away
# anyway, --purge kills Dovecot at once instead of waiting ~1.1 s for its orderly shutdown.
set -euo pipefail

log() { echo "[mailstack-stop] $*" >&2; }
die() { echo "[mailstack-stop] ERROR: $*" >&2; exit 1; }

[[ $# -ge 1 && $# -le 2 && -n $1 ]] || die "usage: $0 BASE_DIR [--purge]"
PURGE=no
if [[ $# -eq 2 ]]; then [[ $2 == --purge ]] || die "unknown option '$2' (usage: $0 BASE_DIR [--purge])"; PURGE=yes; fi
if [[ ! -d $1 ]]; then log "$1: no such folder, nothing to stop"; exit 0; fi
BASE=$(cd "$1" && pwd -P)
CONF=$BASE/dovecot/dovecot.conf

now_ms() { date +%s%3N; }
# alive PID: exists and is not a zombie. Daemons here are re-parented to PID 1, which reaps them seconds
# late; waiting for `kill -0` to fail would add those seconds to every stop.
alive() {
  [[ $1 =~ ^[0-9]+$ ]] || return 1
  local st
  st=$(sed 's/.*) //' "/proc/$1/stat" 2> /dev/null | cut -d' ' -f1)
  [[ -n $st && $st != Z ]]
}
owned() { alive "$1" && tr '\0' ' ' < "/proc/$1/cmdline" 2> /dev/null | grep -qF -- "$2"; }
# session_procs SID: live Dovecot processes of the instance whose master had PID SID. The master setsid()s
# when it daemonizes, so its children keep that session id even after the master is gone (kill -9).
session_procs() {
  local p line st sid exe
  [[ $1 =~ ^[0-9]+$ ]] || return 0
  for p in /proc/[0-9]*; do
    read -r line 2> /dev/null < "$p/stat" || continue
    read -r st _ _ sid _ <<< "${line##*) }"
    [[ $sid == "$1" && $st != Z ]] || continue
    exe=$(readlink "$p/exe" 2> /dev/null) || continue
    [[ $exe == /usr/lib/dovecot/* || $exe == /usr/sbin/dovecot ]] && echo "${p#/proc/}"
  done
  return 0
}
# wait_gone SECONDS PID...: until none of the PIDs is alive
wait_gone() {
  local end=$(( $(now_ms) + $1 * 1000 )) p any
  shift
  while :; do
    any=no
    for p in "$@"; do alive "$p" && any=yes && break; done
    [[ $any == no ]] && return 0
    (( $(now_ms) < end )) || return 1
    sleep 0.02
  done
}

# Serialize with mailstack-start.sh on the same BASE_DIR (its lock file marks the folder as a stack).
if [[ -e $BASE/.mailstack.lock ]]; then
  exec 9>> "$BASE/.mailstack.lock"
  flock -w 60 9 || die "another mailstack-start/stop holds $BASE/.mailstack.lock"
fi

stop_dovecot() {
  local pid t0 procs
  pid=$(head -n1 "$BASE/dovecot/run/master.pid" 2> /dev/null) || true
  [[ $pid =~ ^[0-9]+$ ]] || return 0
  t0=$(now_ms)
  if alive "$pid" && ! owned "$pid" "$CONF"; then
    # The PID was reused by an unrelated process: ours is long gone, and so are its children.
    rm -f "$BASE/dovecot/run/master.pid"
    return 0
  fi
  if alive "$pid"; then
    if [[ $PURGE == yes ]]; then
      kill -KILL "$pid" 2> /dev/null || true   # master first, so it can't restart the children we kill next
    else
      # SIGTERM: the master stops its children, then exits (it sleeps 1 s for its log process first).
      kill -TERM "$pid" 2> /dev/null || true
      if ! wait_gone 15 "$pid"; then log "dovecot (pid $pid) ignored SIGTERM for 15 s: SIGKILL"; kill -KILL "$pid" 2> /dev/null || true; fi
    fi
  fi
  # Children left behind by a killed master (ours now, or an earlier kill -9) exit on their own; make sure.
  mapfile -t procs < <(session_procs "$pid")
  if (( ${#procs[@]} )); then
    [[ $PURGE == yes ]] || wait_gone 2 "${procs[@]}" || true
    mapfile -t procs < <(session_procs "$pid")
    if (( ${#procs[@]} )); then kill -KILL "${procs[@]}" 2> /dev/null || true; fi
  fi
  mapfile -t procs < <(session_procs "$pid")
  wait_gone 5 "$pid" "${procs[@]}" || { log "ERROR: dovecot processes of $BASE survive SIGKILL"; return 1; }
  rm -f "$BASE/dovecot/run/master.pid"
  log "dovecot stopped (pid $pid) in $(( $(now_ms) - t0 )) ms"
}
stop_relay() {
  local pid t0
  pid=$(head -n1 "$BASE/relay/relay.pid" 2> /dev/null) || true
  [[ $pid =~ ^[0-9]+$ ]] || return 0
  t0=$(now_ms)
  if owned "$pid" "$BASE/relay-bin/"; then
    kill -TERM "$pid" 2> /dev/null || true
    if ! wait_gone 15 "$pid"; then log "relay (pid $pid) ignored SIGTERM for 15 s: SIGKILL"; kill -KILL "$pid" 2> /dev/null || true; fi
    wait_gone 5 "$pid" || { log "ERROR: relay pid $pid survives SIGKILL"; return 1; }
    log "relay stopped (pid $pid) in $(( $(now_ms) - t0 )) ms"
  fi
  rm -f "$BASE/relay/relay.pid"
}

T0=$(now_ms)
stop_dovecot & dj=$!
stop_relay & rj=$!
rc=0
wait "$dj" || rc=1
wait "$rj" || rc=1
log "stopped in $(( $(now_ms) - T0 )) ms"

if [[ $PURGE == yes ]]; then
  (( rc == 0 )) || die "not purging $BASE: something could not be stopped"
  # Guard against deleting an unrelated folder given by mistake.
  [[ $BASE != / && $BASE != "${HOME:-/}" ]] || die "refusing to purge $BASE"
  [[ -e $BASE/.mailstack.lock || -z $(ls -A "$BASE") ]] || die "refusing to purge $BASE: it was not made by mailstack-start.sh"
  rm -rf "$BASE"
  log "removed $BASE"
fi
exit $rc
