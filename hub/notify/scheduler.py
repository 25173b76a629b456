"""The reminder scheduler: APScheduler 3.x, in-memory job store, jobs defined here, HUB_TIMEZONE.

Jobs
    tick   every 30 s (and once at start, so what was missed while no scheduler ran goes out
           on restart): hub.notify.sender.tick() in an app context, then this process's
           heartbeat row (SchedulerHeartbeat "<host>:<pid>": mode, beat_at, last_sent,
           last_error). max_instances=1, coalesce=True: a slow tick is never doubled.
           Woken up early: after each tick (a listener on the executed job) its next run is
           brought forward to the tick's `next_due` — the due time of the next pending
           delivery, or at once when the tick stopped on its time budget with more due
           (`wake_at`). Reminders are made ahead of their moment (hub.meetings.reminders), so a
           reminder goes out at its moment, not up to 30 s later; the interval then continues
           from the early run.
    daily  01:00 local time (and once at start; both are idempotent):
           hub.holidays.replan.daily(today) (fill the holiday table, re-plan on changed data),
           hub.meetings.services.extend_horizons(today), then
           hub.notify.producers.run_daily(today) when it exists, and old heartbeat rows go.

Every tick works out what is due from the database and claims each delivery (hub.notify.sender),
so any number of schedulers may run against one database: each delivery still goes out once.

How it runs
    `flask --app wsgi hub scheduler`   BlockingScheduler in its own process: the production
                                       shape, one or more per deployment. Logs to stderr; SIGTERM
                                       or Ctrl-C stop it after the running tick.
    `flask --app wsgi hub send-due`    one tick now (cron, tests); prints the counts.
    HUB_SCHEDULER=embedded (default)   a BackgroundScheduler inside the web process, started by
                                       `start_embedded(app)` at most once per host: it takes an
                                       exclusive non-blocking flock on instance/scheduler.lock
                                       and gives up quietly when another process holds it.
        It is started by
        - `python -m hub.serve` (what `make run` uses): werkzeug, threaded, no reloader;
        - `flask run`: lazily, on the first request (`maybe_start_embedded`, a before-request
          hook). Only processes that serve requests get there, so the reloader's parent never
          starts one; the reloader's child (WERKZEUG_RUN_MAIN=true) does, and a restarted child
          takes the lock over when the old one is gone.
        Never started: under gunicorn or any other WSGI server (run `hub scheduler` beside it,
        HUB_SCHEDULER=off on the web hosts), in CLI commands, in tests (app.testing).
    HUB_SCHEDULER=off                  nothing starts in the web process.
"""

import atexit
import contextlib
import fcntl
import logging
import os
import signal
import sys
import threading
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from apscheduler.events import EVENT_JOB_EXECUTED, JobExecutionEvent
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from flask import Flask

from hub.extensions import db
from hub.timeutil import local_today

log = logging.getLogger(__name__)

TICK_SECONDS = 30
DAILY_AT = (1, 0)  # 01:00 local

_start_lock = threading.Lock()
_embedded: BackgroundScheduler | None = None
_lock_file = None


# --- jobs -------------------------------------------------------------------------------------
def tick_once(app: Flask, mode: str):
    """One tick in a fresh app context, then this process's heartbeat. Returns the TickResult
    (None when the tick itself crashed; the error is in the heartbeat)."""
    from hub.notify import health, sender

    with app.app_context():
        result, error = None, ""
        try:
            result = sender.tick()
            error = result.last_error
            if result.sent or result.failed or result.skipped or result.produced:
                log.info("tick: %s", result.summary())
        except Exception as exc:  # the scheduler must keep ticking
            db.session.rollback()
            log.exception("tick failed")
            error = f"{type(exc).__name__}: {exc}"
        try:
            health.beat(health.process_name(mode), mode,
                        sent=result.sent if result else 0, error=error)
        except Exception:  # e.g. the database is down; next tick tries again
            db.session.rollback()
            log.exception("writing the heartbeat failed")
        finally:
            db.session.remove()
        return result


def daily(app: Flask) -> None:
    """Extend the meeting horizons and run the daily checks (overdue items…)."""
    from hub.holidays import replan as holiday_replan
    from hub.meetings.services import extend_horizons
    from hub.notify import health
    from hub.timeutil import utcnow

    with app.app_context():
        try:
            today = local_today(utcnow())
            moved = holiday_replan.daily(today)  # holiday data changed: re-plan (commits)
            if moved:
                log.info("daily: %d meeting occurrence(s) re-planned for holidays", len(moved))
            created = extend_horizons(today)
            if created:
                log.info("daily: %d meeting occurrence(s) created", created)
            run_daily = _producers_daily()
            if run_daily is not None:
                run_daily(today)
                db.session.commit()
            health.forget_old()
        except Exception:  # retried tomorrow (and at the next start)
            db.session.rollback()
            log.exception("daily job failed")
        finally:
            db.session.remove()


def _producers_daily():
    try:
        from hub.notify import producers
    except ModuleNotFoundError as exc:
        if exc.name == "hub.notify.producers":
            return None
        raise
    return getattr(producers, "run_daily", None)


def wake_at(next_due: datetime | None, next_run: datetime | None,
            now: datetime) -> datetime | None:
    """When the tick job should run instead of `next_run` (its next regular slot), given the
    finished tick's `next_due`: that time when it comes first (not before `now`); None keeps
    the slot. bench/fanout.py simulates the scheduler with this too."""
    if next_due is None or (next_run is not None and next_due >= next_run):
        return None
    return max(next_due, now)


def _wake_up(scheduler: BaseScheduler, event: JobExecutionEvent) -> None:
    """Listener (after the job's instance is released, so an immediate run is not refused as
    a second instance): bring the tick forward to the next due delivery."""
    result = event.retval
    if event.job_id != "tick" or getattr(result, "next_due", None) is None:
        return
    job = scheduler.get_job("tick")
    if job is None:
        return
    at = wake_at(result.next_due, job.next_run_time, datetime.now(scheduler.timezone))
    if at is not None:
        job.modify(next_run_time=at)


def configure(app: Flask, scheduler: BaseScheduler, mode: str) -> BaseScheduler:
    """Add the jobs to `scheduler` (both run once right at start)."""
    tz = scheduler.timezone
    now = datetime.now(tz)
    scheduler.add_job(tick_once, "interval", seconds=TICK_SECONDS, args=[app, mode], id="tick",
                      name="send due notifications", next_run_time=now, max_instances=1,
                      coalesce=True, misfire_grace_time=TICK_SECONDS, replace_existing=True)
    scheduler.add_job(daily, "cron", hour=DAILY_AT[0], minute=DAILY_AT[1], args=[app],
                      id="daily", name="extend horizons, daily checks", next_run_time=now,
                      max_instances=1, coalesce=True, misfire_grace_time=6 * 3600,
                      replace_existing=True)
    scheduler.add_listener(lambda event: _wake_up(scheduler, event), EVENT_JOB_EXECUTED)
    return scheduler


def _options(app: Flask) -> dict:
    return {
        "timezone": ZoneInfo(app.config["HUB_TIMEZONE"]),
        "job_defaults": {"coalesce": True, "max_instances": 1},
        "executors": {"default": {"type": "threadpool", "max_workers": 2}},
    }


# --- the scheduler process --------------------------------------------------------------------
def _log_to_stderr() -> None:
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                            format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("hub").setLevel(logging.INFO)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


def run_blocking(app: Flask) -> None:
    """`flask --app wsgi hub scheduler`: tick until SIGTERM / SIGINT."""
    _log_to_stderr()
    scheduler = configure(app, BlockingScheduler(**_options(app)), "process")

    def stop(signum, frame):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    log.info("scheduler %s started (tick every %d s, time zone %s)",
             os.getpid(), TICK_SECONDS, app.config["HUB_TIMEZONE"])
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        if scheduler.running:
            scheduler.shutdown(wait=True)  # lets a running tick finish
        log.info("scheduler %s stopped", os.getpid())


# --- embedded in the web process --------------------------------------------------------------
def _take_host_lock(app: Flask):
    path = Path(app.instance_path) / "scheduler.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    fh = open(path, "a+")  # noqa: SIM115 - kept open for the life of the process
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        fh.close()
        return None
    fh.seek(0)
    fh.truncate()
    fh.write(f"{os.getpid()}\n")
    fh.flush()
    return fh


def start_embedded(app: Flask) -> BackgroundScheduler | None:
    """Start the in-process scheduler unless HUB_SCHEDULER is not "embedded", one runs in this
    process already, or another process on this host holds instance/scheduler.lock."""
    global _embedded, _lock_file
    with _start_lock:
        if _embedded is not None:
            return _embedded
        if app.config.get("HUB_SCHEDULER") != "embedded":
            return None
        lock = _take_host_lock(app)
        if lock is None:
            log.info("another process on this host runs the scheduler")
            return None
        _log_to_stderr()
        scheduler = configure(app, BackgroundScheduler(daemon=True, **_options(app)),
                              "embedded")
        scheduler.start()
        _embedded, _lock_file = scheduler, lock
        atexit.register(stop_embedded)
        log.info("embedded scheduler started in process %s", os.getpid())
        return scheduler


def stop_embedded() -> None:
    global _embedded, _lock_file
    with _start_lock:
        if _embedded is not None and _embedded.running:
            _embedded.shutdown(wait=False)
        _embedded = None
        if _lock_file is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(_lock_file.fileno(), fcntl.LOCK_UN)
                _lock_file.close()
            _lock_file = None


def maybe_start_embedded(app: Flask) -> None:
    """Before-request hook: under `flask run`, start the embedded scheduler on the first
    request. Checked once per app; costs a dict lookup afterwards."""
    if app.extensions.get("hub_scheduler_checked"):
        return
    app.extensions["hub_scheduler_checked"] = True
    if app.config.get("HUB_SCHEDULER") != "embedded" or app.testing:
        return
    if os.environ.get("FLASK_RUN_FROM_CLI") != "true":
        return  # gunicorn & co.: never per worker; hub.serve starts it itself
    # Only a serving process gets here: with the reloader that is its child
    # (WERKZEUG_RUN_MAIN=true), without it the one `flask run` process.
    start_embedded(app)
