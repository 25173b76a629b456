"""Re-plan future meeting occurrences when holiday data changes: preview, save, daily job.

Re-planning goes through the one regeneration path, `hub.meetings.services.sync(series, now=)`,
per active series: unprotected future occurrences take the new holiday placement; those moved by
hand, cancelled or claimed by a protector (agenda topics, replies, minutes…) are kept. The
preview runs the very same `sync` inside a savepoint and rolls it back, so it shows exactly what
saving will do.

Telling people: each re-planned series is announced through `hub.meetings.changes` (reason
"holidays"): ONE message per participant listing the meetings moved, added and removed, its mail
carrying the iTIP REQUEST/CANCEL parts — the same path a series edit takes. Occurrences `sync`
removes (a SKIP series whose date became a holiday) are cancelled in calendars that way too.
"""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import selectinload

from hub import audit
from hub.extensions import db
from hub.holidays import services
from hub.holidays.models import HolidayYear
from hub.holidays.sources import YearData
from hub.meetings import changes
from hub.meetings import services as meetings
from hub.meetings.models import Meeting, MeetingSeries
from hub.timeutil import utcnow


@dataclass
class Move:
    """One future occurrence whose date the new holiday data changes."""

    series_id: int
    meeting_id: int | None
    title: str
    timezone: str
    old_start: datetime | None  # None: a new occurrence
    new_start: datetime | None  # None: removed
    holiday_note: str = ""  # why, in the site's language (what rows without facts show)
    holiday_facts: dict | None = None  # why, as facts: the page writes them in its language

    @property
    def kind(self) -> str:
        if self.old_start is None:
            return "added"
        return "removed" if self.new_start is None else "moved"


def _series_for(years) -> list[MeetingSeries]:
    """Active series whose occurrences may fall in `years` (their horizon reaches them)."""
    first = date(min(years) - 1, 12, 1)
    return list(db.session.execute(
        db.select(MeetingSeries).where(MeetingSeries.active.is_(True))
        .where(db.or_(MeetingSeries.horizon_until.is_(None),
                      MeetingSeries.horizon_until >= first))
        .options(selectinload(MeetingSeries.hosts), selectinload(MeetingSeries.parks),
                 selectinload(MeetingSeries.people))
        .order_by(MeetingSeries.id)).scalars())


def _future(series: MeetingSeries, now: datetime) -> dict[int, tuple[datetime, str, str]]:
    return {m.id: (m.starts_at, m.title, m.timezone) for m in db.session.execute(
        db.select(Meeting).where(Meeting.series_id == series.id, Meeting.starts_at > now))
        .scalars()}


Captured = list[tuple[MeetingSeries, dict]]


def _replan(series_list: list[MeetingSeries], now: datetime) -> tuple[list[Move], Captured]:
    """`sync` each series; the moves, and each series' occurrences before (to announce)."""
    moves: list[Move] = []
    captured: Captured = []
    for series in series_list:
        captured.append((series, changes.capture(series, now)))
        before = _future(series, now)
        meetings.sync(series, now=now)
        after = {m.id: m for m in db.session.execute(
            db.select(Meeting).where(Meeting.series_id == series.id, Meeting.starts_at > now))
            .scalars()}
        for meeting_id, (start, title, tz) in before.items():
            row = after.get(meeting_id)
            if row is None:
                moves.append(Move(series.id, None, title, tz, start, None))
            elif row.starts_at != start:
                moves.append(Move(series.id, row.id, row.title, row.timezone, start,
                                  row.starts_at, row.holiday_note,
                                  row.holiday_facts))
        for meeting_id, row in after.items():
            if meeting_id not in before:
                moves.append(Move(series.id, row.id, row.title, row.timezone, None,
                                  row.starts_at, row.holiday_note,
                                  row.holiday_facts))
    moves.sort(key=lambda m: (m.old_start or m.new_start, m.series_id))
    return moves, captured


def _announce(by, captured: Captured, now: datetime) -> None:
    """One message per participant and series (hub.meetings.changes, reason "holidays")."""
    for series, before in captured:
        changes.announce(series, before, now=now, by=by, reason="holidays")


def preview(year: int, data: YearData, *, now: datetime | None = None) -> list[Move]:
    """What saving `data` as `year`'s arrangement would do to future occurrences (nothing is
    kept: the same `sync` runs inside a savepoint that is rolled back)."""
    now = now or utcnow()
    savepoint = db.session.begin_nested()
    try:
        services.save_year(None, year, data, "")
        moves, _captured = _replan(_series_for([year]), now)
    finally:
        savepoint.rollback()
        services._forget_cache()
    return moves


def save(by, year: int, data: YearData, notice: str, *,
         now: datetime | None = None) -> tuple[HolidayYear, list[Move]]:
    """Store the admin's arrangement of `year`, re-plan future occurrences and tell the
    participants. The caller commits."""
    now = now or utcnow()
    row = services.save_year(by, year, data, notice)
    moves, captured = _replan(_series_for([year]), now)
    _announce(by, captured, now)
    row.planned_hash = row.data_hash
    if moves:
        audit.record(by, "replan", row, {"moved": [None, len(moves)]})
    return row, moves


def daily(today: date, *, now: datetime | None = None) -> list[Move]:
    """The daily job: fill and refresh library-made years from last year to the end of the
    planning horizon, then re-plan when any year's data differs from what the occurrences were
    planned on (its `planned_hash`). Commits."""
    now = now or utcnow()
    years = range(today.year - 1, meetings.horizon_for(today).year + 2)
    services.refresh_from_libraries(years)
    stale = list(db.session.execute(
        db.select(HolidayYear).where(HolidayYear.data_hash != HolidayYear.planned_hash)).scalars())
    moves: list[Move] = []
    if stale:
        moves, captured = _replan(_series_for([r.year for r in stale]), now)
        _announce(None, captured, now)
        for row in stale:
            row.planned_hash = row.data_hash
    db.session.commit()
    return moves
