#!/usr/bin/env bash
# Deliver messages into a mailbox of the mail stack over LMTP (how tests and benchmarks inject mail).
#
#   scripts/mailstack-deliver.sh BASE_DIR RECIPIENT FILE.eml|DIR|- ...
#
# RECIPIENT: LOCALPART (of the stack's domain) or a full address; messages land in its INBOX.
# Each FILE is one RFC 5322 message (LF or CRLF line ends); '-' reads one message from stdin; a DIR
# delivers every file in it (a Maildir: its cur/ and new/), in name order. All go over one LMTP
# connection, one transaction per message, so bulk injection is fast (~500 messages/s here).
# Envelope sender: $MAILSTACK_DELIVER_FROM (default deliver@mailstack.test).
# Prints "delivered N message(s), B bytes, to RECIPIENT in S s" on stderr; exit 1 on the first refusal
# (e.g. "550 5.1.1 ... User doesn't exist"), with the server's reply.
set -euo pipefail

[[ $# -ge 3 && -n $1 ]] || { echo "usage: $0 BASE_DIR RECIPIENT FILE.eml|DIR|- ..." >&2; exit 2; }
ENV_FILE=$1/mailstack.env
[[ -s $ENV_FILE ]] || { echo "[mailstack-deliver] ERROR: $ENV_FILE not found (is the stack started?)" >&2; exit 1; }

# The LMTP conversation is done by Python's smtplib (stdlib): it handles dot-stuffing and line ends.
read -r -d '' PY << 'EOF' || true
import os, shlex, smtplib, sys, time

env_file, rcpt, sources = sys.argv[1], sys.argv[2], sys.argv[3:]
env = {}
with open(env_file, encoding="utf-8") as fh:
    for line in fh:
        key, sep, value = line.rstrip("\n").partition("=")
        if sep:
            env[key] = (shlex.split(value) or [""])[0]
if "@" not in rcpt:
    rcpt = f"{rcpt}@{env['MAILSTACK_DOMAIN']}"
sender = os.environ.get("MAILSTACK_DELIVER_FROM", "deliver@mailstack.test")

def files(src):
    if src == "-" or os.path.isfile(src):
        return [src]
    if not os.path.isdir(src):
        sys.exit(f"[mailstack-deliver] ERROR: {src}: no such file or folder")
    dirs = [os.path.join(src, d) for d in ("cur", "new") if os.path.isdir(os.path.join(src, d))] or [src]
    return sorted(os.path.join(d, f) for d in dirs for f in os.listdir(d) if os.path.isfile(os.path.join(d, f)))

paths = [p for s in sources for p in files(s)]
count = size = 0
t0 = time.monotonic()
with smtplib.LMTP(env["MAILSTACK_HOST"], int(env["MAILSTACK_LMTP_PORT"]), timeout=60) as lmtp:
    for path in paths:
        if path == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(path, "rb") as fh:
                data = fh.read()
        try:
            lmtp.sendmail(sender, [rcpt], data)
        except smtplib.SMTPRecipientsRefused as e:
            code, msg = e.recipients[rcpt]
            sys.exit(f"[mailstack-deliver] ERROR: {path}: refused: {code} {msg.decode(errors='replace')}")
        except smtplib.SMTPResponseException as e:
            sys.exit(f"[mailstack-deliver] ERROR: {path}: {e.smtp_code} {e.smtp_error.decode(errors='replace')}")
        count += 1
        size += len(data)
print(f"[mailstack-deliver] delivered {count} message(s), {size} bytes, to {rcpt} in {time.monotonic() - t0:.3f} s",
      file=sys.stderr)
EOF
exec python3 -c "$PY" "$ENV_FILE" "$2" "${@:3}"
