"""What one page costs, in process, measured so that other load on the machine matters less
than for wall-clock latency: CPU time of the process per request (time.process_time), the
signed-in floor's (/ping with the session) for comparison, the statements per request, and
PostgreSQL's own time for them (EXPLAIN ANALYZE of each statement of one request, with its
parameters: execution + planning, median of 5).

    DATABASE_URL=postgresql://postgres@127.0.0.1/parkhub_gen10 HUB_SCHEDULER=off \\
        .venv/bin/python bench/page_cost.py --user gen-admin [-n 40] [ROUTE]

ROUTE defaults to the dashboard (/). EXPLAIN ANALYZE runs the statements again, in a
transaction that is rolled back; a page that writes is measured as it reads.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from latency import PASSWORD, sign_in  # noqa: E402
from sqlalchemy import event  # noqa: E402

from hub import create_app  # noqa: E402
from hub.extensions import db  # noqa: E402


def cpu_ms(client, route: str, n: int) -> tuple[float, float]:
    for _ in range(3):
        client.get(route)
    times = []
    for _ in range(n):
        started = time.process_time()
        client.get(route)
        times.append(time.process_time() - started)
    return statistics.median(times) * 1000, min(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("route", nargs="?", default="/")
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", default=PASSWORD)
    parser.add_argument("-n", type=int, default=40)
    args = parser.parse_args()
    app = create_app({"RATELIMIT_ENABLED": False})
    issued: list[tuple[str, object]] = []
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute",
                     lambda conn, cursor, statement, params, *rest:
                     issued.append((statement, params)))
    client = app.test_client()
    sign_in(client, args.user, args.password)
    floor, _ = cpu_ms(client, "/ping", args.n)
    page, best = cpu_ms(client, args.route, args.n)
    issued.clear()
    client.get(args.route)
    statements = list(issued)
    server = 0.0
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        with app.app_context():
            raw = db.engine.raw_connection()
            try:
                cursor = raw.cursor()
                for statement, params in statements:
                    runs = []
                    for _ in range(5):
                        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + statement, params)
                        plan = cursor.fetchone()[0][0]
                        runs.append(plan["Execution Time"] + plan["Planning Time"])
                    server += statistics.median(runs)
            finally:
                raw.rollback()
                raw.close()
    print(f"{args.route} as {args.user}: CPU p50 {page:.2f} ms (min {best:.2f}), signed-in floor "
          f"{floor:.2f} ms, own CPU {page - floor:.2f} ms; {len(statements)} statements, "
          f"PostgreSQL {server:.2f} ms")


if __name__ == "__main__":
    main()
