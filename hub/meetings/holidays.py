"""Statutory holidays (法定节假日) in meeting planning: where each rule date of a series is held.

The holiday data comes only from the holiday table (hub.holidays: 官方 or 暂定 per year, see
/admin/holidays/), read as a `Calendar`. A statutory holiday is a day inside a holiday range;
a plain weekend is not. MOVE goes to the next working day, where 调休 make-up working days
(a Saturday or Sunday worked instead) count as working days.

No double booking: two occurrences of a series never share a day. Rule dates held on their own
day and the occurrences a regeneration must leave alone (`fixed`: past, moved by hand,
protected) are placed first; then each holiday move, in order, takes the next FREE working day.
A clash with a fixed occurrence is resolved by the series' policy: MOVE takes the next free
working day, SKIP and KEEP leave the date out. Every such case carries a note.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from hub.holidays.services import Calendar
from hub.meetings import holiday_notes
from hub.meetings.models import HolidayPolicy

MAX_SEARCH_DAYS = 31  # the longest run of non-working days is far shorter


@dataclass(frozen=True)
class Adjustment:
    """What the holiday policy does to one rule date."""

    day: date | None  # the date the meeting is held on; None: skipped
    holiday_zh: str = ""  # the holiday's name when the rule date is a statutory holiday
    provisional: bool = False  # planned on 暂定 holiday data (the date may still change)
    taken: date | None = None  # a day it could not have: another occurrence holds it
    no_free_day: bool = False  # MOVE found no free working day within MAX_SEARCH_DAYS


def _next_free_workday(cal: Calendar, day: date, taken: set[date]) -> date | None:
    candidate = day
    for _ in range(MAX_SEARCH_DAYS):
        candidate += timedelta(days=1)
        if cal.is_workday(candidate) and candidate not in taken:
            return candidate
    return None


def place(rule_dates: list[date], policy: HolidayPolicy, cal: Calendar,
          fixed: dict[date, date | None] | None = None) -> list[Adjustment]:
    """Where each of `rule_dates` (in order) is held. `fixed`: rule date → the day an
    occurrence planning must not touch is held on (None: cancelled, holds no day)."""
    fixed = fixed or {}
    taken: set[date] = {d for d in fixed.values() if d is not None}
    out: list[Adjustment | None] = [None] * len(rule_dates)
    to_move: list[tuple[int, date | None]] = []  # (index, the day it clashed on)
    for i, rule_date in enumerate(rule_dates):
        provisional = cal.is_provisional(rule_date)
        if rule_date in fixed:
            out[i] = Adjustment(fixed[rule_date], provisional=provisional)
            continue
        name = cal.holiday(rule_date)
        if name and policy is HolidayPolicy.SKIP:
            out[i] = Adjustment(None, name, provisional)
        elif name and policy is HolidayPolicy.MOVE:
            to_move.append((i, None))
        elif rule_date in taken:  # held on its own day, but that day is another's
            if policy is HolidayPolicy.MOVE:
                to_move.append((i, rule_date))
            else:
                out[i] = Adjustment(None, name, provisional, taken=rule_date)
        else:
            out[i] = Adjustment(rule_date, name, provisional)
            taken.add(rule_date)
    for i, clashed in to_move:
        rule_date = rule_dates[i]
        name = cal.holiday(rule_date)
        first = _next_free_workday(cal, rule_date, set())
        day = _next_free_workday(cal, rule_date, taken)
        provisional = cal.is_provisional(rule_date) or (day is not None
                                                         and cal.is_provisional(day))
        if day is None:
            out[i] = Adjustment(None, name, provisional, taken=clashed or first,
                                no_free_day=True)
            continue
        taken.add(day)
        out[i] = Adjustment(day, name, provisional,
                            taken=clashed or (first if first != day else None))
    return out  # type: ignore[return-value]


def note(adj: Adjustment, rule_date: date) -> str:
    """Why the date changed (or stayed on a holiday); in the site's default language (the
    reader's language: hub.meetings.holiday_notes.render of the stored facts)."""
    return holiday_notes.site_text(holiday_notes.facts(adj, rule_date))
