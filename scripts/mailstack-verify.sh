#!/usr/bin/env bash
# Protocol-level checks of a running mail stack (scripts/mailstack-start.sh), with real clients.
#
#   scripts/mailstack-verify.sh BASE_DIR
#
# Covers IMAP (plain, STARTTLS, IMAPS, wrong password, IDLE, CONDSTORE/QRESYNC, special-use folders,
# parallel sessions), POP3 (plain, STLS, POP3S), LMTP (mailstack-deliver.sh, unknown user), submission
# (AUTH required, relays to a local and an external recipient), the SMTP relay (direct, outbox capture,
# LMTP refusal -> 550), listeners on 127.0.0.1 only, and mailstack-add-user.sh (a new user logs in at once,
# password changes, the passwd-file is re-read, 1,000 users in one call).
# Safe to run repeatedly on the same stack (adds a few users and messages). Python 3 stdlib only.
# One PASS/FAIL line per check, then "N passed, N failed"; exit status 1 if any check failed.
set -euo pipefail
[[ $# -eq 1 && -n $1 ]] || { echo "usage: $0 BASE_DIR" >&2; exit 2; }
BASE=$(cd "$1" && pwd -P)
[[ -s $BASE/mailstack.env ]] || { echo "[mailstack-verify] ERROR: $BASE/mailstack.env not found (is the stack started?)" >&2; exit 1; }
SCRIPTS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

read -r -d '' PY << 'EOF' || true
import imaplib, os, poplib, shlex, smtplib, socket, ssl, subprocess, sys, threading, time, uuid

BASE, SCRIPTS = sys.argv[1], sys.argv[2]
ENV = {}
with open(os.path.join(BASE, "mailstack.env"), encoding="utf-8") as fh:
    for line in fh:
        key, sep, value = line.rstrip("\n").partition("=")
        if sep:
            ENV[key] = (shlex.split(value) or [""])[0]
HOST, DOMAIN = ENV["MAILSTACK_HOST"], ENV["MAILSTACK_DOMAIN"]
PORT = {k: int(ENV[f"MAILSTACK_{k}_PORT"]) for k in ("IMAP", "IMAPS", "POP3", "POP3S", "LMTP", "SUBMISSION", "SMTP")}
USERS = ENV["MAILSTACK_USERS"].split()
A, B = (USERS * 2)[0], (USERS * 2)[1]
addr = lambda u: u if "@" in u else f"{u}@{DOMAIN}"
pw = lambda u: u + ENV["MAILSTACK_PASSWORD_SUFFIX"]
TOKEN = uuid.uuid4().hex[:10]
results = []


def check(name):
    def run(fn):
        t0 = time.monotonic()
        try:
            detail = fn()
            results.append(True)
            print(f"PASS {name} ({(time.monotonic() - t0) * 1000:.0f} ms){': ' + detail if detail else ''}", flush=True)
        except Exception as e:  # noqa: BLE001 - every failure is reported, the run goes on
            results.append(False)
            print(f"FAIL {name}: {type(e).__name__}: {e}", flush=True)
    return run


def tls():
    # The self-signed cert is the only trust anchor; hostname (IP SAN 127.0.0.1) is verified too.
    return ssl.create_default_context(cafile=ENV["MAILSTACK_TLS_CERT"])


def imap(user=None, password=None, kind="plain"):
    if kind == "imaps":
        m = imaplib.IMAP4_SSL(HOST, PORT["IMAPS"], ssl_context=tls(), timeout=10)
    else:
        m = imaplib.IMAP4(HOST, PORT["IMAP"], timeout=10)
        if kind == "starttls":
            m.starttls(ssl_context=tls())
    if user:
        m.login(addr(user), password or pw(user))
    return m


def imap_find(user, token, mailbox="INBOX", password=None, timeout=10):
    """Raw bytes of the newest message whose Subject contains token; polls (delivery may be async)."""
    end = time.monotonic() + timeout
    while True:
        with imap(user, password) as m:
            m.select(mailbox, readonly=True)
            uids = m.uid("SEARCH", None, "SUBJECT", token)[1][0].split()
            if uids:
                return m.uid("FETCH", uids[-1], "(BODY.PEEK[])")[1][0][1]
        if time.monotonic() > end:
            raise AssertionError(f"no message with subject {token} in {addr(user)}'s {mailbox}")
        time.sleep(0.1)


def can_login(user, password):
    try:
        with imap(user, password):
            return True
    except imaplib.IMAP4.error:
        return False


def message(frm, to, subject, body="hello\r\n"):
    return f"From: {frm}\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: <{subject}@verify.test>\r\n\r\n{body}".encode()


def outbox_envelopes():
    box = ENV["MAILSTACK_SMTP_OUTBOX"]
    return {f[:-9]: open(os.path.join(box, f), encoding="utf-8").read() for f in os.listdir(box) if f.endswith(".envelope")}


def add_user(*args):
    t0 = time.monotonic()
    p = subprocess.run(["bash", os.path.join(SCRIPTS, "mailstack-add-user.sh"), BASE, *args], capture_output=True, text=True)
    assert p.returncode == 0, f"mailstack-add-user.sh {' '.join(args[:4])}... exited {p.returncode}: {p.stderr.strip()}"
    return time.monotonic() - t0


@check("listeners: all 7 ports on 127.0.0.1 only")
def _():
    found = {}
    for path in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(path) as fh:
            for row in fh.readlines()[1:]:
                local, state = row.split()[1], row.split()[3]
                ip, port = local.rsplit(":", 1)
                if state == "0A" and int(port, 16) in PORT.values():
                    found.setdefault(int(port, 16), set()).add(ip)
    missing = [p for p in PORT.values() if p not in found]
    assert not missing, f"not listening: {missing}"
    wrong = {p: ips for p, ips in found.items() if ips != {"0100007F"}}
    assert not wrong, f"listening on other addresses (hex): {wrong}"


@check("imap: plain LOGIN + SELECT on a raw socket")
def _():
    with socket.create_connection((HOST, PORT["IMAP"]), timeout=10) as s:
        f = s.makefile("rb")
        greeting = f.readline().decode().strip()
        assert greeting.startswith("* OK"), greeting
        lines = []
        for cmd in (f"a1 LOGIN {addr(A)} {pw(A)}", "a2 SELECT INBOX", "a3 LOGOUT"):
            s.sendall(cmd.encode() + b"\r\n")
            tag = cmd.split()[0]
            while not (line := f.readline().decode()).startswith(tag + " "):
                assert line, "connection closed"
            lines.append(line.strip())
        assert all(" OK " in l for l in lines), lines
        return greeting[:45]


@check("imap: wrong password refused quickly, no penalty for the next login")
def _():
    times = []
    for _ in range(3):
        t0 = time.monotonic()
        try:
            with imap(A, "wrong-password"):
                raise AssertionError("wrong password accepted")
        except imaplib.IMAP4.error as e:
            assert "AUTHENTICATIONFAILED" in str(e), e
        times.append(time.monotonic() - t0)
    t0 = time.monotonic()
    assert can_login(A, pw(A))
    good = time.monotonic() - t0
    assert max(times) < 1.0, f"failures took {times}"
    assert good < 0.5, f"good login after failures took {good:.2f} s"
    return f"failures {', '.join(f'{t:.2f}' for t in times)} s; next good login {good * 1000:.0f} ms"


@check("imap: STARTTLS with the stack's cert as the only CA")
def _():
    with imap(A, kind="starttls") as m:
        return f"{m.sock.version()} {m.sock.cipher()[0]}"


@check("imaps: implicit TLS")
def _():
    with imap(A, kind="imaps") as m:
        return m.sock.version()


@check("imap: IDLE, CONDSTORE, QRESYNC (+ MOVE, UIDPLUS, SPECIAL-USE) advertised and working")
def _():
    with imap(A) as m:
        caps = set(m.capability()[1][0].decode().split())   # post-login list (imaplib keeps the pre-login one)
        need = {"IDLE", "CONDSTORE", "QRESYNC", "MOVE", "UIDPLUS", "SPECIAL-USE", "ENABLE"}
        assert need <= caps, f"missing {need - caps}"
        typ, data = m._simple_command("ENABLE", "QRESYNC")
        assert typ == "OK" and b"QRESYNC" in b" ".join(m.untagged_responses.pop("ENABLED", [b""])), (typ, data)
        typ, _ = m._simple_command("SELECT", "INBOX", "(CONDSTORE)")
        assert typ == "OK" and m.untagged_responses.get("OK") and any(b"HIGHESTMODSEQ" in r for r in m.untagged_responses["OK"])
    # IDLE for real: a delivery during IDLE must be announced.
    with socket.create_connection((HOST, PORT["IMAP"]), timeout=10) as s:
        f = s.makefile("rb")
        f.readline()
        def cmd(line, tag):
            s.sendall(line.encode() + b"\r\n")
            while not (l := f.readline().decode()).startswith(tag + " "):
                assert l, "connection closed"
            assert l.split()[1] == "OK", l
        cmd(f"a LOGIN {addr(A)} {pw(A)}", "a")
        cmd("b SELECT INBOX", "b")
        s.sendall(b"c IDLE\r\n")
        assert f.readline().startswith(b"+"), "no IDLE continuation"
        t0 = time.monotonic()
        with smtplib.LMTP(HOST, PORT["LMTP"]) as l:
            l.sendmail("idle@verify.test", [addr(A)], message("idle@verify.test", addr(A), f"idle-{TOKEN}"))
        line = f.readline().decode()
        assert line.startswith("* ") and "EXISTS" in line, line
        pushed = time.monotonic() - t0
        s.sendall(b"DONE\r\n")
        while not (l := f.readline().decode()).startswith("c "):
            assert l, "connection closed"
        assert l.startswith("c OK"), l
    return f"IDLE pushed EXISTS {pushed * 1000:.0f} ms after an LMTP delivery"


@check("imap: Sent, Drafts, Trash exist with special-use flags")
def _():
    with imap(A) as m:
        typ, data = m._simple_command("LIST", '""', '"*"', "RETURN", "(SPECIAL-USE)")
        listed = b"\n".join(m.untagged_responses.pop("LIST", [])).decode()
    for name, flag in (("Sent", "\\Sent"), ("Drafts", "\\Drafts"), ("Trash", "\\Trash")):
        assert any(flag in l and l.rstrip().endswith(name) for l in listed.splitlines()), f"{name} {flag} not in {listed}"


@check("imap: 20 parallel sessions of one user")
def _():
    errors = []
    def session():
        try:
            with imap(A) as m:
                m.select("INBOX", readonly=True)
                time.sleep(0.5)   # keep all sessions open at the same time
        except Exception as e:  # noqa: BLE001
            errors.append(repr(e))
    threads = [threading.Thread(target=session) for _ in range(20)]
    for t in threads: t.start()
    for t in threads: t.join()
    assert not errors, errors[:3]


@check("pop3: USER/PASS/STAT on a raw socket")
def _():
    with socket.create_connection((HOST, PORT["POP3"]), timeout=10) as s:
        f = s.makefile("rb")
        lines = [f.readline().decode().strip()]
        for cmd in (f"USER {addr(A)}", f"PASS {pw(A)}", "STAT", "QUIT"):
            s.sendall(cmd.encode() + b"\r\n")
            lines.append(f.readline().decode().strip())
        assert all(l.startswith("+OK") for l in lines), lines
        return f"STAT {lines[3]}"


@check("pop3: STLS")
def _():
    p = poplib.POP3(HOST, PORT["POP3"], timeout=10)
    p.stls(context=tls())
    p.user(addr(A)); p.pass_(pw(A))
    n = p.stat()[0]
    p.quit()
    return f"{n} messages"


@check("pop3s: implicit TLS")
def _():
    p = poplib.POP3_SSL(HOST, PORT["POP3S"], context=tls(), timeout=10)
    p.user(addr(A)); p.pass_(pw(A))
    p.stat()
    p.quit()


@check("lmtp: mailstack-deliver.sh, message visible over IMAP")
def _():
    subject = f"lmtp-{TOKEN}"
    path = os.path.join(BASE, f"verify-{TOKEN}.eml")
    with open(path, "wb") as fh:
        fh.write(message("sender@example.org", addr(B), subject, ".leading dot\r\nbody\r\n").replace(b"\r\n", b"\n"))
    try:
        p = subprocess.run(["bash", os.path.join(SCRIPTS, "mailstack-deliver.sh"), BASE, B, path], capture_output=True, text=True)
        assert p.returncode == 0, p.stderr
    finally:
        os.remove(path)
    assert b"\n.leading dot\r\n" in imap_find(B, subject), "dot line damaged"


@check("lmtp: unknown recipient refused")
def _():
    with smtplib.LMTP(HOST, PORT["LMTP"]) as l:
        l.ehlo_or_helo_if_needed()
        l.mail("sender@example.org")
        code, msg = l.rcpt(f"nobody-{TOKEN}@{DOMAIN}")
    assert code == 550, (code, msg)
    return f"{code} {msg.decode()[:40]}"


@check("submission: without AUTH refused")
def _():
    with smtplib.SMTP(HOST, PORT["SUBMISSION"], timeout=10) as s:
        s.ehlo()
        code, msg = s.mail(addr(A))
    assert code == 530, (code, msg)
    return f"{code} {msg.decode()[:40]}"


@check("submission: STARTTLS + AUTH -> relay -> local INBOX; external recipient captured in the outbox")
def _():
    subject, ext = f"submission-{TOKEN}", f"someone-{TOKEN}@external.example"
    with smtplib.SMTP(HOST, PORT["SUBMISSION"], timeout=10) as s:
        s.starttls(context=tls())
        s.login(addr(A), pw(A))
        refused = s.sendmail(addr(A), [addr(B), ext], message(addr(A), f"{addr(B)}, {ext}", subject, ".dot line\r\nbody\r\n"))
        assert not refused, refused
    assert b"\r\n.dot line\r\n" in imap_find(B, subject), "dot line damaged"
    ids = [i for i, e in outbox_envelopes().items() if f"RCPT TO:<{ext}>" in e]
    assert len(ids) == 1, f"external recipient captured {len(ids)} times"
    env = outbox_envelopes()[ids[0]]
    assert f"MAIL FROM:<{addr(A)}>" in env and "RESULT: 250" in env, env
    with open(os.path.join(ENV["MAILSTACK_SMTP_OUTBOX"], ids[0] + ".eml"), "rb") as fh:
        assert subject.encode() in fh.read()
    return f"outbox {ids[0]}"


@check("relay: direct SMTP without AUTH -> IMAP")
def _():
    subject = f"relay-{TOKEN}"
    with smtplib.SMTP(HOST, PORT["SMTP"], timeout=10) as s:
        s.sendmail("robot@example.org", [addr(A)], message("robot@example.org", addr(A), subject))
    imap_find(A, subject)


@check("relay: LMTP refusal of a local recipient -> SMTP 550, nothing delivered, still captured")
def _():
    subject = f"refused-{TOKEN}"
    with smtplib.SMTP(HOST, PORT["SMTP"], timeout=10) as s:
        try:
            s.sendmail("robot@example.org", [addr(A), f"nobody-{TOKEN}@{DOMAIN}"], message("robot@example.org", addr(A), subject))
            raise AssertionError("accepted")
        except smtplib.SMTPDataError as e:
            assert e.smtp_code == 550, e
            reply = f"{e.smtp_code} {e.smtp_error.decode()[:60]}"
    with imap(A) as m:
        m.select("INBOX", readonly=True)
        assert not m.uid("SEARCH", None, "SUBJECT", subject)[1][0].split(), "delivered to the valid recipient anyway"
    assert any(f"nobody-{TOKEN}" in e and "RESULT: 550" in e for e in outbox_envelopes().values()), "not captured"
    return reply


@check("add-user: a new user logs in right after mailstack-add-user.sh returns")
def _():
    user = f"vfy-{TOKEN}"
    took = add_user(user)
    t0 = time.monotonic()
    assert can_login(user, pw(user)), "first login refused"
    assert took < 1.5, f"add-user took {took:.2f} s"
    return f"add-user {took * 1000:.0f} ms, login {(time.monotonic() - t0) * 1000:.0f} ms"


@check("add-user: password change (old refused, new accepted)")
def _():
    user = f"vfy-{TOKEN}"
    took = add_user(user, f"changed-{TOKEN}")
    assert can_login(user, f"changed-{TOKEN}"), "new password refused"
    assert not can_login(user, pw(user)), "old password still accepted"
    return f"add-user {took * 1000:.0f} ms"


@check("passwd-file re-read by Dovecot: user added with --no-wait logs in within 1 s")
def _():
    user = f"vfy-nowait-{TOKEN}"
    with imap(A):
        pass   # an auth lookup in this second: the worst case for Dovecot's once-per-second check
    add_user("--no-wait", user)
    t0 = time.monotonic()
    tries = 1
    while not can_login(user, pw(user)):
        tries += 1
        assert time.monotonic() - t0 < 1.6, f"still refused after {time.monotonic() - t0:.2f} s"
    return f"usable after {(time.monotonic() - t0) * 1000:.0f} ms ({tries} login tries)"


@check("add-user: 1,000 users in one call")
def _():
    password = f"bulk-{TOKEN}"   # new password on every run, so the file really changes
    users = [f"vfy-bulk-{i:04d}:{password}" for i in range(1, 1001)]
    took = add_user("--users", *users)
    assert can_login("vfy-bulk-0001", password) and can_login("vfy-bulk-1000", password)
    assert took < 3, f"took {took:.2f} s"
    return f"{took * 1000:.0f} ms"


passed, failed = results.count(True), results.count(False)
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
EOF
exec python3 -c "$PY" "$BASE" "$SCRIPTS"
