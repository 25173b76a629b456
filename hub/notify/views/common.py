"""The notify blueprint, the bell's context, the admin pages' delivery banner, and the embedded
scheduler's start."""

from flask import Blueprint, current_app
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError

from hub import permissions as perm
from hub import uow
from hub.notify import centre, health, inapp, prefs, scheduler

bp = Blueprint("notify", __name__, url_prefix="/notifications")


@bp.app_context_processor
def bell():
    """The bell's unread count: a function, so the COUNT runs only when a page shows the bell
    (once per request, for a signed-in user)."""

    def notify_unread_count() -> int:
        if not getattr(current_user, "is_authenticated", False):
            return 0
        return centre.cached_unread_count(current_user)

    return {"notify_unread_count": notify_unread_count, "notify_kind_label": prefs.kind_label,
            "notify_shown": inapp.shown, "delivery_health": delivery_health}


def delivery_health() -> dict | None:
    """For the admin pages' banner (templates/admin/_nav.html): the delivery status when the
    user may see it, else None. Called only where the banner is; a few small queries."""
    if not perm.can_view_outbox(current_user):
        return None
    try:
        return health.delivery_health()
    except SQLAlchemyError:
        uow.rollback()  # the page still renders, without the banner
        return None


@bp.before_app_request
def _start_embedded_scheduler():
    """`flask run`: the embedded scheduler starts with the first request (see scheduler.py)."""
    scheduler.maybe_start_embedded(current_app._get_current_object())
