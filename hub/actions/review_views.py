"""The 督办 steps of an action item (hub.actions.review) under /meetings/actions/<id>/:
办结申请 (apply), 销号 (close), 退回 (return), 催办 (remind), 延期申请 (extension) and its
decision (extension/approve, extension/reject). Each re-renders the item's page with the step's
form as typed when refused."""

from flask import Blueprint, flash, redirect, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from hub import permissions as perm
from hub import uow
from hub.actions import review, views
from hub.actions.review_page import FORMS

bp = Blueprint("action_review", __name__, url_prefix="/meetings/actions")

DONE_MESSAGES = {
    "apply": _l("Completion applied for; the assigning office will review it."),
    "close": _l("The action item is closed (销号)."),
    "return": _l("The application was sent back to the owner park."),
    "remind": _l("The owner park has been reminded."),
    "extension": _l("Later due date requested; the assigning office will decide."),
    "approve": _l("The later due date is granted."),
    "reject": _l("The request for a later due date was refused."),
}


def _run(item_id: int, name: str, allowed, action):
    item = views._load(item_id)
    perm.require(allowed(current_user, item))
    form = FORMS[name]()
    if not form.validate_on_submit():
        return views._render_detail(item, status=422, review_forms={name: form})
    outcome = uow.attempt(lambda: action(item, form), form=form, flash_errors=False)
    if outcome.stale:
        item = views._load(item_id)
        return views._render_detail(item, status=409, conflict=True, review_forms={name: form})
    if not outcome:
        error = outcome.error
        return views._render_detail(item, status=error.status, review_forms={name: form},
                                    error=None if error.field else error.message)
    flash(str(DONE_MESSAGES[name]), "success")
    return redirect(url_for("actions.detail", item_id=item.id))


@bp.post("/<int:item_id>/apply")
@login_required
def apply(item_id: int):
    return _run(item_id, "apply", perm.is_action_owner, lambda item, form: review.apply_completion(
        item, note=form.note.data, version=form.version.data, by=current_user,
        uploads=form.attachments.data))


@bp.post("/<int:item_id>/close")
@login_required
def close(item_id: int):
    return _run(item_id, "close", perm.can_review_action_item, lambda item, form: review.close(
        item, note=form.note.data, version=form.version.data, by=current_user))


@bp.post("/<int:item_id>/return")
@login_required
def send_back(item_id: int):
    return _run(item_id, "return", perm.can_review_action_item,
                lambda item, form: review.send_back(item, reason=form.reason.data,
                                                    version=form.version.data, by=current_user))


@bp.post("/<int:item_id>/remind")
@login_required
def remind(item_id: int):
    return _run(item_id, "remind", perm.can_review_action_item,
                lambda item, form: review.remind(item, note=form.note.data, by=current_user))


@bp.post("/<int:item_id>/extension")
@login_required
def extension(item_id: int):
    return _run(item_id, "extension", perm.is_action_owner,
                lambda item, form: review.request_extension(
                    item, due=form.due_date.data, reason=form.reason.data,
                    version=form.version.data, by=current_user))


@bp.post("/<int:item_id>/extension/approve")
@login_required
def approve_extension(item_id: int):
    return _run(item_id, "approve", perm.can_review_action_item,
                lambda item, form: review.approve_extension(
                    item, note=form.note.data, version=form.version.data, by=current_user))


@bp.post("/<int:item_id>/extension/reject")
@login_required
def reject_extension(item_id: int):
    return _run(item_id, "reject", perm.can_review_action_item,
                lambda item, form: review.reject_extension(
                    item, reason=form.reason.data, version=form.version.data, by=current_user))
