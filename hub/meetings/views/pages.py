"""The meeting lists (upcoming / past), the month view and the meeting page."""

import re
from datetime import date

from flask import render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import edge, uow
from hub import permissions as perm
from hub.extensions import db
from hub.meetings import panels, queries
from hub.meetings.forms import FilterForm
from hub.meetings.views.common import bp, load_meeting
from hub.meetings.views.month_rows import month_rows
from hub.notify import inapp
from hub.parks.queries import park_names
from hub.timeutil import to_local, utcnow
from hub.validators import choice_labels, choices

PER_PAGE = 20


def _filter(form_args) -> tuple[FilterForm, queries.ListFilter]:
    form = FilterForm(form_args)
    series, parks = queries.filter_menus(current_user)
    form.series.choices = choices([(0, _("All series")), *series])
    form.park.choices = choices([(0, _("All parks")), *parks])
    flt = queries.ListFilter(
        series_id=form.series.data if form.series.data in choice_labels(form.series.choices)
        else None,
        park_id=form.park.data if form.park.data in choice_labels(form.park.choices) else None,
    )
    return form, flt


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def day_arg(raw: str | None) -> date | None:
    """`?day=YYYY-MM-DD` of the list (the month view's "N more" links), or None for anything
    else: no day, not that form, not a date, or a year outside the month view's 1900-2999."""
    if not raw or not _ISO_DAY.fullmatch(raw):
        return None
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        return None
    return day if 1900 <= day.year <= 2999 else None


@bp.get("/meetings/")
@login_required
def index():
    form, flt = _filter(request.args)
    flt.day = day_arg(request.args.get("day"))
    tab = "past" if request.args.get("when") == "past" and not flt.day else "upcoming"
    sort = (queries.PAST_SORT if tab == "past" else queries.UPCOMING_SORT).parse(request.args)
    page = db.paginate(queries.list_query(current_user, flt, upcoming=tab == "upcoming",
                                          now=utcnow(), sort=sort),
                       per_page=PER_PAGE, page=edge.page_arg(), error_out=False)
    return render_template("meetings/index.html", form=form, page=page, tab=tab, sort=sort,
                           flt=flt, can_manage=perm.can_manage_series(current_user))


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
                           flt=flt, can_manage=perm.can_manage_series(current_user),
                           month_rows=month_rows)


@bp.get("/meetings/<int:meeting_id>")
@login_required
def detail(meeting_id: int):
    found = queries.meeting_for_page(meeting_id)  # the meeting and its minutes' head
    meeting = load_meeting(meeting_id, lambda _id: found and found[0])
    # the user itself, not the proxy: the panels' permission tests read it ~60 times a page
    user = current_user._get_current_object()
    read = inapp.read_object(user, "meeting", meeting.id, request.path)
    can_manage = perm.can_manage_series(user)
    page = render_template(
        "meetings/detail.html", meeting=meeting,
        panels=panels.build(meeting, user, known={"minutes": found[1]}),
        can_manage=can_manage,
        is_past=meeting.starts_at <= utcnow(),
        host_choices=park_names() if can_manage else [],  # the menu shows id and name
    )
    # the read markers are all the page writes: most views mark nothing, and the session's
    # commit (a flush and every loaded object expired) would be work for nothing
    return uow.committed(page) if read else page
