#!/usr/bin/env bash
# Add (or update) mail users of a mail stack made by scripts/mailstack-start.sh, running or not.
#
#   scripts/mailstack-add-user.sh BASE_DIR LOCALPART [PASSWORD]       one user; password defaults to LOCALPART-pass
#   scripts/mailstack-add-user.sh BASE_DIR LOCALPART LOCALPART LOCALPART...   three or more users, default passwords
#   scripts/mailstack-add-user.sh BASE_DIR --users LOCALPART[:PASSWORD]...    any number, e.g. a generated list
#                                                                           (one or two names are not ambiguous here)
#   --no-wait (right after BASE_DIR): don't wait for Dovecot to see the change (see below), e.g. when adding
#   users one by one in a loop; the last call without --no-wait (or ~1 s) makes them all usable.
# Each user is LOCALPART@<the stack's domain>. Idempotent: an existing user keeps its mail and gets the given
# (or default) password. 1,000 users in one call take well under a second.
# With Dovecot running it returns only once Dovecot sees the change, so a login right after it works: Dovecot
# re-reads the passwd-file when its mtime or size changes but looks at most once per second, so this may
# wait up to ~1 s.
set -euo pipefail

log() { echo "[mailstack-add-user] $*" >&2; }
die() { echo "[mailstack-add-user] ERROR: $1" >&2; exit "${2:-1}"; }
usage="usage: $0 BASE_DIR [--no-wait] LOCALPART [PASSWORD] | ... LOCALPART LOCALPART LOCALPART... | ... --users LOCALPART[:PASSWORD]..."

[[ $# -ge 2 && -n $1 ]] || die "$usage" 2
[[ -d $1 ]] || die "$1: no such folder (start the stack with scripts/mailstack-start.sh first)"
BASE=$(cd "$1" && pwd -P)
shift
WAIT=yes
if [[ $1 == --no-wait ]]; then WAIT=no; shift; fi
(( $# )) || die "$usage" 2
SETTINGS=$BASE/.mailstack-settings
[[ -s $SETTINGS ]] || die "$BASE is not a mail stack folder (no .mailstack-settings; run scripts/mailstack-start.sh)"
DOMAIN=$(sed -n 's/^DOMAIN=//p' "$SETTINGS")
MAIL_UID=$(sed -n 's/^MAIL_UID=//p' "$SETTINGS")
MAIL_GID=$(sed -n 's/^MAIL_GID=//p' "$SETTINGS")
PASSWD=$BASE/dovecot/users
CONF=$BASE/dovecot/dovecot.conf
MAIL_ROOT=$BASE/mail

# ---- arguments -> parallel arrays of names and passwords -------------------------------------
names=() passwords=()
if [[ $1 == --users ]]; then
  shift
  (( $# )) || die "--users needs at least one LOCALPART" 2
  for item in "$@"; do
    if [[ $item == *:* ]]; then names+=("${item%%:*}") passwords+=("${item#*:}"); else names+=("$item") passwords+=("$item-pass"); fi
  done
elif (( $# <= 2 )); then
  names=("$1") passwords=("${2:-$1-pass}")
else
  names=("$@")
  for n in "$@"; do passwords+=("$n-pass"); done
fi
for i in "${!names[@]}"; do
  # Also keeps '+' (recipient_delimiter), '@', ':' and whitespace out of the passwd-file's user field.
  [[ ${names[i]} =~ ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$ ]] \
    || die "'${names[i]}' is not a valid LOCALPART (letters, digits, '.', '_', '-'; without @$DOMAIN)" 2
  # ':' separates passwd-file fields; line breaks would start a new entry.
  [[ -n ${passwords[i]} && ${passwords[i]} != *[:$'\n\r']* ]] || die "password for '${names[i]}' must be non-empty without ':' or line breaks" 2
done

# ---- rewrite the passwd-file (serialized: tests add users in parallel) -------------------------
mkdir -p "$BASE/dovecot"
exec 9>> "$BASE/dovecot/users.lock"
flock -w 60 9 || die "timed out waiting for $BASE/dovecot/users.lock"
# Create it if missing, but never `touch` it: that would move its mtime back into a second Dovecot has
# already seen (see the mtime rule below), with the same size, and Dovecot would never re-read it.
[[ -e $PASSWD ]] || : > "$PASSWD"
new=$(mktemp "$BASE/dovecot/.users.XXXXXX")
trap 'rm -f "$new" "$new.in"' EXIT
for i in "${!names[@]}"; do printf '%s@%s:{PLAIN}%s\n' "${names[i]}" "$DOMAIN" "${passwords[i]}"; done > "$new.in"
# Existing users keep their place (replaced in-line), new ones are appended in argument order; the last
# occurrence of a name in the arguments wins.
awk -F: '
  FILENAME == ARGV[1] { if (!($1 in entry)) order[++n] = $1; entry[$1] = $0; next }
  ($1 in entry) { if (!($1 in done)) print entry[$1]; done[$1] = 1; next }
  { print }
  END { for (i = 1; i <= n; i++) if (!(order[i] in done)) print entry[order[i]] }
' "$new.in" "$PASSWD" > "$new"

# Homes are created up front, owned by the mail uid (Dovecot creates Maildir inside on first use).
homes=()
for n in "${names[@]}"; do homes+=("$MAIL_ROOT/$n@$DOMAIN"); done
install -d -o "$MAIL_UID" -g "$MAIL_GID" -m 0755 "$MAIL_ROOT"
install -d -o "$MAIL_UID" -g "$MAIL_GID" -m 0700 "${homes[@]}"

# One changed entry, to confirm below that Dovecot sees the new file: "new USER" or "changed USER:{PLAIN}PASSWORD".
# (FILENAME, not FNR == NR: the old file may be empty.)
probe=$(awk -F: 'FILENAME == ARGV[1] { line[$0] = 1; user[$1] = 1; next }
  !($0 in line) { print (($1 in user) ? "changed " $0 : "new " $1); exit }' "$PASSWD" "$new.in")
if [[ -z $probe ]]; then
  log "${#names[@]} user(s) already up to date"
else
  chmod 0644 "$new"   # read by Dovecot's auth process, which runs as user dovecot
  # Dovecot notices a change by mtime (whole seconds) + size: a same-size rewrite within the same second
  # (e.g. a password change) would go unnoticed, so the new file's mtime must be later than the old one's.
  old_mtime=$(stat -c %Y "$PASSWD")
  if (( $(stat -c %Y "$new") <= old_mtime )); then touch -d "@$((old_mtime + 1))" "$new"; fi
  mv "$new" "$PASSWD"
  log "wrote ${#names[@]} user(s) to $PASSWD"
fi

# ---- wait until Dovecot sees the file -------------------------------------------------------------
# Dovecot's auth process checks the file at most once per wall-clock second: if it looked during the
# second in which the file was last replaced (even by an earlier --no-wait call), it sees the new version
# only from the next second on. So: a new user found by a lookup proves it's visible at once (~20 ms);
# otherwise wait for that next second, then confirm.
[[ $WAIT == yes ]] || exit 0
pid=$(head -n1 "$BASE/dovecot/run/master.pid" 2> /dev/null) || true
# Not running (a zombie has an empty cmdline): it reads the file when it starts.
if ! [[ $pid =~ ^[0-9]+$ && -r /proc/$pid/cmdline ]] || ! tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qF -- "$CONF"; then exit 0; fi
kind=${probe%% *} entry=${probe#* }
user=${entry%%:*} password=${entry#*:\{PLAIN\}}
if [[ $kind == new ]] && doveadm -c "$CONF" auth lookup "$user" > /dev/null 2>&1 9>&-; then exit 0; fi
# ctime (not mtime, which may be bumped ahead) is when the file was replaced; +5 ms for the kernel's coarse clock.
ctime_us=$(stat -c %.6Z "$PASSWD") ctime_us=${ctime_us/./}
until_us=$(( ((10#$ctime_us + 5000) / 1000000 + 1) * 1000000 ))
now_us=${EPOCHREALTIME/./}
wait_us=$(( until_us - 10#$now_us ))
if (( wait_us > 0 )); then sleep "$(printf '%d.%06d' $(( wait_us / 1000000 )) $(( wait_us % 1000000 )))"; fi
case $kind in
  new) doveadm -c "$CONF" auth lookup "$user" > /dev/null 2>&1 9>&- ;;
  changed) doveadm -c "$CONF" auth test "$user" "$password" > /dev/null 2>&1 9>&- ;;
  *) true ;;   # nothing changed now; the wait covered an earlier --no-wait change
esac || die "Dovecot does not see the change for $user after the passwd-file was replaced (log: $BASE/logs/dovecot.log)"
