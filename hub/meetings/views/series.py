"""/meetings/series/…: meeting series (admins manage; participants read)."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import permissions as perm
from hub import uow
from hub.auth.queries import picker_people
from hub.concurrency import conflict_rows
from hub.extensions import db
from hub.meetings import preview, queries, recurrence, services
from hub.meetings.forms import PREVIEW_FIELDS, SeriesForm
from hub.meetings.models import HolidayPolicy, MeetingSeries
from hub.meetings.recurrence import Kind
from hub.meetings.views.common import bp, reminder_label
from hub.parks.queries import active_parks
from hub.timeutil import to_local, utcnow
from hub.validators import choice_labels, choices

CONFLICT_FIELDS = {"title": "title", "location": "location", "online_url": "online_url",
                   "duration_minutes": "duration_minutes", "start_date": "start_date",
                   "start_time": "start_time"}


def _load(series_id: int) -> MeetingSeries:
    series = db.get_or_404(MeetingSeries, series_id)
    perm.require(perm.can_view_series(current_user, series))
    return series


@bp.get("/meetings/series/")
@login_required
def series_index():
    sort = queries.SERIES_SORT.parse(request.args)
    series_list = queries.visible_series(current_user, sort=sort)
    return render_template("meetings/series_index.html", series_list=series_list,
                           park_names=queries.series_park_names(s.id for s in series_list),
                           sort=sort,
                           can_manage=perm.can_manage_series(current_user))


@bp.get("/meetings/series/<int:series_id>")
@login_required
def series_detail(series_id: int):
    series = _load(series_id)
    now = utcnow()
    upcoming, past = queries.series_occurrences(series, now, current_user)  # those I may see
    return render_template(
        "meetings/series_detail.html", series=series, upcoming=upcoming, past=past[:50],
        past_total=len(past), can_manage=perm.can_manage_series(current_user),
        provisional=sorted({m.starts_at.astimezone(recurrence.zone(m.timezone)).year
                            for m in upcoming if m.holiday_provisional}),
    )


# --- create and edit ----------------------------------------------------------------------------
def _form(series: MeetingSeries | None) -> SeriesForm:
    data = None
    if request.method == "GET" and series is not None:
        spec = recurrence.parse(series.rrule)
        until = recurrence.parse_until(series.rrule, series.timezone)
        custom = spec.kind == Kind.CUSTOM
        data = {
            "title": series.title, "description": series.description, "kind": spec.kind,
            "weekdays": list(spec.weekdays), "nth": spec.nth, "nth_weekday": spec.nth_weekday,
            "monthday": spec.monthday, "custom_rrule": series.rrule if custom else "",
            "interval": spec.interval, "start_date": series.start_date,
            "start_time": series.start_time, "duration_minutes": series.duration_minutes,
            "timezone": series.timezone,
            "end_kind": "never" if custom else ("until" if until else
                                                "count" if spec.count else "never"),
            "until": None if custom else until, "count": None if custom else spec.count,
            "location": series.location, "online_url": series.online_url,
            "parks": [p.id for p in series.parks], "people": [u.id for u in series.people],
            "reminders": list(series.reminder_offsets or []),
            "agenda_cutoff_hours": series.agenda_cutoff_hours,
            "holiday_policy": series.holiday_policy.value,
            "hosts": " → ".join(h.park.short_name for h in series.hosts if h.park),
            "version": series.version,
        }
    form = SeriesForm(data=data)
    form.fill_timezones()
    parks = active_parks()
    extra = [p for p in (series.parks if series else []) if not p.active]
    form.parks.choices = choices((p.id, p.name) for p in parks + extra)
    form.people.offer(picker_people())
    if series is not None:
        known = set(choice_labels(form.people.choices))
        form.people.choices += choices((u.id, f"{u.display_name} · {u.park.short_name}")
                                       for u in series.people if u.id not in known)
    extra_reminders = [m for m in (form.reminders.data or []) if m not in
                       choice_labels(form.reminders.choices)]
    if extra_reminders:
        form.reminders.choices = list(form.reminders.choices) + choices(
            (m, reminder_label(m)) for m in extra_reminders)
    return form


def _input(form: SeriesForm) -> services.SeriesInput:
    return services.SeriesInput(
        title=form.title.data.strip(), description=form.description.data or "",
        rrule=form.rrule_value, start_date=form.start_date.data,
        start_time=form.start_time.data, timezone=form.timezone.data,
        duration_minutes=form.duration_minutes.data,
        location=(form.location.data or "").strip(),
        online_url=(form.online_url.data or "").strip(),
        holiday_policy=HolidayPolicy(form.holiday_policy.data),
        reminder_offsets=list(form.reminders.data or []),
        agenda_cutoff_hours=form.agenda_cutoff_hours.data,
        parks=queries.parks_by_ids(form.parks.data),
        people=queries.users_by_ids(form.people.data),
        hosts=form.host_parks,
    )


def _next_dates(form: SeriesForm, series: MeetingSeries | None) -> list | None:
    """The preview of the form's next dates, or None when the rule fields are not valid."""
    if not form.rrule_value or any(
            getattr(form, n).errors for n in ("start_date", "start_time", "holiday_policy",
                                              "hosts")):
        return None
    shape = preview.Shape(rrule=form.rrule_value, start_date=form.start_date.data,
                          start_time=form.start_time.data, timezone=form.timezone.data,
                          holiday_policy=HolidayPolicy(form.holiday_policy.data),
                          hosts=form.host_parks)
    return preview.next_dates(shape, now=utcnow(), series=series)


def _render(form, series, status=200, conflict=None):
    dates = _next_dates(form, series) if request.method == "POST" else None
    return render_template("meetings/series_form.html", form=form, series=series,
                           conflict=conflict, preview_dates=dates,
                           park_names=[p.short_name for p in active_parks()]), status


@bp.post("/meetings/series/preview")
@bp.post("/meetings/series/<int:series_id>/preview")
@login_required
def series_preview(series_id: int | None = None):
    """The next dates of the form as it stands (an HTML fragment the form's script shows). A
    form not fit for a preview is answered 200 too, the fragment saying what to correct: it is
    the answer the script asked for (a 422 would be a console error on every keystroke)."""
    perm.require(perm.can_manage_series(current_user))
    series = _load(series_id) if series_id is not None else None
    form = _form(series)
    ok = form.validate_preview()
    dates = _next_dates(form, series) if ok else None
    # only what the dates depend on: a title not typed yet is no reason to show no dates
    errors = [_("%(field)s: %(error)s", field=f.label.text, error=e) for f in form
              if f.name in PREVIEW_FIELDS for e in f.errors] if not ok else []
    return render_template("meetings/_series_preview.html", preview_dates=dates,
                           errors=errors, series=series)


@bp.route("/meetings/series/new", methods=["GET", "POST"])
@login_required
def series_new():
    perm.require(perm.can_manage_series(current_user))
    form = _form(None)
    if request.method == "GET":
        form.start_date.data = form.start_date.data or to_local(utcnow()).date()
    if not form.validate_on_submit():
        return _render(form, None, 422 if request.method == "POST" else 200)
    outcome = uow.attempt(lambda: services.create_series(current_user, _input(form),
                                                         now=utcnow()), form=form)
    if not outcome:
        return _render(form, None, 422)
    series = outcome.value
    flash(_("Series created: %(title)s", title=series.title), "success")
    return redirect(url_for(".series_detail", series_id=series.id))


@bp.route("/meetings/series/<int:series_id>/edit", methods=["GET", "POST"])
@login_required
def series_edit(series_id: int):
    perm.require(perm.can_manage_series(current_user))
    series = _load(series_id)
    form = _form(series)
    if not form.validate_on_submit():
        return _render(form, series, 422 if request.method == "POST" else 200)
    outcome = uow.attempt(lambda: services.update_series(
        current_user, series, _input(form), version=form.version.data, now=utcnow()), form=form)
    if outcome.stale:
        series = _load(series_id)
        form.version.data = series.version
        return _render(form, series, 409, conflict_rows(series, form, CONFLICT_FIELDS))
    if not outcome:
        return _render(form, series, 422)
    _changes, result = outcome.value
    flash(_("Series saved: %(created)d new, %(updated)d changed, %(deleted)d removed, "
            "%(kept)d kept as they were.", created=result.created, updated=result.updated,
            deleted=result.deleted, kept=result.kept), "success")
    return redirect(url_for(".series_detail", series_id=series.id))


@bp.post("/meetings/series/<int:series_id>/<any(activate, deactivate):action>")
@login_required
def series_set_active(series_id: int, action: str):
    perm.require(perm.can_manage_series(current_user))
    series = _load(series_id)
    if request.form.get("version") is None:
        abort(400)
    outcome = uow.attempt(lambda: services.set_active(
        current_user, series, action == "activate", version=request.form.get("version"),
        now=utcnow()))
    if outcome.stale:
        flash(_("Someone else changed this series meanwhile. Check it and try again."),
              "warning")
        return redirect(url_for(".series_detail", series_id=series_id))
    if not outcome:
        return redirect(url_for(".series_detail", series_id=series_id))
    if action == "activate":
        flash(_("Series reactivated: %(title)s", title=series.title), "success")
    else:
        flash(_("Series deactivated: %(title)s. Future meetings without topics, replies or "
                "minutes were removed.", title=series.title), "success")
    return redirect(url_for(".series_detail", series_id=series.id))
