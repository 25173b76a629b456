"""The notices blueprint and what several of its route modules share: loading a notice the user
may see, the audience choices, the notice page with its publish form."""

from flask import Blueprint, abort, render_template, request
from flask_login import current_user

from hub import permissions as perm
from hub.attachments import services as attachments
from hub.extensions import db
from hub.notices import reading, services, signing
from hub.notices.forms import STATUS_LABELS, URGENCY_LABELS, PublishForm, RemindForm, SignForm
from hub.notices.models import Notice, NoticeStatus
from hub.parks.queries import active_parks
from hub.validators import choices

bp = Blueprint("notices", __name__, url_prefix="/notices")


@bp.app_context_processor
def notice_helpers():
    return {"notice_status_label": lambda s: STATUS_LABELS.get(s, s),
            "notice_urgency_label": lambda u: URGENCY_LABELS.get(u, u)}


def load(notice_id: int) -> Notice:
    """The notice, or 404 when the user may not see it (its existence is not revealed)."""
    notice = db.get_or_404(Notice, notice_id)
    if not perm.can_view_notice(current_user, notice):
        abort(404)
    return notice


def audience_choices(form, notice: Notice | None) -> None:
    parks = active_parks()
    extra = [p for p in (notice.audience if notice else []) if not p.active]
    form.audience.choices = choices((p.id, p.name) for p in parks + extra)


def publish_form(notice: Notice) -> PublishForm:
    data = None
    if request.method == "GET":
        data = {"all_parks": notice.all_parks, "audience": [p.id for p in notice.audience],
                "version": notice.version}
    form = PublishForm(data=data)
    audience_choices(form, notice)
    return form


def render_detail(notice: Notice, form=None, status=200):
    """The notice page; `form` is the publish form as posted (else a fresh one when allowed)."""
    show_receipts = (perm.can_view_receipts(current_user, notice)
                     and notice.status is not NoticeStatus.DRAFT)
    if form is None and perm.can_publish_notice(current_user, notice) \
            and notice.status is not NoticeStatus.PUBLISHED:
        form = publish_form(notice)
    signed = signing.signoffs(notice) if notice.status is NoticeStatus.PUBLISHED else {}
    may_sign = perm.can_sign_notice(current_user, notice)
    may_remind = perm.can_remind_notice(current_user, notice)
    return render_template(
        "notices/detail.html", notice=notice, publish_form=form,
        files=attachments.for_owner(services.OWNER_TYPE, notice.id),
        receipts=reading.receipts(notice) if show_receipts else None,
        signed=signed, my_signoff=signed.get(current_user.park_id),
        sign_form=SignForm(formdata=None, data={"park_id": current_user.park_id})
        if may_sign else None,
        remind_form=RemindForm(formdata=None) if may_remind else None,
        reminders=signing.reminders(notice) if show_receipts else [],
    ), status
