"""One meeting: one-off meetings (create, edit), and moving, cancelling or re-hosting one
occurrence without touching its series (admins)."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import permissions as perm
from hub import uow
from hub.auth.queries import picker_people
from hub.concurrency import conflict_rows
from hub.meetings import occurrences, queries
from hub.meetings.forms import CancelForm, HostForm, MoveForm, OneOffForm
from hub.meetings.models import Meeting
from hub.meetings.views.common import bp, load_meeting, stale_message
from hub.parks.queries import active_parks, all_parks
from hub.timeutil import to_local, utcnow
from hub.validators import choice_labels, choices


# --- one-off meetings ---------------------------------------------------------------------------
def _one_off_form(meeting: Meeting | None) -> OneOffForm:
    data = None
    if request.method == "GET" and meeting is not None:
        day, start, minutes = occurrences.local_parts(meeting)
        cutoff = (int((meeting.starts_at - meeting.agenda_cutoff).total_seconds() // 3600)
                  if meeting.agenda_cutoff else 72)
        data = {"title": meeting.title, "description": meeting.description, "day": day,
                "start_time": start, "duration_minutes": minutes, "timezone": meeting.timezone,
                "location": meeting.location, "online_url": meeting.online_url,
                "parks": [p.id for p in meeting.parks], "people": [u.id for u in meeting.people],
                "reminders": list(meeting.reminder_offsets or []),
                "agenda_cutoff_hours": cutoff, "host_park_id": meeting.host_park_id or 0,
                "version": meeting.version}
    form = OneOffForm(data=data)
    form.fill_timezones()
    parks = active_parks()
    form.parks.choices = choices((p.id, p.name) for p in parks)
    form.host_park_id.choices = choices([(0, _("No host park"))] + [(p.id, p.name) for p in parks])
    if meeting is not None:
        known = set(choice_labels(form.parks.choices))
        form.parks.choices += choices((p.id, p.name) for p in meeting.parks if p.id not in known)
        if meeting.host_park and meeting.host_park_id not in known:
            form.host_park_id.choices += choices([(meeting.host_park_id, meeting.host_park.name)])
    form.people.offer(picker_people())
    if request.method == "GET" and meeting is None:
        form.day.data = to_local(utcnow()).date()
    return form


def _one_off_input(form: OneOffForm) -> occurrences.OneOffInput:
    return occurrences.OneOffInput(
        title=form.title.data.strip(), description=form.description.data or "",
        day=form.day.data, start_time=form.start_time.data, timezone=form.timezone.data,
        duration_minutes=form.duration_minutes.data,
        location=(form.location.data or "").strip(),
        online_url=(form.online_url.data or "").strip(),
        reminder_offsets=list(form.reminders.data or []),
        agenda_cutoff_hours=form.agenda_cutoff_hours.data,
        host_park_id=form.host_park_id.data or None,
        parks=queries.parks_by_ids(form.parks.data),
        people=queries.users_by_ids(form.people.data),
    )


def _render_one_off(form, meeting, status=200, conflict=None):
    return render_template("meetings/one_off_form.html", form=form, meeting=meeting,
                           conflict=conflict), status


@bp.route("/meetings/new", methods=["GET", "POST"])
@login_required
def new():
    perm.require(perm.can_manage_series(current_user))
    form = _one_off_form(None)
    if not form.validate_on_submit():
        return _render_one_off(form, None, 422 if request.method == "POST" else 200)
    outcome = uow.attempt(lambda: occurrences.create_one_off(current_user, _one_off_input(form)),
                          form=form)
    if not outcome:
        return _render_one_off(form, None, 422)
    meeting = outcome.value
    flash(_("Meeting created: %(title)s", title=meeting.title), "success")
    return redirect(url_for(".detail", meeting_id=meeting.id))


@bp.route("/meetings/<int:meeting_id>/edit", methods=["GET", "POST"])
@login_required
def edit(meeting_id: int):
    perm.require(perm.can_manage_series(current_user))
    meeting = load_meeting(meeting_id)
    if meeting.series_id is not None:  # an occurrence: move it, or edit the series
        return redirect(url_for(".move", meeting_id=meeting.id))
    form = _one_off_form(meeting)
    if not form.validate_on_submit():
        return _render_one_off(form, meeting, 422 if request.method == "POST" else 200)
    outcome = uow.attempt(lambda: occurrences.update_one_off(
        current_user, meeting, _one_off_input(form), version=form.version.data), form=form)
    if outcome.stale:
        meeting = load_meeting(meeting_id)
        form.version.data = meeting.version
        return _render_one_off(form, meeting, 409, conflict_rows(
            meeting, form, {"title": "title", "location": "location",
                            "online_url": "online_url"}))
    if not outcome:
        return _render_one_off(form, meeting, 422)
    flash(_("Meeting saved: %(title)s", title=meeting.title), "success")
    return redirect(url_for(".detail", meeting_id=meeting.id))


# --- one occurrence -----------------------------------------------------------------------------
@bp.route("/meetings/<int:meeting_id>/move", methods=["GET", "POST"])
@login_required
def move(meeting_id: int):
    perm.require(perm.can_manage_series(current_user))
    meeting = load_meeting(meeting_id)
    data = None
    if request.method == "GET":
        day, start, minutes = occurrences.local_parts(meeting)
        data = {"day": day, "start_time": start, "duration_minutes": minutes,
                "location": meeting.location, "online_url": meeting.online_url,
                "version": meeting.version}
    form = MoveForm(data=data)
    if meeting.is_cancelled:
        flash(_("This meeting is cancelled."), "warning")
        return redirect(url_for(".detail", meeting_id=meeting.id))
    if not form.validate_on_submit():
        return render_template("meetings/move.html", form=form, meeting=meeting), \
            422 if request.method == "POST" else 200
    outcome = uow.attempt(lambda: occurrences.move(current_user, meeting, occurrences.MoveInput(
        day=form.day.data, start_time=form.start_time.data,
        duration_minutes=form.duration_minutes.data,
        location=(form.location.data or "").strip(),
        online_url=(form.online_url.data or "").strip()), version=form.version.data), form=form)
    if outcome.stale:
        meeting = load_meeting(meeting_id)
        form.version.data = meeting.version
        return render_template("meetings/move.html", form=form, meeting=meeting, conflict=[
            *conflict_rows(meeting, form, {"location": "location", "online_url": "online_url"})
        ] or None, stale=True), 409
    if not outcome:
        return redirect(url_for(".detail", meeting_id=meeting_id))
    if outcome.value:
        flash(_("Meeting moved: %(title)s", title=meeting.title), "success")
    else:
        flash(_("Nothing changed."), "info")
    return redirect(url_for(".detail", meeting_id=meeting.id))


@bp.route("/meetings/<int:meeting_id>/cancel", methods=["GET", "POST"])
@login_required
def cancel(meeting_id: int):
    perm.require(perm.can_manage_series(current_user))
    meeting = load_meeting(meeting_id)
    form = CancelForm(data={"version": meeting.version} if request.method == "GET" else None)
    if meeting.is_cancelled:
        flash(_("This meeting is cancelled."), "warning")
        return redirect(url_for(".detail", meeting_id=meeting.id))
    if not form.validate_on_submit():
        return render_template("meetings/cancel.html", form=form, meeting=meeting), \
            422 if request.method == "POST" else 200
    outcome = uow.attempt(lambda: occurrences.cancel(
        current_user, meeting, form.reason.data.strip(), version=form.version.data), form=form)
    if outcome.stale:
        meeting = load_meeting(meeting_id)
        form.version.data = meeting.version
        return render_template("meetings/cancel.html", form=form, meeting=meeting,
                               stale=True), 409
    if not outcome:
        return redirect(url_for(".detail", meeting_id=meeting_id))
    flash(_("Meeting cancelled: %(title)s", title=meeting.title), "success")
    return redirect(url_for(".detail", meeting_id=meeting.id))


@bp.post("/meetings/<int:meeting_id>/reinstate")
@login_required
def reinstate(meeting_id: int):
    perm.require(perm.can_manage_series(current_user))
    meeting = load_meeting(meeting_id)
    outcome = uow.attempt(lambda: occurrences.reinstate(
        current_user, meeting, version=request.form.get("version")))
    if outcome:
        flash(_("Meeting reinstated: %(title)s", title=meeting.title), "success")
    elif outcome.stale:
        flash(stale_message(), "warning")
    # else: the refusal (e.g. "not cancelled") is flashed already
    return redirect(url_for(".detail", meeting_id=meeting_id))


@bp.post("/meetings/<int:meeting_id>/host")
@login_required
def change_host(meeting_id: int):
    perm.require(perm.can_manage_series(current_user))
    meeting = load_meeting(meeting_id)
    form = HostForm()
    form.host_park_id.choices = choices([(0, _("No host park"))] + [
        (p.id, p.name) for p in all_parks()])
    if not form.validate_on_submit():
        flash(_("Choose a host park."), "danger")
        return redirect(url_for(".detail", meeting_id=meeting.id))
    park = queries.parks_by_ids([form.host_park_id.data])[0] if form.host_park_id.data else None
    outcome = uow.attempt(lambda: occurrences.override_host(current_user, meeting, park,
                                                            version=form.version.data))
    if outcome.stale:
        flash(stale_message(), "warning")
        return redirect(url_for(".detail", meeting_id=meeting_id))
    if outcome.value:
        flash(_("Host changed for this meeting: %(park)s",
                park=park.name if park else "—"), "success")
    return redirect(url_for(".detail", meeting_id=meeting.id))
