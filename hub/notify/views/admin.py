"""Admin pages of the outbox (/notifications/admin/…): deliveries with their attempts and errors,
"retry now" for failed ones, the .eml files written without an SMTP server, and the scheduler
heartbeats."""

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from hub import edge, uow
from hub import permissions as perm
from hub.audit import values as audit_values
from hub.extensions import db
from hub.notify import health, outbox, outbox_admin
from hub.notify.models import Channel, Delivery, DeliveryState
from hub.notify.views.common import bp
from hub.timeutil import utcnow

STATE_LABELS = {
    "pending": _l("Pending"),
    "sending": _l("Sending"),
    "sent": _l("Sent"),
    "failed": _l("Failed"),
    "skipped": _l("Skipped"),
}
CHANNEL_LABELS = {"inapp": _l("In-app"), "email": _l("Email"), "robot": _l("Group robot")}


# --- deliveries -------------------------------------------------------------------------------
def _choice(name: str, allowed) -> str:
    value = request.args.get(name, "")
    return value if value in allowed else ""


@bp.get("/admin/outbox")
@perm.admin_required
def admin_outbox():
    perm.require(perm.can_view_outbox(current_user))
    kinds = outbox_admin.delivery_kinds()
    filters = {
        "state": _choice("state", {s.value for s in DeliveryState}),
        "channel": _choice("channel", {c.value for c in Channel}),
        "kind": _choice("kind", set(kinds)),
    }
    sort = outbox_admin.SORT.parse(request.args)
    page = db.paginate(outbox_admin.deliveries_query(**filters, sort=sort), per_page=50,
                       page=edge.page_arg())
    audit_values.preload(page.items)
    return render_template(
        "notify/admin_outbox.html", page=page, filters=filters, kinds=kinds, sort=sort,
        states=STATE_LABELS, channels=CHANNEL_LABELS, counts=outbox.counts_by_state(),
        eml_files=outbox_admin.eml_files(), now=utcnow(), can_retry=perm.can_retry_delivery,
    )


@bp.post("/admin/outbox/<int:delivery_id>/retry")
@perm.admin_required
def admin_retry(delivery_id: int):
    delivery = db.get_or_404(Delivery, delivery_id)
    perm.require(perm.can_retry_delivery(current_user, delivery))
    if uow.attempt(lambda: outbox_admin.retry(current_user, delivery)):
        flash(_("Delivery #%(id)d goes out with the next tick.", id=delivery.id), "success")
    back = {k: v for k in ("state", "kind", "channel", "page") if (v := request.form.get(k))}
    return redirect(url_for("notify.admin_outbox", **back))


@bp.get("/admin/outbox/files/<name>")
@perm.admin_required
def admin_eml(name: str):
    perm.require(perm.can_view_outbox(current_user))
    path = outbox_admin.eml_path(name) or abort(404)
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
