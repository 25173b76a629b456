"""What the signed-in floor is made of: the signed-in `/ping` with the user loader swapped for
variants that leave parts out, for measurement only (nothing here changes the app's code).

    DATABASE_URL=postgresql://postgres@127.0.0.1/parkhub_gen1 HUB_SCHEDULER=off \\
        .venv/bin/python bench/floor_parts.py --user gen-010-00199

Calls the WSGI app directly (no test client) with the session cookie of one sign-in and the
same User-Agent and address, so that Flask-Login's session protection passes as for a
browser. Prints `time.process_time()` per request, the minimum of ROUNDS rounds of N requests,
per variant. Every variant but the app's own hands out one User object kept from the first
request: that is the part a user cache would save, and what it would cost in freshness is why
the app has none (bench/results/2026-12-06-s9-floor.md).
"""

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from latency import PASSWORD, sign_in  # noqa: E402
from sqlalchemy import bindparam, select, text  # noqa: E402
from werkzeug.test import EnvironBuilder  # noqa: E402

from hub import create_app  # noqa: E402
from hub.auth.models import LoginSession, User, token_hash  # noqa: E402
from hub.extensions import db  # noqa: E402

AGENT, ADDRESS, ROUNDS = "parkhub-bench", "127.0.0.1", 7


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--user", default="gen-010-00199")
    parser.add_argument("-n", type=int, default=400)
    args = parser.parse_args()
    app = create_app()
    client = app.test_client()
    client.environ_base.update(HTTP_USER_AGENT=AGENT, REMOTE_ADDR=ADDRESS)
    sign_in(client, args.user, PASSWORD)
    cookie = "; ".join(f"{c.key}={c.value}" for c in client._cookies.values())
    environ = {"REMOTE_ADDR": ADDRESS}
    signed = EnvironBuilder(path="/ping", headers={"Cookie": cookie, "User-Agent": AGENT},
                            environ_base=environ).get_environ()
    anonymous = EnvironBuilder(path="/ping", headers={"User-Agent": AGENT},
                               environ_base=environ).get_environ()

    def call(env):
        for _ in app.wsgi_app(dict(env), lambda status, headers, exc_info=None: None):
            pass

    def cpu(env) -> float:
        for _ in range(100):
            call(env)
        rounds = []
        for _ in range(ROUNDS):
            start = time.process_time()
            for _ in range(args.n):
                call(env)
            rounds.append((time.process_time() - start) / args.n * 1000)
        return min(rounds)

    own = app.login_manager._user_callback
    kept = {}

    def from_memory(session_id):
        if session_id not in kept:
            kept[session_id] = own(session_id)
            db.session.expunge(kept[session_id])
        return kept[session_id]

    columns = (select(User.__table__, LoginSession.password_fingerprint, LoginSession.expires_at)
               .join(LoginSession, LoginSession.user_id == User.id)
               .where(LoginSession.token_hash == bindparam("token_hash"),
                      User.id == bindparam("user_id")))

    def select_one(session_id):
        db.session.execute(text("SELECT 1")).scalar()
        return from_memory(session_id)

    def core_row(session_id):
        user_id, _, token = session_id.partition(":")
        db.session.execute(columns, {"token_hash": token_hash(token),
                                     "user_id": int(user_id)}).first()
        return from_memory(session_id)

    def driver_row(session_id):
        user_id, _, token = session_id.partition(":")
        driver = db.session.connection().connection.driver_connection
        driver.execute("SELECT u.*, s.password_fingerprint, s.expires_at FROM user_account u "
                       "JOIN login_session s ON s.user_id = u.id "
                       "WHERE s.token_hash = %s AND u.id = %s",
                       (token_hash(token), int(user_id))).fetchone()
        return from_memory(session_id)

    variants = [
        ("anonymous /ping", None),
        ("signed in: the app's loader (one statement, ORM User)", own),
        ("signed in: SELECT 1 through the session, user from memory", select_one),
        ("signed in: Core statement, same columns, user from memory", core_row),
        ("signed in: the driver on the session's connection, user from memory", driver_row),
        ("signed in: user from memory, no database", from_memory),
        ("signed in: the app's loader again", own),
    ]
    print(f"| variant | ms CPU per request (min of {ROUNDS} × {args.n}) |\n|---|---:|")
    for name, loader in variants:
        if loader is not None:
            app.login_manager._user_callback = loader
        print(f"| {name} | {cpu(signed if loader else anonymous):.3f} |")


if __name__ == "__main__":
    main()
