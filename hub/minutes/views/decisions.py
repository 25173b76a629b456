"""Decisions (议定事项) recorded on the minutes page, while the minutes are not locked."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import permissions as perm
from hub import uow
from hub.actions import services as actions
from hub.actions.forms import DecisionForm
from hub.actions.models import ActionItem
from hub.concurrency import conflict_rows
from hub.extensions import db
from hub.minutes import services
from hub.minutes.views.common import bp, decision_form, load_meeting, refuse, render_page

LOCKED = actions.ActionError("locked")


def _data(form: DecisionForm) -> actions.DecisionData:
    return actions.DecisionData(
        text=form.text.data or "", owner_park_id=form.owner_park_id.data,
        assignee_id=form.assignee_id.data or None, due_date=form.due_date.data,
        land_case_ids=list(form.land_case_ids.data or []),
        parcel_codes=form.parcel_codes.data or "",
    )


def _load_item(meeting, item_id: int) -> ActionItem:
    item = db.get_or_404(ActionItem, item_id)
    if item.meeting_id != meeting.id:
        abort(404)
    return item


@bp.post("/<int:meeting_id>/decisions")
@login_required
def decision_create(meeting_id: int):
    meeting = load_meeting(meeting_id)
    perm.require(perm.can_run_meeting(current_user, meeting))
    minutes = services.minutes_for(meeting)
    if minutes is not None and minutes.locked:
        return refuse(meeting, minutes, LOCKED)
    form = decision_form(meeting, DecisionForm())
    if not form.validate_on_submit():
        return render_page(meeting, minutes, dform=form, status=422)
    outcome = uow.attempt(lambda: actions.create_decision(meeting, _data(form), by=current_user),
                          form=form, flash_errors=False)
    if not outcome:
        if outcome.error.code == "locked":
            return refuse(meeting, minutes, outcome.error)
        return render_page(meeting, minutes, dform=form, status=422)  # message on its field
    flash(_("Decision recorded."), "success")
    return redirect(url_for(".page", meeting_id=meeting.id, _anchor="decisions"))


@bp.route("/<int:meeting_id>/decisions/<int:item_id>/edit", methods=["GET", "POST"])
@login_required
def decision_edit(meeting_id: int, item_id: int):
    meeting = load_meeting(meeting_id)
    perm.require(perm.can_run_meeting(current_user, meeting))
    item = _load_item(meeting, item_id)
    minutes = services.minutes_for(meeting)
    if minutes is not None and minutes.locked:
        return refuse(meeting, minutes, LOCKED)
    form = decision_form(meeting, DecisionForm(obj=item), extra_cases=item.land_cases)
    if not form.is_submitted():
        form.assignee_id.data = item.assignee_id or 0
        form.land_case_ids.data = [c.id for c in item.land_cases]
        form.version.data = str(item.version)
    conflict, status = None, 200
    if form.validate_on_submit():
        outcome = uow.attempt(lambda: actions.update_decision(
            item, _data(form), version=form.version.data, by=current_user),
            form=form, flash_errors=False)
        if outcome:
            flash(_("Decision saved."), "success")
            return redirect(url_for(".page", meeting_id=meeting.id, _anchor="decisions"))
        if outcome.stale:
            item = _load_item(meeting, item_id)
            conflict = conflict_rows(item, form, {"text": "text", "due_date": "due_date",
                                                  "owner_park_id": "owner_park_id"})
            form.version.data = str(item.version)
            status = 409
        elif outcome.error.code == "locked":
            return refuse(meeting, minutes, outcome.error)
        else:  # the message is on its field
            status = 422
    elif form.is_submitted():
        status = 422
    return render_template("minutes/decision_form.html", meeting=meeting, item=item, form=form,
                           conflict=conflict), status


@bp.post("/<int:meeting_id>/decisions/<int:item_id>/delete")
@login_required
def decision_delete(meeting_id: int, item_id: int):
    meeting = load_meeting(meeting_id)
    perm.require(perm.can_run_meeting(current_user, meeting))
    item = _load_item(meeting, item_id)
    outcome = uow.attempt(lambda: actions.delete_decision(item, by=current_user),
                          flash_errors=False)
    if not outcome:
        return refuse(meeting, services.minutes_for(meeting), outcome.error)
    flash(_("Decision removed."), "success")
    return redirect(url_for(".page", meeting_id=meeting.id, _anchor="decisions"))
