"""The scheduler: `hub send-due`, ticks with heartbeats, /healthz, the admin pages, the daily job,
and the embedded scheduler that starts once per host (never in tests)."""

import fcntl
import os
import socket
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from hub.auth.models import Role
from hub.extensions import db
from hub.notify import health, outbox, scheduler, sender
from hub.notify.models import Channel, Delivery, DeliveryState, SchedulerHeartbeat
from hub.timeutil import utcnow


def due_note(user, object_id: int = 1, **extra) -> None:
    outbox.enqueue("test.note", channel=Channel.INAPP, object_type="meeting",
                   object_id=object_id, due_at=utcnow() - timedelta(minutes=1),
                   user_id=user.id, **extra)
    db.session.commit()


def beats() -> list[SchedulerHeartbeat]:
    db.session.expire_all()
    return list(db.session.execute(db.select(SchedulerHeartbeat)).scalars())


# --- one tick ---------------------------------------------------------------------------------
def test_send_due_runs_one_tick_and_prints_the_counts(runner, make_user):
    user = make_user()
    due_note(user)
    due_note(user, 2, payload={"skip": "meeting cancelled"})
    result = runner.invoke(args=["hub", "send-due"])
    assert result.exit_code == 0, result.output
    assert "sent 1, failed 0, skipped 1" in result.output
    assert result.output.startswith("produced ")
    [beat] = beats()
    assert beat.name == f"{socket.gethostname()}:cli" and beat.mode == "cli"
    assert beat.last_sent == 1
    assert runner.invoke(args=["hub", "send-due"]).output.strip().endswith(
        "sent 0, failed 0, skipped 0")
    assert len(beats()) == 1  # cron runs keep one row per host


def test_a_tick_writes_the_heartbeat_of_its_process(app, make_user):
    due_note(make_user())
    scheduler.tick_once(app, "process")
    [beat] = beats()
    assert beat.name.endswith(f":{os.getpid()}")
    assert beat.mode == "process" and beat.last_sent == 1 and beat.last_error == ""
    first = beat.beat_at
    scheduler.tick_once(app, "process")
    [beat] = beats()
    assert beat.beat_at >= first and beat.last_sent == 0


def test_a_crashing_tick_is_recorded_and_the_scheduler_survives(app, monkeypatch):
    def broken(now=None):
        raise RuntimeError("database on fire")

    monkeypatch.setattr(sender, "tick", broken)
    assert scheduler.tick_once(app, "process") is None
    [beat] = beats()
    assert "database on fire" in beat.last_error


def test_the_daily_job_extends_horizons_and_runs_the_daily_checks(app, monkeypatch):
    from hub.meetings import services as meetings
    from hub.notify import producers

    calls = []
    monkeypatch.setattr(meetings, "extend_horizons", lambda today: calls.append(("h", today)))
    monkeypatch.setattr(producers, "run_daily", lambda today: calls.append(("d", today)))
    scheduler.daily(app)
    today = utcnow().astimezone(ZoneInfo(app.config["HUB_TIMEZONE"])).date()
    assert calls == [("h", today), ("d", today)]


def test_jobs_are_defined_in_code_with_the_zone_and_run_at_start(app):
    from apscheduler.schedulers.background import BackgroundScheduler

    sched = scheduler.configure(app, BackgroundScheduler(**scheduler._options(app)), "embedded")
    jobs = {job.id: job for job in sched.get_jobs()}
    assert set(jobs) == {"tick", "daily"}
    assert str(sched.timezone) == app.config["HUB_TIMEZONE"]
    tick, daily = jobs["tick"], jobs["daily"]
    assert tick.trigger.interval == timedelta(seconds=30)
    assert tick.max_instances == 1 and tick.coalesce is True and tick.misfire_grace_time
    assert "hour='1'" in str(daily.trigger) and "minute='0'" in str(daily.trigger)
    assert tick.next_run_time is not None  # pending: runs as soon as the scheduler starts


def test_a_tick_says_when_the_next_delivery_comes_due(make_user):
    user = make_user()
    now = utcnow()
    due_note(user)
    for object_id, seconds in ((2, 40), (3, 90)):
        outbox.enqueue("test.note", channel=Channel.INAPP, object_type="meeting",
                       object_id=object_id, due_at=now + timedelta(seconds=seconds),
                       user_id=user.id)
    db.session.commit()
    result = sender.tick(now)
    assert result.sent == 1
    assert result.next_due == now + timedelta(seconds=40)
    assert sender.tick(now + timedelta(seconds=40)).next_due == now + timedelta(seconds=90)
    assert sender.tick(now + timedelta(seconds=90)).next_due is None


def test_a_tick_stopped_by_its_budget_asks_to_go_on_at_once(make_user, monkeypatch):
    user = make_user()
    for object_id in (1, 2, 3):
        due_note(user, object_id)
    monkeypatch.setattr(sender, "TICK_BUDGET", 0)  # each sender stops after its first batch
    monkeypatch.setitem(sender.current_app.config, "HUB_SEND_BATCH", 1)
    senders = sender.senders()  # PostgreSQL: 2 side by side, SQLite: 1
    now = utcnow()
    result = sender.tick(now)
    assert result.sent == senders and result.next_due == now
    assert sender.tick(now).sent == min(senders, 3 - senders)


def test_the_scheduler_wakes_up_when_the_next_delivery_comes_due(app):
    from apscheduler.events import EVENT_JOB_EXECUTED, JobExecutionEvent
    from apscheduler.schedulers.background import BackgroundScheduler

    sched = scheduler.configure(app, BackgroundScheduler(**scheduler._options(app)), "process")
    now = utcnow()
    slot = now + timedelta(seconds=25)
    sched.get_job("tick").modify(next_run_time=slot)

    def finished(next_due):
        result = sender.TickResult(next_due=next_due)
        for listener, mask in sched._listeners:
            if mask & EVENT_JOB_EXECUTED:
                listener(JobExecutionEvent(EVENT_JOB_EXECUTED, "tick", None, now, retval=result))
        return sched.get_job("tick").next_run_time

    assert finished(None) == slot  # nothing pending: the regular slot
    assert finished(now + timedelta(minutes=5)) == slot  # due after the slot: the slot
    assert finished(now + timedelta(seconds=7)) == now + timedelta(seconds=7)
    assert finished(now - timedelta(seconds=3)) >= now  # more due already: at once


# --- health -----------------------------------------------------------------------------------
def test_healthz_shows_the_heartbeat_and_the_outbox(app, client, make_user):
    body = client.get("/healthz").get_json()
    assert body["scheduler"]["alive"] is False and body["scheduler"]["instances"] == 0
    assert body["scheduler"]["last_beat"] is None
    assert body["outbox"] == {"pending": 0, "failed": 0, "failed_24h": 0}

    user = make_user()
    due_note(user)
    due_note(user, 2)
    outbox.enqueue("test.note", channel=Channel.INAPP, object_type="meeting", object_id=3,
                   due_at=utcnow() + timedelta(days=1), user_id=user.id)
    db.session.commit()
    scheduler.tick_once(app, "process")
    db.session.execute(db.update(Delivery).where(Delivery.object_id == 2)
                       .values(state=DeliveryState.FAILED))
    db.session.commit()

    resp = client.get("/healthz")
    assert resp.status_code == 200
    body = resp.get_json()
    # a fresh heartbeat, but a delivery failed (its failed_at is not set here: not "recent")
    assert body["status"] == "ok" and body["database"] == "ok"
    assert body["scheduler"]["mode"] == "off"
    assert body["scheduler"]["alive"] is True and body["scheduler"]["instances"] == 1
    assert body["scheduler"]["last_beat"] is not None
    assert body["outbox"] == {"pending": 1, "failed": 1, "failed_24h": 0}


def test_a_stale_heartbeat_is_not_alive(client):
    old = utcnow() - timedelta(minutes=5)
    db.session.add(SchedulerHeartbeat(name="gone:1", mode="process", started_at=old,
                                      beat_at=old))
    db.session.commit()
    body = client.get("/healthz").get_json()
    assert body["scheduler"]["alive"] is False and body["scheduler"]["instances"] == 0
    assert body["scheduler"]["age_seconds"] >= 300


def test_old_heartbeat_rows_are_forgotten(app):
    now = utcnow()
    db.session.add_all([
        SchedulerHeartbeat(name="old:1", beat_at=now - timedelta(days=8)),
        SchedulerHeartbeat(name="new:1", beat_at=now - timedelta(days=1)),
    ])
    db.session.commit()
    assert health.forget_old(now) == 1
    assert [b.name for b in beats()] == ["new:1"]


# --- admin pages ------------------------------------------------------------------------------
@pytest.mark.parametrize("role", [Role.STAFF, Role.PARK_ADMIN])
def test_outbox_pages_are_for_admins_only(client, login, make_user, role):
    user = make_user(role=role)
    due_note(user)
    failed = db.session.execute(db.select(Delivery)).scalar_one()
    failed.state = DeliveryState.FAILED
    db.session.commit()
    login(user)
    for url in ("/notifications/admin/outbox", "/notifications/admin/scheduler",
                "/notifications/admin/outbox/files/20260310-090000-1.eml"):
        assert client.get(url).status_code == 403, url
    assert client.post(f"/notifications/admin/outbox/{failed.id}/retry").status_code == 403
    db.session.expire_all()
    assert db.session.get(Delivery, failed.id).state is DeliveryState.FAILED


def test_outbox_pages_need_a_login(client):
    resp = client.get("/notifications/admin/outbox")
    assert resp.status_code == 302 and "/login" in resp.location


def test_the_scheduler_page_shows_alive_and_stale_processes(app, client, login, make_user):
    admin = make_user(role=Role.ADMIN)
    old = utcnow() - timedelta(minutes=10)
    db.session.add(SchedulerHeartbeat(name="old-host:99", mode="process", started_at=old,
                                      beat_at=old, last_error="SMTP down"))
    db.session.commit()
    scheduler.tick_once(app, "process")
    login(admin)
    page = client.get("/notifications/admin/scheduler").get_data(as_text=True)
    assert 'data-alive="yes"' in page and 'data-alive="no"' in page
    assert "old-host:99" in page and "SMTP down" in page
    assert f"{socket.gethostname()}:" in page


def test_the_outbox_page_filters_and_pages(client, login, make_user):
    admin = make_user(role=Role.ADMIN)
    user = make_user()
    for i in range(55):
        due_note(user, i + 1)
    outbox.enqueue("test.meeting", channel=Channel.EMAIL, object_type="meeting",
                   object_id=99, due_at=utcnow(), user_id=user.id)
    db.session.commit()
    login(admin)
    page = client.get("/notifications/admin/outbox").get_data(as_text=True)
    assert page.count("data-delivery=") == 50
    page2 = client.get("/notifications/admin/outbox?page=2").get_data(as_text=True)
    assert page2.count("data-delivery=") == 6
    by_kind = client.get("/notifications/admin/outbox?kind=test.meeting").get_data(as_text=True)
    assert by_kind.count("data-delivery=") == 1
    by_channel = client.get("/notifications/admin/outbox?channel=email").get_data(as_text=True)
    assert by_channel.count("data-delivery=") == 1
    by_state = client.get("/notifications/admin/outbox?state=sent").get_data(as_text=True)
    assert by_state.count("data-delivery=") == 0
    junk = client.get("/notifications/admin/outbox?state=nonsense&channel=x")
    assert junk.status_code == 200 and junk.get_data(as_text=True).count("data-delivery=") == 50


# --- embedded scheduler -----------------------------------------------------------------------
def test_no_scheduler_starts_in_tests_or_when_off(app, client, monkeypatch):
    started = []
    monkeypatch.setattr(scheduler, "start_embedded", lambda a: started.append(a))
    monkeypatch.setenv("FLASK_RUN_FROM_CLI", "true")
    app.config["HUB_SCHEDULER"] = "embedded"  # but app.testing
    client.get("/healthz")
    assert started == []


def test_flask_run_starts_the_embedded_scheduler_on_the_first_request(app, monkeypatch):
    started = []
    monkeypatch.setattr(scheduler, "start_embedded", lambda a: started.append(a))
    app.config.update(HUB_SCHEDULER="embedded", TESTING=False)
    monkeypatch.delenv("FLASK_RUN_FROM_CLI", raising=False)
    scheduler.maybe_start_embedded(app)  # gunicorn or another WSGI server: never
    assert started == []
    app.extensions.pop("hub_scheduler_checked")
    monkeypatch.setenv("FLASK_RUN_FROM_CLI", "true")
    monkeypatch.setenv("WERKZEUG_RUN_MAIN", "true")  # the reloader's serving child
    scheduler.maybe_start_embedded(app)
    scheduler.maybe_start_embedded(app)
    assert started == [app]


def test_start_embedded_runs_once_per_host(app, monkeypatch):
    ran = []
    monkeypatch.setattr(scheduler, "tick_once", lambda a, mode: ran.append(mode))
    monkeypatch.setattr(scheduler, "daily", lambda a: None)
    app.config["HUB_SCHEDULER"] = "off"
    assert scheduler.start_embedded(app) is None

    app.config["HUB_SCHEDULER"] = "embedded"
    lock_path = f"{app.instance_path}/scheduler.lock"
    with open(lock_path, "a+") as other_process:  # another process holds the host lock
        fcntl.flock(other_process.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        assert scheduler.start_embedded(app) is None
        fcntl.flock(other_process.fileno(), fcntl.LOCK_UN)
    try:
        started = scheduler.start_embedded(app)
        assert started is not None and started.running
        assert scheduler.start_embedded(app) is started  # a second call: the same one
        with open(lock_path, "a+") as other_process, pytest.raises(BlockingIOError):
            fcntl.flock(other_process.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    finally:
        scheduler.stop_embedded()
    assert not started.running
