"""Frontera's Isso comment server: its configuration, sample comments and moderation.

Supervising it is not done here: Playwright's webServer and honcho (Procfile) run `scripts/isso run`,
which becomes Isso, and check its health with GET /config. A data folder holds one Isso: comments.db,
admin-password (unless ISSO_ADMIN_PASSWORD is set), isso.cfg, `seeded`. See docs/comments-server.md.
"""

import argparse
import ctypes
import fcntl
import itertools
import json
import os
import re
import secrets
import signal
import sqlite3
import sys
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "isso" / "isso.cfg.in"
SEED_FILE = ROOT / "isso" / "seed.json"
BOOL, INT, DURATION = r"(?i)true|false|on|off|yes|no|1|0", r"\d+", r"\d+|(\d+[ywdhms])+"
# The ISSO_* variables rendered into isso.cfg as @NAME@ (without ISSO_): (default, accepted values).
SETTINGS = {
    "ISSO_MODERATION": ("true", BOOL), "ISSO_PURGE_AFTER": ("30d", DURATION), "ISSO_MAX_AGE": ("15m", DURATION),
    "ISSO_GUARD": ("true", BOOL), "ISSO_RATELIMIT": ("2", INT), "ISSO_DIRECT_REPLY": ("3", INT),
    "ISSO_REPLY_TO_SELF": ("false", BOOL), "ISSO_REQUIRE_AUTHOR": ("false", BOOL), "ISSO_REQUIRE_EMAIL": ("false", BOOL),
    "ISSO_TRUSTED_PROXIES": ("", r"[^\n]*"), "ISSO_SAMESITE": ("", r"|None|Lax|Strict"),
}


def say(msg):
    print(f"[isso] {msg}", file=sys.stderr, flush=True)


def die(msg):
    sys.exit(f"[isso] error: {msg}")


def setting(name):
    """The value of one ISSO_* variable, or its default; stops on an invalid one."""
    default, accepted = SETTINGS[name]
    value = os.environ.get(name, "").strip() or default
    if not re.fullmatch(accepted, value):
        die(f"{name}={value!r} is not valid (accepted: {accepted})")
    return value.lower() if accepted is BOOL else value


def write_private(path, text):
    """Writes a file that only its owner may read (mode 600)."""
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as f:
        f.write(text)


def admin_password(data):
    """ISSO_ADMIN_PASSWORD if set, else the contents of <data>/admin-password (created if missing)."""
    path = data / "admin-password"
    if not os.environ.get("ISSO_ADMIN_PASSWORD") and not path.exists():
        write_private(path, secrets.token_urlsafe(18) + "\n")
        say(f"generated an admin password in {path}")
    return os.environ.get("ISSO_ADMIN_PASSWORD") or path.read_text().strip()


def write_config(args):
    """Renders isso/isso.cfg.in into <data>/isso.cfg."""
    values = {f"@{name[5:]}@": setting(name) for name in SETTINGS} | {
        "@DBPATH@": str(args.data / "comments.db"),
        "@HOSTS@": "\n".join(f"    {o.rstrip('/')}" for o in args.origin or ["http://127.0.0.1:8080"]),
        "@PORT@": str(args.port),
        "@PUBLIC_ENDPOINT@": (args.public_endpoint or f"http://127.0.0.1:{args.port}").rstrip("/"),
    }
    text = re.sub(r"@[A-Z_]+@", lambda m: values.get(m.group(0), m.group(0)), TEMPLATE.read_text())
    if re.search(r"@[A-Z_]+@", text):
        die(f"{TEMPLATE} has unknown placeholders: {sorted(set(re.findall(r'@[A-Z_]+@', text)))}")
    write_private(args.data / "isso.cfg", text)


def in_process(data):
    """`send(method, path, body, client) -> (status, text)` to Isso's own application in this process,
    on <data>/isso.cfg and its database. `client` becomes X-Forwarded-For: Isso's client address."""
    from isso import config, make_app
    from werkzeug.test import Client
    if not (data / "isso.cfg").exists():
        die(f"no isso.cfg in {data}: `scripts/isso run` writes it")
    app = Client(make_app(config.load(config.default_file(), str(data / "isso.cfg"))))

    def send(method, path, body=None, client=None):
        r = app.open(path, method=method, json=body, headers={"X-Forwarded-For": client} if client else {})
        return r.status_code, r.get_data(as_text=True)

    return send


def query(data, sql):
    """The rows of a read-only query on <data>/comments.db."""
    with sqlite3.connect(f"file:{data / 'comments.db'}?mode=ro", uri=True) as db:
        return db.execute(sql).fetchall()


def activate(send, data, comment_id):
    """Publishes a comment through POST /id/<id>/activate/<key>, with the key of Isso's own moderation
    links: itsdangerous' URLSafeTimedSerializer over the `session-key` in its `preferences` table."""
    from itsdangerous import URLSafeTimedSerializer

    session_key = query(data, "SELECT value FROM preferences WHERE key = 'session-key'")[0][0]
    status, text = send("POST", f"/id/{comment_id}/activate/{URLSafeTimedSerializer(session_key).dumps(comment_id)}")
    if status != 200:
        die(f"activating comment {comment_id}: HTTP {status} {text[:200]}")


def seed(send, data):
    """Posts isso/seed.json through Isso's API, each request from its own made-up address (its
    own /24, so the guard never trips), and publishes it. Threads with comments are skipped.
    Holds <data>/seed.lock throughout: two seeds at once (parallel tests) would otherwise both see
    an empty thread and post it twice, or one would see the other's half and skip it."""
    with open(data / "seed.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        seed_locked(send, data)


def seed_locked(send, data):
    posts = json.loads(SEED_FILE.read_text())["posts"]
    addresses = (f"10.{n // 256 % 256}.{n % 256}.1" for n in itertools.count(1))
    count = 0

    def post(uri, title, c, parent=None):
        nonlocal count
        body = {"text": c["text"], "title": title, "parent": parent, **{k: c[k] for k in ("author", "email", "website") if c.get(k)}}
        status, text = send("POST", f"/new?uri={quote(uri)}", body, next(addresses))
        if status not in (201, 202):
            die(f"POST /new on {uri}: HTTP {status} {text[:200]}")
        cid, count = json.loads(text)["id"], count + 1
        if status == 202:
            activate(send, data, cid)
        for _ in range(c.get("likes", 0)):
            send("POST", f"/id/{cid}/like", None, next(addresses))
        return cid

    for p in posts:
        status, text = send("GET", f"/?uri={quote(p['uri'])}&limit=0")
        if status == 200 and json.loads(text)["total_replies"] > 0:
            say(f"{p['uri']} already has comments; skipped")
            continue
        for c in p["comments"]:
            top = post(p["uri"], p["title"], c)
            for r in c.get("replies", []):
                post(p["uri"], p["title"], r, parent=top)
    (data / "seeded").write_text(f"{count} comments\n")
    say(f"seeded {count} comments on {len(posts)} posts")


def run(args):
    """Renders the configuration, seeds if asked, and replaces this process with Isso."""
    args.data.mkdir(parents=True, exist_ok=True)
    for name in ("comments.db", "comments.db-wal", "comments.db-shm", "comments.db-journal", "seeded") if args.fresh else ():
        (args.data / name).unlink(missing_ok=True)
    write_config(args)
    os.environ["ISSO_ADMIN_PASSWORD"] = admin_password(args.data)  # isso.cfg says ${ISSO_ADMIN_PASSWORD}
    os.environ.pop("ISSO_SETTINGS", None)  # it would take precedence over -c
    if args.seed and not (args.data / "seeded").exists():
        seed(in_process(args.data), args.data)
    if sys.platform == "linux":  # PR_SET_PDEATHSIG: Isso gets SIGTERM if its parent dies first
        ctypes.CDLL(None).prctl(1, int(signal.SIGTERM))
    isso = str(Path(sys.executable).parent / "isso")
    os.execv(isso, [isso, "-c", str(args.data / "isso.cfg"), "run"])


def pending(args):
    sql = "SELECT c.id, t.uri, c.parent, c.author, c.text, c.created FROM comments c JOIN threads t ON t.id = c.tid WHERE c.mode = 2"
    for row in query(args.data, sql + " ORDER BY c.id"):
        print(json.dumps(dict(zip(("id", "uri", "parent", "author", "text", "created"), row)), ensure_ascii=False))


def approve(args):
    send = in_process(args.data)
    for comment_id in args.ids:
        activate(send, args.data, comment_id)


def import_wxr(args):
    """Imports a WordPress export (WXR: `frontera-compile import-blogger` writes one) with Isso's own
    `isso import -t wordpress`, which keeps reply parents. Isso asks before importing into a database
    that has comments; this answers yes (say so first): importing the same file twice duplicates it."""
    import subprocess
    args.data.mkdir(parents=True, exist_ok=True)
    if not (args.data / "isso.cfg").exists():
        args.port, args.origin, args.public_endpoint = 8081, None, None
        write_config(args)
    os.environ["ISSO_ADMIN_PASSWORD"] = admin_password(args.data)
    os.environ.pop("ISSO_SETTINGS", None)
    db = args.data / "comments.db"
    if db.exists() and query(args.data, "SELECT name FROM sqlite_master WHERE name = 'comments'") and query(args.data, "SELECT 1 FROM comments LIMIT 1"):
        # Isso cannot add to a thread that exists (UNIQUE threads.uri, after a partial import):
        # refuse before it starts rather than half-way through.
        from urllib.parse import urlparse
        from xml.etree import ElementTree
        paths = {urlparse(item.findtext("link") or "").path for item in ElementTree.parse(args.file).iterfind("channel/item")}
        known = {uri for (uri,) in query(args.data, "SELECT uri FROM threads")} & paths
        if known:
            die(f"{len(known)} thread(s) of {args.file.name} are already in {db} (e.g. {sorted(known)[0]}): "
                "Isso's import cannot add to existing threads; import into a fresh data folder")
        say(f"{db} already has comments on other threads: importing beside them (Isso asks; answering yes)")
    isso = str(Path(sys.executable).parent / "isso")
    # Isso reads comment_date_gmt with mktime, i.e. as local time: UTC makes it UTC.
    done = subprocess.run([isso, "-c", str(args.data / "isso.cfg"), "import", "-t", "wordpress", str(args.file)],
                          input="y\n", text=True, env=os.environ | {"TZ": "UTC"})
    if done.returncode != 0:
        die(f"isso import failed (exit {done.returncode})")
    (count,) = query(args.data, "SELECT COUNT(*) FROM comments")[0]
    say(f"imported {args.file}: the database now holds {count} comments")


def main():
    parser = argparse.ArgumentParser(prog="scripts/isso", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(required=True)
    for name, func, about in [
        ("run", run, "render <data>/isso.cfg, seed if asked, and become Isso (for webServer, honcho)"),
        ("seed", lambda a: seed(in_process(a.data), a.data), "post isso/seed.json, published (threads with comments are skipped)"),
        ("pending", pending, "comments awaiting moderation, one JSON object a line"),
        ("approve", approve, "publish pending comments through POST /id/ID/activate/KEY"),
        ("import", import_wxr, "import a WordPress export (WXR) with reply parents: `isso import -t wordpress`"),
    ]:
        sp = commands.add_parser(name, help=about)
        sp.set_defaults(func=func)
        sp.add_argument("--data", required=True, type=lambda p: Path(p).resolve(), help="the data folder")
        if name == "import":
            sp.add_argument("file", type=lambda p: Path(p).resolve(), help="the WXR file (import-blogger: <content>/blogger/comments.wxr.xml)")
        if name == "approve":
            sp.add_argument("ids", nargs="+", type=int, help="comment ids")
        if name == "run":
            sp.add_argument("--port", type=int, required=True)
            sp.add_argument("--origin", action="append", help="the blog origin, repeatable (default http://127.0.0.1:8080)")
            sp.add_argument("--public-endpoint", help="the URL readers reach Isso at (default http://127.0.0.1:PORT)")
            sp.add_argument("--fresh", action="store_true", help="start with an empty database")
            sp.add_argument("--seed", action="store_true", help="post isso/seed.json first, unless <data>/seeded exists")
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
