"""Meeting series and their materialized occurrences.

Occurrences exist as `Meeting` rows for a rolling horizon (HORIZON_MONTHS from today, stored in
`series.horizon_until`), one per rule date, keyed by (series_id, original_start). An occurrence is
identified with its rule date (the local date of its original start), so a change of the series'
start time moves unprotected occurrences instead of replacing them, and re-keys protected ones to
the new rule time (their RECURRENCE-ID then still replaces the right instance).

Editing a series regenerates FUTURE occurrences only (past ones are never touched):
- new rule dates get rows; rows whose date left the rule are deleted unless protected;
- unprotected rows take the series' new time, duration, place, participants and host;
- protected rows keep their own values: moved by hand, cancelled, or protected by a registered
  protector (agenda topics, attendance replies, minutes…). A host-overridden row takes the new
  values but keeps its host.

Plain functions; the caller commits (except `extend_horizons`, a batch job that commits).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from sqlalchemy.orm import selectinload

from hub import audit
from hub.concurrency import check_version
from hub.extensions import db
from hub.holidays import services as holiday_data
from hub.meetings import holiday_notes, holidays, recurrence
from hub.meetings.models import Meeting, MeetingSeries, MeetingStatus, SeriesHost
from hub.timeutil import local_today, utcnow

HORIZON_MONTHS = 12
SERIES_FIELDS = ("title", "description", "rrule", "start_date", "start_time", "timezone",
                 "duration_minutes", "location", "online_url", "holiday_policy",
                 "reminder_offsets", "agenda_cutoff_hours")
# the fields of an occurrence whose change an attendee must hear about (iCalendar SEQUENCE)
SCHEDULE_FIELDS = ("starts_at", "ends_at", "location", "online_url", "status")

# --- protection registry ------------------------------------------------------------------------
_protectors: list[Callable[[list[int]], set[int]]] = []


def register_protector(fn: Callable[[list[int]], set[int]]) -> None:
    """Register `fn(meeting_ids: list[int]) -> set[int]`: of the given meeting ids, those that
    must survive a series edit untouched (e.g. meetings with agenda topics, attendance replies or
    minutes). Called with the ids of future occurrences only, once per regeneration; answer with
    one query. Registering the same function twice registers it once. A feature declares its
    protectors in its `declare()` (hub.features: `protectors=[...]`)."""
    if fn not in _protectors:
        _protectors.append(fn)


def protected_ids(meetings: list[Meeting]) -> set[int]:
    """Ids of `meetings` a series edit must leave alone: moved, cancelled, or claimed by a
    registered protector."""
    ids = {m.id for m in meetings if m.moved or m.status is MeetingStatus.CANCELLED}
    rest = [m.id for m in meetings if m.id is not None and m.id not in ids]
    if rest:
        for fn in _protectors:
            ids |= set(fn(list(rest)))
    return ids


# --- time helpers -------------------------------------------------------------------------------
def horizon_for(today: date) -> date:
    return today + relativedelta(months=HORIZON_MONTHS)


def local_date_of(moment: datetime, tz: str) -> date:
    return moment.astimezone(recurrence.zone(tz)).date()


# --- planning -----------------------------------------------------------------------------------
@dataclass
class Planned:
    """One rule date of a series, after the holiday policy."""

    index: int
    rule_date: date
    original_start: datetime
    day: date | None  # None: skipped for a holiday
    starts_at: datetime | None
    holiday_note: str
    holiday_facts: dict | None  # hub.meetings.holiday_notes
    provisional: bool  # planned on 暂定 holiday data
    host_park_id: int | None


def plan(series: MeetingSeries, through: date,
         fixed: dict[date, date | None] | None = None) -> list[Planned]:
    """Every rule date of `series` from its start up to local date `through`, placed by the
    holiday table (hub.meetings.holidays). `fixed`: rule date → local day of the occurrences
    this planning must not touch (None when cancelled); no other occurrence goes there."""
    host_ids = [h.park_id for h in series.hosts]
    items = list(recurrence.expand(series.rrule, series.start_date, series.start_time,
                                   series.timezone, through=through))
    if not items:
        return []
    cal = holiday_data.calendar_for(items[0].local_date, items[-1].local_date)
    placed = holidays.place([i.local_date for i in items], series.holiday_policy, cal, fixed)
    out = []
    for item, adj in zip(items, placed, strict=True):
        starts = (recurrence.local_start(adj.day, series.start_time, series.timezone)
                  if adj.day is not None else None)
        out.append(Planned(
            index=item.index, rule_date=item.local_date, original_start=item.start_utc,
            day=adj.day, starts_at=starts, holiday_note=holidays.note(adj, item.local_date),
            holiday_facts=holiday_notes.facts(adj, item.local_date),
            provisional=adj.provisional,
            host_park_id=host_ids[item.index % len(host_ids)] if host_ids else None,
        ))
    return out


def _apply(meeting: Meeting, series: MeetingSeries, item: Planned, *, keep_host: bool) -> dict:
    """Give `meeting` the series' values for rule date `item`; returns the changed fields."""
    before = audit.snapshot(meeting, (*SCHEDULE_FIELDS, "original_start", "title",
                                      "host_park_id", "holiday_note"))
    meeting.original_start = item.original_start
    meeting.title = series.title
    meeting.description = series.description
    meeting.timezone = series.timezone
    meeting.starts_at = item.starts_at
    meeting.ends_at = item.starts_at + timedelta(minutes=series.duration_minutes)
    meeting.location = series.location
    meeting.online_url = series.online_url
    meeting.holiday_note = item.holiday_note
    meeting.holiday_facts = item.holiday_facts
    meeting.holiday_provisional = item.provisional
    meeting.reminder_offsets = list(series.reminder_offsets or [])
    meeting.agenda_cutoff = item.starts_at - timedelta(hours=series.agenda_cutoff_hours)
    if not keep_host:
        meeting.host_park_id = item.host_park_id
    if [p.id for p in meeting.parks] != [p.id for p in series.parks]:
        meeting.parks = list(series.parks)
    if {u.id for u in meeting.people} != {u.id for u in series.people}:
        meeting.people = list(series.people)
    return audit.diff(before, meeting)


def _new_occurrence(series: MeetingSeries, item: Planned) -> Meeting:
    meeting = Meeting(series=series, created_by_id=series.created_by_id, sequence=0,
                      status=MeetingStatus.SCHEDULED)
    _apply(meeting, series, item, keep_host=False)
    db.session.add(meeting)
    return meeting


def bump_sequence(meeting: Meeting, changes: dict) -> None:
    if any(f in changes for f in (*SCHEDULE_FIELDS, "original_start")):
        meeting.sequence = (meeting.sequence or 0) + 1


def occurrences(series: MeetingSeries) -> list[Meeting]:
    return list(db.session.execute(
        db.select(Meeting).where(Meeting.series_id == series.id)
        .options(selectinload(Meeting.parks), selectinload(Meeting.people))
        .order_by(Meeting.original_start)).scalars())


def _is_future(meeting: Meeting, now: datetime) -> bool:
    return meeting.starts_at > now and (meeting.original_start is None
                                        or meeting.original_start > now)


def _fixed_days(by_date: dict[date, Meeting], protected: set[int], now: datetime,
                only_after: date | None) -> dict[date, date | None]:
    """Rule date → local day of the rows `sync` leaves as they are (past, protected; every
    existing row when only extending), so planning puts no other occurrence on their day."""
    return {rule_date: (None if row.is_cancelled else local_date_of(row.starts_at, row.timezone))
            for rule_date, row in by_date.items()
            if only_after is not None or row.id in protected or not _is_future(row, now)}


def kept_days(series: MeetingSeries, now: datetime) -> dict[date, date | None]:
    """What an edit of `series` saved now would leave as it is (past and protected rows), as
    `plan` takes it: rule date → local day (the preview of the series form)."""
    by_date: dict[date, Meeting] = {}
    rows = occurrences(series)
    for row in rows:
        if row.original_start is not None:
            by_date.setdefault(local_date_of(row.original_start, row.timezone), row)
    protected = protected_ids([r for r in rows if _is_future(r, now)])
    return _fixed_days(by_date, protected, now, None)


@dataclass
class SyncResult:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    kept: int = 0  # protected rows left as they were


def sync(series: MeetingSeries, *, now: datetime, include_past: bool = False,
         only_after: date | None = None, through: date | None = None) -> SyncResult:
    """Bring the occurrences of `series` in line with it up to a fresh horizon.

    include_past: also create rows for rule dates already past (a new series).
    only_after: only create rows for rule dates after this date; touch nothing else (extending).
    """
    result = SyncResult()
    through = through or horizon_for(local_today(now))
    if series.horizon_until and series.horizon_until > through:
        through = series.horizon_until
    rows = occurrences(series)
    by_date: dict[date, Meeting] = {}
    for row in rows:
        if row.original_start is not None:
            by_date.setdefault(local_date_of(row.original_start, row.timezone), row)
    future = [r for r in rows if _is_future(r, now)]
    protected = protected_ids(future) if only_after is None else set()
    planned = plan(series, through, _fixed_days(by_date, protected, now, only_after)) \
        if series.active else []
    seen: set[int] = set()
    for item in planned:
        row = by_date.get(item.rule_date)
        if only_after is not None and (row is not None or item.rule_date <= only_after):
            continue
        if row is None:
            if item.starts_at is not None and (include_past or item.original_start > now):
                _new_occurrence(series, item)
                result.created += 1
            continue
        seen.add(row.id)
        if not _is_future(row, now):
            continue
        if row.id in protected:
            if item.original_start != row.original_start:
                row.original_start = item.original_start  # still replaces its rule instance
                row.sequence += 1
            result.kept += 1
        elif item.starts_at is None:
            db.session.delete(row)  # the holiday policy now skips it
            result.deleted += 1
        else:
            changes = _apply(row, series, item, keep_host=row.host_overridden)
            if changes:
                bump_sequence(row, changes)
                result.updated += 1
    if only_after is None:
        for row in future:
            if row.id in seen:
                continue
            if row.id in protected:
                result.kept += 1
            else:
                db.session.delete(row)
                result.deleted += 1
    if series.active:
        series.horizon_until = through
    db.session.flush()
    return result


# --- series -------------------------------------------------------------------------------------
@dataclass
class SeriesInput:
    title: str
    description: str
    rrule: str
    start_date: date
    start_time: time
    timezone: str
    duration_minutes: int
    location: str
    online_url: str
    holiday_policy: object
    reminder_offsets: list[int]
    agenda_cutoff_hours: int
    parks: list
    people: list
    hosts: list  # ordered parks of the rotation (轮值主持)


def _assign(series: MeetingSeries, data: SeriesInput) -> None:
    for name in SERIES_FIELDS:
        setattr(series, name, getattr(data, name))
    series.reminder_offsets = sorted({int(m) for m in data.reminder_offsets}, reverse=True)
    series.parks = list(data.parks)
    series.people = list(data.people)
    current = [h.park_id for h in series.hosts]
    wanted = [p.id for p in data.hosts]
    if current != wanted:
        series.hosts.clear()
        db.session.flush()
        series.hosts.extend(SeriesHost(position=i, park_id=pid) for i, pid in enumerate(wanted))


def _series_snapshot(series: MeetingSeries) -> dict:
    snap = audit.snapshot(series, SERIES_FIELDS)
    snap["parks"] = [p.short_name for p in series.parks]
    snap["people"] = [u.display_name for u in series.people]
    snap["hosts"] = [h.park.short_name if h.park else h.park_id for h in series.hosts]
    return snap


def _series_diff(before: dict, series: MeetingSeries) -> dict:
    after = _series_snapshot(series)
    return {k: [v, after[k]] for k, v in before.items() if after[k] != v}


def _regenerate(series: MeetingSeries, **kwargs):
    """sync() with the participants told what changed (hub.meetings.changes)."""
    from hub.meetings import changes

    return changes.regenerate(series, **kwargs)


def create_series(by, data: SeriesInput, *, now: datetime | None = None) -> MeetingSeries:
    """A new series with its occurrences from its start (past ones too) to the horizon."""
    now = now or utcnow()
    series = MeetingSeries(created_by_id=getattr(by, "id", None), active=True)
    db.session.add(series)
    _assign(series, data)
    db.session.flush()
    _regenerate(series, now=now, by=by, reason="created", include_past=True)
    audit.record(by, "create", series,
                 {k: [None, v] for k, v in _series_snapshot(series).items()})
    return series


def update_series(by, series: MeetingSeries, data: SeriesInput, *, version,
                  now: datetime | None = None) -> tuple[dict, SyncResult]:
    """Save the series and regenerate its future occurrences (raises StaleEdit); the
    participants are told what changed (hub.meetings.changes)."""
    check_version(series, version)
    now = now or utcnow()
    before = _series_snapshot(series)
    _assign(series, data)
    changes = _series_diff(before, series)
    result, _told = _regenerate(series, now=now, by=by, reason="edited")
    if changes:
        audit.record(by, "update", series, changes)
    return changes, result


def set_active(by, series: MeetingSeries, active: bool, *, version=None,
               now: datetime | None = None) -> SyncResult:
    """Deactivate: no more occurrences; future unprotected ones are deleted. Reactivate: they
    come back up to the horizon."""
    if version is not None:
        check_version(series, version)
    now = now or utcnow()
    if series.active == active:
        return SyncResult()
    series.active = active
    result, _told = _regenerate(series, now=now, by=by,
                                reason="activated" if active else "deactivated")
    audit.record(by, "activate" if active else "deactivate", series,
                 {"active": [not active, active]})
    return result


def extend_horizons(today: date, *, now: datetime | None = None) -> int:
    """Extend every active series' occurrences to HORIZON_MONTHS after `today` (the daily
    scheduler job and `flask --app wsgi hub extend-horizon`). Creates rows for new rule dates
    only; touches no existing row. Commits. Returns the number of occurrences created."""
    now = now or utcnow()
    target = horizon_for(today)
    created = 0
    stmt = (db.select(MeetingSeries).where(MeetingSeries.active.is_(True))
            .where(db.or_(MeetingSeries.horizon_until.is_(None),
                          MeetingSeries.horizon_until < target))
            .options(selectinload(MeetingSeries.hosts), selectinload(MeetingSeries.parks),
                     selectinload(MeetingSeries.people))
            .order_by(MeetingSeries.id))
    for series in db.session.execute(stmt).scalars():
        old = series.horizon_until
        result = sync(series, now=now, only_after=old or date.min, through=target)
        created += result.created
    db.session.commit()
    return created
