"""What one SQL statement costs the app's process, layer by layer (CPU, not waiting):

    DATABASE_URL=postgresql://postgres@127.0.0.1/parkhub_gen10 HUB_SCHEDULER=off \\
        .venv/bin/python bench/statement_cost.py [-n 1000] [--user gen-005-01999]

The same one-row query by primary key, run N times on one connection inside a request context
(after 20 runs, so that psycopg has prepared it): through psycopg alone, through SQLAlchemy's
`exec_driver_sql`, as a Core select on the connection, as a Core select through the session,
and as the ORM entity through the session; then the session's user as the app loads it for
every signed-in request (hub.auth.models.load_user's statement: the user with its park).
Prints µs of `time.process_time()` per statement. A page runs 3-7 statements; what each layer
adds is what a page pays per statement beyond the driver."""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import bindparam, select

from hub import create_app
from hub.auth import models as auth
from hub.extensions import db


def cost(run, n: int) -> float:
    for _ in range(20):
        run()
    started = time.process_time()
    for _ in range(n):
        run()
    return (time.process_time() - started) / n * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=1000)
    parser.add_argument("--user", default="gen-005-01999")
    args = parser.parse_args()
    app = create_app({"RATELIMIT_ENABLED": False})
    with app.test_request_context("/"):
        user = db.session.execute(
            select(auth.User).where(auth.User.username == args.user)).scalar_one()
        login = db.session.execute(
            select(auth.LoginSession).where(auth.LoginSession.user_id == user.id)).scalars().first()
        core = select(auth.User.id, auth.User.username).where(auth.User.id == bindparam("uid"))
        entity = select(auth.User).where(auth.User.id == bindparam("uid"))
        values = {"uid": user.id}
        conn = db.session.connection()
        sql = str(core.compile(dialect=db.engine.dialect))
        driver = conn.connection.driver_connection
        layers = [
            ("psycopg alone (cursor execute, fetchone)",
             lambda: driver.execute(sql, values).fetchone()),
            ("SQLAlchemy exec_driver_sql", lambda: conn.exec_driver_sql(sql, values).first()),
            ("Core select on the connection", lambda: conn.execute(core, values).first()),
            ("Core select through the session", lambda: db.session.execute(core, values).first()),
            ("ORM entity through the session",
             lambda: db.session.execute(entity, values).scalar_one()),
        ]
        if login is not None:  # the generated users have signed in once (bench sign-in)
            session_user = auth._session_user_statement()
            token = {"token_hash": login.token_hash, "user_id": user.id}
            layers.append(("the session's user (load_user's statement, user + park)",
                           lambda: db.session.execute(session_user, token).first()))
        print(f"| layer | µs CPU per statement (n={args.n}) |\n|---|---:|")
        for label, run in layers:
            print(f"| {label} | {cost(run, args.n):.0f} |")


if __name__ == "__main__":
    main()
