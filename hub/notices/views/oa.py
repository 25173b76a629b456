"""Government-office conventions on a published notice: 签收 for one's park, 催阅/催签 of the
lagging audience parks, and the read receipts as an .xlsx workbook."""

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from hub import permissions as perm
from hub import uow
from hub.edge import coerce_id
from hub.lists.xlsx import XLSX, attachment
from hub.notices import export, signing
from hub.notices.forms import RemindForm, SignForm
from hub.notices.models import NoticeStatus
from hub.notices.views.common import bp, load, render_detail


def _park_id(value) -> int | None:
    """The park the form signs for; a value that is no park id is refused (403)."""
    if not value:
        return None
    try:
        return coerce_id(value)
    except ValueError:
        abort(403)


@bp.post("/<int:notice_id>/sign")
@login_required
def sign(notice_id: int):
    notice = load(notice_id)
    perm.require(perm.can_sign_notice(current_user, notice))
    form = SignForm()
    if not form.validate_on_submit():
        abort(400)
    park_id = _park_id(form.park_id.data)
    if park_id is not None and park_id != current_user.park_id:
        abort(403)  # a forged park: one signs only for one's own
    done = uow.attempt(lambda: signing.sign(current_user, notice, park_id))
    if done:
        flash(_("Signed for %(park)s.", park=current_user.park.name), "success")
    return redirect(url_for(".detail", notice_id=notice_id))


@bp.post("/<int:notice_id>/remind")
@login_required
def remind(notice_id: int):
    notice = load(notice_id)
    perm.require(perm.can_remind_notice(current_user, notice))
    form = RemindForm()
    if not form.validate_on_submit():
        flash(_("Choose whether to remind to read or to sign."), "danger")
        return render_detail(notice, status=422)
    to_sign = form.what.data == "sign"
    done = uow.attempt(lambda: signing.remind(current_user, notice, to_sign=to_sign),
                       integrity=signing.RemindError("nobody"))
    if done:
        names = "、".join(p.name for p in done.value.parks)
        flash(ngettext("%(num)d park reminded: %(names)s", "%(num)d parks reminded: %(names)s",
                       len(done.value.parks), names=names), "success")
        if done.value.skipped:
            flash(_("Already reminded today, not again: %(names)s",
                    names="、".join(p.name for p in done.value.skipped)), "info")
    return redirect(url_for(".detail", notice_id=notice_id))


@bp.get("/<int:notice_id>/receipts.xlsx")
@login_required
def receipts_xlsx(notice_id: int):
    notice = load(notice_id)
    perm.require(perm.can_view_receipts(current_user, notice))
    if notice.status is NoticeStatus.DRAFT:
        abort(404)  # a draft has no receipts
    title = _("Read receipts")  # outside the f-string, where Babel's extraction sees it
    name = f"{title}-{notice.doc_number or notice.id}.xlsx"
    return attachment(export.receipts_xlsx(notice), XLSX, f"notice-{notice.id}-receipts.xlsx",
                      name)
