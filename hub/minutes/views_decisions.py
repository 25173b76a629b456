"""Decisions (议定事项) recorded on the minutes page, while the minutes are not locked."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from hub import permissions as perm
from hub.actions import services as actions
from hub.actions.forms import DecisionForm
from hub.actions.models import ActionItem
from hub.concurrency import StaleEdit, conflict_rows
from hub.extensions import db
from hub.minutes import services
from hub.minutes.views import bp, decision_form, load_meeting, refuse, render_page

DECISION_ERRORS = {
    "text_required": _l("Please write the decision."),
    "not_participant": _l("The owner park must take part in the meeting."),
    "assignee_park": _l("The assignee must be an active user of the owner park."),
    "unknown_case": _l("Choose open land cases from the list."),
    "unknown_parcel": _l("No land case has this parcel code."),
}


def _data(form: DecisionForm) -> actions.DecisionData:
    return actions.DecisionData(
        text=form.text.data or "", owner_park_id=form.owner_park_id.data,
        assignee_id=form.assignee_id.data or None, due_date=form.due_date.data,
        land_case_ids=list(form.land_case_ids.data or []),
        parcel_codes=form.parcel_codes.data or "",
    )


def _field_error(form, error: actions.ActionError) -> bool:
    if error.field and hasattr(form, error.field):
        getattr(form, error.field).errors = [str(DECISION_ERRORS[error.code])]
        return True
    return False


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
        return refuse(meeting, minutes, "locked")
    form = decision_form(meeting, DecisionForm())
    if not form.validate_on_submit():
        return render_page(meeting, minutes, dform=form, status=422)
    try:
        actions.create_decision(meeting, _data(form), by=current_user)
    except actions.ActionError as e:
        db.session.rollback()
        if e.code == "locked":
            return refuse(meeting, minutes, "locked")
        _field_error(form, e)
        return render_page(meeting, minutes, dform=form, status=422)
    db.session.commit()
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
        return refuse(meeting, minutes, "locked")
    form = decision_form(meeting, DecisionForm(obj=item), extra_cases=item.land_cases)
    if not form.is_submitted():
        form.assignee_id.data = item.assignee_id or 0
        form.land_case_ids.data = [c.id for c in item.land_cases]
        form.version.data = str(item.version)
    conflict, status = None, 200
    if form.validate_on_submit():
        try:
            actions.update_decision(item, _data(form), version=form.version.data,
                                    by=current_user)
        except StaleEdit:
            db.session.rollback()
            item = _load_item(meeting, item_id)
            conflict = conflict_rows(item, form, {"text": "text", "due_date": "due_date",
                                                  "owner_park_id": "owner_park_id"})
            form.version.data = str(item.version)
            status = 409
        except actions.ActionError as e:
            db.session.rollback()
            if e.code == "locked":
                return refuse(meeting, minutes, "locked")
            _field_error(form, e)
            status = 422
        else:
            db.session.commit()
            flash(_("Decision saved."), "success")
            return redirect(url_for(".page", meeting_id=meeting.id, _anchor="decisions"))
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
    try:
        actions.delete_decision(item, by=current_user)
    except actions.ActionError as e:
        db.session.rollback()
        return refuse(meeting, services.minutes_for(meeting), e.code)
    db.session.commit()
    flash(_("Decision removed."), "success")
    return redirect(url_for(".page", meeting_id=meeting.id, _anchor="decisions"))

