"""The minutes of a meeting: draft and revise (host), send for comment, confirm or comment
(participant parks), sign off (admin), revisions and diffs, print view."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError

from hub import edge, uow
from hub import permissions as perm
from hub.agenda import attendance
from hub.meetings.models import ConfirmationStatus
from hub.minutes import services
from hub.minutes.forms import ConfirmForm, MinutesForm, SignOffForm
from hub.minutes.views.common import bp, load_meeting, load_readable, refuse, render_page
from hub.notify import inapp


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
    if minutes is not None:
        inapp.read_object(current_user, "minutes", minutes.id, request.path)
    return uow.committed(render_page(meeting, minutes))


@bp.post("/<int:meeting_id>/minutes")
@login_required
def save(meeting_id: int):
    meeting = load_meeting(meeting_id)
    perm.require(perm.can_run_meeting(current_user, meeting))
    minutes = services.minutes_for(meeting)
    if minutes is not None and minutes.locked:
        return refuse(meeting, minutes, services.MinutesError("locked"))
    form = MinutesForm()
    if not form.validate_on_submit():
        return render_page(meeting, minutes, form=form, status=422)
    try:
        base = int(form.base_revision.data or 0)
    except ValueError:
        base = -1
    try:
        outcome = uow.attempt(lambda: services.save(meeting, form.body.data, base,
                                                    by=current_user), flash_errors=False)
        concurrent = outcome.stale  # StaleRevision: someone saved since the form was loaded
    except IntegrityError:
        # someone saved at the same moment (the same revision number, or the first save of the
        # minutes) and committed first; rolled back by uow.attempt
        if services.minutes_for(meeting) is None:  # not a concurrent save after all
            raise
        concurrent = True
    if concurrent:  # the conflict page, with this user's text kept
        minutes = services.minutes_for(meeting)
        form.base_revision.data = str(minutes.revision)  # saving again overwrites, knowingly
        return render_page(meeting, minutes, form=form, status=409,
                           stale={"base": base, "current": minutes.revision})
    if not outcome:
        return refuse(meeting, services.minutes_for(meeting), outcome.error)
    if outcome.value is None:
        flash(_("Nothing changed; no new revision was saved."), "info")
    else:
        flash(_("Minutes saved as revision %(n)d.", n=outcome.value.revision), "success")
    return redirect(url_for(".page", meeting_id=meeting.id))


@bp.post("/<int:meeting_id>/minutes/send")
@login_required
def send(meeting_id: int):
    meeting = load_meeting(meeting_id)
    perm.require(perm.can_run_meeting(current_user, meeting))
    minutes = services.minutes_for(meeting)
    if minutes is None:
        return refuse(meeting, None, services.MinutesError("empty"))
    outcome = uow.attempt(lambda: services.send_for_comment(minutes, by=current_user),
                          flash_errors=False)
    if not outcome:
        return refuse(meeting, minutes, outcome.error)
    flash(_("The minutes were sent to the participant parks for comment."), "success")
    return redirect(url_for(".page", meeting_id=meeting.id))


@bp.post("/<int:meeting_id>/minutes/confirm")
@login_required
def confirm(meeting_id: int):
    meeting, minutes = load_readable(meeting_id)
    if minutes.locked:
        return refuse(meeting, minutes, services.MinutesError("locked"))
    perm.require(perm.can_confirm_minutes(current_user, minutes))
    form = ConfirmForm()
    if not form.validate_on_submit():
        return render_page(meeting, minutes, cform=form, status=422)
    outcome = uow.attempt(lambda: services.confirm(
        minutes, park_id=current_user.park_id, status=ConfirmationStatus(form.status.data),
        comment=form.comment.data, by=current_user), form=form, flash_errors=False)
    if not outcome:
        if outcome.error.field:  # "comment_required": the message is on the comment field
            return render_page(meeting, minutes, cform=form, status=422)
        return refuse(meeting, minutes, outcome.error)
    flash(_("Your park's answer was recorded."), "success")
    return redirect(url_for(".page", meeting_id=meeting.id))


@bp.post("/<int:meeting_id>/minutes/sign-off")
@login_required
def sign_off(meeting_id: int):
    meeting, minutes = load_readable(meeting_id)
    if not perm.can_sign_off_minutes(current_user, minutes):
        perm.require(perm.is_admin(current_user))
        return refuse(meeting, minutes,
                      services.MinutesError("locked" if minutes.locked else "not_consulting"))
    form = SignOffForm()
    if not form.validate_on_submit():
        return render_page(meeting, minutes, sform=form, status=422)
    outcome = uow.attempt(lambda: services.sign_off(
        minutes, by=current_user, confirmed=form.confirm_outstanding.data),
        form=form, flash_errors=False)
    if not outcome:
        if outcome.error.field:  # "unconfirmed": the message is on the check box
            return render_page(meeting, minutes, sform=form, status=422)
        return refuse(meeting, minutes, outcome.error)
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
                           attendees=attendance.who_came(meeting),
                           decisions=services.decisions(meeting.id))
