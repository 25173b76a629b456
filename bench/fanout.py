"""Reminder fan-out benchmark (issue 6, item 4). See bench/README.md.

    .venv/bin/python bench/fanout.py [--db sqlite|postgres] [--mails 10000] [--batch N]
                                     [--users 100] [--senders N]
                                     [--tick-interval 30] [--phase 15]
                                     [--sink-delay MS] [--profile F] [--out F]

Creates a fresh database (SQLite in a temp dir, or a throwaway PostgreSQL database made with
createdb on 127.0.0.1 and dropped afterwards), migrates it, adds 10 parks, `--users` users with
email addresses and enough meetings starting in an hour (reminder offset 60 min, all due at the
same instant T) that the real producer (hub.meetings.reminders via producers.run_periodic) makes
`--mails` meeting.reminder email deliveries (and as many in-app ones). An aiosmtpd sink runs in
a subprocess on 127.0.0.1 and a free port; it counts SMTP connections and messages and checks
that every Message-ID is unique. hub.notify.sender.tick() runs as the scheduler runs it: every
`--tick-interval` s on slots `--phase` s off T (starting one interval before the last slot
before T), each run brought forward to the previous tick's next_due (scheduler.wake_at); a tick
that overruns skips the slots that passed; 0: back to back from T. It stops when, after T, a
tick finds nothing to do and nothing pending. Writes bench/results/<date>-fanout-<db>.md (or
`--out`) and prints it.
"""

import argparse
import json
import math
import os
import re
import secrets
import subprocess
import sys
import threading
import time
from datetime import UTC, date, datetime, timedelta
from email import message_from_bytes, policy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from run import Database, commit, loadavg, machine  # noqa: E402  (bench/run.py)

MESSAGE_ID = re.compile(rb"^Message-ID:[ \t]*(\S+)", re.M | re.I)


def log(message: str) -> None:
    print(f"[fanout] {message}", flush=True)


# --- the SMTP sink (a subprocess: `fanout.py --sink SAMPLE_PATH`) ---------------------------
def sink_main(sample: str, delay: float) -> None:
    """Accept everything, count connections (EHLO/HELO) and messages, remember Message-IDs.
    Prints `port N`, then answers every line on stdin with a JSON line of counts. `delay`
    (seconds) before each DATA reply stands for a real server storing the message."""
    import asyncio

    from aiosmtpd.controller import Controller

    from tests.notify.conftest import free_port

    class Counter:
        def __init__(self):
            self.sessions = self.messages = self.duplicates = self.missing_id = 0
            self.ids: set[bytes] = set()
            self.lock = threading.Lock()

        async def handle_EHLO(self, server, session, envelope, hostname, responses):
            with self.lock:
                self.sessions += 1
            session.host_name = hostname
            return responses

        async def handle_HELO(self, server, session, envelope, hostname):
            with self.lock:
                self.sessions += 1
            session.host_name = hostname
            return f"250 {server.hostname}"

        async def handle_DATA(self, server, session, envelope):
            if delay:
                await asyncio.sleep(delay)
            raw = envelope.original_content or envelope.content
            head = raw.split(b"\r\n\r\n", 1)[0]
            found = MESSAGE_ID.search(head)
            with self.lock:
                if self.messages == 0:
                    Path(sample).write_bytes(raw)
                self.messages += 1
                if found is None:
                    self.missing_id += 1
                elif found.group(1) in self.ids:
                    self.duplicates += 1
                else:
                    self.ids.add(found.group(1))
            return "250 OK"

    counter = Counter()
    port = free_port()
    controller = Controller(counter, hostname="127.0.0.1", port=port)
    controller.start()
    print(f"port {port}", flush=True)
    try:
        for _line in sys.stdin:
            with counter.lock:
                print(json.dumps({"sessions": counter.sessions, "messages": counter.messages,
                                  "duplicates": counter.duplicates,
                                  "missing_id": counter.missing_id}), flush=True)
    finally:
        controller.stop()


class Sink:
    def __init__(self, sample: Path, delay_ms: float = 0):
        self.proc = subprocess.Popen(
            [sys.executable, __file__, "--sink", str(sample), "--sink-delay", str(delay_ms)],
            cwd=ROOT, text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env={**os.environ,
                                                                 "PYTHONPATH": str(ROOT)})
        line = self.proc.stdout.readline()
        if not line.startswith("port "):
            self.stop()
            sys.exit(f"the SMTP sink did not start: {line!r}")
        self.port = int(line.split()[1])

    def stats(self) -> dict:
        self.proc.stdin.write("stats\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


# --- the world --------------------------------------------------------------------------------
PARKS = 10


def build_world(mails: int, users: int, start: datetime) -> dict:
    """Parks, users and meetings whose 60-minute reminders come due at `start`."""
    from hub.auth.models import Role, User
    from hub.extensions import db
    from hub.meetings.models import Meeting
    from hub.parks.models import Park

    parks = [Park(name=f"基准园区{i:02d}", short_name=f"基准{i:02d}") for i in range(PARKS)]
    db.session.add_all(parks)
    people = [User(username=f"fanout-{i:04d}", display_name=f"测试用户{i:04d}",
                   email=f"user{i:04d}@example.test", park=parks[i % PARKS],
                   role=Role.PARK_ADMIN if i < PARKS else Role.STAFF,
                   password_hash="!")  # nobody signs in
              for i in range(users)]
    db.session.add_all(people)
    full, rest = divmod(mails, users)
    meetings = []
    for i in range(full + (1 if rest else 0)):
        whole = i < full  # everyone of every park; the last one only `rest` named people
        meetings.append(Meeting(
            title=f"一区三园联席会议（第{i + 1}次）", starts_at=start + timedelta(minutes=60),
            ends_at=start + timedelta(minutes=180), timezone="Asia/Shanghai",
            location="高新区管委会三楼会议室", online_url="https://meet.example.test/joint",
            host_park=parks[0] if whole else None, parks=list(parks) if whole else [],
            people=[] if whole else people[:rest], reminder_offsets=[60], agenda_cutoff=None))
    db.session.add_all(meetings)
    db.session.commit()
    return {"parks": PARKS, "users": users, "meetings": len(meetings)}


# --- the run ----------------------------------------------------------------------------------
def run_ticks(start: datetime, interval: float, phase: float) -> tuple[list[dict], float,
                                                                        float]:
    """Tick like the scheduler (hub.notify.scheduler) until, after T = `start`, a tick finds
    nothing to do and nothing pending. Regular slots every `interval` s fall `phase` s before T
    (the scheduler's slots are where its process started, not where reminders fall); ticking
    starts one interval before the last slot before T. After each tick its `next_due` may bring
    the next run forward (scheduler.wake_at, what the scheduler's listener does); a tick that
    overran skips the slots that passed (APScheduler, coalesce). interval 0: back to back."""
    from hub.notify import scheduler, sender

    def wake_at(next_due, next_run, now):  # an older scheduler without wake-ups keeps its slots
        return getattr(scheduler, "wake_at", lambda *_: None)(next_due, next_run, now)

    ticks, busy = [], 0.0
    cpu = 0.0  # CPU seconds of this process (every thread) during the ticks
    slot = start - timedelta(seconds=phase + interval) if interval > 0 else start
    while True:
        wait = (slot - datetime.now(UTC)).total_seconds()
        if wait > 0:
            time.sleep(wait)
        began, began_cpu = time.perf_counter(), time.process_time()
        result = sender.tick()
        took = time.perf_counter() - began
        busy += took
        cpu += time.process_time() - began_cpu
        next_due = getattr(result, "next_due", None)
        row = {"at": (slot - start).total_seconds(), "seconds": took,
               "produced": result.produced, "sent": result.sent, "skipped": result.skipped,
               "failed": result.failed, "errors": result.errors[:3],
               "ended": (datetime.now(UTC) - start).total_seconds()}
        ticks.append(row)
        log(f"tick {row['at']:+.0f} s: {took:.1f} s, {result.summary()}"
            + (f", next due {(next_due - start).total_seconds():+.1f} s" if next_due else ""))
        idle = not (result.produced or result.sent or result.skipped or result.failed)
        if idle and next_due is None and slot >= start:
            return ticks, busy, cpu
        if len(ticks) > 200:
            sys.exit("still busy after 200 ticks")
        now = datetime.now(UTC)
        if interval > 0:  # APScheduler: the next slot not yet begun (a busy slot is skipped)
            regular = slot + timedelta(seconds=interval)
            while regular < now:
                regular += timedelta(seconds=interval)
            slot = wake_at(next_due, regular, now) or regular
        else:
            slot = max(next_due, now) if next_due else now


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))]


def lateness() -> dict:
    from hub.extensions import db
    from hub.notify.models import Channel, Delivery, DeliveryState

    rows = db.session.execute(
        db.select(Delivery.channel, Delivery.state, Delivery.due_at, Delivery.sent_at)
        .where(Delivery.kind == "meeting.reminder")).all()
    out = {}
    for channel in (Channel.EMAIL, Channel.INAPP):
        mine = [r for r in rows if r.channel is channel]
        late = [(r.sent_at - r.due_at).total_seconds() for r in mine
                if r.state is DeliveryState.SENT]
        states: dict[str, int] = {}
        for r in mine:
            states[r.state.value] = states.get(r.state.value, 0) + 1
        out[channel.value] = {"deliveries": len(mine), "states": states,
                              "p50": percentile(late, 50), "p95": percentile(late, 95),
                              "max": max(late) if late else float("nan")}
    return out


def sample_summary(path: Path) -> str:
    if not path.exists():
        return "no message received"
    msg = message_from_bytes(path.read_bytes(), policy=policy.default)
    parts = [p.get_content_type() + (f" ({p.get_filename()})" if p.get_filename() else "")
             for p in msg.walk() if not p.is_multipart()]
    return f"subject “{msg['Subject']}”; parts: {', '.join(parts)}"


def report(args, world, ticks, busy, cpu, wall, stats, late, sample, load) -> str:
    email, inapp = late["email"], late["inapp"]
    received = stats["messages"]
    mails = email["deliveries"]
    producing = [t for t in ticks if t["produced"]]
    lines = [
        f"# Park Hub reminder fan-out — {args.db}, {date.today():%Y-%m-%d}", "",
        f"- machine: {machine()}",
        f"- load average (1/5/15 min) before / after: {load[0]} / {load[1]}",
        f"- commit: {commit()}",
        f"- world: {world['parks']} parks, {world['users']} users with email addresses, "
        f"{world['meetings']} meetings starting in 60 min with reminder offset 60 min, "
        "all due at the same instant T",
        "- deliveries made by the real producer (hub.meetings.reminders via "
        "producers.run_periodic, in whichever tick makes them): one email and one in-app "
        "delivery per "
        "user and meeting",
        f"- sender: hub.notify.sender.tick(), batch {args.batch or 'default'} "
        f"({args.batch_size} rows), {args.senders_text}, {args.tick_limit}, ticks "
        + (f"as the scheduler: every {args.tick_interval:g} s, the last regular slot "
           f"{args.phase:g} s before T, brought forward to each tick's next_due "
           "(hub.notify.scheduler.wake_at)" if args.tick_interval
           else "back to back from T"),
        "- SMTP: aiosmtpd sink in a subprocess on 127.0.0.1 (counts connections by EHLO, "
        "messages and Message-IDs)"
        + (f", answering each DATA after {args.sink_delay:g} ms" if args.sink_delay else ""),
        f"- rendering: real (zh_CN templates, .ics); sample: {sample}",
        "",
        "| measure | value |",
        "|---|---:|",
        f"| email deliveries (meeting.reminder) | {mails} |",
        f"| in-app deliveries (meeting.reminder) | {inapp['deliveries']} |",
        f"| mails received by the sink | {received} |",
        f"| duplicate Message-IDs | {stats['duplicates']} |",
        f"| email states | {', '.join(f'{k} {v}' for k, v in sorted(email['states'].items()))} |",
        f"| SMTP connections | {stats['sessions']} |",
        f"| ticks | {len(ticks)} |",
        "| producing (ticks that made rows) | "
        + ("; ".join(f"tick at {t['at']:+.0f} s: {t['produced']} rows in a tick of "
                     f"{t['seconds']:.1f} s" for t in producing) or "–") + " |",
        f"| busy seconds (sum of ticks) | {busy:.1f} |",
        f"| CPU seconds of the scheduler process during the ticks | {cpu:.1f} |",
        f"| CPU ms per mail (with its in-app delivery) | {1000 * cpu / mails:.2f} |"
        if mails else "| CPU ms per mail | – |",
        f"| wall seconds, T to the last mail | {wall:.1f} |",
        f"| mails / s (busy) | {mails / busy:.0f} |" if busy else "| mails / s | – |",
        f"| deliveries / s (busy, email + in-app) | "
        f"{(mails + inapp['deliveries']) / busy:.0f} |" if busy else "| deliveries / s | – |",
        f"| email lateness p50 / p95 / max (s) | {email['p50']:.1f} / {email['p95']:.1f} / "
        f"{email['max']:.1f} |",
        f"| in-app lateness p50 / p95 / max (s) | {inapp['p50']:.1f} / {inapp['p95']:.1f} / "
        f"{inapp['max']:.1f} |",
        "",
        "Targets: 10,000 mails in under 60 s; reminders at most 60 s late.",
        f"Result: mails {'met' if busy < 60 and mails >= 10000 else 'MISSED'} "
        f"({busy:.1f} s busy for {mails}), lateness "
        f"{'met' if email['max'] <= 60 and inapp['max'] <= 60 else 'MISSED'} "
        f"(max {max(email['max'], inapp['max']):.1f} s).",
        "",
        "| tick at (s from T) | seconds | produced | sent | skipped | failed |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for t in ticks:
        lines.append(f"| {t['at']:+.1f} | {t['seconds']:.1f} | {t['produced']} | {t['sent']} | "
                     f"{t['skipped']} | {t['failed']} |")
    errors = [e for t in ticks for e in t["errors"]]
    if errors:
        lines += ["", "Errors (first ones):", *[f"- `{e}`" for e in errors[:5]]]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--mails", type=int, default=10_000)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--batch", type=int, help="HUB_SEND_BATCH (rows claimed per batch)")
    parser.add_argument("--senders", type=int,
                        help="HUB_SENDERS (sending threads, each with its own SMTP connection, "
                        "on PostgreSQL; default: the app's)")
    parser.add_argument("--tick-interval", type=float, default=30,
                        help="seconds between ticks, as the scheduler (0: back to back)")
    parser.add_argument("--phase", type=float, default=15,
                        help="seconds from the last regular tick slot to T (default 15: half "
                        "an interval; the scheduler's slots are where its process started)")
    parser.add_argument("--pg-host", default=os.environ.get("PGHOST", "127.0.0.1"))
    parser.add_argument("--pg-user", default=os.environ.get("PGUSER", "postgres"))
    parser.add_argument("--profile", help="write a pyinstrument HTML profile of the ticks here")
    parser.add_argument("--out", help="write the report here (default: "
                        "bench/results/<date>-fanout-<db>.md)")
    parser.add_argument("--sink-delay", type=float, default=0,
                        help="milliseconds the sink waits before answering each DATA (a real "
                        "server stores the message first; default 0)")
    parser.add_argument("--sink", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.sink:
        sink_main(args.sink, args.sink_delay / 1000)
        return

    with Database(args.db, None, args.pg_host, args.pg_user) as url:
        sample = Path(os.environ.get("TMPDIR", "/tmp")) / f"parkhub-fanout-{os.getpid()}.eml"
        sink = Sink(sample, args.sink_delay)
        try:
            os.environ.update({
                "DATABASE_URL": url, "HUB_SCHEDULER": "off", "SECRET_KEY": secrets.token_hex(32),
                "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": str(sink.port),
                "MAIL_DEFAULT_SENDER": "园区协同平台 <parkhub@example.test>"})
            from flask_migrate import upgrade

            from hub import create_app
            from hub.notify import sender

            app = create_app()
            if args.batch:
                app.config["HUB_SEND_BATCH"] = args.batch
            args.batch_size = int(app.config.get("HUB_SEND_BATCH", sender.BATCH_SIZE))
            if args.senders:
                app.config["HUB_SENDERS"] = args.senders
            with app.app_context():
                count = sender.senders() if hasattr(sender, "senders") else 1
            args.senders_text = f"{count} senders side by side" if count > 1 else "1 sender"
            args.tick_limit = (f"claiming for at most {sender.TICK_BUDGET:g} s a tick"
                               if hasattr(sender, "TICK_BUDGET")
                               else f"at most {sender.MAX_BATCHES} batches a tick")
            with app.app_context():
                log(f"migrating {url}")
                upgrade()
                lead = (args.tick_interval + args.phase) if args.tick_interval else 0
                start = (datetime.now(UTC) + timedelta(seconds=lead + 3)).replace(microsecond=0)
                world = build_world(args.mails, args.users, start)
                log(f"{world}; reminders due at {start:%H:%M:%S} UTC")
                load = [loadavg()]
                profiler = None
                if args.profile:
                    from pyinstrument import Profiler

                    profiler = Profiler()
                    profiler.start()
                ticks, busy, cpu = run_ticks(start, args.tick_interval, args.phase)
                if profiler is not None:
                    profiler.stop()
                    Path(args.profile).write_text(profiler.output_html())
                    print(profiler.output_text(unicode=True, color=False, show_all=False))
                wall = max((t["ended"] for t in ticks if t["sent"]), default=0.0)
                load.append(loadavg())
                late = lateness()
            stats = sink.stats()
        finally:
            sink.stop()
        summary = sample_summary(sample)
        sample.unlink(missing_ok=True)

    text = report(args, world, ticks, busy, cpu, wall, stats, late, summary, load)
    out = Path(args.out) if args.out else RESULTS / f"{date.today():%Y-%m-%d}-fanout-{args.db}.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text)
    print()
    print(text)
    log(f"written to {out}")


if __name__ == "__main__":
    main()
