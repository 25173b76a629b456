"""CPU time per request in process: what a page costs the app server, whatever the load.

    DATABASE_URL=postgresql://postgres@127.0.0.1/parkhub_gen10 HUB_SCHEDULER=off \\
        .venv/bin/python bench/pagecpu.py [--user gen-005-01999] [-n 20] ROUTE...

Signs in like bench/latency.py, warms each route up (3 requests), then requests the routes in
turn N times (interleaved, so that a change of machine load hits every route alike) and prints
per route: the status, the SQL statements of one request, the p50 of `time.process_time()`
around the request (the app's CPU, not PostgreSQL's, not waiting), that p50 minus the signed-in
floor's (`/ping` with the session, always measured first), the p50 wall time, the p50 time in
SQL (between before/after_cursor_execute), and the Python function calls of one more request
(cProfile; a count that does not depend on the load). On a loaded machine wall time swings with
the other processes; the CPU and call columns move far less.
"""

import argparse
import cProfile
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from latency import PASSWORD, SqlMeter, sign_in  # noqa: E402

from hub import create_app  # noqa: E402
from hub.extensions import db  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("routes", nargs="+")
    parser.add_argument("--user", default="gen-005-01999")
    parser.add_argument("--password", default=PASSWORD)
    parser.add_argument("-n", type=int, default=20)
    args = parser.parse_args()
    routes = ["/ping", *args.routes]
    app = create_app({"RATELIMIT_ENABLED": False})
    with app.app_context():
        meter = SqlMeter(db.engine)
    client = app.test_client()
    sign_in(client, args.user, args.password)
    cpu: dict[str, list[float]] = {r: [] for r in routes}
    wall: dict[str, list[float]] = {r: [] for r in routes}
    sql: dict[str, list[float]] = {r: [] for r in routes}
    seen: dict[str, tuple[int, int]] = {}
    for route in routes:
        for _ in range(3):
            client.get(route)
    for _ in range(args.n):
        for route in routes:
            meter.reset()
            started_cpu, started = time.process_time(), time.perf_counter()
            status = client.get(route).status_code
            cpu[route].append(time.process_time() - started_cpu)
            wall[route].append(time.perf_counter() - started)
            sql[route].append(meter.seconds)
            seen[route] = (status, meter.statements)
    calls = {}
    for route in routes:
        profile = cProfile.Profile()
        profile.enable()
        client.get(route)
        profile.disable()
        calls[route] = pstats.Stats(profile).total_calls
    floor = statistics.median(cpu["/ping"]) * 1000
    print(f"user {args.user}, {args.n} requests per route, interleaved\n")
    print("| route | status | statements | CPU p50 ms | CPU − floor | wall p50 ms | SQL p50 ms "
          "| calls |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for route in routes:
        mid = statistics.median(cpu[route]) * 1000
        print(f"| `{route}` | {seen[route][0]} | {seen[route][1]} | {mid:.2f} | {mid - floor:.2f} "
              f"| {statistics.median(wall[route]) * 1000:.2f} "
              f"| {statistics.median(sql[route]) * 1000:.2f} | {calls[route]} |", flush=True)


if __name__ == "__main__":
    main()
