"""GET /healthz: is the database reachable, how is the scheduler set up."""

from flask import Blueprint, current_app
from sqlalchemy import text

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
    return body, 200 if database == "ok" else 503
