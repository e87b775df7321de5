#!/usr/bin/env python3
"""Deterministic generator of realistic RFC 5322 messages for ServerSync's benchmarks (python3 stdlib only).

  bench/gen-messages.py --count N [--seed S] --out DIR [--format maildir|eml] [--attach-ratio 0.1]

The same --count/--seed gives byte-identical files (boundaries and Message-IDs come from the seeded
generator, never from the clock or the global random module).

Output, accepted as is by scripts/mailstack-deliver.sh BASE RCPT DIR:
  maildir (default)  DIR/cur/<epoch>.M<n>P1Q<n>.bench,S=<bytes>,W=<bytes with CRLF>:2,<flags>, plus empty new/ and tmp/;
                     file mtime = the Date header (what Dovecot uses as INTERNALDATE if the files are copied in)
  eml                DIR/<n>.eml
File names sort in generation order, which is also chronological: a reply always comes after the message it
answers, so delivering the folder in name order lets In-Reply-To correlation find its parent.

Mix (per message, by the seeded generator):
  - text/plain bodies of 0.8-6 KB (7bit, or quoted-printable when they carry non-ASCII text)
  - ~40 % multipart/alternative (text + HTML)
  - ~30 % replies: "Re:" subject, In-Reply-To and References to an earlier message of the corpus, quoted text
  - ~10 % (--attach-ratio) with 1-2 base64 attachments of 5-100 KB raw each (--max-attach; multipart/mixed)
  - UTF-8 display names and subjects (RFC 2047 encoded-words), 1-3 To, ~20 % with Cc, Received/X-Mailer/List-Id headers
Files use LF line ends (Maildir convention; LMTP delivery turns them into CRLF).
Prints a JSON summary (count, bytes, how many replies/attachments/alternatives, seconds) on stdout.
"""
import argparse
import email.policy
import email.utils
import json
import os
import random
import sys
import time
from datetime import datetime, timedelta, timezone
from email.headerregistry import Address
from email.message import EmailMessage

FIRST = ["Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Grace", "Heidi", "Ivan", "Judy", "Mallory", "Niaj",
         "Olivia", "Peggy", "Rupert", "Sybil", "Trent", "Victor", "Walter", "Zoë", "José", "Søren", "Ängela",
         "Łukasz", "Chloé", "Björn", "Renée", "Mateo", "Aiko", "Priya", "Dmitrij", "Fatma", "Jürgen", "Ørjan"]
LAST = ["Smith", "Jones", "Müller", "García", "Rossi", "Dubois", "Nowak", "Novák", "Kowalski", "Johansson",
        "Tanaka", "Nguyen", "Okafor", "Silva", "O'Brien", "van der Berg", "Hernández", "Schmidt", "Lefèvre", "Patel",
        "Åström", "Çelik", "Þórsson"]
DOMAINS = ["example.com", "example.org", "example.net", "corp.example", "mail.example", "customer.example",
           "partner.example.org", "lists.example.org"]
TOPICS = ["quarterly report", "project kickoff", "invoice", "meeting notes", "design review", "release plan",
          "budget", "travel arrangements", "server outage", "contract draft", "onboarding", "customer feedback",
          "roadmap", "security audit", "team offsite", "hiring update", "database migration", "newsletter",
          "Angebot für Q3", "réunion de lundi", "presupuesto anual", "status update", "offert – ändrade villkor",
          "Bestellung Nr.", "support ticket", "renewal quote"]
WORDS = ("the of and to in is you that it he was for on are as with his they at be this have from or one had by "
         "word but not what all were we when your can said there use an each which she do how their if will up "
         "other about out many then them these so some her would make like him into time has look two more write "
         "go see number no way could people my than first water been call who oil its now find long down day did "
         "get come made may part schedule deadline review deploy customer contract invoice meeting agenda server "
         "database release budget quarter forecast proposal follow-up attachment regards thanks please").split()
NON_ASCII = [" Grüße, café, naïve, ½ — “quoted” ✓", " Ærlig talt: smørbrød på fredag.", " Przyjdę o 15:00, żółć.",
             " Спасибо за ответ.", " 了解しました。"]
ATTACH = [("report.pdf", "application", "pdf"), ("photo.jpg", "image", "jpeg"), ("diagram.png", "image", "png"),
          ("archive.zip", "application", "zip"),
          ("contract.docx", "application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
          ("data.xlsx", "application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
          ("Übersicht März.pdf", "application", "pdf")]
TZ_MINUTES = [0, 0, 60, 120, -300, -240, -480, 330, 540, 600]
MAILERS = ["Mozilla Thunderbird 128.4", "Microsoft Outlook 16.0", "Apple Mail (2.3774)", "Roundcube Webmail 1.6",
           "K-9 Mail for Android", None, None]
BASE_TIME = 1735689600  # 2025-01-01T00:00:00Z: fixed, so the output does not depend on the day it runs


def rfc5322_date(rng, t):
    tz = timezone(timedelta(minutes=rng.choice(TZ_MINUTES)))
    return email.utils.format_datetime(datetime.fromtimestamp(t, tz))


def person(rng):
    first, last = rng.choice(FIRST), rng.choice(LAST)
    local = (first + "." + last).lower().replace(" ", "").replace("'", "")
    local = local.encode("ascii", "ignore").decode() or "user"
    return Address(f"{first} {last}", local, rng.choice(DOMAINS))


def paragraph(rng, n_words):
    words = [rng.choice(WORDS) for _ in range(n_words)]
    sentences, i = [], 0
    while i < len(words):
        k = rng.randint(6, 18)
        s = " ".join(words[i:i + k])
        sentences.append(s[:1].upper() + s[1:] + ".")
        i += k
    return " ".join(sentences)


def body_text(rng, target):
    paras, size = [], 0
    while size < target:
        p = paragraph(rng, rng.randint(30, 120))
        if rng.random() < 0.1:
            p += rng.choice(NON_ASCII)
        paras.append(p)
        size += len(p) + 2
    return "\n\n".join(paras)


def wrap(text, width=76):
    out = []
    for para in text.split("\n\n"):
        line = ""
        for w in para.split():
            if line and len(line) + len(w) + 1 > width:
                out.append(line)
                line = w
            else:
                line = f"{line} {w}" if line else w
        out.append(line)
        out.append("")
    return "\n".join(out)


def html_of(text):
    escape = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
    paras = "".join(f"<p>{p.translate(escape)}</p>\n" for p in text.split("\n\n") if p.strip())
    return f"<html><head><meta charset=\"utf-8\"></head><body>\n{paras}</body></html>\n"


def make_message(rng, i, when, history, stats, attach_ratio, max_attach):
    msg = EmailMessage()
    frm = person(rng)
    to = [person(rng) for _ in range(rng.choice([1, 1, 1, 2, 3]))]
    parent = rng.choice(history) if history and rng.random() < 0.3 else None
    if parent:
        subject = parent["subject"] if parent["subject"].startswith("Re: ") else "Re: " + parent["subject"]
    else:
        subject = f"{rng.choice(TOPICS).capitalize()} #{rng.randint(100, 9999)}"
    mid = f"<{rng.getrandbits(64):016x}.{i}@{frm.domain}>"
    msg["Return-Path"] = f"<{frm.addr_spec}>"
    msg["Received"] = (f"from mx{rng.randint(1, 9)}.{frm.domain} (mx.{frm.domain} [192.0.2.{rng.randint(1, 254)}]) "
                       f"by mail.example.test with ESMTPS id {rng.getrandbits(40):010X}; "
                       + rfc5322_date(rng, when + rng.randint(1, 30)))
    msg["From"] = frm
    msg["To"] = to
    if rng.random() < 0.2:
        msg["Cc"] = [person(rng) for _ in range(rng.randint(1, 3))]
    msg["Subject"] = subject
    msg["Date"] = rfc5322_date(rng, when)
    msg["Message-ID"] = mid
    if parent:
        refs = parent["refs"] + [parent["mid"]]
        msg["In-Reply-To"] = parent["mid"]
        msg["References"] = " ".join(refs[-10:])
        stats["replies"] += 1
    mailer = rng.choice(MAILERS)
    if mailer:
        msg["X-Mailer"] = mailer
    if rng.random() < 0.1:
        msg["List-Id"] = "Team announcements <team.lists.example.org>"
        msg["List-Unsubscribe"] = "<mailto:leave-team@lists.example.org>"
    text = wrap(body_text(rng, rng.randint(800, 6000)))
    if parent:
        text += "\n\nOn " + rfc5322_date(rng, when - rng.randint(600, 86400)) + f", {frm.display_name} wrote:\n> " + \
            "\n> ".join(paragraph(rng, 40).split(". "))
    text += f"\n\n-- \n{frm.display_name}\n"
    msg.set_content(text, cte="7bit" if text.isascii() else "quoted-printable")
    if rng.random() < 0.4:
        msg.add_alternative(html_of(text), subtype="html", cte="quoted-printable")
        stats["alternative"] += 1
    n_attachments = 0
    if rng.random() < attach_ratio:
        n_attachments = rng.choice([1, 1, 2])
        for _ in range(n_attachments):
            name, maintype, subtype = rng.choice(ATTACH)
            size = rng.randint(5 * 1024, max_attach)  # raw bytes of this attachment (base64 makes it ~1.37x larger)
            msg.add_attachment(rng.randbytes(size), maintype=maintype, subtype=subtype, filename=name)
        stats["with_attachments"] += 1
        stats["attachments"] += n_attachments
    # Boundaries from the seeded generator: the email package would otherwise draw them from the global random.
    for part in msg.walk():
        if part.is_multipart():
            part.set_boundary(f"=_bench_{rng.getrandbits(64):016x}")
    history.append({"mid": mid, "subject": subject, "refs": (parent["refs"] + [parent["mid"]])[-10:] if parent else []})
    if len(history) > 500:
        history.pop(0)
    return msg


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    ap.add_argument("--format", choices=["maildir", "eml"], default="maildir")
    ap.add_argument("--attach-ratio", type=float, default=0.1)
    ap.add_argument("--max-attach", type=int, default=100 * 1024, help="raw bytes of one attachment, at most")
    args = ap.parse_args()
    if args.count < 0:
        ap.error("--count must be >= 0")
    if args.max_attach < 5 * 1024:
        ap.error("--max-attach must be at least 5120")

    rng = random.Random(args.seed)
    target = os.path.join(args.out, "cur") if args.format == "maildir" else args.out
    os.makedirs(target, exist_ok=True)
    if args.format == "maildir":
        for d in ("new", "tmp"):
            os.makedirs(os.path.join(args.out, d), exist_ok=True)
    stale = [f for f in os.listdir(target) if not f.startswith(".")]
    if stale:
        sys.exit(f"gen-messages: {target} is not empty ({len(stale)} files); use a fresh --out folder")

    policy = email.policy.default.clone(linesep="\n", max_line_length=78)
    stats = {"replies": 0, "alternative": 0, "with_attachments": 0, "attachments": 0}
    history, total, wire, biggest = [], 0, 0, 0
    # A mailbox's year: messages 0..N-1 in time order, ~1-90 minutes apart.
    when = BASE_TIME - 365 * 86400
    t0 = time.monotonic()
    for i in range(args.count):
        when += rng.randint(60, 5400)
        msg = make_message(rng, i, when, history, stats, args.attach_ratio, args.max_attach)
        data = msg.as_bytes(policy=policy)
        if args.format == "maildir":
            flags = "".join(f for f, p in (("F", 0.05), ("R", 0.15), ("S", 0.7)) if rng.random() < p)
            vsize = len(data) + data.count(b"\n")  # the size with CRLF line ends, as IMAP reports it
            name = f"{when:010d}.M{i:06d}P1Q{i}.bench,S={len(data)},W={vsize}:2,{flags}"
        else:
            name = f"{i:06d}.eml"
        path = os.path.join(target, name)
        with open(path, "wb") as fh:
            fh.write(data)
        os.utime(path, (when, when))
        total += len(data)
        wire += len(data) + data.count(b"\n")
        biggest = max(biggest, len(data))
    summary = {"count": args.count, "seed": args.seed, "format": args.format, "file_bytes": total, "wire_bytes": wire,
               "avg_bytes": total // max(args.count, 1), "max_bytes": biggest, **stats,
               "seconds": round(time.monotonic() - t0, 2), "out": os.path.abspath(args.out)}
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
