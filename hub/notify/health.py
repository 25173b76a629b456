"""Scheduler heartbeats (one row per scheduler process, written every tick) and the status that
/healthz, the admin pages' banner and the admin scheduler page show.

Delivery is healthy ("ok") only with a fresh heartbeat (a scheduler ticked within ALIVE_WITHIN)
and no delivery given up (failed) within FAILED_WITHIN; otherwise "degraded", with the reasons.
"""

import os
import socket
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import func

from hub.extensions import db
from hub.notify import outbox
from hub.notify.models import Delivery, DeliveryState, SchedulerHeartbeat
from hub.timeutil import utcnow

ALIVE_WITHIN = timedelta(minutes=2)  # a tick every 30 s; two minutes without one: stale
FAILED_WITHIN = timedelta(hours=24)  # failed deliveries this recent make the status degraded
FORGET_AFTER = timedelta(days=7)  # heartbeat rows of processes gone this long are removed


def process_name(mode: str = "process") -> str:
    """host:pid for scheduler processes; `send-due` from cron keeps one row per host."""
    host = socket.gethostname()
    suffix = "cli" if mode == "cli" else str(os.getpid())
    return f"{host}:{suffix}"[-100:]


def beat(name: str, mode: str, *, sent: int, error: str, now: datetime | None = None) -> None:
    """Record that scheduler `name` ticked. Commits."""
    now = now or utcnow()
    db.session.rollback()
    row = db.session.get(SchedulerHeartbeat, name)
    if row is None:
        row = SchedulerHeartbeat(name=name, mode=mode, started_at=now)
        db.session.add(row)
    row.mode = mode
    row.beat_at = now
    row.last_sent = sent
    row.last_error = (error or "")[:2000]
    db.session.commit()


def forget_old(now: datetime | None = None) -> int:
    cutoff = (now or utcnow()) - FORGET_AFTER
    gone = db.session.execute(
        db.delete(SchedulerHeartbeat).where(SchedulerHeartbeat.beat_at < cutoff)
    ).rowcount
    db.session.commit()
    return gone


def heartbeats(now: datetime | None = None) -> list[dict]:
    now = now or utcnow()
    rows = db.session.execute(
        db.select(SchedulerHeartbeat).order_by(SchedulerHeartbeat.beat_at.desc())
    ).scalars()
    return [
        {"row": row, "age": now - row.beat_at, "alive": now - row.beat_at < ALIVE_WITHIN}
        for row in rows
    ]


def scheduler_status(now: datetime | None = None) -> dict:
    """{"mode", "alive", "last_beat", "age_seconds", "instances"} for /healthz."""
    now = now or utcnow()
    beats = heartbeats(now)
    alive = [b for b in beats if b["alive"]]
    latest = beats[0]["row"].beat_at if beats else None
    return {
        "mode": current_app.config["HUB_SCHEDULER"],
        "alive": bool(alive),
        "last_beat": latest.isoformat() if latest else None,
        "age_seconds": int((now - latest).total_seconds()) if latest else None,
        "instances": len(alive),
    }


def outbox_status() -> dict:
    pending, failed = outbox.pending_and_failed()
    return {"pending": pending, "failed": failed}


def failed_recently(now: datetime | None = None) -> int:
    """Deliveries given up (state failed) within FAILED_WITHIN."""
    since = (now or utcnow()) - FAILED_WITHIN
    return db.session.execute(
        db.select(func.count(Delivery.id)).where(
            Delivery.state == DeliveryState.FAILED, Delivery.failed_at >= since)
    ).scalar_one()


def delivery_health(now: datetime | None = None) -> dict:
    """{"status": "ok" | "degraded", "reasons": [...], "scheduler": …, "outbox": …}. The reasons
    are codes with numbers: {"code": "no_heartbeat"}, {"code": "stale_heartbeat",
    "age_seconds": n}, {"code": "failed_deliveries", "count": n, "hours": 24}."""
    now = now or utcnow()
    scheduler = scheduler_status(now)
    outbox_counts = outbox_status()
    failed = failed_recently(now)
    outbox_counts["failed_24h"] = failed
    reasons = []
    if scheduler["last_beat"] is None:
        reasons.append({"code": "no_heartbeat"})
    elif not scheduler["alive"]:
        reasons.append({"code": "stale_heartbeat", "age_seconds": scheduler["age_seconds"]})
    if failed:
        reasons.append({"code": "failed_deliveries", "count": failed,
                        "hours": int(FAILED_WITHIN.total_seconds() // 3600)})
    return {"status": "degraded" if reasons else "ok", "reasons": reasons,
            "scheduler": scheduler, "outbox": outbox_counts}
