"""GET /healthz: is the database reachable, is a scheduler ticking, how full is the outbox.

`status` is "ok" only with the database reachable, a fresh scheduler heartbeat and no delivery
failed in the last 24 h; else "degraded" with `reasons` (HTTP 200). 503 ("error") only when the
database is unreachable (hub.notify.health.delivery_health)."""

from flask import Blueprint, current_app
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from hub.extensions import db

bp = Blueprint("health", __name__)


def database_status() -> str:
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any failure means the database is not usable
        db.session.rollback()
        return "error"
    return "ok"


@bp.get("/healthz")
def healthz():
    database = database_status()
    body = {
        "status": "ok" if database == "ok" else "error",
        "database": database,
        "scheduler": {"mode": current_app.config["HUB_SCHEDULER"]},
    }
    if database == "ok":
        from hub.notify import health as notify_health

        try:
            delivery = notify_health.delivery_health()
        except SQLAlchemyError:  # e.g. not migrated yet: the database answers, the tables don't
            db.session.rollback()
            body["scheduler"]["alive"] = False
            body.update(status="degraded", reasons=[{"code": "tables_missing"}])
        else:
            body.update(delivery)
    return body, 200 if database == "ok" else 503


@bp.get("/ping")
def ping():
    """No database, no session: the framework's own limit (bench/)."""
    return "ok", 200, {"Content-Type": "text/plain; charset=utf-8"}
