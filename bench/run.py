"""Benchmark Park Hub under gunicorn with wrk (issue 6, item 2). See bench/README.md.

    bench/run.sh [--db sqlite|postgres] [--scale N] [--duration S] [--connections C]

Creates a fresh database (SQLite in a temp dir, or a throwaway PostgreSQL database made with
createdb on 127.0.0.1 and dropped afterwards), migrates it, generates the data, starts gunicorn
on a free port with HUB_SCHEDULER=off, signs in as a generated staff account, checks that every
route answers 200, then runs wrk against each route and writes
bench/results/<date>-<db>-scale<N>.md.
"""

import argparse
import contextlib
import http.cookiejar
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from datetime import date
from pathlib import Path

import cpu  # bench/cpu.py (this script's folder is on the path)

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv" / "bin"
RESULTS = ROOT / "bench" / "results"
PASSWORD = "parkhub-bench-2026"  # bench.data.generate.DEFAULT_PASSWORD
SIGNED_IN_FLOOR = ("signed-in floor (/ping with the session cookie: session + user from the "
                   "database)")


def log(message: str) -> None:
    print(f"[bench] {message}", flush=True)


def run(cmd: list[str], env: dict, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, env=env, cwd=ROOT, check=True, **kwargs)


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    log("wrk not found: installing it from Debian (apt-get install wrk)")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run([*sudo, "apt-get", "install", "-y", "wrk"], check=True)
    return shutil.which("wrk") or sys.exit("wrk is still missing")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- the database ----------------------------------------------------------------------------
class Database:
    def __init__(self, kind: str, url: str | None, pg_host: str, pg_user: str):
        self.kind, self.given_url, self.pg_host, self.pg_user = kind, url, pg_host, pg_user
        self.tmp = Path(tempfile.mkdtemp(prefix="parkhub-bench-"))
        self.name = f"parkhub_bench_{os.getpid()}"
        self.created = False

    def __enter__(self) -> str:
        if self.given_url:
            return self.given_url
        if self.kind == "sqlite":
            return f"sqlite:///{self.tmp / 'bench.sqlite3'}"
        subprocess.run(["createdb", "-h", self.pg_host, "-U", self.pg_user, self.name],
                       check=True)
        self.created = True
        return f"postgresql://{self.pg_user}@{self.pg_host}/{self.name}"

    def __exit__(self, *exc) -> None:
        if self.created:
            subprocess.run(["dropdb", "-h", self.pg_host, "-U", self.pg_user, "--if-exists",
                            "--force", self.name], check=False)
        shutil.rmtree(self.tmp, ignore_errors=True)


# --- signing in ------------------------------------------------------------------------------
# Sign-in and wrk send the same User-Agent, as one browser does. Flask-Login's session protection
# compares a hash of the address and User-Agent with the one stored at sign-in: with urllib's
# agent at sign-in and none from wrk, every signed-in request marked the session not fresh,
# re-signed the cookie and sent it back (Set-Cookie), which a browser does once at most
# (bench/results/2026-12-06-s9-floor.md).
USER_AGENT = "parkhub-bench"


def sign_in(base: str, username: str) -> tuple[urllib.request.OpenerDirector, str]:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("User-Agent", USER_AGENT)]
    page = opener.open(base + "/login").read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    if not token:
        sys.exit("no csrf_token on /login")
    data = urllib.parse.urlencode({"username": username, "password": PASSWORD,
                                   "csrf_token": token.group(1)}).encode()
    opener.open(base + "/login", data=data).read()
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    if "parkhub_session" not in cookie:
        sys.exit("login failed: no session cookie")
    return opener, cookie


def check_routes(opener, base: str, routes: list[tuple[str, str]]) -> None:
    for name, path in routes:
        try:
            resp = opener.open(base + path)
            status, final = resp.status, resp.geturl()
        except urllib.error.HTTPError as e:
            status, final = e.code, path
        if status != 200 or "/login" in final:
            sys.exit(f"FAIL: {name} {path} answered {status} ({final}) while signed in")
        log(f"200  {name}  {path}")


# --- wrk -------------------------------------------------------------------------------------
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * UNITS[unit]


def wrk(binary: str, url: str, cookie: str, duration: int, connections: int) -> dict:
    # a long timeout: a slow page must show up as latency, not vanish as a socket timeout
    script = Path(__file__).with_name("p95.lua")
    cmd = [binary, "-t", str(min(2, connections)), "-c", str(connections), "-d", f"{duration}s",
           "--latency",
           "--timeout", "30s", "-s", str(script),
           "-H", f"User-Agent: {USER_AGENT}", *(["-H", f"Cookie: {cookie}"] if cookie else []),
           url]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    percentiles = dict(re.findall(r"^\s+(50|75|90|99)%\s+([\d.]+(?:us|ms|s))", out, re.M))
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    sock = re.search(r"Socket errors:.*timeout (\d+)", out)
    p95 = re.search(r"^P95_US (\d+)", out, re.M)
    return {"rps": rps, "requests": requests,
            "p50": ms(percentiles["50"]), "p99": ms(percentiles["99"]),
            "p95": int(p95.group(1)) / 1000 if p95 else float("nan"),
            "errors": int(errors.group(1)) if errors else 0,
            "timeouts": int(sock.group(1)) if sock else 0}


def stop(server: subprocess.Popen) -> None:
    """Quick shutdown (SIGINT; SIGTERM would wait for queued requests), then SIGKILL to the
    group: workers stuck in a slow query must not outlive the run."""
    group = os.getpgid(server.pid)
    server.send_signal(signal.SIGINT)
    with contextlib.suppress(subprocess.TimeoutExpired):
        server.wait(timeout=15)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(group, signal.SIGKILL)
    server.wait()


# --- the report ------------------------------------------------------------------------------
def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    return f"{os.cpu_count()} cores, {mem_kb / 1024 / 1024:.1f} GiB, {cpu}"


def commit() -> str:
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                          text=True).stdout.strip() or "unknown"
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()
    return head + (" (uncommitted changes)" if dirty else "")


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def report(args, rows, gen_seconds, workers_note, load) -> str:
    trivial = rows[0][2]["rps"]
    trivial_cpu = rows[0][2]["app_cpu"] + rows[0][2]["db_cpu"]
    lines = [
        f"# Park Hub benchmark — {args.db}, scale {args.scale}, {date.today():%Y-%m-%d}", "",
        f"- machine: {machine()}",
        f"- load average (1/5/15 min) before / after the wrk runs: {load[0]} / {load[1]} "
        "(anything else running on the machine shows here; the ratios suffer least)",
        f"- commit: {commit()}",
        f"- server: gunicorn, {workers_note}, HUB_SCHEDULER=off",
        f"- load: wrk, 2 threads, {args.connections} connections, {args.duration} s per route "
        "after a 1 s warm-up, signed in as a staff account",
        f"- data generation (scale {args.scale}): "
        + (f"{gen_seconds:.0f} s" if gen_seconds is not None else "not run (--url)"),
        "",
        f"Columns 3–7: {args.connections} connections; the last two: one connection "
        f"({args.single_duration} s), the latency one user sees on an otherwise idle server.",
        "",
        "Own work: alone p50 minus the signed-in floor's alone p50 (what the page adds to any "
        "signed-in request).",
        "",
        "CPU per request: what gunicorn's processes (app) and the database's backends (db)"
        " spent during a run, divided by its requests (bench/cpu.py), loaded and alone: the"
        " measure that moves least with other work on the machine. CPU × trivial: app + db CPU"
        " per request loaded, as a multiple of the trivial route's in the same run (a page at"
        " 4× would reach the 0.25 throughput ratio on a CPU-bound machine).",
        "",
        "| route | path | requests/s | p50 ms | p95 ms | p99 ms | ratio to trivial | errors "
        "| alone p50 ms | alone p95 ms | own work ms | app CPU ms/req | db CPU ms/req "
        "| CPU × trivial | alone app CPU | alone db CPU |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    floor = next((r["single_p50"] for name, _, r in rows if name == SIGNED_IN_FLOOR), 0.0)
    for name, path, r in rows:
        errors = r["errors"] + r["timeouts"]
        own = "" if path == "/ping" else f"{r['single_p50'] - floor:.1f}"
        times = (f"{(r['app_cpu'] + r['db_cpu']) / trivial_cpu:.1f}" if trivial_cpu > 0 else "")
        lines.append(f"| {name} | `{urllib.parse.unquote(path)}` | {r['rps']:.0f} | "
                     f"{r['p50']:.1f} | {r['p95']:.1f} | {r['p99']:.1f} | "
                     f"{r['rps'] / trivial:.2f} | {errors} | {r['single_p50']:.1f} | "
                     f"{r['single_p95']:.1f} | {own} | {r['app_cpu']:.2f} | {r['db_cpu']:.2f} | "
                     f"{times} | {r['single_app_cpu']:.2f} | {r['single_db_cpu']:.2f} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per route")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--single-duration", type=int, default=5,
                        help="seconds of wrk with one connection per route (latency alone)")
    parser.add_argument("--url", help="use this already generated database instead of a fresh one")
    parser.add_argument("--pg-host", default=os.environ.get("PGHOST", "127.0.0.1"))
    parser.add_argument("--pg-user", default=os.environ.get("PGUSER", "postgres"))
    parser.add_argument("--only", action="append", metavar="TEXT",
                        help="only the routes whose name holds TEXT (repeatable; the trivial "
                             "route and the signed-in floor always run)")
    args = parser.parse_args()
    if args.url:  # the report names the database it ran on
        args.db = "postgres" if args.url.startswith("postgres") else "sqlite"
    wrk_binary = ensure_wrk()

    with Database(args.db, args.url, args.pg_host, args.pg_user) as url:
        env = {**os.environ, "DATABASE_URL": url, "HUB_SCHEDULER": "off",
               "SECRET_KEY": secrets.token_hex(32), "PYTHONPATH": str(ROOT)}
        flask = [str(VENV / "python"), "-m", "flask", "--app", "wsgi"]
        gen_seconds = None
        if not args.url:
            log(f"migrating {url}")
            run([*flask, "db", "upgrade"], env, capture_output=True)
            log(f"generating scale {args.scale}")
            started = time.monotonic()
            run([*flask, "hub", "generate-data", "--scale", str(args.scale)], env)
            gen_seconds = time.monotonic() - started
        targets = json.loads(run([str(VENV / "python"), "bench/targets.py"], env,
                                 capture_output=True, text=True).stdout)
        routes = [(name, urllib.parse.quote(path, safe="/?=&")) for name, path in
                  targets["routes"]
                  if path == "/ping" or not args.only or any(t in name for t in args.only)]

        database = urllib.parse.urlsplit(url).path.lstrip("/") if args.db == "postgres" else None
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server_log = Path(tempfile.gettempdir()) / f"parkhub-bench-gunicorn-{port}.log"
        with server_log.open("w") as fh:
            server = subprocess.Popen(
                [str(VENV / "gunicorn"), "-c", "bench/gunicorn.conf.py", "-b",
                 f"127.0.0.1:{port}", "wsgi:app"], env=env, cwd=ROOT, stdout=fh, stderr=fh,
                start_new_session=True)  # its own process group: stopped as a whole below
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(base + "/ping", timeout=1)
                    break
                except OSError:
                    time.sleep(0.2)
            else:
                sys.exit(f"gunicorn did not start; see {server_log}")
            opener, cookie = sign_in(base, targets["username"])
            check_routes(opener, base, routes)
            rows, load = [], [loadavg()]
            # the trivial route goes without the cookie (the framework's limit); the same route
            # again with it shows the floor of any signed-in page: the app-wide before_request
            # hooks load the signed-in user from the database
            runs = [(name, path, "" if path == "/ping" else cookie) for name, path in routes]
            runs.insert(1, (SIGNED_IN_FLOOR, "/ping", cookie))
            for name, path, sent in runs:
                wrk(wrk_binary, base + path, sent, 1, args.connections)  # warm-up
                before = cpu.snapshot(server.pid, database)
                result = wrk(wrk_binary, base + path, sent, args.duration, args.connections)
                spent = cpu.spent(before, cpu.snapshot(server.pid, database), result["requests"])
                result["app_cpu"], result["db_cpu"] = spent["app"], spent["db"]
                # what one user waits for, with nobody else on the server: first let the
                # requests still queued from the loaded run finish (about its p99; without the
                # pause the first alone requests waited behind them: search's alone p95 of
                # 200–340 ms against a p50 of 23–28, bench/results/2026-12-06-s7-srch3.md)
                time.sleep(min(10.0, 1.0 + 2 * result["p99"] / 1000))
                before = cpu.snapshot(server.pid, database)
                single = wrk(wrk_binary, base + path, sent, args.single_duration, 1)
                alone = cpu.spent(before, cpu.snapshot(server.pid, database), single["requests"])
                result["single_app_cpu"], result["single_db_cpu"] = alone["app"], alone["db"]
                result["single_p50"], result["single_p95"] = single["p50"], single["p95"]
                log(f"{name}: {result['rps']:.0f} req/s, p50 {result['p50']:.1f} ms, "
                    f"p99 {result['p99']:.1f} ms; alone p95 {single['p95']:.1f} ms")
                rows.append((name, path, result))
            load.append(loadavg())
        finally:
            stop(server)

    workers = os.environ.get("GUNICORN_WORKERS", (os.cpu_count() or 1) * 2 + 1)
    threads = os.environ.get("GUNICORN_THREADS", 2)
    worker_class = os.environ.get("GUNICORN_CLASS", "gthread")
    shape = (f"{workers} workers × {threads} threads (gthread)" if worker_class == "gthread"
             else f"{workers} workers ({worker_class})")
    text = report(args, rows, gen_seconds, shape, load)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"{date.today():%Y-%m-%d}-{args.db}-scale{args.scale}.md"
    run_number = 1
    while out.exists():  # earlier runs of the day keep their file (and notes added to it)
        run_number += 1
        out = RESULTS / f"{date.today():%Y-%m-%d}-{args.db}-scale{args.scale}-run{run_number}.md"
    out.write_text(text)
    # the numbers again for bench/growth.py (the same pages at several scales)
    out.with_suffix(".json").write_text(json.dumps({
        "db": args.db, "scale": args.scale, "commit": commit(), "load": load,
        "rows": [{"name": name, "path": urllib.parse.unquote(path), **result}
                 for name, path, result in rows]}, ensure_ascii=False, indent=1))
    print()
    print(text)
    log(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
