"""Latency of single requests, in process (no gunicorn, no load): what one user waits for.

    DATABASE_URL=postgresql://postgres@127.0.0.1/parkhub_gen10 HUB_SCHEDULER=off \\
        .venv/bin/python bench/latency.py [--user gen-5-2] [-n 20] [--profile DIR] ROUTE...

Signs in through the login form (CSRF token from GET /login) with the Flask test client, requests
each ROUTE once to warm up, then N times, and prints per route: p50, p95 and max milliseconds of
the whole request, the SQL statements it issued and the share of its time spent in SQL (measured
between before/after_cursor_execute, so it includes the driver's round trips). With --profile,
writes one pyinstrument HTML profile per route (pip install pyinstrument) of one more request.

Without ROUTE, the routes of bench/targets.py are used (the page benchmark's set, minus /ping).
With --search, SEARCH_SET: search terms that differ in how often they occur in the generated
data (新能源: in 54 % of notices, 6 % of cases, 69 % of talent listings; 英雄榜 in ~5 % of notice
titles; 数控技师 in ~4 % of listings; 泰山路 in ~8 % of cases; 恒鑫光电 ~0.1 %; 陶瓷 in no
notice; 量子计算 nowhere), two-character terms, two-term queries, a Latin term and a later page.
"""

import argparse
import gc
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import event  # noqa: E402

from hub import create_app  # noqa: E402
from hub.extensions import db  # noqa: E402

PASSWORD = "parkhub-bench-2026"  # bench.data.generate.DEFAULT_PASSWORD
SEARCH_SET = ["新能源", "英雄榜", "数控技师", "泰山路", "恒鑫光电", "补助", "陶瓷", "新能源 补助",
              "人才公寓 英雄榜", "ZZ2025", "量子计算"]


class SqlMeter:
    def __init__(self, engine):
        self.statements = 0
        self.seconds = 0.0
        self._started: list[float] = []
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)

    def _before(self, *args):
        self._started.append(time.perf_counter())

    def _after(self, *args):
        self.statements += 1
        self.seconds += time.perf_counter() - self._started.pop()

    def reset(self):
        self.statements, self.seconds = 0, 0.0


def sign_in(client, username: str, password: str) -> None:
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    response = client.post("/login", data={
        "username": username, "password": password,
        "csrf_token": token.group(1) if token else ""})
    if response.status_code != 302:
        sys.exit(f"signing in as {username} failed ({response.status_code})")


def default_routes() -> tuple[str, list[str]]:
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "targets.py")], check=True,
                         capture_output=True, text=True, env=os.environ).stdout
    data = json.loads(out)
    return data["username"], [path for _, path in data["routes"] if path != "/ping"]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("routes", nargs="*")
    parser.add_argument("--user")
    parser.add_argument("--password", default=PASSWORD)
    parser.add_argument("-n", type=int, default=20)
    parser.add_argument("--profile", type=Path)
    parser.add_argument("--search", action="store_true", help="the routes of SEARCH_SET")
    args = parser.parse_args()
    username, routes = args.user, args.routes
    if args.search:
        routes = [*routes, *(f"/search?q={term}" for term in SEARCH_SET),
                  f"/search?q={SEARCH_SET[0]}&kind=notice&page=3"]
    if not routes:
        default_user, routes = default_routes()
        username = username or default_user
    if not username:
        sys.exit("--user is required with explicit routes")

    app = create_app({"RATELIMIT_ENABLED": False})
    gc.collect()
    gc.freeze()  # as wsgi.py does
    with app.app_context():
        meter = SqlMeter(db.engine)
    client = app.test_client()
    sign_in(client, username, args.password)
    print(f"user {username}, {args.n} requests per route after one warm-up\n")
    print("| route | status | p50 ms | p95 ms | max ms | statements | SQL share |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    pooled: list[float] = []
    for route in routes:
        status = client.get(route).status_code
        times, sql = [], []
        for _ in range(args.n):
            meter.reset()
            started = time.perf_counter()
            client.get(route)
            times.append(time.perf_counter() - started)
            sql.append(meter.seconds)
        statements = meter.statements
        pooled += times
        share = sum(sql) / sum(times)
        print(f"| `{route}` | {status} | {statistics.median(times) * 1000:.1f} | "
              f"{percentile(times, 0.95) * 1000:.1f} | {max(times) * 1000:.1f} | "
              f"{statements} | {share:.0%} |", flush=True)
        if args.profile:
            from pyinstrument import Profiler
            args.profile.mkdir(parents=True, exist_ok=True)
            profiler = Profiler(interval=0.0005)
            profiler.start()
            client.get(route)
            profiler.stop()
            name = re.sub(r"[^A-Za-z0-9]+", "_", route).strip("_") or "root"
            (args.profile / f"{name}.html").write_text(profiler.output_html())
            (args.profile / f"{name}.txt").write_text(
                profiler.output_text(unicode=True, color=False))


    print(f"\nall {len(pooled)} requests together: p50 {statistics.median(pooled) * 1000:.1f} ms, "
          f"p95 {percentile(pooled, 0.95) * 1000:.1f} ms, max {max(pooled) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
