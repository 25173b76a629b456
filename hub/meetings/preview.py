"""The next dates of a series as the series form stands (预览), before it is saved.

Planned by the same functions a save uses (`services.plan`: the recurrence expansion and the
holiday table through hub.meetings.holidays), over the same horizon, leaving out the same
occurrences an edit would keep as they are; so the dates shown are the dates the save creates."""

from dataclasses import dataclass
from datetime import date, datetime, time
from types import SimpleNamespace

from hub.meetings import holiday_notes, recurrence, services
from hub.meetings.models import HolidayPolicy, MeetingSeries
from hub.timeutil import local_today

LIMIT = 8


@dataclass(frozen=True)
class PreviewDate:
    rule_date: date
    day: date | None  # None: skipped for a holiday
    starts_local: datetime | None
    note: str  # the holiday note the occurrence gets (the reader's language)
    provisional: bool  # planned on 暂定 holiday data
    host: str  # short name of the rotation's host park, "" without rotation
    kept: bool  # an existing occurrence the save leaves as it is

    @property
    def moved(self) -> bool:
        return self.day is not None and self.day != self.rule_date


@dataclass(frozen=True)
class Shape:
    """What the dates depend on."""

    rrule: str
    start_date: date
    start_time: time
    timezone: str
    holiday_policy: HolidayPolicy
    hosts: list  # parks of the rotation, in order


def next_dates(shape: Shape, *, now: datetime, series: MeetingSeries | None = None,
               limit: int = LIMIT) -> list[PreviewDate]:
    """The first `limit` rule dates after `now` (skipped ones included) as saving `shape`
    would plan them; `series`: the series being edited (its kept occurrences stay)."""
    through = services.horizon_for(local_today(now))
    fixed = None
    if series is not None:
        if series.horizon_until and series.horizon_until > through:
            through = series.horizon_until
        fixed = services.kept_days(series, now)
    planner = SimpleNamespace(
        rrule=shape.rrule, start_date=shape.start_date, start_time=shape.start_time,
        timezone=shape.timezone, holiday_policy=shape.holiday_policy,
        hosts=[SimpleNamespace(park_id=p.id) for p in shape.hosts])
    names = {p.id: p.short_name for p in shape.hosts}
    tz = recurrence.zone(shape.timezone)
    out = []
    for item in services.plan(planner, through, fixed):  # type: ignore[arg-type]
        if item.original_start <= now:
            continue
        out.append(PreviewDate(
            rule_date=item.rule_date, day=item.day,
            starts_local=item.starts_at.astimezone(tz) if item.starts_at else None,
            note=holiday_notes.render(item.holiday_facts), provisional=item.provisional,
            host=names.get(item.host_park_id, ""),
            kept=bool(fixed) and item.rule_date in fixed))
        if len(out) >= limit:
            break
    return out
