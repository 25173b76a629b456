"""Attendance (参会回执) under /meetings/<id>/attendance: each participant park replies until the
meeting starts; the host records who actually came (same blueprint as views.py)."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from hub import permissions as perm
from hub.agenda import attendance as service
from hub.agenda.forms import ATTENDANCE_LABELS, RecordForm, ReplyForm
from hub.agenda.models import AttendanceStatus
from hub.agenda.views import bp, load_meeting
from hub.extensions import db
from hub.timeutil import utcnow

ERRORS = {
    "started": _l("The meeting has started; replies can no longer be changed."),
    "cancelled": _l("This meeting was cancelled."),
    "not_started": _l("Who actually came can be recorded once the meeting has begun."),
    "not_participant": _l("That park does not take part in this meeting."),
}


@bp.app_context_processor
def attendance_helpers():
    return {"attendance_label": lambda s: ATTENDANCE_LABELS.get(s, s)}


def can_reply(user, meeting) -> bool:
    return perm.can_reply_for_park(user, meeting)


def reply_form(meeting, user) -> ReplyForm:
    form = ReplyForm(formdata=None)
    row = service.rows_of(meeting.id).get(user.park_id)
    if row is not None and row.status is not None:
        form.status.data = row.status.value
        form.attendees.data = row.attendees
        form.decline_reason.data = row.decline_reason
    return form


def record_form(meeting, lines) -> RecordForm:
    form = RecordForm(formdata=None)
    for line in lines:
        row = line.row
        form.entries.append_entry({
            "park_id": str(line.park.id),
            "present": (row.present if row is not None and row.present is not None
                        else line.attending),
            "actual_attendees": ((row.actual_attendees if row is not None and row.present
                                  is not None else "") or (row.attendees if row else "")),
        })
    return form


def render_page(meeting, *, form=None, rform=None, status: int = 200, error=None):
    user, now = current_user, utcnow()
    lines = service.overview(meeting)
    may_reply = can_reply(user, meeting) and service.is_open(meeting, now)
    may_record = (perm.can_run_meeting(user, meeting) and not meeting.is_cancelled
                  and now >= meeting.starts_at)
    if may_reply and form is None:
        form = reply_form(meeting, user)
    if may_record and rform is None:
        rform = record_form(meeting, lines)
    return render_template(
        "agenda/attendance.html", meeting=meeting, lines=lines,
        form=form if may_reply else None, rform=rform if may_record else None,
        park_by_id={line.park.id: line.park for line in lines}, error=error,
        mine=next((ln for ln in lines if ln.park.id == user.park_id), None),
    ), status


@bp.get("/<int:meeting_id>/attendance")
@login_required
def attendance(meeting_id: int):
    return render_page(load_meeting(meeting_id))


@bp.post("/<int:meeting_id>/attendance/reply")
@login_required
def reply(meeting_id: int):
    meeting = load_meeting(meeting_id)
    perm.require(can_reply(current_user, meeting))
    form = ReplyForm()
    if not form.validate_on_submit():
        return render_page(meeting, form=form, status=422)
    try:
        service.reply(meeting, park_id=current_user.park_id,
                      attending=form.status.data == AttendanceStatus.ATTENDING.value,
                      attendees=form.attendees.data or "",
                      reason=form.decline_reason.data or "", by=current_user, now=utcnow())
    except service.AttendanceError as e:
        db.session.rollback()
        return render_page(meeting, status=409, error=str(ERRORS[e.code]))
    db.session.commit()
    flash(_("Your park's reply was recorded."), "success")
    return redirect(url_for(".attendance", meeting_id=meeting.id))


@bp.post("/<int:meeting_id>/attendance/record")
@login_required
def record(meeting_id: int):
    meeting = load_meeting(meeting_id)
    perm.require(perm.can_run_meeting(current_user, meeting))
    rform = RecordForm()
    if not rform.validate_on_submit():
        return render_page(meeting, rform=rform, status=422)
    entries = []
    for entry in rform.entries:
        try:
            park_id = int(entry.park_id.data)
        except (TypeError, ValueError):
            return render_page(meeting, rform=rform, status=422,
                               error=str(ERRORS["not_participant"]))
        entries.append(service.Presence(park_id, bool(entry.present.data),
                                        entry.actual_attendees.data or ""))
    try:
        service.record(meeting, entries, by=current_user, now=utcnow())
    except service.AttendanceError as e:
        db.session.rollback()
        return render_page(meeting, rform=rform, status=409, error=str(ERRORS[e.code]))
    db.session.commit()
    flash(_("Attendance was recorded."), "success")
    return redirect(url_for(".attendance", meeting_id=meeting.id))


# --- the meeting page's attendance panel ------------------------------------------------------
def attendance_panel(meeting, user):
    if not perm.can_view_meeting(user, meeting):
        return None
    now = utcnow()
    lines = service.overview(meeting)
    return "agenda/_attendance_panel.html", {
        "panel_meeting": meeting, "lines": lines,
        "replied": sum(1 for ln in lines if ln.replied),
        "may_reply": can_reply(user, meeting) and service.is_open(meeting, now),
        "may_record": (perm.can_run_meeting(user, meeting) and not meeting.is_cancelled
                       and now >= meeting.starts_at),
        "mine": next((ln for ln in lines if ln.park.id == user.park_id), None),
    }


