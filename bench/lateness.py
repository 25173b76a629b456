"""Reminder lateness with kills: real `hub scheduler` processes on PostgreSQL, the one holding
claims killed (kill -9) again and again, an SMTP sink recording when each message arrived.

    .venv/bin/python bench/lateness.py [--url postgresql://postgres@127.0.0.1:5432/postgres]
        [--processes 3] [--meetings 36] [--every 5] [--users 20] [--kill-every 30]
        [--lease 30] [--sink-delay 0.02] [--out F]

A database of its own (parkhub_lateness_<pid>, created on --url's server and dropped at the
end), migrated; one park with --users users with email addresses; --meetings meetings with one
reminder offset (5 min) whose reminders come due every --every seconds from about 90 s after the
start. Each reminder is one email and one in-app delivery per user, made by the real producer.
--processes `flask --app wsgi hub scheduler` processes (APScheduler, the production shape:
30-s ticks brought forward to the next due delivery or lease end) mail to an aiosmtpd sink in
this process. Every --kill-every seconds the process that holds claims at that moment (waiting
for one, up to 10 s) is killed with SIGKILL and a new one started a second later (as a service
manager would). Lateness = when the sink accepted the mail (first copy) − the reminder's due
time; in-app lateness = sent_at − due time. Reports p50 / p95 / max, duplicates and missing, and
writes bench/results/<date>-lateness-postgres.md (or --out).
"""

import argparse
import os
import platform
import signal
import statistics
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

OFFSET_MINUTES = 5


def log(message: str) -> None:
    print(f"[lateness] {message}", flush=True)


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def setup(app, users: int, meetings: int, every: float, first_due: datetime) -> None:
    from flask_migrate import upgrade

    from hub.auth.models import Role, User
    from hub.extensions import db
    from hub.meetings.models import Meeting
    from hub.parks.models import Park, ParkKind

    with app.app_context():
        upgrade()
        park = Park(name="测试园区", short_name="测试", kind=ParkKind.PROVINCIAL)
        db.session.add(park)
        for i in range(users):
            user = User(username=f"late{i}", display_name=f"参会人{i}", park=park,
                        email=f"late{i}@example.test", role=Role.STAFF)
            user.set_password("not-used-here-42")
            db.session.add(user)
        for i in range(meetings):
            start = first_due + timedelta(minutes=OFFSET_MINUTES, seconds=i * every)
            db.session.add(Meeting(
                title=f"联席会议（第{i + 1}次）", starts_at=start,
                ends_at=start + timedelta(hours=1), timezone="Asia/Shanghai",
                location="管委会三楼", host_park=park, parks=[park],
                reminder_offsets=[OFFSET_MINUTES]))
        db.session.commit()


def start_scheduler(uri: str, smtp_port: int, lease: float, logs: Path) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": uri, "SECRET_KEY": "bench-lateness",
           "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": str(smtp_port),
           "MAIL_DEFAULT_SENDER": "parkhub@example.test", "HUB_LEASE_SECONDS": str(lease),
           "HUB_SCHEDULER": "off", "PYTHONPATH": str(ROOT)}
    out = open(logs / f"scheduler-{time.monotonic_ns()}.log", "wb")  # noqa: SIM115
    return subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "hub", "scheduler"],
                            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)


def holder(conn, procs: list[subprocess.Popen]) -> tuple[subprocess.Popen, int] | None:
    """The scheduler process that holds claims now, with how many."""
    rows = conn.execute(
        "SELECT claimed_by, count(*) FROM outbox WHERE state = 'sending' GROUP BY claimed_by"
    ).fetchall()
    by_pid = {p.pid: p for p in procs if p.poll() is None}
    for claimed_by, n in rows:
        parts = claimed_by.split(":")
        if len(parts) >= 2 and parts[-2].isdigit() and int(parts[-2]) in by_pid:
            return by_pid[int(parts[-2])], n
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default=os.environ.get(
        "HUB_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"))
    parser.add_argument("--processes", type=int, default=3)
    parser.add_argument("--meetings", type=int, default=36)
    parser.add_argument("--every", type=float, default=5.0)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--kill-every", type=float, default=30.0)
    parser.add_argument("--lease", type=float, default=30.0)
    parser.add_argument("--sink-delay", type=float, default=0.02)
    parser.add_argument("--out")
    args = parser.parse_args()

    from hub import create_app
    from tests.conftest import pg_uri
    from tests.notify.conftest import SmtpSink

    base = make_url(args.url)
    admin_dsn = base.set(drivername="postgresql").render_as_string(hide_password=False)
    name = f"parkhub_lateness_{os.getpid()}"
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    uri = pg_uri(base.set(database=name).render_as_string(hide_password=False))
    dsn = base.set(drivername="postgresql", database=name).render_as_string(
        hide_password=False)
    sink = SmtpSink(delay=args.sink_delay).start()
    procs: list[subprocess.Popen] = []
    kills: list[dict] = []
    logs = Path(f"/tmp/parkhub-lateness-{os.getpid()}")
    logs.mkdir(exist_ok=True)
    load_before = os.getloadavg()
    try:
        first_due = datetime.now(UTC) + timedelta(seconds=90)
        app = create_app({"SQLALCHEMY_DATABASE_URI": uri, "SECRET_KEY": "bench",
                          "HUB_SCHEDULER": "off"})
        setup(app, args.users, args.meetings, args.every, first_due)
        last_due = first_due + timedelta(seconds=(args.meetings - 1) * args.every)
        log(f"database {name}; reminders due from {first_due:%H:%M:%S} to "
            f"{last_due:%H:%M:%S} UTC; {args.processes} schedulers, lease {args.lease} s")
        procs = [start_scheduler(uri, sink.port, args.lease, logs)
                 for _ in range(args.processes)]
        with psycopg.connect(dsn, autocommit=True) as conn:
            next_kill = first_due + timedelta(seconds=args.kill_every / 2)
            while datetime.now(UTC) < last_due:
                if datetime.now(UTC) >= next_kill:
                    deadline = time.monotonic() + 10
                    found = None
                    while found is None and time.monotonic() < deadline:
                        found = holder(conn, procs)
                        if found is None:
                            time.sleep(0.01)
                    if found is not None:
                        victim, _held = found
                        victim.send_signal(signal.SIGKILL)
                        victim.wait()
                        at = datetime.now(UTC)
                        ids = [r[0] for r in conn.execute(
                            "SELECT id FROM outbox WHERE state = 'sending' AND claimed_by "
                            "LIKE %s", (f"%:{victim.pid}:%",)).fetchall()]
                        kills.append({"at": at, "pid": victim.pid, "held": ids})
                        log(f"killed {victim.pid} holding {len(ids)} claims")
                        procs.remove(victim)
                        time.sleep(1)
                        procs.append(start_scheduler(uri, sink.port, args.lease, logs))
                    next_kill += timedelta(seconds=args.kill_every)
                time.sleep(0.2)
            # let the last reminders (and any taken over) go out
            deadline = time.monotonic() + args.lease * 2 + 60
            while time.monotonic() < deadline:
                open_rows = conn.execute(
                    "SELECT count(*) FROM outbox WHERE state IN ('pending', 'sending') "
                    "AND due_at <= now()").fetchone()[0]
                if open_rows == 0:
                    break
                time.sleep(0.5)
            time.sleep(2)
            rows = conn.execute(
                "SELECT id, channel, state, due_at, sent_at FROM outbox "
                "WHERE kind = 'meeting.reminder'").fetchall()
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        sink.stop()
        with psycopg.connect(admin_dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    report(args, rows, sink, kills, load_before, logs)


def report(args, rows, sink, kills, load_before, logs) -> None:
    copies = Counter(m["message"]["Message-ID"] for m in sink.messages)
    first_at: dict[str, float] = {}
    for m in sink.messages:
        first_at.setdefault(m["message"]["Message-ID"], m["at"])
    emails = [r for r in rows if r[1] == "email"]
    inapp = [r for r in rows if r[1] == "inapp"]
    states = Counter(r[2] for r in emails)
    missing = [r for r in emails if f"<outbox-{r[0]}@parkhub>" not in copies]
    email_late = [first_at[f"<outbox-{r[0]}@parkhub>"] - r[3].timestamp()
                  for r in emails if f"<outbox-{r[0]}@parkhub>" in first_at]
    inapp_late = [(r[4] - r[3]).total_seconds() for r in inapp if r[4] is not None]
    held = {i for k in kills for i in k["held"]}
    held_late = [first_at[f"<outbox-{r[0]}@parkhub>"] - r[3].timestamp()
                 for r in emails if r[0] in held and f"<outbox-{r[0]}@parkhub>" in first_at]
    takeover = []
    for k in kills:
        arrivals = [first_at.get(f"<outbox-{i}@parkhub>") for i in k["held"]]
        arrivals = [a for a in arrivals if a is not None]
        if arrivals:
            takeover.append(max(arrivals) - k["at"].timestamp())
    repeated = sum(1 for n in copies.values() if n > 1)
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "-uno"],
                           capture_output=True, text=True).stdout.strip()
    fmt = "{:.1f} / {:.1f} / {:.1f}"
    lines = [
        f"# Park Hub reminder lateness with kills — postgres, {datetime.now(UTC):%Y-%m-%d}",
        "",
        f"- machine: {os.cpu_count()} cores, {platform.processor() or platform.machine()}; "
        f"load average before / after: {' '.join(f'{x:.2f}' for x in load_before)} / "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}",
        f"- commit: {commit}{' (uncommitted changes)' if dirty else ''}",
        f"- world: {args.users} users, {args.meetings} meetings, one reminder each "
        f"({OFFSET_MINUTES} min before), due every {args.every:g} s; one email and one in-app "
        "delivery per user and reminder, made by the real producer",
        f"- {args.processes} `flask --app wsgi hub scheduler` processes, HUB_LEASE_SECONDS "
        f"{args.lease:g}; every {args.kill_every:g} s the one holding claims killed (SIGKILL), "
        "a new one started 1 s later",
        f"- SMTP: aiosmtpd sink, DATA answered after {args.sink_delay * 1000:g} ms",
        f"- scheduler logs: {logs}",
        "",
        "| measure | value |",
        "|---|---:|",
        f"| email deliveries | {len(emails)} |",
        f"| email states | {', '.join(f'{k} {v}' for k, v in sorted(states.items()))} |",
        f"| mails received (copies) | {len(sink.messages)} |",
        f"| missing (no copy received) | {len(missing)} |",
        f"| Message-IDs received twice | {repeated} |",
        f"| kills (claims held at each) | {len(kills)} "
        f"({', '.join(str(len(k['held'])) for k in kills)}) |",
        f"| takeover: kill → last held row's mail, max (s) | "
        f"{max(takeover) if takeover else float('nan'):.1f} |",
        f"| email lateness p50 / p95 / max (s) | {fmt.format(pct(email_late, 50), pct(email_late, 95), max(email_late, default=float('nan')))} |",  # noqa: E501
        f"| in-app lateness p50 / p95 / max (s) | {fmt.format(pct(inapp_late, 50), pct(inapp_late, 95), max(inapp_late, default=float('nan')))} |",  # noqa: E501
        f"| lateness of the rows held by a killed process, p50 / max (s) | "
        f"{pct(held_late, 50):.1f} / {max(held_late, default=float('nan')):.1f} |",
        "",
        "Mean email lateness "
        f"{statistics.fmean(email_late) if email_late else float('nan'):.2f} s.",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    out = Path(args.out) if args.out else (
        ROOT / "bench" / "results" / f"{datetime.now(UTC):%Y-%m-%d}-lateness-postgres.md")
    out.write_text(text)
    log(f"written to {out}")


if __name__ == "__main__":
    main()
