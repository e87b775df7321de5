#!/usr/bin/env bash
# ServerSync's test command (CI runs it through .ci/run).
#
#   scripts/test.sh [extra dotnet test args, e.g. --filter FullyQualifiedName~Sync]
#
# 1. checks the .NET SDK and installs Debian's chromium (apt) when missing, for the admin center's browser
# tests, 2. starts a throwaway PostgreSQL (scripts/pg-start.sh) and exports SERVERSYNC_TEST_PG, then a
# throwaway mail stack (scripts/mailstack-start.sh: Dovecot + SMTP relay, needs root) and exports
# SERVERSYNC_TEST_MAILSTACK=<its mailstack.env>, 3. builds the solution in Release, 4. runs every
# tests/**/*.Tests.csproj (all of them, even after a failure) writing .trx files to artifacts/test-results,
# 5. stops and deletes the database and the mail stack, prints one line per test project and, as the very
# last line, "N passed, N failed" (", N skipped" appended when non-zero).
# Exit status is non-zero if the build failed, any test failed, a test run crashed, or no test ran.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
RESULTS=$ROOT/artifacts/test-results
# Keep the output free of first-run banners and telemetry notices.
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say() { echo "[test.sh] $*"; }

PG_BASE=""
MAIL_BASE=""
cleanup() {
  # Idempotent: runs once before the summary, and again (as a no-op) from the EXIT trap.
  if [[ -n $MAIL_BASE ]]; then
    bash "$ROOT/scripts/mailstack-stop.sh" "$MAIL_BASE" --purge \
      || say "WARNING: could not stop/purge the mail stack in $MAIL_BASE"
    MAIL_BASE=""
  fi
  if [[ -n $PG_BASE ]]; then
    bash "$ROOT/scripts/pg-stop.sh" "$PG_BASE" --purge || say "WARNING: could not stop/purge PostgreSQL in $PG_BASE"
    PG_BASE=""
  fi
}
trap cleanup EXIT
trap 'exit 130' INT    # make Ctrl-C / kill run the EXIT trap too
trap 'exit 143' TERM
# fail_early MESSAGE: nothing was tested; still end with the totals line so the output is uniform.
fail_early() {
  say "ERROR: $*" >&2
  cleanup
  echo "0 passed, 0 failed"
  exit 1
}

# ---- (a) .NET SDK ---------------------------------------------------------------------------
command -v dotnet > /dev/null || fail_early "dotnet not found on PATH (the .NET 10 SDK is required)"
sdks=$(dotnet --list-sdks 2> /dev/null || true)
[[ -n $sdks ]] || fail_early "dotnet is installed but no .NET SDK is (dotnet --list-sdks is empty)"
say "dotnet SDK $(dotnet --version)"
command -v python3 > /dev/null || fail_early "python3 not found (needed to read the .trx results)"

# ---- (a2) headless Chromium for the admin center's browser tests --------------------------------
# Playwright drives Debian's chromium (/usr/bin/chromium); it must never download a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PLAYWRIGHT_BROWSERS_PATH=0
if [[ ! -x /usr/bin/chromium ]]; then
  say "installing Debian's chromium (apt) for tests/ServerSync.AdminUi.Tests"
  mkdir -p "$ROOT/artifacts"
  if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } > "$ROOT/artifacts/apt-chromium.log" 2>&1; then
    say "WARNING: could not install chromium (see artifacts/apt-chromium.log); the admin center's browser tests will fail"
  fi
fi

# ---- (b) throwaway PostgreSQL -------------------------------------------------------------------
PG_BASE=$(mktemp -d /tmp/serversync-test-pg.XXXXXX)
# Port: SERVERSYNC_TEST_PG_PORT if set, else the first free one from 55432 on (so a developer's own
# pg-start.sh cluster or a parallel test run doesn't make this run fail).
port_busy() { (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }
pg_started=no
for port in ${SERVERSYNC_TEST_PG_PORT:-$(seq 55432 55531)}; do
  port_busy "$port" && continue
  if bash "$ROOT/scripts/pg-start.sh" "$PG_BASE" "$port"; then pg_started=yes; break; fi
  port_busy "$port" || break   # failed for another reason than a port race: don't retry
done
[[ $pg_started == yes ]] || fail_early "could not start PostgreSQL (see messages above)"
set -a
# shellcheck source=/dev/null
. "$PG_BASE/pg.env"
set +a
say "SERVERSYNC_TEST_PG=$SERVERSYNC_TEST_PG"

# ---- (b2) throwaway mail stack (Dovecot IMAP/POP3/LMTP/submission + SMTP relay) ----------------------
MAIL_BASE=$(mktemp -d /tmp/serversync-test-mail.XXXXXX)
# Ports 20000+OFFSET..+8: SERVERSYNC_TEST_MAILSTACK_OFFSET if set, else the first offset (0, 10, 20, ...)
# whose ports are free; exit status 3 means another stack grabbed one meanwhile: try the next offset.
mail_started=no
for offset in ${SERVERSYNC_TEST_MAILSTACK_OFFSET:-$(seq 0 10 990)}; do
  busy=no
  for d in 0 1 2 3 4 7 8; do if port_busy $((20000 + offset + d)); then busy=yes; break; fi; done
  [[ $busy == yes ]] && continue
  rc=0
  bash "$ROOT/scripts/mailstack-start.sh" "$MAIL_BASE" "$offset" || rc=$?
  if (( rc == 0 )); then mail_started=yes; break; fi
  (( rc == 3 )) || break
done
[[ $mail_started == yes ]] || fail_early "could not start the mail stack (see messages above)"
export SERVERSYNC_TEST_MAILSTACK=$MAIL_BASE/mailstack.env
say "SERVERSYNC_TEST_MAILSTACK=$SERVERSYNC_TEST_MAILSTACK"

# ---- (c) build -------------------------------------------------------------------------------
SLN=ServerSync.slnx
if [[ ! -f $SLN ]]; then
  SLN=$(find . -maxdepth 1 -type f \( -name '*.sln' -o -name '*.slnx' \) -printf '%f\n' | sort | head -n1)
fi
[[ -n $SLN ]] || fail_early "no ServerSync.slnx (or other *.sln/*.slnx) in $ROOT"
say "building $SLN (Release)"
dotnet build "$SLN" -c Release || fail_early "build failed"

# ---- (d) tests ---------------------------------------------------------------------------------
mapfile -t PROJECTS < <(find tests -type f -name '*.Tests.csproj' -not -path '*/bin/*' -not -path '*/obj/*' 2> /dev/null | sort)
(( ${#PROJECTS[@]} )) || fail_early "no test projects (tests/**/*.Tests.csproj) found"
rm -rf "$RESULTS"   # stale .trx files must not be counted
mkdir -p "$RESULTS"
MANIFEST=$RESULTS/projects.tsv   # name <TAB> dotnet test exit code <TAB> trx path, read by the summary
: > "$MANIFEST"
# A global.json opting into Microsoft.Testing.Platform makes `dotnet test` reject VSTest's --logger;
# that mode takes --report-trx instead (the test framework must support it, e.g. xunit.v3).
MTP=no
if [[ -f global.json ]] && grep -Eq '"runner"[[:space:]]*:[[:space:]]*"Microsoft\.Testing\.Platform"' global.json; then MTP=yes; fi
for proj in "${PROJECTS[@]}"; do
  name=$(basename "$proj" .csproj)
  say "testing $name"
  rc=0
  if [[ $MTP == yes ]]; then
    dotnet test --project "$proj" -c Release --no-build --report-trx --report-trx-filename "$name.trx" \
      --results-directory "$RESULTS" "$@" || rc=$?
  else
    dotnet test "$proj" -c Release --no-build --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS" "$@" || rc=$?
  fi
  printf '%s\t%s\t%s\n' "$name" "$rc" "$RESULTS/$name.trx" >> "$MANIFEST"
done

# ---- (e) summary -----------------------------------------------------------------------------
cleanup   # stop the database and the mail stack now, so nothing is printed after the totals line
set +e
python3 - "$MANIFEST" <<'PY'
# Sum the <ResultSummary><Counters .../> of every project's .trx. A project whose `dotnet test` failed
# without any failed test in its .trx (test host crash, no .trx written) counts as one failed test,
# so the totals line never looks green when the run was not.
import sys
import xml.etree.ElementTree as ET

def counters(path):
    for el in ET.parse(path).getroot().iter():
        if el.tag.rsplit('}', 1)[-1] == 'Counters':
            return {k: int(v) for k, v in el.attrib.items() if v.lstrip('-').isdigit()}
    raise ValueError('no <Counters> element')

tp = tf = ts = 0
for line in open(sys.argv[1], encoding='utf-8'):
    name, rc, trx = line.rstrip('\n').split('\t')
    rc = int(rc)
    note = ''
    try:
        c = counters(trx)
        passed = c.get('passed', 0)
        failed = sum(c.get(k, 0) for k in ('failed', 'error', 'timeout', 'aborted'))
        skipped = c.get('notExecuted', 0) or max(c.get('total', 0) - c.get('executed', 0), 0)
    except (OSError, ET.ParseError, ValueError) as e:
        passed = skipped = 0
        failed = 1
        note = f' (no usable results: {e.__class__.__name__}: {e}; dotnet test exit code {rc})'
    else:
        if rc != 0 and failed == 0:
            failed = 1
            note = f' (dotnet test exited with {rc} without a failed test: counted as 1 failure)'
    tp, tf, ts = tp + passed, tf + failed, ts + skipped
    line = f'{name}: {passed} passed, {failed} failed'
    if skipped:
        line += f', {skipped} skipped'
    print(line + note, flush=True)

total = f'{tp} passed, {tf} failed' + (f', {ts} skipped' if ts else '')
if tp + tf == 0:
    print('[test.sh] ERROR: no test ran', flush=True)
print(total, flush=True)
sys.exit(1 if tf or tp + tf == 0 else 0)
PY
exit $?
