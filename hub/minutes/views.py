"""Minutes pages under /meetings/<id>/minutes: draft and revise (host), send for comment,
confirm or comment (participant parks), sign off (admin), revisions and diffs, print view.
Decision routes are in views_decisions.py (same blueprint)."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError

from hub import edge
from hub import permissions as perm
from hub.actions import services as actions
from hub.actions.forms import STATUS_BADGES, STATUS_LABELS, DecisionForm
from hub.extensions import db
from hub.meetings import panels
from hub.meetings.models import ConfirmationStatus, Meeting, Minutes, MinutesStatus
from hub.minutes import services
from hub.minutes.forms import CONFIRMATION_LABELS, ConfirmForm, MinutesForm, SignOffForm
from hub.notify import inapp
from hub.timeutil import local_today

bp = Blueprint("minutes", __name__, url_prefix="/meetings")

MINUTES_STATUS_LABELS = {
    MinutesStatus.DRAFT: _l("Draft"),  # 草稿
    MinutesStatus.CONSULTING: _l("Out for comment"),  # 征求意见
    MinutesStatus.PUBLISHED: _l("Signed off and published"),  # 已签发
}
MINUTES_STATUS_BADGES = {
    MinutesStatus.DRAFT: "text-bg-secondary",
    MinutesStatus.CONSULTING: "text-bg-warning",
    MinutesStatus.PUBLISHED: "text-bg-success",
}
ERRORS = {
    "locked": _l("These minutes are signed off and published: they and their decisions are "
                 "locked and can no longer be changed."),
    "cancelled": _l("This meeting was cancelled; it has no minutes."),
    "too_long": _l("The minutes are too long."),
    "not_draft": _l("The minutes have already been sent for comment."),
    "empty": _l("Write and save the minutes before sending them for comment."),
    "not_consulting": _l("This is possible only while the minutes are out for comment."),
    "not_a_confirming_park": _l("Only participant parks other than the host confirm the "
                                "minutes."),
    "comment_required": _l("Please write your comments."),
    "before_meeting": _l("The meeting has not started yet: minutes can be signed off only "
                         "after the meeting's start."),
    "unconfirmed": _l("Some parks have not answered or have open comments: tick the box to "
                      "confirm that you sign off regardless."),
}


def meeting_url(meeting) -> str:
    """The meeting page (hub.meetings), or the minutes page while that does not exist."""
    if "meetings.detail" not in current_app.view_functions:
        return url_for("minutes.page", meeting_id=meeting.id)
    rule = next(iter(current_app.url_map.iter_rules("meetings.detail")))
    arg = next(iter(rule.arguments), "meeting_id")
    return url_for("meetings.detail", **{arg: meeting.id})


def case_url(case) -> str:
    if "cases.detail" not in current_app.view_functions:
        return "#"
    return url_for("cases.detail", case_id=case.id)


@bp.app_context_processor
def helpers():
    return {
        "meeting_url": meeting_url,
        "case_url": case_url,
        "minutes_status_label": lambda s: MINUTES_STATUS_LABELS.get(s, s),
        "minutes_status_badge": lambda s: MINUTES_STATUS_BADGES.get(s, "text-bg-light"),
        "confirmation_label": lambda s: CONFIRMATION_LABELS.get(s, s),
        "action_status_label": lambda s: STATUS_LABELS.get(s, s),
        "action_status_badge": lambda s: STATUS_BADGES.get(s, "text-bg-light"),
    }


def load_meeting(meeting_id: int) -> Meeting:
    meeting = db.get_or_404(Meeting, meeting_id)
    perm.require(perm.can_view_meeting(current_user, meeting))
    return meeting


def load_readable(meeting_id: int) -> tuple[Meeting, Minutes]:
    meeting = load_meeting(meeting_id)
    minutes = services.minutes_for(meeting)
    if minutes is None:
        abort(404)
    perm.require(perm.can_read_minutes(current_user, minutes))
    return meeting, minutes


def decision_form(meeting: Meeting, form: DecisionForm | None = None, extra_cases=()):
    form = form or DecisionForm(formdata=None)
    parks = [meeting.host_park] if meeting.host_park else []
    parks += [p for p in meeting.parks if p.id != meeting.host_park_id]
    cases = actions.open_cases()
    known = {c.id for c in cases}
    cases += [c for c in extra_cases if c.id not in known]
    form.set_choices(parks, actions.assignable_users([p.id for p in parks]), cases)
    return form


def render_page(meeting: Meeting, minutes: Minutes | None, *, form=None, dform=None, cform=None,
                status: int = 200, error: str | None = None, stale=None, sform=None):
    user = current_user
    can_edit = minutes is None or perm.can_edit_minutes(user, minutes)
    can_edit = can_edit and perm.can_run_meeting(user, meeting) and not meeting.is_cancelled
    if form is None and can_edit:
        form = MinutesForm(formdata=None, obj=minutes) if minutes else MinutesForm(formdata=None)
        form.base_revision.data = str(minutes.revision if minutes else 0)
    can_confirm = minutes is not None and perm.can_confirm_minutes(user, minutes)
    my_answer = None
    if can_confirm and cform is None:
        my_answer = next((a.answer for a in services.answers(minutes)
                          if a.park.id == user.park_id), None)
        cform = ConfirmForm(formdata=None)
        if my_answer:
            cform.status.data = my_answer.status.value
            cform.comment.data = my_answer.comment
    if can_edit and dform is None:
        dform = decision_form(meeting)
    can_sign_off = minutes is not None and perm.can_sign_off_minutes(user, minutes)
    if can_sign_off and sform is None:
        sform = SignOffForm(formdata=None)
    return render_template(
        "minutes/page.html", meeting=meeting, minutes=minutes, form=form if can_edit else None,
        dform=dform if can_edit else None, cform=cform if can_confirm else None,
        can_edit=can_edit, my_answer=my_answer,
        can_send=(minutes is not None and can_edit
                  and minutes.status is MinutesStatus.DRAFT),
        can_sign_off=can_sign_off, sform=sform if can_sign_off else None,
        sign_off_check=services.sign_off_check(minutes) if can_sign_off else None,
        answers=services.answers(minutes) if minutes else [],
        decisions=services.decisions(meeting.id), today=local_today(),
        error=error, stale=stale,
    ), status


def refuse(meeting, minutes, code: str, status: int = 409):
    return render_page(meeting, minutes, status=status, error=str(ERRORS[code]))


@bp.get("/<int:meeting_id>/minutes")
@login_required
def page(meeting_id: int):
    meeting = load_meeting(meeting_id)
    minutes = services.minutes_for(meeting)
    if minutes is None:
        if not perm.can_run_meeting(current_user, meeting):
            abort(404)
    else:
        perm.require(perm.can_read_minutes(current_user, minutes))
    read = minutes is not None and inapp.read_object(current_user, "minutes", minutes.id,
                                                     request.path)
    page = render_page(meeting, minutes)
    if read:
        db.session.commit()
    return page


@bp.post("/<int:meeting_id>/minutes")
@login_required
def save(meeting_id: int):
    meeting = load_meeting(meeting_id)
    perm.require(perm.can_run_meeting(current_user, meeting))
    minutes = services.minutes_for(meeting)
    if minutes is not None and minutes.locked:
        return refuse(meeting, minutes, "locked")
    form = MinutesForm()
    if not form.validate_on_submit():
        return render_page(meeting, minutes, form=form, status=422)
    try:
        base = int(form.base_revision.data or 0)
    except ValueError:
        base = -1
    try:
        saved = services.save(meeting, form.body.data, base, by=current_user)
        if saved is not None:
            db.session.commit()
    except (services.StaleRevision, IntegrityError):
        # StaleRevision: someone saved since the form was loaded. IntegrityError: someone saved
        # at the same moment (the same revision number, or the first save of the minutes) and
        # committed first. Either way: the conflict page, with this user's text kept.
        db.session.rollback()
        minutes = services.minutes_for(meeting)
        if minutes is None:  # not a concurrent save after all
            raise
        form.base_revision.data = str(minutes.revision)  # saving again overwrites, knowingly
        return render_page(meeting, minutes, form=form, status=409,
                           stale={"base": base, "current": minutes.revision})
    except services.MinutesError as e:
        db.session.rollback()
        return refuse(meeting, services.minutes_for(meeting), e.code)
    if saved is None:
        flash(_("Nothing changed; no new revision was saved."), "info")
    else:
        flash(_("Minutes saved as revision %(n)d.", n=saved.revision), "success")
    return redirect(url_for(".page", meeting_id=meeting.id))


@bp.post("/<int:meeting_id>/minutes/send")
@login_required
def send(meeting_id: int):
    meeting = load_meeting(meeting_id)
    perm.require(perm.can_run_meeting(current_user, meeting))
    minutes = services.minutes_for(meeting)
    if minutes is None:
        return refuse(meeting, None, "empty")
    try:
        services.send_for_comment(minutes, by=current_user)
    except services.MinutesError as e:
        db.session.rollback()
        return refuse(meeting, minutes, e.code)
    db.session.commit()
    flash(_("The minutes were sent to the participant parks for comment."), "success")
    return redirect(url_for(".page", meeting_id=meeting.id))


@bp.post("/<int:meeting_id>/minutes/confirm")
@login_required
def confirm(meeting_id: int):
    meeting, minutes = load_readable(meeting_id)
    if minutes.locked:
        return refuse(meeting, minutes, "locked")
    perm.require(perm.can_confirm_minutes(current_user, minutes))
    form = ConfirmForm()
    if not form.validate_on_submit():
        return render_page(meeting, minutes, cform=form, status=422)
    try:
        services.confirm(minutes, park_id=current_user.park_id,
                         status=ConfirmationStatus(form.status.data),
                         comment=form.comment.data, by=current_user)
    except services.MinutesError as e:
        db.session.rollback()
        if e.code == "comment_required":
            form.comment.errors = [str(ERRORS[e.code])]
            return render_page(meeting, minutes, cform=form, status=422)
        return refuse(meeting, minutes, e.code)
    db.session.commit()
    flash(_("Your park's answer was recorded."), "success")
    return redirect(url_for(".page", meeting_id=meeting.id))


@bp.post("/<int:meeting_id>/minutes/sign-off")
@login_required
def sign_off(meeting_id: int):
    meeting, minutes = load_readable(meeting_id)
    if not perm.can_sign_off_minutes(current_user, minutes):
        perm.require(perm.is_admin(current_user))
        return refuse(meeting, minutes,
                      "locked" if minutes.locked else "not_consulting")
    form = SignOffForm()
    if not form.validate_on_submit():
        return render_page(meeting, minutes, sform=form, status=422)
    try:
        services.sign_off(minutes, by=current_user, confirmed=form.confirm_outstanding.data)
    except services.MinutesError as e:
        db.session.rollback()
        if e.code == "unconfirmed":
            form.confirm_outstanding.errors = [str(ERRORS[e.code])]
            return render_page(meeting, minutes, sform=form, status=422)
        return refuse(meeting, minutes, e.code)
    db.session.commit()
    flash(_("The minutes are signed off and published."), "success")
    return redirect(url_for(".page", meeting_id=meeting.id))


@bp.get("/<int:meeting_id>/minutes/revisions")
@login_required
def revisions(meeting_id: int):
    meeting, minutes = load_readable(meeting_id)
    return render_template("minutes/revisions.html", meeting=meeting, minutes=minutes,
                           revisions=services.revision_list(minutes))


@bp.get("/<int:meeting_id>/minutes/revisions/<int:number>")
@login_required
def revision(meeting_id: int, number: int):
    meeting, minutes = load_readable(meeting_id)
    rev = services.revision(minutes, number)
    if rev is None:
        abort(404)
    against_no = edge.query_int("against")
    if against_no is None or not 0 <= against_no < number:
        against_no = number - 1
    against = services.revision(minutes, against_no) if against_no >= 1 else None
    lines = services.diff_lines(
        against.body if against else "", rev.body,
        old_label=_("revision %(n)d", n=against_no), new_label=_("revision %(n)d", n=number))
    return render_template("minutes/revision.html", meeting=meeting, minutes=minutes, rev=rev,
                           against=against, against_no=against_no, lines=lines,
                           numbers=range(minutes.revision, 0, -1))


@bp.get("/<int:meeting_id>/minutes/print")
@login_required
def print_view(meeting_id: int):
    meeting, minutes = load_readable(meeting_id)
    return render_template("minutes/print.html", meeting=meeting, minutes=minutes,
                           attendees=attendees(meeting), decisions=services.decisions(meeting.id))


def attendees(meeting: Meeting) -> list[tuple[str, str]]:
    """(park, names) of the parks that came, from the attendance records (hub.agenda)."""
    try:
        from hub.agenda.models import Attendance, AttendanceStatus
    except ImportError:  # pragma: no cover - agenda not installed
        return []
    rows = db.session.execute(
        db.select(Attendance).where(Attendance.meeting_id == meeting.id)
    ).scalars().all()
    out = []
    for row in sorted(rows, key=lambda r: r.park_id):
        if row.present is not None:
            if row.present:
                out.append((row.park.name, row.actual_attendees or row.attendees))
        elif row.status is AttendanceStatus.ATTENDING:
            out.append((row.park.name, row.attendees))
    return [(park, " ".join((names or "").split())) for park, names in out]


# --- the meeting page's minutes panel ---------------------------------------------------------
def minutes_panel(meeting, user):
    if not perm.can_view_meeting(user, meeting):
        return None
    minutes = panels.shared(meeting, "minutes", services.minutes_for)
    readable = minutes is not None and perm.can_read_minutes(user, minutes)
    if minutes is None and not perm.can_run_meeting(user, meeting):
        readable = False
    tally = (services.answer_tally(minutes, user.park_id) if minutes is not None
             else services.AnswerTally(0, 0, None))
    return "minutes/_panel.html", {
        "minutes": minutes, "panel_meeting": meeting, "readable": readable,
        "can_write": perm.can_run_meeting(user, meeting) and not meeting.is_cancelled
        and (minutes is None or not minutes.locked),
        "can_confirm": minutes is not None and perm.can_confirm_minutes(user, minutes),
        "my_answer": tally.mine, "answered": tally.answered, "to_answer": tally.to_answer,
    }



from hub.minutes import views_decisions  # noqa: E402,F401 - routes attach to bp
