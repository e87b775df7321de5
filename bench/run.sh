#!/usr/bin/env bash
# ServerSync's benchmarks (results to files; nothing here asserts a time).
#
#   bench/run.sh [import|latency|idle-cycle|all] [options for ServerSync.Bench, e.g. --stores sqlite --runs 1]
#
# 1. starts a throwaway PostgreSQL (scripts/pg-start.sh, first free port from 55900) and a throwaway mail stack
#    (scripts/mailstack-start.sh, port offset 900 or the next free one up to 990) and exports SERVERSYNC_TEST_PG and
#    SERVERSYNC_TEST_MAILSTACK, as scripts/test.sh does for the tests;
# 2. lets that stack's Dovecot hold many TLS IMAP sessions (see tune_dovecot below) and restarts it;
# 3. builds bench/ServerSync.Bench in Release (build output in bench/.build, so it never races the tests' bin/obj);
# 4. runs the scenario(s): the server runs in-process inside the bench (tests/ServerSync.Testing fixtures);
#    each writes bench/results/<scenario>.md (Markdown tables) and <scenario>.json (raw numbers), and its console
#    output goes to bench/results/<scenario>.log;
# 5. stops PostgreSQL and the mail stack by their recorded PIDs and deletes their folders.
#
# Environment knobs:
#   BENCH_MAIL_BASE=DIR   use (and keep) this mail stack folder instead of a throwaway one: the 10,000-message import
#                         mailbox is then delivered once and reused by later runs (its count is checked).
#   BENCH_SOURCE=head     build from `git archive HEAD` (plus the working bench/) instead of the working tree, e.g.
#                         while someone's unfinished change in src/ doesn't compile. Default: the working tree.
#   BENCH_RESULTS=DIR     where the result files go (default bench/results)
#   BENCH_QUIET_WAIT=S    before each scenario wait up to S seconds (default 60) for the 1-minute load average to drop
#                         below BENCH_QUIET_LOAD (default 1.5); the load at start and end is written to the results.
# Runtime on 2 cores: import ~8-9 min the first time (corpus generation ~45 s, LMTP delivery ~1 min, cached/reused
# afterwards when BENCH_MAIL_BASE is set), latency ~3 min, idle-cycle ~8-9 min.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
say() { echo "[bench/run.sh] $*"; }
die() { echo "[bench/run.sh] ERROR: $*" >&2; exit 1; }

SCENARIO=${1:-all}
[[ $# -gt 0 ]] && shift
case $SCENARIO in
  import | latency | idle-cycle) SCENARIOS=("$SCENARIO") ;;
  all) SCENARIOS=(import latency idle-cycle) ;;
  -h | --help) sed -n '2,25p' "$0"; exit 0 ;;
  *) echo "usage: $0 [import|latency|idle-cycle|all] [bench options]" >&2; exit 2 ;;
esac
RESULTS=${BENCH_RESULTS:-$ROOT/bench/results}
mkdir -p "$RESULTS"

PG_BASE=""
MAIL_BASE=""
SNAP=""
cleanup() {
  if [[ -n $MAIL_BASE ]]; then
    if [[ -n ${BENCH_MAIL_BASE:-} ]]; then
      bash "$ROOT/scripts/mailstack-stop.sh" "$MAIL_BASE" || say "WARNING: could not stop the mail stack in $MAIL_BASE"
    else
      bash "$ROOT/scripts/mailstack-stop.sh" "$MAIL_BASE" --purge || say "WARNING: could not stop/purge the mail stack in $MAIL_BASE"
    fi
    MAIL_BASE=""
  fi
  if [[ -n $PG_BASE ]]; then
    bash "$ROOT/scripts/pg-stop.sh" "$PG_BASE" --purge || say "WARNING: could not stop/purge PostgreSQL in $PG_BASE"
    PG_BASE=""
  fi
  if [[ -n $SNAP ]]; then rm -rf "$SNAP"; SNAP=""; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

command -v dotnet > /dev/null || die "dotnet not found (the .NET 10 SDK is required)"
command -v python3 > /dev/null || die "python3 not found (bench/gen-messages.py)"
[[ $EUID -eq 0 ]] || die "run as root (the mail stack's Dovecot needs it)"
port_busy() { (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }
# alive PID: exists and is not a zombie (daemons here are reaped late by PID 1)
alive() {
  local st
  st=$(sed 's/.*) //' "/proc/$1/stat" 2> /dev/null | cut -d' ' -f1)
  [[ -n $st && $st != Z ]]
}

# ---- PostgreSQL --------------------------------------------------------------------------------
PG_BASE=$(mktemp -d /tmp/serversync-bench-pg.XXXXXX)
pg_started=no
for port in $(seq 55900 55999); do
  port_busy "$port" && continue
  if bash "$ROOT/scripts/pg-start.sh" "$PG_BASE" "$port"; then pg_started=yes; break; fi
  port_busy "$port" || break
done
[[ $pg_started == yes ]] || die "could not start PostgreSQL"
set -a
# shellcheck source=/dev/null
. "$PG_BASE/pg.env"
set +a
say "SERVERSYNC_TEST_PG=$SERVERSYNC_TEST_PG"
BENCH_PG_PID=$(head -n1 "$PG_BASE/pg.pid")   # the bench reads PostgreSQL's CPU time from /proc
export BENCH_PG_PID

# ---- mail stack (offset 900: the tests take the first free offset from 0 up) ------------------------
MAIL_BASE=${BENCH_MAIL_BASE:-$(mktemp -d /tmp/serversync-bench-mail.XXXXXX)}
mkdir -p "$MAIL_BASE"
mail_started=no
for offset in $(seq 900 10 990); do
  rc=0
  if [[ ! -s $MAIL_BASE/mailstack.env ]]; then
    busy=no
    for d in 0 1 2 3 4 7 8; do if port_busy $((20000 + offset + d)); then busy=yes; break; fi; done
    [[ $busy == yes ]] && continue
  fi
  bash "$ROOT/scripts/mailstack-start.sh" "$MAIL_BASE" "$offset" || rc=$?
  if (( rc == 0 )); then mail_started=yes; break; fi
  (( rc == 3 )) || break
done
[[ $mail_started == yes ]] || die "could not start the mail stack"
export SERVERSYNC_TEST_MAILSTACK=$MAIL_BASE/mailstack.env
say "SERVERSYNC_TEST_MAILSTACK=$SERVERSYNC_TEST_MAILSTACK"

# ---- Dovecot for many TLS sessions ----------------------------------------------------------------
# The stack's Dovecot runs imap-login in its default high-security mode: one login process per connection,
# and for a TLS connection that process stays for the whole session as the TLS proxy, with at most
# default_process_limit (100) of them. ServerSync keeps an IMAP IDLE session open per enabled mailbox, so from
# ~100 mailboxes on new logins are dropped ("service(imap-login): process_limit (100) reached") and Test & Enable
# fails. Production Dovecots serving many clients use the high-performance login mode instead; this appends it to
# this run's generated dovecot.conf (nothing in scripts/ changes) and restarts that Dovecot.
TUNING="imap-login service_count=0 (high-performance mode), client_limit=2500, process_min_avail=2; imap process_limit=5000; default_client_limit=5000"
tune_dovecot() {
  local conf=$MAIL_BASE/dovecot/dovecot.conf pidfile=$MAIL_BASE/dovecot/run/master.pid pid i
  grep -q '^# bench/run.sh tuning' "$conf" && return 0
  cat >> "$conf" << 'EOF'

# bench/run.sh tuning: many concurrent TLS IMAP sessions (one IDLE connection per enabled mailbox)
default_client_limit = 5000
service imap-login {
  service_count = 0
  process_min_avail = 2
  client_limit = 2500
  vsz_limit = 1G
}
service imap {
  process_limit = 5000
}
EOF
  doveconf -c "$conf" -n > /dev/null || die "the tuned dovecot.conf is not valid"
  pid=$(head -n1 "$pidfile")
  [[ $pid =~ ^[0-9]+$ ]] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qF -- "$conf" || die "no Dovecot of $MAIL_BASE running"
  kill -TERM "$pid"
  for i in $(seq 200); do alive "$pid" || break; sleep 0.05; done
  alive "$pid" && die "Dovecot (pid $pid) did not stop"
  (setsid /usr/sbin/dovecot -c "$conf" < /dev/null > /dev/null 2>&1) || die "Dovecot did not start with the tuned config"
  # shellcheck source=/dev/null
  . "$SERVERSYNC_TEST_MAILSTACK"
  for i in $(seq 200); do port_busy "$MAILSTACK_IMAP_PORT" && port_busy "$MAILSTACK_LMTP_PORT" && break; sleep 0.05; done
  port_busy "$MAILSTACK_IMAP_PORT" || die "Dovecot is not listening on $MAILSTACK_IMAP_PORT after the restart"
  say "Dovecot restarted (pid $(head -n1 "$pidfile")) with: $TUNING"
}
tune_dovecot
export BENCH_DOVECOT_TUNING=$TUNING

# ---- build -------------------------------------------------------------------------------------
SRC=$ROOT
if [[ ${BENCH_SOURCE:-worktree} == head ]]; then
  SNAP=$(mktemp -d /tmp/serversync-bench-src.XXXXXX)
  git -C "$ROOT" archive HEAD | tar -x -C "$SNAP"
  rm -rf "$SNAP/bench"
  mkdir -p "$SNAP/bench" "$ROOT/bench/.cache"
  cp -r "$ROOT/bench/ServerSync.Bench" "$ROOT/bench/gen-messages.py" "$SNAP/bench/"
  ln -s "$ROOT/bench/.cache" "$SNAP/bench/.cache"   # the generated corpus is shared
  SRC=$SNAP
  export BENCH_GIT="$(git -C "$ROOT" rev-parse --short HEAD) (git archive HEAD; bench/ from the working tree)"
else
  dirty=""
  git -C "$ROOT" diff --quiet HEAD -- src tests 2> /dev/null || dirty=" + uncommitted changes in src/ or tests/"
  [[ -z $(git -C "$ROOT" ls-files --others --exclude-standard -- src tests 2> /dev/null) ]] || dirty=" + uncommitted changes in src/ or tests/"
  export BENCH_GIT="$(git -C "$ROOT" rev-parse --short HEAD 2> /dev/null || echo '?')$dirty (working tree)"
fi
BUILD=$SRC/bench/.build
say "building bench/ServerSync.Bench (Release) from $SRC"
dotnet build "$SRC/bench/ServerSync.Bench/ServerSync.Bench.csproj" -c Release --artifacts-path "$BUILD" -v quiet -nologo \
  || die "build failed (if someone's change in src/ is half done, BENCH_SOURCE=head builds the last commit)"
DLL=$BUILD/bin/ServerSync.Bench/release/ServerSync.Bench.dll
[[ -f $DLL ]] || die "$DLL missing after the build"
export BENCH_DOTNET_SDK=$(dotnet --version)

# ---- run -------------------------------------------------------------------------------------
wait_quiet() {
  local limit=${BENCH_QUIET_WAIT:-60} max=${BENCH_QUIET_LOAD:-1.5} waited=0 load
  while :; do
    load=$(cut -d' ' -f1 /proc/loadavg)
    awk -v l="$load" -v m="$max" 'BEGIN { exit !(l < m) }' && break
    (( waited >= limit )) && { say "load average still $load after ${waited} s; running anyway (it is in the results)"; break; }
    (( waited == 0 )) && say "load average $load: waiting up to ${limit} s for < $max (other work on this machine)"
    sleep 5
    waited=$((waited + 5))
  done
}
status=0
for s in "${SCENARIOS[@]}"; do
  wait_quiet
  say "== $s"
  rc=0
  dotnet "$DLL" "$s" --results "$RESULTS" "$@" 2>&1 | tee "$RESULTS/$s.log" || rc=$?
  (( rc == 0 )) || { say "scenario $s failed (exit $rc); see $RESULTS/$s.log"; status=1; }
done
say "results: $(cd "$RESULTS" && ls ./*.md 2> /dev/null | tr '\n' ' ')"
exit $status
