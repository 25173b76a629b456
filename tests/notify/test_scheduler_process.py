"""The scheduler as real processes: `flask --app wsgi hub scheduler` ticks at once on start (what
was missed goes out), writes its heartbeat and stops cleanly on SIGTERM; `python -m hub.serve`
serves the app with the embedded scheduler running in it."""

import fcntl
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

import pytest

from hub.auth.models import User
from hub.extensions import db
from hub.notify import outbox
from hub.notify.models import Channel
from hub.parks.models import Park, ParkKind
from hub.timeutil import utcnow
from tests.notify.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]


def env_for(db_path: Path, **extra) -> dict:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("MAIL_", "HUB_"))}
    environ.update(DATABASE_URL=f"sqlite:///{db_path}", SECRET_KEY="process-test",
                   PYTHONPATH=str(ROOT), **extra)
    return environ


def query(db_path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db_path, timeout=10) as conn:
        return conn.execute(sql).fetchall()


def wait_for(predicate, timeout: float = 40, what: str = ""):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def db_copy(tmp_path, sqlite_template) -> Path:
    path = tmp_path / "process.sqlite3"
    shutil.copy(sqlite_template, path)
    return path


def test_scheduler_process_ticks_at_start_and_stops_on_sigterm(db_copy):
    # a delivery that fell due while no scheduler ran (its kind has no renderer in that
    # process, so it ends skipped: enough to see that the start-up tick handled it)
    from hub import create_app
    from tests.conftest import base_config

    other = create_app(base_config(f"sqlite:///{db_copy}", db_copy.parent))
    with other.app_context():
        park = Park(name="进程测试园区", short_name="进程", kind=ParkKind.PROVINCIAL)
        user = User(username="proc", display_name="进程", email="proc@example.test", park=park)
        user.set_password("not-used-here-42")
        db.session.add(user)
        db.session.flush()
        outbox.enqueue("test.unknown", channel=Channel.INAPP, object_type="meeting",
                       object_id=1, due_at=utcnow() - timedelta(hours=2), user_id=user.id)
        db.session.commit()
        db.session.remove()
        db.engine.dispose()

    proc = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "wsgi", "hub", "scheduler"], cwd=ROOT,
        env=env_for(db_copy), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        beat = wait_for(lambda: query(db_copy, "SELECT name, mode FROM scheduler_heartbeat"),
                        what="the heartbeat")
        assert beat == [(f"{os.uname().nodename}:{proc.pid}", "process")]
        assert query(db_copy, "SELECT state, last_error FROM outbox") == [
            ("skipped", "no renderer for test.unknown")]
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err.decode()[-3000:]
    assert "stopped" in err.decode()


def test_hub_serve_runs_the_embedded_scheduler(db_copy):
    lock = ROOT / "instance" / "scheduler.lock"
    lock.parent.mkdir(exist_ok=True)
    with open(lock, "a+") as fh:  # `make run` on this checkout holds it: not our business
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pytest.skip("a Park Hub on this checkout runs the embedded scheduler")
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "hub.serve", "--port", str(port)], cwd=ROOT,
        env=env_for(db_copy, HUB_SCHEDULER="embedded"),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def health():
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                body = json.loads(r.read())
        except OSError:
            return None
        return body if body["scheduler"].get("alive") else None

    try:
        body = wait_for(health, what="the embedded scheduler's heartbeat")
        assert body["scheduler"]["mode"] == "embedded" and body["scheduler"]["instances"] == 1
        assert body["status"] == "ok" and body["reasons"] == []
        assert query(db_copy, "SELECT mode FROM scheduler_heartbeat") == [("embedded",)]
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
