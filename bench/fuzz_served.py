"""A fuzz run against a served app: gunicorn on 127.0.0.1, the demo data, real HTTP.

    .venv/bin/python bench/fuzz_served.py [--requests 3000] [--seed 11]

Builds a SQLite database in a temporary folder (migrations + `hub seed-demo`), starts
`gunicorn -w 2 wsgi:app` on a free port, signs in five clients (no one; staff and park admin of
田心高科园; staff of 醴陵经开区; the zone admin) the way a browser does (the login form's CSRF
token), then sends, in rounds until --requests is reached:

- every GET route with its ids replaced by huge, negative, zero and unknown values;
- list pages with hostile query strings;
- every post form a page shows, posted with the page's token and hostile values (tests/edge/
  fuzzkit.py: the same values as the standing fuzz test).

Prints the count per status and every 5xx (method, URL, role); exits 1 if there was any.
"""

import argparse
import http.cookiejar
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.edge import fuzzkit  # noqa: E402

PASSWORD = "fuzz-demo-password-1"
ROLES = {"anonymous": None, "staff_a": "tianxin_staff1", "admin_a": "tianxin_admin",
         "staff_b": "liling_staff1", "zone_admin": "admin"}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar),
                                                  NoRedirect())

    def send(self, method: str, path: str, data=None) -> tuple[int, str, str]:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        url = self.base + urllib.parse.quote(path, safe="/?&=%:;,+@")
        req = urllib.request.Request(url, data=body, method=method,
                                     headers={"Referer": self.base + "/"})
        try:
            with self.opener.open(req, timeout=60) as resp:
                return resp.status, resp.read().decode("utf-8", "replace"), ""
        except urllib.error.HTTPError as error:
            return (error.code, error.read().decode("utf-8", "replace"),
                    error.headers.get("Location", ""))


def token(html: str) -> str:
    found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    return found.group(1) if found else ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(folder: Path) -> dict:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder / 'fuzz.sqlite3'}",
           "SECRET_KEY": "fuzz-served-secret", "HUB_SCHEDULER": "off"}
    flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
    subprocess.run([*flask, "db", "upgrade"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    subprocess.run([*flask, "hub", "seed-demo", "--password", PASSWORD], cwd=ROOT, env=env,
                   check=True, capture_output=True)
    return env


def world_ids(env: dict) -> tuple[dict, list[str], list[str]]:
    os.environ.update(env)
    from hub import create_app
    from hub.extensions import db

    app = create_app()
    tables = {"case_id": "land_case", "listing_id": "talent_listing", "notice_id": "notice",
              "category_id": "notice_category", "series_id": "meeting_series",
              "meeting_id": "meeting", "topic_id": "agenda_topic", "item_id": "action_item",
              "notification_id": "notification", "delivery_id": "outbox", "park_id": "park",
              "user_id": "user_account", "attachment_id": "attachment"}
    ids = {}
    with app.app_context():
        for arg, table in tables.items():
            # the last park and account: a deactivation hits 渌口's staff, not the fuzzing users
            pick = "MAX" if arg in ("park_id", "user_id") else "MIN"
            ids[arg] = db.session.execute(
                db.text(f"SELECT {pick}(id) FROM {table}")).scalar() or 1
        names = ", ".join(f"'{u}'" for u in ROLES.values() if u)
        ids["_protected"] = [f"/admin/users/{i}/" for i in db.session.execute(db.text(
            f"SELECT id FROM user_account WHERE username IN ({names})")).scalars()] + [
            f"/admin/parks/{i}/" for i in db.session.execute(db.text(
                f"SELECT park_id FROM user_account WHERE username IN ({names})")).scalars()]
        topic = db.session.execute(db.text(
            "SELECT meeting_id FROM agenda_topic ORDER BY id")).scalar()
        ids["meeting_id"] = topic or ids["meeting_id"]
    ids.update({"number": 1, "action": "deactivate", "token": "unknown", "name": "x.eml",
                "filename": "agenda.css"})
    return ids, fuzzkit.routes(app, "GET"), fuzzkit.routes(app, "POST")


def fill(rule: str, ids: dict) -> str:
    return fuzzkit.ARG.sub(lambda m: str(ids[m.group(2)]), rule)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    folder = Path(tempfile.mkdtemp(prefix="parkhub-fuzz-"))
    env = prepare(folder)
    ids, gets, posts = world_ids(env)
    port = free_port()
    log = (folder / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}", "wsgi:app"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log)
    base = f"http://127.0.0.1:{port}"
    statuses: Counter = Counter()
    to_login: Counter = Counter()  # redirects to the sign-in page, by role
    first_out: dict = {}  # role: (the request before its first redirect to sign in, that one)
    last: dict = {}
    errors: list[str] = []
    started = time.monotonic()
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/ping", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        clients = {}

        def sign_in(role):
            client = Client(base)
            if ROLES[role]:
                _, page, _ = client.send("GET", "/login")
                status, _, _ = client.send("POST", "/login", {
                    "username": ROLES[role], "password": PASSWORD, "csrf_token": token(page)})
                assert status == 302, (role, status)
            clients[role] = client
            return client

        for role in ROLES:
            sign_in(role)

        def send(role, method, path, data=None):
            status, html, location = clients[role].send(method, path, data)
            statuses[status] += 1
            if status == 302 and "/login" in location:
                if ROLES[role] and not to_login[role]:
                    first_out[role] = (last.get(role), f"{method} {path}")
                to_login[role] += 1
            last[role] = f"{method} {path} {str(data)[:300]}"
            if status >= 500:
                errors.append(f"{status} {role} {method} {path} {str(data)[:200]}")
            return status, html

        total = lambda: sum(statuses.values())  # noqa: E731
        while total() < args.requests:
            for rule in gets:
                for url in fuzzkit.variants(rule):
                    send(rng.choice(list(ROLES)), "GET", url)
            lists = [r for r in gets if "<" not in r]
            for _ in range(300):
                query = [(rng.choice(fuzzkit.QUERY_ARGS), rng.choice(fuzzkit.HOSTILE)[:2000])
                         for _ in range(rng.randint(1, 4))]
                send(rng.choice(list(ROLES)), "GET",
                     f"{rng.choice(lists)}?{urllib.parse.urlencode(query)}")
            for role in ROLES:
                for rule in gets:
                    if rule.startswith(("/calendar/<", "/notifications/admin/outbox/files/")):
                        continue
                    status, html = send(role, "GET", fill(rule, ids))
                    if status != 200:
                        continue
                    for method, action, fields in fuzzkit.forms(html):
                        if method != "post" or not action.startswith("/") or action in (
                                "/logout", "/language") or action.startswith(
                                tuple(ids["_protected"])):  # the fuzzing accounts stay usable
                            continue
                        for _ in range(2):
                            data = fuzzkit.hostile_form(fields, rng)
                            data.append(("csrf_token", token(html)))
                            send(role, "POST", action, data)
            for rule in (r for r in posts if r != "/logout"):  # junk to every POST route
                send(rng.choice(list(ROLES)), "POST", fill(rule, ids),
                     fuzzkit.hostile_form({"x": []}, rng))
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    elapsed = time.monotonic() - started
    print(f"{total()} requests in {elapsed:.0f} s against gunicorn -w 2 (127.0.0.1:{port}), "
          f"seed {args.seed}")
    print("by status:", dict(sorted(statuses.items())))
    print("redirected to sign in, by role:", dict(to_login))
    for role, (before, _request) in first_out.items():
        print(f"  {role} signed out after: {before}")
    print(f"5xx: {len(errors)}")
    for line in errors[:50]:
        print("  ", line)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
