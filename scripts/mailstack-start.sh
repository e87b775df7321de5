#!/usr/bin/env bash
# Start ServerSync's throwaway mail server stack on 127.0.0.1 for tests and benchmarks:
# Dovecot (IMAP, IMAPS, POP3, POP3S, LMTP, submission) + the test SMTP relay (tools/ServerSync.TestSmtpRelay).
#
#   scripts/mailstack-start.sh BASE_DIR [PORT_OFFSET]        (as root; PORT_OFFSET defaults to 0)
#
# Ports, P = 20000 + PORT_OFFSET (use offsets in steps of 10 for stacks side by side):
#   P+0 IMAP (plaintext, STARTTLS offered)   P+3 submission (AUTH required; relays to P+4)   P+7 IMAPS
#   P+1 POP3 (plaintext, STLS offered)       P+4 SMTP relay (no AUTH)                          P+8 POP3S
#   P+2 LMTP (delivery into mailboxes)
# Users: MAILSTACK_USERS (default "alice bob carol") @ MAILSTACK_DOMAIN (default example.test), password
# <localpart>-pass. More users at runtime: scripts/mailstack-add-user.sh. Inject mail: scripts/mailstack-deliver.sh.
#
# Installs the Debian packages when missing. Everything else lives in BASE_DIR (config, TLS cert, maildirs,
# logs/, PID files); the relay build is cached in artifacts/mailstack-relay/<source hash>. Writes
# BASE_DIR/mailstack.env (KEY=VALUE, read by the tests through SERVERSYNC_TEST_MAILSTACK) once all ports answer.
# Re-running on a running stack just succeeds; a stopped or killed stack is started again with its mail and
# users. Stop with scripts/mailstack-stop.sh BASE_DIR [--purge]; check with scripts/mailstack-verify.sh BASE_DIR.
# Exit status: 0 up, 1 failed, 2 usage, 3 one of the ports is taken by something else (try another PORT_OFFSET).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
log() { echo "[mailstack-start] $*" >&2; }
die() { echo "[mailstack-start] ERROR: $1" >&2; exit "${2:-1}"; }

[[ $# -ge 1 && $# -le 2 && -n $1 ]] || die "usage: $0 BASE_DIR [PORT_OFFSET]" 2
OFFSET=${2:-0}
if ! [[ $OFFSET =~ ^[0-9]{1,5}$ ]] || (( OFFSET > 45527 )); then die "PORT_OFFSET must be a number in 0..45527, got '$OFFSET'" 2; fi
# mailstack.env is parsed by tests; keep its single-quoted values trivially parseable.
[[ $1 != *[\'$'\n']* ]] || die "BASE_DIR must not contain a single quote or a newline" 2
[[ $EUID -eq 0 ]] || die "run as root: Dovecot's master process switches to the mail uid for every user"

DOMAIN=${MAILSTACK_DOMAIN:-example.test}
USERS=${MAILSTACK_USERS:-alice bob carol}
[[ $DOMAIN =~ ^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$ ]] || die "MAILSTACK_DOMAIN '$DOMAIN' is not a domain name" 2
read -r -a USER_LIST <<< "$USERS"
(( ${#USER_LIST[@]} )) || die "MAILSTACK_USERS is empty" 2
HOST=127.0.0.1
# Maildirs belong to this numeric uid/gid; it needs no /etc/passwd entry (Dovecot's static userdb sets it).
MAIL_UID=5000 MAIL_GID=5000
P=$((20000 + OFFSET))
IMAP_PORT=$P POP3_PORT=$((P + 1)) LMTP_PORT=$((P + 2)) SUBMISSION_PORT=$((P + 3)) SMTP_PORT=$((P + 4))
IMAPS_PORT=$((P + 7)) POP3S_PORT=$((P + 8))
DOVECOT_PORTS=("$IMAP_PORT" "$IMAPS_PORT" "$POP3_PORT" "$POP3S_PORT" "$LMTP_PORT" "$SUBMISSION_PORT")

now_ms() { date +%s%3N; }
T0=$(now_ms)
port_busy() { (exec 3<> "/dev/tcp/$HOST/$1") 2> /dev/null; }
# alive PID: exists and is not a zombie. Daemons here are re-parented to PID 1, which reaps them late,
# so `kill -0` alone would report a dead daemon as alive.
alive() {
  [[ $1 =~ ^[0-9]+$ ]] || return 1
  local st
  st=$(sed 's/.*) //' "/proc/$1/stat" 2> /dev/null | cut -d' ' -f1)
  [[ -n $st && $st != Z ]]
}
# owned PID TEXT: alive and its command line contains TEXT (guards against PID reuse)
owned() { alive "$1" && tr '\0' ' ' < "/proc/$1/cmdline" 2> /dev/null | grep -qF -- "$2"; }
# detached COMMAND...: run COMMAND with every inherited fd above 2 closed (our locks, a caller's pipes),
# so a daemon never keeps them open (a CI runner waiting for EOF on a pipe would hang).
detached() {
  local fd
  for fd in /proc/"$BASHPID"/fd/*; do
    fd=${fd##*/}
    if (( fd > 2 )); then eval "exec $fd>&-" 2> /dev/null || true; fi
  done
  exec "$@"
}

# ---- packages (once per machine) ------------------------------------------------------------
PACKAGES=(dovecot-imapd dovecot-pop3d dovecot-lmtpd dovecot-submissiond isync)
missing_bins() {
  local b
  for b in /usr/sbin/dovecot /usr/bin/doveadm /usr/lib/dovecot/imap /usr/lib/dovecot/pop3 /usr/lib/dovecot/lmtp \
           /usr/lib/dovecot/submission /usr/bin/mbsync; do
    [[ -x $b ]] || echo "$b"
  done
}
if [[ -n $(missing_bins) ]]; then
  # Parallel starts (e.g. two test runs) install once: the second one waits here, then finds them.
  exec 8> "${TMPDIR:-/tmp}/serversync-mailstack-apt.lock"
  flock -w 900 8 || die "timed out waiting for another mailstack-start.sh to install packages"
  if [[ -n $(missing_bins) ]]; then
    log "installing ${PACKAGES[*]} (apt-get)"
    t=$(now_ms)
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >&2 || die "apt-get update failed"
    apt-get install -y -q -o DPkg::Lock::Timeout=300 "${PACKAGES[@]}" >&2 || die "apt-get install failed"
    [[ -z $(missing_bins) ]] || die "still missing after apt-get install: $(missing_bins | tr '\n' ' ')"
    log "packages installed in $(( $(now_ms) - t )) ms"
    # Debian starts the system-wide Dovecot after install unless policy-rc.d forbids it (Docker images do).
    # It is not ours (and listens on all addresses, ports 110/143/993/995): report it, don't touch it.
    if [[ -s /run/dovecot/master.pid ]] && alive "$(head -n1 /run/dovecot/master.pid)"; then
      log "WARNING: the package started a system-wide Dovecot (pid $(head -n1 /run/dovecot/master.pid)); stop it with 'systemctl stop dovecot' if unwanted"
    fi
  fi
  exec 8>&-
fi
command -v openssl > /dev/null || die "openssl not found"
command -v dotnet > /dev/null || die "dotnet not found (the SMTP relay needs the .NET 10 SDK)"

# ---- BASE_DIR -------------------------------------------------------------------------------
mkdir -p "$1"
BASE=$(cd "$1" && pwd -P)   # physical path: PID ownership checks compare it with /proc/PID/cmdline
# mktemp -d makes 0700 folders; the mail uid and Dovecot's unprivileged processes must traverse BASE_DIR.
chmod 0755 "$BASE"
# One start/stop at a time per BASE_DIR; the lock file also marks the folder as ours for mailstack-stop --purge.
exec 9>> "$BASE/.mailstack.lock"
flock -w 60 9 || die "another mailstack-start/stop holds $BASE/.mailstack.lock"

D=$BASE/dovecot
CONF=$D/dovecot.conf
PASSWD=$D/users
MAIL_ROOT=$BASE/mail
TLS_CERT=$BASE/tls/cert.pem
TLS_KEY=$BASE/tls/key.pem
OUTBOX=$BASE/relay/outbox
RELAY_BIN=$BASE/relay-bin
RELAY_DLL=$RELAY_BIN/ServerSync.TestSmtpRelay.dll
LOGS=$BASE/logs
SETTINGS=$BASE/.mailstack-settings
mkdir -p "$D/run" "$D/state" "$MAIL_ROOT" "$BASE/tls" "$OUTBOX" "$LOGS"

dovecot_pid() { local p; p=$(head -n1 "$D/run/master.pid" 2> /dev/null) || true; if owned "$p" "$CONF"; then echo "$p"; fi; }
relay_pid() { local p; p=$(head -n1 "$BASE/relay/relay.pid" 2> /dev/null) || true; if owned "$p" "$RELAY_DLL"; then echo "$p"; fi; }

# ---- already (partly) running? ---------------------------------------------------------------
# The settings file is read by mailstack-add-user.sh and tells a restart which ports a running part uses.
NEW_SETTINGS="OFFSET=$OFFSET DOMAIN=$DOMAIN"
dpid=$(dovecot_pid) rpid=$(relay_pid)
if [[ -n $dpid || -n $rpid ]]; then
  old=$(grep -E '^(OFFSET|DOMAIN)=' "$SETTINGS" 2> /dev/null | tr '\n' ' ' | sed 's/ $//') || true
  [[ $old == "$NEW_SETTINGS" ]] \
    || die "a stack is already running in $BASE with other settings ($old); stop it first: scripts/mailstack-stop.sh $BASE"
fi
cat > "$SETTINGS.tmp" << EOF
OFFSET=$OFFSET
DOMAIN=$DOMAIN
MAIL_UID=$MAIL_UID
MAIL_GID=$MAIL_GID
EOF
mv "$SETTINGS.tmp" "$SETTINGS"

# A stale env file must not point tests at a stack that is not (fully) up: written again at the end.
[[ -n $dpid && -n $rpid ]] || rm -f "$BASE/mailstack.env"

# Ports must be free for the parts we are about to start.
wanted_ports=()
[[ -z $dpid ]] && wanted_ports+=("${DOVECOT_PORTS[@]}")
[[ -z $rpid ]] && wanted_ports+=("$SMTP_PORT")
for port in "${wanted_ports[@]}"; do
  port_busy "$port" && die "port $port on $HOST is already in use (pick another PORT_OFFSET)" 3
done

started=()   # PIDs started by this run, stopped again if the start fails
# Log sizes now, to look only at what this start wrote when it fails.
declare -A log_size=()
for f in dovecot.log dovecot-startup.log relay.log; do log_size[$f]=$(stat -c %s "$LOGS/$f" 2> /dev/null || echo 0); done
on_exit() {
  local rc=$? pid f
  (( rc == 0 )) && return
  for pid in "${started[@]}"; do
    if alive "$pid"; then log "start failed: stopping pid $pid"; kill -KILL "$pid" 2> /dev/null || true; fi
  done
  # A bind failure means another stack took a port between our check and the start: the caller may
  # simply try another offset.
  if (( rc != 3 )); then
    for f in "${!log_size[@]}"; do
      if tail -c "+$(( ${log_size[$f]} + 1 ))" "$LOGS/$f" 2> /dev/null | grep -qi 'address already in use'; then
        log "a port was taken by someone else while starting"
        exit 3
      fi
    done
  fi
}
trap on_exit EXIT

# ---- users and TLS ---------------------------------------------------------------------------
# Default users always get their default password (a warm restart keeps users added at runtime).
bash "$ROOT/scripts/mailstack-add-user.sh" "$BASE" --users "${USER_LIST[@]}" >&2 || die "could not write the users"
# Dovecot's auth process runs as user dovecot and mail is written as the mail uid: a parent folder of
# BASE_DIR that they cannot traverse (e.g. under /root) would only show up later as odd login failures.
runuser -u dovecot -- test -r "$PASSWD" \
  || die "user dovecot cannot read $PASSWD (is a parent folder of $BASE not world-traversable?)"
setpriv --reuid="$MAIL_UID" --regid="$MAIL_GID" --clear-groups test -w "$MAIL_ROOT" \
  || die "mail uid $MAIL_UID cannot write $MAIL_ROOT (is a parent folder of $BASE not world-traversable?)"
if [[ ! -s $TLS_CERT || ! -s $TLS_KEY ]]; then
  # Self-signed, so tests can trust exactly this file as their CA. P-256: ~10x faster to make than RSA-2048.
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$TLS_KEY.tmp" -out "$TLS_CERT.tmp" 2> "$LOGS/openssl.log" \
    || { cat "$LOGS/openssl.log" >&2; die "openssl could not create the certificate"; }
  chmod 0600 "$TLS_KEY.tmp"   # read by Dovecot's master (root) only
  chmod 0644 "$TLS_CERT.tmp"
  mv "$TLS_KEY.tmp" "$TLS_KEY"
  mv "$TLS_CERT.tmp" "$TLS_CERT"
fi

# ---- Dovecot ---------------------------------------------------------------------------------
start_dovecot() {
  local old pid leftovers=() p line st sid exe
  # After a kill -9 the master.pid file stays; if its PID "exists" (a zombie not reaped yet, or reused)
  # Dovecot refuses to start. Its children notice the dead master and exit; make sure none is left.
  old=$(head -n1 "$D/run/master.pid" 2> /dev/null) || true
  # (A live PID here belongs to an unrelated process, the PID having been reused: nothing of ours is left.)
  if [[ $old =~ ^[0-9]+$ ]] && ! alive "$old"; then
    # All of an instance's processes share the master's session id (it setsid()s when daemonizing).
    for _ in $(seq 40); do
      leftovers=()
      for p in /proc/[0-9]*/stat; do
        read -r line 2> /dev/null < "$p" || continue
        read -r st _ _ sid _ <<< "${line##*) }"
        [[ $sid == "$old" && $st != Z ]] || continue
        p=${p#/proc/} p=${p%/stat}
        exe=$(readlink "/proc/$p/exe" 2> /dev/null) || continue
        # Only Dovecot binaries: the old PID may have been reused by an unrelated session leader.
        [[ $exe == /usr/lib/dovecot/* || $exe == /usr/sbin/dovecot ]] && leftovers+=("$p")
      done
      (( ${#leftovers[@]} )) || break
      sleep 0.05
    done
    if (( ${#leftovers[@]} )); then
      log "killing leftover processes of the previous Dovecot (session $old): ${leftovers[*]}"
      kill -KILL "${leftovers[@]}" 2> /dev/null || true
    fi
  fi
  rm -f "$D/run/master.pid"

  # Passed to Dovecot's "<file" settings verbatim; BASE_DIR has no quotes (checked above).
  local ssl_dh=""
  [[ -r /usr/share/dovecot/dh.pem ]] && ssl_dh="ssl_dh = </usr/share/dovecot/dh.pem"
  cat > "$CONF.tmp" << EOF
# Generated by scripts/mailstack-start.sh on every start. Self-contained: nothing from /etc/dovecot is read,
# so doveadm needs "-c $CONF" too.
# Own base_dir/state_dir/instance_name: stacks side by side never share sockets, PID file or registry.
instance_name = serversync-mailstack-$P
base_dir = $D/run
state_dir = $D/state
log_path = $LOGS/dovecot.log
protocols = imap pop3 lmtp submission
listen = $HOST
hostname = mailstack.test
postmaster_address = postmaster@$DOMAIN

# ssl = yes means "offered": clients may stay on plaintext (IMAP/POP3/submission) or use STARTTLS/STLS.
ssl = yes
ssl_cert = <$TLS_CERT
ssl_key = <$TLS_KEY
$ssl_dh
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_verbose = yes
# Tests try wrong passwords on purpose: no extra delay, and no per-IP penalty (all clients are 127.0.0.1)
# slowing down the following logins (the anvil penalty socket is made unusable).
auth_failure_delay = 0
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}

# Users: USER@DOMAIN:{PLAIN}password lines. The auth process (user dovecot) re-reads the file when its
# mtime or size changes, checking at most once per second (mailstack-add-user.sh waits for it).
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $PASSWD
}
# A static userdb still refuses unknown users (at LMTP RCPT too): it confirms them with the passdb.
userdb {
  driver = static
  args = uid=$MAIL_UID gid=$MAIL_GID home=$MAIL_ROOT/%u
}
mail_location = maildir:~/Maildir
# Throwaway data: don't wait for the disk on every delivery/APPEND.
mail_fsync = never
recipient_delimiter = +
# Parallel tests open many connections as one user from one IP (the default limit is 10).
mail_max_userip_connections = 200

namespace inbox {
  inbox = yes
  separator = /
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
}

service imap-login {
  inet_listener imap {
    port = $IMAP_PORT
  }
  inet_listener imaps {
    port = $IMAPS_PORT
    ssl = yes
  }
}
service pop3-login {
  inet_listener pop3 {
    port = $POP3_PORT
  }
  inet_listener pop3s {
    port = $POP3S_PORT
    ssl = yes
  }
}
service lmtp {
  inet_listener lmtp {
    address = $HOST
    port = $LMTP_PORT
  }
}
service submission-login {
  inet_listener submission {
    port = $SUBMISSION_PORT
  }
}
# Dovecot's submission service can only relay over SMTP, and Dovecot's LMTP rejects EHLO: relay to our
# SMTP relay, which captures the message and delivers local recipients over LMTP.
submission_relay_host = $HOST
submission_relay_port = $SMTP_PORT
EOF
  mv "$CONF.tmp" "$CONF"
  # Dovecot daemonizes; its stdio and our fds must not stay attached to the caller.
  (detached /usr/sbin/dovecot -c "$CONF") < /dev/null > "$LOGS/dovecot-startup.log" 2>&1 \
    || { cat "$LOGS/dovecot-startup.log" >&2; tail -n 20 "$LOGS/dovecot.log" >&2 2> /dev/null; die "dovecot refused to start"; }
  # The launching process exits before the daemonized master has written master.pid: wait for it.
  for _ in $(seq 250); do
    pid=$(head -n1 "$D/run/master.pid" 2> /dev/null) || true
    [[ -n $pid ]] && break
    sleep 0.02
  done
  alive "$pid" || { tail -n 20 "$LOGS/dovecot.log" >&2; die "dovecot exited right after starting (log: $LOGS/dovecot.log)"; }
  started+=("$pid")
  dpid=$pid
}

# ---- SMTP relay ------------------------------------------------------------------------------
# Built once per source version into artifacts/mailstack-relay/<hash> (own obj folder, so it never races a
# solution build), then copied into BASE_DIR: a rebuild never touches the DLLs of a running relay.
relay_source_hash() (
  cd "$ROOT"
  local f inc dotnet_root
  # Installed SDK versions (cheap; `dotnet --version` costs ~150 ms on every start).
  dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
  ls "$dotnet_root/sdk" 2> /dev/null || true
  for f in Directory.Build.props global.json NuGet.config; do [[ -f $f ]] && cat "$f"; done
  # Directory.Packages.props changes whenever any project gets a package: only the relay's pins matter.
  grep -ohE 'PackageReference Include="[^"]+"' tools/ServerSync.TestSmtpRelay/*.csproj | cut -d'"' -f2 | while read -r inc; do
    grep -F "PackageVersion Include=\"$inc\"" Directory.Packages.props || true
  done
  find tools/ServerSync.TestSmtpRelay -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.targets' \) \
    -not -path '*/bin/*' -not -path '*/obj/*' | LC_ALL=C sort | while read -r f; do echo "== $f"; cat "$f"; done
)
prepare_relay() {
  local src=$ROOT/tools/ServerSync.TestSmtpRelay hash cache t d
  hash=$(relay_source_hash | sha256sum | cut -c1-16)
  if [[ -s $RELAY_BIN/.source-hash && $(< "$RELAY_BIN/.source-hash") == "$hash" && -s $RELAY_DLL ]]; then return 0; fi
  cache=$ROOT/artifacts/mailstack-relay/$hash
  mkdir -p "$cache"
  (
    flock -w 300 7 || die "timed out waiting for another relay build ($cache/.lock)"
    if [[ ! -s $cache/bin/ServerSync.TestSmtpRelay.dll ]]; then
      log "building the SMTP relay into $cache (once per source version)"
      t=$(now_ms)
      DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 \
        dotnet build "$src/ServerSync.TestSmtpRelay.csproj" -c Release -o "$cache/bin.tmp" --artifacts-path "$cache/build" \
        -nologo -v q < /dev/null > "$cache/build.log" 2>&1 9>&- 7>&- \
        || { cat "$cache/build.log" >&2; die "relay build failed (log: $cache/build.log)"; }
      rm -rf "${cache:?}/bin"
      mv "$cache/bin.tmp" "$cache/bin"
      log "relay built in $(( $(now_ms) - t )) ms"
      # Drop builds of older sources (unless another start is using one right now).
      for d in "$ROOT/artifacts/mailstack-relay"/*/; do
        d=${d%/}
        [[ $d == "$cache" ]] || (flock -n 6 && rm -rf "$d") 6>> "$d/.lock" 2> /dev/null || true
      done
    fi
  ) 7> "$cache/.lock"
  rm -rf "$RELAY_BIN"
  cp -a "$cache/bin" "$RELAY_BIN.tmp"
  echo "$hash" > "$RELAY_BIN.tmp/.source-hash"
  mv "$RELAY_BIN.tmp" "$RELAY_BIN"
}
start_relay() {
  mkdir -p "$BASE/relay"
  # setsid: its own session, so a Ctrl-C in the caller's terminal doesn't kill it (mailstack-stop.sh does).
  (detached setsid dotnet "$RELAY_DLL" --port "$SMTP_PORT" --lmtp-port "$LMTP_PORT" --outbox "$OUTBOX" \
    --local-domains "$DOMAIN") < /dev/null >> "$LOGS/relay.log" 2>&1 &
  rpid=$!
  echo "$rpid" > "$BASE/relay/relay.pid"
  started+=("$rpid")
}

# ---- start what isn't running, in parallel, then wait for every port ----------------------------
t_relay_build=$(now_ms)
if [[ -z $rpid ]]; then prepare_relay; fi
t_relay_build=$(( $(now_ms) - t_relay_build ))
t=$(now_ms)
if [[ -z $dpid ]]; then start_dovecot; log "dovecot started (pid $dpid)"; else log "dovecot already running (pid $dpid)"; fi
if [[ -z $rpid ]]; then start_relay; log "relay started (pid $rpid)"; else log "relay already running (pid $rpid)"; fi

# wait_port PORT: until the port accepts connections; fail early if a process we need died.
DEADLINE=$(( $(now_ms) + 30000 ))
wait_port() {
  until port_busy "$1"; do
    alive "$dpid" || { tail -n 20 "$LOGS/dovecot.log" >&2; die "dovecot (pid $dpid) died while starting (log: $LOGS/dovecot.log)"; }
    alive "$rpid" || { tail -n 20 "$LOGS/relay.log" >&2; die "the SMTP relay (pid $rpid) died while starting (log: $LOGS/relay.log)"; }
    (( $(now_ms) < DEADLINE )) || die "port $1 did not open within 30 s (logs: $LOGS)"
    sleep 0.02
  done
}
for port in "${DOVECOT_PORTS[@]}" "$SMTP_PORT"; do wait_port "$port"; done
# A greeting proves the login processes work, an auth lookup that Dovecot can read the passwd-file.
exec 3<> "/dev/tcp/$HOST/$IMAP_PORT"
greeting=""
read -r -t 10 greeting <&3 || true
exec 3>&-
[[ $greeting == "* OK"* ]] || die "unexpected IMAP greeting on port $IMAP_PORT: '$greeting' (log: $LOGS/dovecot.log)"
first=${USER_LIST[0]}
doveadm -c "$CONF" auth test "$first@$DOMAIN" "$first-pass" > /dev/null 2>&1 9>&- \
  || die "Dovecot cannot authenticate $first@$DOMAIN (passwd-file $PASSWD; log: $LOGS/dovecot.log)"
t_up=$(( $(now_ms) - t ))

# ---- mailstack.env: exactly the keys the tests read ---------------------------------------------
cat > "$BASE/mailstack.env.tmp" << EOF
MAILSTACK_BASE='$BASE'
MAILSTACK_HOST=$HOST
MAILSTACK_DOMAIN=$DOMAIN
MAILSTACK_USERS='${USER_LIST[*]}'
MAILSTACK_PASSWORD_SUFFIX=-pass
MAILSTACK_IMAP_PORT=$IMAP_PORT
MAILSTACK_IMAPS_PORT=$IMAPS_PORT
MAILSTACK_POP3_PORT=$POP3_PORT
MAILSTACK_POP3S_PORT=$POP3S_PORT
MAILSTACK_LMTP_PORT=$LMTP_PORT
MAILSTACK_SUBMISSION_PORT=$SUBMISSION_PORT
MAILSTACK_SMTP_PORT=$SMTP_PORT
MAILSTACK_SMTP_OUTBOX='$OUTBOX'
MAILSTACK_TLS_CERT='$TLS_CERT'
MAILSTACK_PASSWD_FILE='$PASSWD'
MAILSTACK_DOVECOT_CONF='$CONF'
MAILSTACK_MAIL_ROOT='$MAIL_ROOT'
EOF
mv "$BASE/mailstack.env.tmp" "$BASE/mailstack.env"
trap - EXIT
log "up in $(( $(now_ms) - T0 )) ms (relay binaries $t_relay_build ms, services $t_up ms); dovecot pid $dpid, relay pid $rpid;" \
  "ports imap $IMAP_PORT pop3 $POP3_PORT lmtp $LMTP_PORT submission $SUBMISSION_PORT smtp $SMTP_PORT imaps $IMAPS_PORT pop3s $POP3S_PORT"
log "env: $BASE/mailstack.env"
