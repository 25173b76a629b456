"""Read side of meetings: the upcoming / past lists, the month grid and the series lists, each
filtered by the SQL twins of hub.permissions.meetings (meeting_visible, series_visible,
park_takes_part)."""

import calendar
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import NamedTuple

from sqlalchemy import DateTime, bindparam, case, literal, select, type_coerce, union_all
from sqlalchemy.orm import defer, joinedload, selectinload

from hub import permissions as perm
from hub.dbtypes import constant
from hub.extensions import db
from hub.lists import sorting
from hub.meetings import recurrence
from hub.meetings.models import (
    Meeting,
    MeetingSeries,
    MeetingStatus,
    Minutes,
    MinutesStatus,
    SeriesHost,
    series_park,
)
from hub.parks.models import Park
from hub.timeutil import local_day_start_utc


@dataclass
class ListFilter:
    series_id: int | None = None
    park_id: int | None = None
    day: date | None = None  # only the meetings starting that day in HUB_TIMEZONE (list only)


def _filter_clauses(flt: ListFilter, *, per_row: bool = False) -> list:
    clauses = []
    if flt.series_id:
        clauses.append(Meeting.series_id == flt.series_id)
    if flt.park_id:
        clauses.append(perm.park_takes_part(flt.park_id, per_row=per_row))
    if flt.day:
        clauses.extend((Meeting.starts_at >= local_day_start_utc(flt.day),
                        Meeting.starts_at < local_day_start_utc(flt.day + timedelta(days=1))))
    return clauses


def _filtered(user, flt: ListFilter):
    return (select(Meeting).where(perm.meeting_visible(user), *_filter_clauses(flt))
            .options(selectinload(Meeting.host_park), selectinload(Meeting.series),
                     selectinload(Meeting.parks)))


_MEETING_KEYS = {
    "when": sorting.key(Meeting.starts_at), "title": sorting.key(Meeting.title),
    "host": sorting.key(Meeting.host_park_id, nullable=True),
    "place": sorting.key(Meeting.location), "status": sorting.key(Meeting.status),
}
UPCOMING_SORT = sorting.SortSpec(_MEETING_KEYS, default="when", tiebreak=(Meeting.id,))
PAST_SORT = sorting.SortSpec(_MEETING_KEYS, default="when", tiebreak=(Meeting.id,),
                             default_dir=sorting.DESC)


def list_query(user, flt: ListFilter, *, upcoming: bool, now: datetime,
               sort: sorting.Sort | None = None):
    """Upcoming (not yet ended, soonest first) or past (latest first), or in `sort`'s order.
    With a day in `flt`: every meeting of that day, ended or not (`upcoming` is not read)."""
    sort = sort or sorting.Sort.default_of(UPCOMING_SORT if upcoming or flt.day else PAST_SORT)
    stmt = _filtered(user, flt)
    if flt.day is None:
        stmt = (stmt.where(Meeting.ends_at > now) if upcoming
                else stmt.where(Meeting.ends_at <= now))
    return stmt.order_by(*sort.order_by())


def local_date(meeting: "Meeting | MonthEntry") -> date:
    return meeting.starts_at.astimezone(recurrence.zone(meeting.timezone)).date()


def local_date_of_original(meeting: Meeting) -> date | None:
    """The rule date of an occurrence (before holiday or manual moves)."""
    if meeting.original_start is None:
        return None
    return meeting.original_start.astimezone(recurrence.zone(meeting.timezone)).date()


class MonthEntry(NamedTuple):
    """What the month grid shows of a meeting (no ORM object: a month of an admin's meetings is
    ~90 rows at scale 10, and their series and parks were loaded for nothing). A named tuple:
    the page shows at most MONTH_CELL_LIMIT meetings a day, so its start time and link class are
    written for the shown ones only (hub.meetings.views.month_rows)."""

    id: int
    title: str
    starts_at: datetime  # UTC; `meeting_local` works on it as on a Meeting
    timezone: str
    is_cancelled: bool  # (MeetingStatus.CANCELLED, compared in SQL: no enum made per row)
    host_short_name: str | None
    holiday_provisional: bool = False  # planned on 暂定 holiday data
    local_start: datetime | None = None  # starts_at in the meeting's own zone (month_grid sets it)


# A day cell shows at most this many meetings; a fuller day shows one fewer and a link to the
# day's list ("另有 N 场会议"): at scale 30 a day has ~8, and drawing them all made the cells
# very tall and the page's cost grow with the meetings.
MONTH_CELL_LIMIT = 4


@dataclass
class MonthGrid:
    year: int
    month: int
    weeks: list[list[date]]
    by_day: dict[date, list[MonthEntry]] = field(default_factory=dict)

    @property
    def prev(self) -> tuple[int, int]:
        return (self.year - 1, 12) if self.month == 1 else (self.year, self.month - 1)

    @property
    def next(self) -> tuple[int, int]:
        return (self.year + 1, 1) if self.month == 12 else (self.year, self.month + 1)


def month_grid(user, flt: ListFilter, year: int, month: int) -> MonthGrid:
    """A Monday-first grid of the month with the meetings of each day (in each meeting's own
    time zone), one query (participation probed per meeting of the ~6 weeks: it does not grow
    with the meetings of other months)."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    first, last = weeks[0][0], weeks[-1][-1]
    # a day of margin either side: meetings are placed by their own zone's date
    params = {**perm.viewer_values(user), "series_id": flt.series_id, "park_id": flt.park_id,
              "start": local_day_start_utc(first - timedelta(days=1)),
              "end": local_day_start_utc(last + timedelta(days=2))}
    stmt = _month_stmt(perm.viewer_shape(user), bool(flt.series_id), bool(flt.park_id))
    grid = MonthGrid(year, month, weeks)
    zones: dict[str, object] = {}
    by_day = grid.by_day
    for id_, title, starts_at, timezone, *rest in db.session.execute(stmt, params).tuples():
        zone = zones.get(timezone) or zones.setdefault(timezone, recurrence.zone(timezone))
        starts_at = starts_at.replace(tzinfo=UTC)  # read as naive UTC: see _month_stmt
        local = starts_at.astimezone(zone)
        day = local.date()
        if first <= day <= last:
            entry = MonthEntry(id_, title, starts_at, timezone, *rest, local)
            if day in by_day:
                by_day[day].append(entry)
            else:
                by_day[day] = [entry]
    return grid


@cache
def _month_stmt(viewer: tuple, by_series: bool, by_park: bool):
    """`month_grid`'s statement, built once per kind of viewer and filter (building it and
    working out its cache key cost ~0.3 ms a page); the values are bound parameters."""
    filters = []  # as _filter_clauses
    if by_series:
        filters.append(Meeting.series_id == bindparam("series_id"))
    if by_park:
        filters.append(perm.park_takes_part(bindparam("park_id"), per_row=True))
    # the start as the naive UTC it is stored as, made aware in month_grid, and the status as a
    # boolean: no UTCDateTime or enum result processor per row (~4 Python calls a row, ~100 rows
    # a page; issue 16)
    return (select(Meeting.id, Meeting.title, type_coerce(Meeting.starts_at, DateTime),
                   Meeting.timezone, (Meeting.status == constant(MeetingStatus.CANCELLED)),
                   Park.short_name, Meeting.holiday_provisional)
            .outerjoin(Park, Park.id == Meeting.host_park_id)
            .where(perm.meeting_visible(perm.statement_viewer(viewer), per_row=True),
                   *filters, Meeting.starts_at >= bindparam("start"),
                   Meeting.starts_at < bindparam("end"))
            .order_by(Meeting.starts_at, Meeting.id))


SERIES_SORT = sorting.SortSpec({
    "title": sorting.key(MeetingSeries.title),
    "repeats": sorting.key(MeetingSeries.rrule, MeetingSeries.start_time),
}, default="title", tiebreak=(MeetingSeries.id,))


def visible_series(user, *, include_inactive: bool = True,
                   sort: sorting.Sort | None = None) -> list[MeetingSeries]:
    """Active series first, by title; or in `sort`'s order."""
    order = (sort.order_by() if sort is not None and not sort.is_default else
             [MeetingSeries.active.desc(), MeetingSeries.title, MeetingSeries.id])
    stmt = select(MeetingSeries).where(perm.series_visible(user)).order_by(*order)
    if not include_inactive:
        stmt = stmt.where(MeetingSeries.active.is_(True))
    return list(db.session.execute(stmt).scalars())


def series_park_names(series_ids) -> dict[int, tuple[list[str], list[str]]]:
    """{series id: ([short names of its host rotation, in turn], [short names of its
    participant parks, by id])}: the series list's two columns from one statement of names
    (the hosts and parks as entities, ~900 for the 50 series at scale 10, were two thirds of
    the list's time)."""
    ids = list(series_ids)
    hosts = (select(literal(0).label("kind"), SeriesHost.series_id,
                    SeriesHost.position.label("place"), Park.short_name)
             .join(Park, Park.id == SeriesHost.park_id).where(SeriesHost.series_id.in_(ids)))
    parks = (select(literal(1), series_park.c.series_id, Park.id, Park.short_name)
             .join(Park, Park.id == series_park.c.park_id)
             .where(series_park.c.series_id.in_(ids)))
    both = union_all(hosts, parks)
    found: dict[int, tuple[list[str], list[str]]] = {i: ([], []) for i in ids}
    for kind, series_id, _place, name in db.session.execute(
            both.order_by(*both.selected_columns[:3])):
        found[series_id][kind].append(name)
    return found


def _series_choices_select(user):
    return (select(literal(0).label("kind"), MeetingSeries.id, MeetingSeries.title.label("label"),
                   case((MeetingSeries.active.is_(True), 0), else_=1).label("inactive"),
                   MeetingSeries.title.label("title"))
            .where(perm.series_visible(user)))


def filter_menus(user) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The meeting filter's two menus in one statement: (id, title) of the series the user may
    see, active first, by title (no series objects, hosts or parks: the month view spent 50 ms
    loading them at scale 10), and (id, short name) of every park, by id (two queries, the
    parks as entities, cost ~1 ms a page)."""
    found: tuple[list, list] = ([], [])
    stmt = _menus_stmt(perm.viewer_shape(user))
    for row in db.session.execute(stmt, perm.viewer_values(user)):
        found[row.kind].append((row.id, row.label))
    return found


@cache
def _menus_stmt(viewer: tuple):
    """`filter_menus`' statement, built once per kind of viewer (see `_month_stmt`)."""
    parks = select(literal(1), Park.id, Park.short_name, literal(0), literal(""))
    both = union_all(_series_choices_select(perm.statement_viewer(viewer)), parks).subquery()
    return select(both).order_by(both.c.kind, both.c.inactive, both.c.title, both.c.id)


def series_occurrences(series: MeetingSeries, now: datetime, user=None) -> tuple[list, list]:
    """(upcoming soonest first, past latest first) occurrences of a series; with `user`, those
    `user` may see."""
    stmt = select(Meeting).where(Meeting.series_id == series.id)
    if user is not None:
        stmt = stmt.where(perm.meeting_visible(user))
    rows = list(db.session.execute(
        stmt
        .options(selectinload(Meeting.host_park))
        .order_by(Meeting.starts_at, Meeting.id)).scalars())
    upcoming = [m for m in rows if m.ends_at > now]
    past = [m for m in rows if m.ends_at <= now]
    past.reverse()
    return upcoming, past


def parks_by_ids(ids) -> list[Park]:
    ids = [int(i) for i in ids or []]
    if not ids:
        return []
    found = {p.id: p for p in db.session.execute(select(Park).where(Park.id.in_(ids))).scalars()}
    return [found[i] for i in ids if i in found]


def users_by_ids(ids) -> list:
    from hub.auth.models import User

    ids = [int(i) for i in ids or []]
    if not ids:
        return []
    return list(db.session.execute(
        select(User).where(User.id.in_(ids)).order_by(User.id)).scalars())


def meeting_with_series(meeting_id: int) -> Meeting | None:
    """The meeting with its series, host park, participant parks and extra people loaded (every
    meeting page shows them: one statement instead of up to four; the people's parks come from
    the session's identity map when loaded, as participant parks usually are), or None."""
    return db.session.execute(
        _meeting_with_series_stmt(), {"meeting_id": meeting_id}).unique().scalar_one_or_none()


@cache
def _meeting_with_series_stmt():
    """Built once per process, with the id as a bound parameter: building the statement and
    its eager-load options and working out its cache key cost more CPU than the SQL's result
    (a select keeps its cache key once worked out)."""
    from hub.auth.models import User

    return (select(Meeting).where(Meeting.id == bindparam("meeting_id"))
            .options(joinedload(Meeting.series), joinedload(Meeting.host_park),
                     joinedload(Meeting.parks), joinedload(Meeting.people).lazyload(User.park)))


def meeting_for_page(meeting_id: int) -> "tuple[Meeting, MinutesHead | None] | None":
    """`meeting_with_series` for the meeting page, which shows of the parks and people only
    names: their other columns are not loaded (nothing else in that request reads them); with
    the meeting's `minutes_head` (its panels read it), from the same statement: one statement
    a meeting page less (issue 16, bench/results/2026-12-07-s13-summary.md). None: no such
    meeting."""
    row = db.session.execute(
        _meeting_for_page_stmt(), {"meeting_id": meeting_id}).unique().one_or_none()
    if row is None:
        return None
    meeting, *head = row
    return meeting, None if head[0] is None else MinutesHead(*head, meeting)


@cache
def _meeting_for_page_stmt():
    from hub.auth.models import User

    return (select(Meeting, *_MINUTES_HEAD.selected_columns)
            .outerjoin(Minutes, Minutes.meeting_id == Meeting.id)
            .where(Meeting.id == bindparam("meeting_id"))
            .options(*(defer(column) for column in (
                         Meeting.original_start, Meeting.recurrence_id, Meeting.sequence,
                         Meeting.created_by_id, Meeting.created_at, Meeting.updated_at)),
                     joinedload(Meeting.series).load_only(
                         MeetingSeries.title, MeetingSeries.rrule, MeetingSeries.start_time,
                         MeetingSeries.timezone),
                     joinedload(Meeting.host_park).load_only(Park.name, Park.short_name),
                     joinedload(Meeting.parks).load_only(Park.name, Park.short_name),
                     joinedload(Meeting.people).load_only(User.display_name, User.park_id)
                     .lazyload(User.park)))


def minutes_for(meeting: Meeting) -> Minutes | None:
    """The meeting's minutes (None before the host starts them)."""
    return db.session.execute(_MINUTES_OF, {"meeting_id": meeting.id}).scalar_one_or_none()


_MINUTES_OF = select(Minutes).where(Minutes.meeting_id == bindparam("meeting_id"))


@dataclass(frozen=True)
class MinutesHead:
    """What the meeting page's panels (minutes, decisions) read of a meeting's minutes: not the
    text. The permission rules and `answer_tally` take it as they take a `Minutes`."""

    id: int
    status: MinutesStatus
    revision: int
    published_at: datetime | None
    meeting: Meeting

    @property
    def locked(self) -> bool:  # as Minutes.locked
        return self.status is MinutesStatus.PUBLISHED


def minutes_head(meeting: Meeting) -> MinutesHead | None:
    """`minutes_for` for the meeting page: the columns it shows, on the session's connection
    without the ORM's path (the page asks on every request: ~0.14 ms of CPU less, issue 16)."""
    row = db.session.connection().execute(_MINUTES_HEAD, {"meeting_id": meeting.id}).first()
    return None if row is None else MinutesHead(*row, meeting)


_MINUTES_HEAD = (select(Minutes.id, Minutes.status, Minutes.revision, Minutes.published_at)
                 .where(Minutes.meeting_id == bindparam("meeting_id")))
