"""EXPLAIN (ANALYZE, BUFFERS) of the statements one search runs, as the app runs them (generic
plan, bound parameters), through auto_explain at NOTICE level on the search's own connection:

    DATABASE_URL=postgresql://postgres@127.0.0.1/parkhub_x_10 HUB_SCHEDULER=off \\
        .venv/bin/python bench/search_explain.py [--user gen-005-01999] [--kind K] [--runs 7] Q

The search is the grouped page's (limit 5, 50 matches per kind; --kind: that kind's first page)
and runs `--runs` times first on the same connection, so that psycopg has prepared it and the
plan shown is the generic plan every later search of that shape reuses. Needs a superuser
connection (LOAD 'auto_explain')."""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("HUB_SCHEDULER", "off")

import sqlalchemy as sa

from hub import create_app
from hub.auth.models import User
from hub.extensions import db
from hub.search import services


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("q")
    parser.add_argument("--user", default="gen-005-01999")
    parser.add_argument("--kind", default="")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    app = create_app({"RATELIMIT_ENABLED": False})
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.username == args.user))
        options = ({"kinds": [args.kind], "limit": 20} if args.kind
                   else {"limit": 5, "max_matches": 50})
        for _ in range(args.runs):
            services.search(user, args.q, **options)
        driver = db.session.connection().connection.driver_connection
        notices: list[str] = []
        driver.add_notice_handler(lambda d: notices.append(d.message_primary or ""))
        driver.execute("LOAD 'auto_explain'")
        for setting in ("log_min_duration = 0", "log_analyze = on", "log_buffers = on",
                        "log_timing = on", "log_level = notice", "log_nested_statements = on"):
            driver.execute(f"SET auto_explain.{setting}")
        services.search(user, args.q, **options)
        for message in notices:
            if "plan_cache_mode" not in message:
                print(message)


if __name__ == "__main__":
    main()
