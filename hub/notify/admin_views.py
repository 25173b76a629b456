"""Admin pages of the outbox (/notifications/admin/…): deliveries with their attempts and errors,
"retry now" for failed ones, the .eml files written without an SMTP server, and the scheduler
heartbeats. Attached to the notify blueprint (`bp` of hub.notify.views)."""

import re
from email import policy
from email.parser import BytesHeaderParser
from pathlib import Path

from flask import abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.orm import selectinload

from hub import edge
from hub import permissions as perm
from hub.audit import labels as audit_labels
from hub.audit import values as audit_values
from hub.audit.services import record
from hub.extensions import db
from hub.notify import health, outbox, scheduler
from hub.notify.models import Channel, Delivery, DeliveryState
from hub.notify.views import bp
from hub.timeutil import utcnow

STATE_LABELS = {
    "pending": _l("Pending"),
    "sending": _l("Sending"),
    "sent": _l("Sent"),
    "failed": _l("Failed"),
    "skipped": _l("Skipped"),
}
CHANNEL_LABELS = {"inapp": _l("In-app"), "email": _l("Email"), "robot": _l("Group robot")}
EML_NAME = re.compile(r"^\d{8}-\d{6}-\d+\.eml$")
EML_LIST_LIMIT = 100

audit_labels.OBJECT_LABELS.setdefault("outbox", _l("Delivery"))
audit_labels.ACTION_LABELS.setdefault("retry", _l("Retried"))


@bp.before_app_request
def _start_embedded_scheduler():
    """`flask run`: the embedded scheduler starts with the first request (see scheduler.py)."""
    scheduler.maybe_start_embedded(current_app._get_current_object())


# --- deliveries -------------------------------------------------------------------------------
def _choice(name: str, allowed) -> str:
    value = request.args.get(name, "")
    return value if value in allowed else ""


@bp.get("/admin/outbox")
@perm.admin_required
def admin_outbox():
    perm.require(perm.can_view_outbox(current_user))
    kinds = list(db.session.execute(
        db.select(Delivery.kind).distinct().order_by(Delivery.kind)).scalars())
    filters = {
        "state": _choice("state", {s.value for s in DeliveryState}),
        "channel": _choice("channel", {c.value for c in Channel}),
        "kind": _choice("kind", set(kinds)),
    }
    query = (db.select(Delivery).order_by(Delivery.due_at.desc(), Delivery.id.desc())
             .options(selectinload(Delivery.user), selectinload(Delivery.park)))
    if filters["state"]:
        query = query.where(Delivery.state == DeliveryState(filters["state"]))
    if filters["channel"]:
        query = query.where(Delivery.channel == Channel(filters["channel"]))
    if filters["kind"]:
        query = query.where(Delivery.kind == filters["kind"])
    page = db.paginate(query, per_page=50, page=edge.page_arg())
    audit_values.preload(page.items)
    return render_template(
        "notify/admin_outbox.html", page=page, filters=filters, kinds=kinds,
        states=STATE_LABELS, channels=CHANNEL_LABELS, counts=outbox.counts_by_state(),
        eml_files=eml_files(), now=utcnow(), can_retry=perm.can_retry_delivery,
    )


@bp.post("/admin/outbox/<int:delivery_id>/retry")
@perm.admin_required
def admin_retry(delivery_id: int):
    delivery = db.get_or_404(Delivery, delivery_id)
    perm.require(perm.can_retry_delivery(current_user, delivery))
    before = {"state": delivery.state, "attempts": delivery.attempts}
    outbox.retry_now(delivery)
    record(current_user, "retry", delivery,
           changes={"state": [before["state"], delivery.state],
                    "attempts": [before["attempts"], delivery.attempts]},
           summary=f"{delivery.kind} #{delivery.id}")
    db.session.commit()
    flash(_("Delivery #%(id)d goes out with the next tick.", id=delivery.id), "success")
    back = {k: v for k in ("state", "kind", "channel", "page") if (v := request.form.get(k))}
    return redirect(url_for("notify.admin_outbox", **back))


# --- .eml files -------------------------------------------------------------------------------
def outbox_dir() -> Path:
    return Path(current_app.instance_path) / "outbox"


def eml_files(limit: int = EML_LIST_LIMIT) -> dict:
    """The newest .eml files with their subject and recipient, and how many there are."""
    folder = outbox_dir()
    names = sorted((p.name for p in folder.glob("*.eml") if EML_NAME.match(p.name)),
                   reverse=True) if folder.is_dir() else []
    parser = BytesHeaderParser(policy=policy.default)
    files = []
    for name in names[:limit]:
        path = folder / name
        try:
            with path.open("rb") as fh:
                headers = parser.parse(fh)
            stat = path.stat()
        except OSError:
            continue
        files.append({"name": name, "subject": str(headers.get("Subject", "")),
                      "to": str(headers.get("To", "")), "size": stat.st_size,
                      "delivery_id": int(name.rsplit("-", 1)[1].removesuffix(".eml"))})
    return {"files": files, "total": len(names)}


@bp.get("/admin/outbox/files/<name>")
@perm.admin_required
def admin_eml(name: str):
    perm.require(perm.can_view_outbox(current_user))
    if not EML_NAME.match(name):  # a bare file name: no path can leave the folder
        abort(404)
    path = outbox_dir() / name
    if not path.is_file() or path.resolve().parent != outbox_dir().resolve():
        abort(404)
    return send_file(path, mimetype="message/rfc822", as_attachment=True, download_name=name)


# --- scheduler --------------------------------------------------------------------------------
@bp.get("/admin/scheduler")
@perm.admin_required
def admin_scheduler():
    perm.require(perm.can_view_outbox(current_user))
    now = utcnow()
    return render_template(
        "notify/admin_scheduler.html", beats=health.heartbeats(now),
        status=health.scheduler_status(now), counts=outbox.counts_by_state(),
        states=STATE_LABELS, alive_minutes=int(health.ALIVE_WITHIN.total_seconds() // 60),
    )
