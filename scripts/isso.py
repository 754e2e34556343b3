"""Frontera's Isso comment server: start, stop, seed and moderate it.

Run it through `scripts/isso` (it needs the Python of .tools/isso-venv, which scripts/setup
creates). Everything about one Isso instance lives in its data folder:

    comments.db      the SQLite database (comments, threads, and Isso's signing key)
    admin-password   generated when ISSO_ADMIN_PASSWORD is not set (mode 600)
    isso.cfg         isso/isso.cfg.in rendered by `start`/`run` (mode 600)
    isso.pid         the pid of the running Isso
    isso.url         the URL it listens on, e.g. http://127.0.0.1:8081
    isso.log         Isso's log: new comments with their activation and delete links
    seeded           written by `seed` once it has seeded this database

See docs/comments-server.md for the configuration variables and what Isso does.
"""

import argparse
import fcntl
import hashlib
import json
import os
import re
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, ".tools", "isso-venv")
ISSO_BIN = os.path.join(VENV, "bin", "isso")
TEMPLATE = os.path.join(ROOT, "isso", "isso.cfg.in")
SEED_FILE = os.path.join(ROOT, "isso", "seed.json")
DEFAULT_ORIGIN = "http://127.0.0.1:8080"

# Environment variables that override the values rendered into isso.cfg: name -> (default, kind).
SETTINGS = {
    "ISSO_MODERATION": ("true", "bool"),
    "ISSO_PURGE_AFTER": ("30d", "duration"),
    "ISSO_MAX_AGE": ("15m", "duration"),
    "ISSO_GUARD": ("true", "bool"),
    "ISSO_RATELIMIT": ("2", "int"),
    "ISSO_DIRECT_REPLY": ("3", "int"),
    "ISSO_REPLY_TO_SELF": ("false", "bool"),
    "ISSO_REQUIRE_AUTHOR": ("false", "bool"),
    "ISSO_REQUIRE_EMAIL": ("false", "bool"),
    "ISSO_TRUSTED_PROXIES": ("", "text"),
    "ISSO_SAMESITE": ("", "samesite"),
}
BOOLS = {"true", "false", "on", "off", "yes", "no", "1", "0"}


def log(msg):
    print(f"\033[1;35m[isso]\033[0m {msg}", file=sys.stderr, flush=True)


def die(msg, code=1):
    log(f"error: {msg}")
    sys.exit(code)


# --- files of a data folder ----------------------------------------------------------------------


class Data:
    def __init__(self, path):
        self.dir = os.path.abspath(path)
        self.db = os.path.join(self.dir, "comments.db")
        self.password = os.path.join(self.dir, "admin-password")
        self.cfg = os.path.join(self.dir, "isso.cfg")
        self.pid = os.path.join(self.dir, "isso.pid")
        self.url = os.path.join(self.dir, "isso.url")
        self.log = os.path.join(self.dir, "isso.log")
        self.seeded = os.path.join(self.dir, "seeded")
        self.lock = os.path.join(self.dir, "isso.lock")

    def ensure(self):
        os.makedirs(self.dir, exist_ok=True)

    def read(self, path):
        try:
            with open(path) as f:
                return f.read().strip()
        except FileNotFoundError:
            return None

    def running(self):
        """(pid, url) of the Isso started on this folder, or None. Only a process whose command
        line names this folder's isso.cfg counts, so a recycled pid is never taken for Isso."""
        pid = self.read(self.pid)
        if not pid or not pid.isdigit():
            return None
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmdline = f.read().split(b"\0")
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            return None
        if self.cfg.encode() not in cmdline:
            return None
        return int(pid), self.read(self.url)


@contextmanager
def locked(data):
    """Serialises start/stop on one data folder (e.g. two test workers starting it at once)."""
    data.ensure()
    with open(data.lock, "w") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def write_private(path, text):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(text)
    os.chmod(path, 0o600)


# --- configuration --------------------------------------------------------------------------------


def setting(name):
    default, kind = SETTINGS[name]
    value = os.environ.get(name, "").strip() or default
    ok = {
        "bool": lambda v: v.lower() in BOOLS,
        "int": lambda v: v.isdigit(),
        "duration": lambda v: v.isdigit() or re.fullmatch(r"(\d+[ywdhms])+", v) is not None,
        "samesite": lambda v: v in ("", "None", "Lax", "Strict"),
        "text": lambda v: "\n" not in v,
    }[kind](value)
    if not ok:
        die(f"{name}={value!r} is not a valid {kind}")
    return value.lower() if kind == "bool" else value


def admin_password(data):
    """ISSO_ADMIN_PASSWORD if set, else the folder's admin-password file (created if missing)."""
    pw = os.environ.get("ISSO_ADMIN_PASSWORD", "")
    if pw:
        return pw
    pw = data.read(data.password)
    if not pw:
        pw = secrets.token_urlsafe(18)
        write_private(data.password, pw + "\n")
        log(f"generated an admin password in {data.password}")
    return pw


def render(data, port, origins, public_endpoint, listen_host, password):
    with open(TEMPLATE) as f:
        text = f.read()
    values = {
        "DBPATH": data.db,
        "HOSTS": "\n".join(f"    {o.rstrip('/')}" for o in origins),
        "PORT": str(port),
        "LISTEN_HOST": listen_host,
        "PUBLIC_ENDPOINT": (public_endpoint or f"http://{listen_host}:{port}").rstrip("/"),
        "MAX_AGE": setting("ISSO_MAX_AGE"),
        "MODERATION": setting("ISSO_MODERATION"),
        "PURGE_AFTER": setting("ISSO_PURGE_AFTER"),
        "GUARD": setting("ISSO_GUARD"),
        "RATELIMIT": setting("ISSO_RATELIMIT"),
        "DIRECT_REPLY": setting("ISSO_DIRECT_REPLY"),
        "REPLY_TO_SELF": setting("ISSO_REPLY_TO_SELF"),
        "REQUIRE_AUTHOR": setting("ISSO_REQUIRE_AUTHOR"),
        "REQUIRE_EMAIL": setting("ISSO_REQUIRE_EMAIL"),
        "TRUSTED_PROXIES": setting("ISSO_TRUSTED_PROXIES"),
        "SAMESITE": setting("ISSO_SAMESITE"),
    }
    text = re.sub(r"@([A-Z_]+)@", lambda m: values.get(m.group(1), m.group(0)), text)
    left = re.findall(r"@[A-Z_]+@", text)
    if left:
        die(f"{TEMPLATE} has unknown placeholders: {', '.join(sorted(set(left)))}")
    # Lets `start` notice a changed password and restart; the password itself is not written.
    fingerprint = hashlib.sha256(password.encode()).hexdigest()[:16]
    header = f"# Rendered by scripts/isso from isso/isso.cfg.in; admin password sha256 {fingerprint}\n"
    return header + text


def free_port(host):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def port_in_use(host, port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
            return False
        except OSError:
            return True


def child_env(password):
    env = dict(os.environ)
    env.pop("ISSO_SETTINGS", None)  # would take precedence over -c
    env["ISSO_ADMIN_PASSWORD"] = password
    return env


def port_of(url):
    return int(url.rsplit(":", 1)[1].rstrip("/")) if url else None


# --- HTTP -----------------------------------------------------------------------------------------


def http(method, url, body=None, headers=None, timeout=10):
    """(status, headers, text) of a request; HTTP errors are answers too, not exceptions."""
    data = None
    headers = dict(headers or {})
    if body is not None:
        data = json.dumps(body).encode()
        headers.setdefault("Content-Type", "application/json")
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, resp.headers, resp.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode(errors="replace")


def reason(text):
    """The message in one of Isso's HTML error pages."""
    m = re.search(r"<p>(.*?)</p>", text, re.S)
    return m.group(1) if m else text[:200]


def answers(url):
    try:
        status, _, _ = http("GET", url + "/config", timeout=2)
        return status == 200
    except (urllib.error.URLError, OSError):
        return False


# --- start / run / stop / status ------------------------------------------------------------------


def prepare(args, data, port):
    data.ensure()
    password = admin_password(data)
    origins = args.origin or [DEFAULT_ORIGIN]
    text = render(data, port, origins, args.public_endpoint, args.listen_host, password)
    return text, password


def start(args):
    data = Data(args.data)
    with locked(data):
        running = data.running()
        if running:
            pid, url = running
            args.port = args.port or port_of(url)  # a restart keeps the port
            if args.port and port_of(url) != args.port:
                die(f"Isso on {data.dir} already runs at {url}, not on port {args.port}; stop it first")
            text, _ = prepare(args, data, port_of(url))
            same = data.read(data.cfg) == text.strip()
            if same and not args.fresh and answers(url):
                log(f"already running at {url} (pid {pid})")
                print(url)
                return
            log("configuration changed, restarting" if not same else "restarting")
            stop_pid(data, pid)
        if args.fresh:
            for suffix in ("", "-wal", "-shm", "-journal"):
                try:
                    os.remove(data.db + suffix)
                except FileNotFoundError:
                    pass
            try:
                os.remove(data.seeded)
            except FileNotFoundError:
                pass
        for attempt in range(3):
            port = args.port or free_port(args.listen_host)
            for _ in range(20 if args.port else 0):  # a port just released may take a moment
                if not port_in_use(args.listen_host, port):
                    break
                time.sleep(0.1)
            if port_in_use(args.listen_host, port):
                if args.port:
                    die(f"port {port} on {args.listen_host} is in use by another program")
                continue
            url = launch(args, data, port)
            if url:
                print(url)
                return
            if args.port:
                break
        die(f"Isso did not start; see {data.log}")


def launch(args, data, port):
    """Starts Isso in the background; its URL once GET /config answers, or None."""
    text, password = prepare(args, data, port)
    write_private(data.cfg, text)
    if os.path.exists(data.log) and os.path.getsize(data.log) > 5_000_000:
        os.replace(data.log, data.log + ".1")
    url = f"http://{args.listen_host}:{port}"
    with open(data.log, "a") as logf:
        logf.write(f"--- scripts/isso start {url} at {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
        logf.flush()
        proc = subprocess.Popen(
            [ISSO_BIN, "-c", data.cfg, "run"],
            stdin=subprocess.DEVNULL,
            stdout=logf,
            stderr=subprocess.STDOUT,
            cwd=data.dir,
            env=child_env(password),
            start_new_session=True,  # Ctrl-C in a terminal does not reach it; `stop` does
        )
    with open(data.pid, "w") as f:
        f.write(f"{proc.pid}\n")
    with open(data.url, "w") as f:
        f.write(url + "\n")
    deadline = time.time() + args.timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            tail = "".join(open(data.log).readlines()[-8:])
            log(f"Isso exited with status {proc.returncode}:\n{tail}")
            for path in (data.pid, data.url):
                os.remove(path)
            return None
        if answers(url):
            log(f"Isso {url} (pid {proc.pid}, data {data.dir}, log {data.log})")
            if args.stop_with:
                watch_later(data, args.stop_with, proc.pid)
            return url
        time.sleep(0.2)
    log(f"Isso did not answer {url}/config within {args.timeout}s; stopping it")
    stop_pid(data, proc.pid)
    return None


def watch_later(data, owner, isso_pid):
    """Starts `watch` in the background: it stops this Isso once process `owner` has exited."""
    subprocess.Popen(
        [sys.executable, os.path.abspath(__file__), "watch", "--data", data.dir, "--owner", str(owner), "--isso", str(isso_pid)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=open(data.log, "a"),
        start_new_session=True,
    )
    log(f"it stops when process {owner} exits")


def watch(args):
    data = Data(args.data)
    while True:
        running = data.running()
        if not running or running[0] != args.isso:
            return  # stopped or restarted by someone else: not ours to stop any more
        if gone(args.owner):
            with locked(data):
                running = data.running()
                if running and running[0] == args.isso:
                    stop_pid(data, args.isso)
                    log(f"stopped Isso {running[1]}: process {args.owner} exited")
            return
        time.sleep(0.5)


def run(args):
    """Renders the configuration and replaces this process with Isso (for a supervisor such as
    Playwright's webServer, which stops it by signalling this pid)."""
    data = Data(args.data)
    if not args.port:
        args.port = free_port(args.listen_host)
    with locked(data):
        running = data.running()
        if running:
            die(f"Isso on {data.dir} already runs at {running[1]}; stop it first")
        if args.fresh and os.path.exists(data.db):
            os.remove(data.db)
        text, password = prepare(args, data, args.port)
        write_private(data.cfg, text)
        url = f"http://{args.listen_host}:{args.port}"
        with open(data.pid, "w") as f:
            f.write(f"{os.getpid()}\n")
        with open(data.url, "w") as f:
            f.write(url + "\n")
    log(f"Isso {url} (data {data.dir}), in the foreground")
    sys.stdout.flush()
    os.execve(ISSO_BIN, [ISSO_BIN, "-c", data.cfg, "run"], child_env(password))


def gone(pid):
    """True once the process has exited and closed its files (a zombie has; an exiting process
    empties its command line before it closes its sockets)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            return any(line.startswith("State:") and "Z" in line.split()[1] for line in f)
    except FileNotFoundError:
        return True


def stop_pid(data, pid, timeout=10):
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    deadline = time.time() + timeout
    while time.time() < deadline and not gone(pid):
        time.sleep(0.1)
        try:
            os.waitpid(pid, os.WNOHANG)  # reap it if it is our own child
        except ChildProcessError:
            pass
    if not gone(pid) and data.running():
        log(f"Isso (pid {pid}) ignored SIGTERM; killing it")
        os.kill(pid, signal.SIGKILL)
        time.sleep(0.2)
    for path in (data.pid, data.url):
        try:
            os.remove(path)
        except FileNotFoundError:
            pass


def stop(args):
    data = Data(args.data)
    if not os.path.isdir(data.dir):
        log(f"not running ({data.dir} does not exist)")
        return
    with locked(data):
        running = data.running()
        if not running:
            log("not running")
            for path in (data.pid, data.url):
                if os.path.exists(path):
                    os.remove(path)
            return
        pid, url = running
        stop_pid(data, pid)
        log(f"stopped Isso {url} (pid {pid})")


def status(args):
    data = Data(args.data)
    running = data.running()
    if running and answers(running[1]):
        print(running[1])
        return
    log("not running")
    sys.exit(1)


# --- moderation -----------------------------------------------------------------------------------


def connect_ro(data):
    if not os.path.exists(data.db):
        die(f"no database at {data.db}")
    return sqlite3.connect(f"file:{data.db}?mode=ro", uri=True)


def activation_key(data, comment_id):
    """The key of POST /id/<id>/activate/<key> (and .../delete/<key>): what Isso 0.14 puts in
    its notification links and its admin page, i.e. itsdangerous' URLSafeTimedSerializer over
    the `session-key` that Isso stores in the database's `preferences` table. Isso accepts such
    a key for 2**32 seconds."""
    from itsdangerous import URLSafeTimedSerializer

    with connect_ro(data) as db:
        row = db.execute("SELECT value FROM preferences WHERE key = 'session-key'").fetchone()
    if not row:
        die(f"{data.db} has no session-key yet (has Isso ever run on it?)")
    return URLSafeTimedSerializer(row[0]).dumps(int(comment_id))


def pending_ids(data):
    with connect_ro(data) as db:
        return [r[0] for r in db.execute("SELECT id FROM comments WHERE mode = 2 ORDER BY id")]


def base_url(args, data):
    url = args.url or (data.read(data.url) if data else None)
    if not url:
        die("no --url given and no running Isso found in --data")
    return url.rstrip("/")


def activate(url, data, comment_id):
    key = activation_key(data, comment_id)
    status, _, text = http("POST", f"{url}/id/{comment_id}/activate/{key}")
    if status != 200:
        die(f"activating comment {comment_id}: HTTP {status} {reason(text)}")
    return text.strip()


def cmd_key(args):
    data = Data(args.data)
    for i in args.ids:
        print(activation_key(data, i))


def cmd_approve(args):
    data = Data(args.data)
    url = base_url(args, data)
    if bool(args.all) == bool(args.ids):
        die("give either comment ids or --all")
    ids = pending_ids(data) if args.all else args.ids
    if not ids:
        log("nothing to approve")
    for i in ids:
        log(f"comment {i}: {activate(url, data, i)}")


def cmd_pending(args):
    data = Data(args.data)
    with connect_ro(data) as db:
        rows = db.execute(
            "SELECT c.id, t.uri, c.parent, c.author, c.text, c.created FROM comments c "
            "JOIN threads t ON t.id = c.tid WHERE c.mode = 2 ORDER BY c.id"
        ).fetchall()
    for r in rows:
        print(json.dumps(dict(zip(("id", "uri", "parent", "author", "text", "created"), r)), ensure_ascii=False))


# --- seed -----------------------------------------------------------------------------------------


def seed(args):
    data = Data(args.data) if args.data else None
    url = base_url(args, data)
    if not answers(url):
        die(f"no Isso answers at {url}")
    with open(args.file) as f:
        posts = json.load(f)["posts"]
    counter = [0]

    def address():
        # One made-up client address per request: Isso 0.14 takes the client address from
        # X-Forwarded-For (werkzeug's ProxyFix, one hop), so each sample comment gets its own
        # /24 and the guard's per-address limits (ratelimit, direct-reply) never trip.
        counter[0] += 1
        n = counter[0]
        # Isso keeps only the /24 of an IPv4 address, so vary the first three octets.
        return f"{10 + n // 65536}.{(n // 256) % 256}.{n % 256}.1"

    def post(uri, title, c, parent=None):
        body = {"text": c["text"], "title": title, "parent": parent}
        for k in ("author", "email", "website"):
            if c.get(k):
                body[k] = c[k]
        status, _, text = http("POST", f"{url}/new?uri={urllib.parse.quote(uri)}", body, {"X-Forwarded-For": address()})
        if status not in (201, 202):
            die(f"POST /new on {uri}: HTTP {status} {reason(text)}")
        cid = json.loads(text)["id"]
        if status == 202:
            if not data:
                die("the comments are held for moderation: pass --data DIR so seed can approve them")
            activate(url, data, cid)
        for _ in range(c.get("likes", 0)):
            http("POST", f"{url}/id/{cid}/like", None, {"X-Forwarded-For": address()})
        return cid

    total = 0
    for p in posts:
        status, _, text = http("GET", f"{url}/?uri={urllib.parse.quote(p['uri'])}&limit=0")
        if status == 200 and json.loads(text)["total_replies"] > 0 and not args.force:
            log(f"{p['uri']} already has comments; skipped")
            continue
        for c in p["comments"]:
            cid = post(p["uri"], p["title"], c)
            total += 1
            for r in c.get("replies", []):
                post(p["uri"], p["title"], r, parent=cid)
                total += 1
    if data:
        with open(data.seeded, "w") as f:
            f.write(time.strftime("%Y-%m-%dT%H:%M:%S%z\n"))
    log(f"seeded {total} comments on {len(posts)} posts at {url}")


# --- command line ---------------------------------------------------------------------------------


def main():
    p = argparse.ArgumentParser(prog="scripts/isso", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)

    def server_args(sp):
        sp.add_argument("--data", required=True, help="data folder (database, config, pid, log)")
        sp.add_argument("--port", type=int, default=0, help="port to listen on; 0 (default) picks a free one")
        sp.add_argument("--origin", action="append", help=f"the blog origin, repeatable (default {DEFAULT_ORIGIN})")
        sp.add_argument("--public-endpoint", help="URL readers reach Isso at (default: http://HOST:PORT)")
        sp.add_argument("--listen-host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
        sp.add_argument("--fresh", action="store_true", help="start with an empty database")
        sp.add_argument("--timeout", type=float, default=30, help="seconds to wait for GET /config")

    sp = sub.add_parser("start", help="start Isso in the background and print its URL")
    server_args(sp)
    sp.add_argument("--stop-with", type=int, metavar="PID", help="stop Isso when process PID exits (only if this call starts it)")
    sp.set_defaults(func=start)
    sp = sub.add_parser("run", help="run Isso in the foreground (for a supervisor)")
    server_args(sp)
    sp.set_defaults(func=run)
    sp = sub.add_parser("watch", help="(internal) what start --stop-with runs")
    sp.add_argument("--data", required=True)
    sp.add_argument("--owner", type=int, required=True)
    sp.add_argument("--isso", type=int, required=True)
    sp.set_defaults(func=watch)
    sp = sub.add_parser("stop", help="stop the Isso of a data folder")
    sp.add_argument("--data", required=True)
    sp.set_defaults(func=stop)
    sp = sub.add_parser("status", help="print the URL of the running Isso, or exit 1")
    sp.add_argument("--data", required=True)
    sp.set_defaults(func=status)
    sp = sub.add_parser("seed", help="post the sample comments of isso/seed.json, published")
    sp.add_argument("--url", help="Isso URL (default: the one running on --data)")
    sp.add_argument("--data", help="data folder, to approve comments held for moderation")
    sp.add_argument("--file", default=SEED_FILE)
    sp.add_argument("--force", action="store_true", help="also seed threads that already have comments")
    sp.set_defaults(func=seed)
    sp = sub.add_parser("key", help="print the activation key of comment IDs")
    sp.add_argument("--data", required=True)
    sp.add_argument("ids", nargs="+", type=int)
    sp.set_defaults(func=cmd_key)
    sp = sub.add_parser("approve", help="publish pending comments through POST /id/ID/activate/KEY")
    sp.add_argument("--data", required=True)
    sp.add_argument("--url", help="Isso URL (default: the one running on --data)")
    sp.add_argument("ids", nargs="*", type=int, help="comment ids")
    sp.add_argument("--all", action="store_true", help="every comment awaiting moderation")
    sp.set_defaults(func=cmd_approve)
    sp = sub.add_parser("pending", help="list comments awaiting moderation, one JSON object a line")
    sp.add_argument("--data", required=True)
    sp.set_defaults(func=cmd_pending)

    args = p.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
