"""/meetings/: joint meetings (联席会议 / 例会). Lists, month view and the meeting page here;
series pages in views_series, one-off meetings and changes to one occurrence in views_meeting.
Thin: parse → permission check → service → render."""

from datetime import date

from flask import Blueprint, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from hub import edge
from hub import permissions as perm
from hub.extensions import db
from hub.meetings import panels, queries, recurrence
from hub.meetings.forms import HOLIDAY_LABELS, REMINDER_CHOICES, STATUS_LABELS, FilterForm
from hub.meetings.models import Meeting
from hub.notify import inapp
from hub.parks.queries import all_parks
from hub.timeutil import long_date, to_local, utcnow, zone_label
from hub.validators import choice_labels, choices

bp = Blueprint("meetings", __name__)

PER_PAGE = 20


def meeting_local(meeting: Meeting, which: str = "starts_at"):
    """A meeting time in the meeting's own time zone."""
    value = getattr(meeting, which)
    return value.astimezone(recurrence.zone(meeting.timezone)) if value else None


def meeting_when(meeting: Meeting) -> str:
    start, end = meeting_local(meeting), meeting_local(meeting, "ends_at")
    text = f"{long_date(start.date())} {start:%H:%M}–"
    text += f"{end:%H:%M}" if end.date() == start.date() else f"{long_date(end.date())} {end:%H:%M}"
    return f"{text} ({zone_label(meeting.timezone)})"


def reminder_label(minutes: int) -> str:
    known = choice_labels(REMINDER_CHOICES)
    if minutes in known:
        return str(known[minutes])
    if minutes % 1440 == 0:
        return _("%(n)d days before", n=minutes // 1440)
    if minutes % 60 == 0:
        return _("%(n)d hours before", n=minutes // 60)
    return _("%(n)d minutes before", n=minutes)


@bp.app_context_processor
def meeting_helpers():
    return {
        "meeting_local": meeting_local,
        "meeting_when": meeting_when,
        "meeting_status_label": lambda s: STATUS_LABELS.get(s, s),
        "holiday_policy_label": lambda p: HOLIDAY_LABELS.get(p, p),
        "reminder_label": reminder_label,
    }


def _filter(form_args) -> tuple[FilterForm, queries.ListFilter]:
    form = FilterForm(form_args)
    form.series.choices = choices([(0, _("All series")), *queries.series_choices(current_user)])
    form.park.choices = choices([(0, _("All parks"))] + [(p.id, p.short_name)
                                                         for p in all_parks()])
    flt = queries.ListFilter(
        series_id=form.series.data if form.series.data in choice_labels(form.series.choices)
        else None,
        park_id=form.park.data if form.park.data in choice_labels(form.park.choices) else None,
    )
    return form, flt


@bp.get("/meetings/")
@login_required
def index():
    form, flt = _filter(request.args)
    tab = "past" if request.args.get("when") == "past" else "upcoming"
    page = db.paginate(queries.list_query(current_user, flt, upcoming=tab == "upcoming",
                                          now=utcnow()), per_page=PER_PAGE, page=edge.page_arg(),
                                          error_out=False)
    return render_template("meetings/index.html", form=form, page=page, tab=tab,
                           can_manage=perm.can_manage_series(current_user))


@bp.get("/meetings/month")
@login_required
def month():
    form, flt = _filter(request.args)
    today = to_local(utcnow()).date()
    try:
        year = int(request.args.get("y", today.year))
        mon = int(request.args.get("m", today.month))
        date(year, mon, 1)
        if not 1900 <= year <= 2999:
            raise ValueError
    except (ValueError, OverflowError):
        year, mon = today.year, today.month
    grid = queries.month_grid(current_user, flt, year, mon)
    return render_template("meetings/month.html", form=form, grid=grid, today=today,
                           flt=flt, can_manage=perm.can_manage_series(current_user))


def load_meeting(meeting_id: int) -> Meeting:
    """The meeting (with its series: every meeting page shows it), or 403 when the user's park
    takes no part in it."""
    meeting = db.first_or_404(select(Meeting).where(Meeting.id == meeting_id)
                              .options(joinedload(Meeting.series)))
    perm.require(perm.can_view_meeting(current_user, meeting))
    return meeting


@bp.get("/meetings/<int:meeting_id>")
@login_required
def detail(meeting_id: int):
    meeting = load_meeting(meeting_id)
    read = inapp.read_object(current_user, "meeting", meeting.id, request.path)
    page = render_template(
        "meetings/detail.html", meeting=meeting,
        panels=panels.build(meeting, current_user),
        can_manage=perm.can_manage_series(current_user),
        is_past=meeting.starts_at <= utcnow(),
        host_choices=all_parks() if perm.can_manage_series(current_user) else [],
    )
    if read:
        db.session.commit()
    return page


from hub.meetings import views_meeting, views_series  # noqa: E402, F401 - routes on bp
