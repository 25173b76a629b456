"""Chinese statutory holidays (法定节假日) for meeting occurrences, from `chinese-calendar`.

A statutory holiday is a day `chinese_calendar.get_holiday_detail` reports as a holiday WITH a
name; plain weekends are not. MOVE goes to the next working day by `chinese_calendar.is_workday`,
so 调休 make-up working days (a Saturday or Sunday worked instead) count as working days. The
package has data for a range of years only; outside it the date is kept and flagged unchecked.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import chinese_calendar

from hub.meetings.models import HolidayPolicy

# the package's English holiday names → the names people use
HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}
MAX_SEARCH_DAYS = 31  # the longest run of non-working days is far shorter


@dataclass(frozen=True)
class Adjustment:
    """What the holiday policy does to one rule date."""

    day: date | None  # the date the meeting is held on; None: skipped
    holiday_en: str = ""  # the holiday's English name when the rule date is a statutory holiday
    unchecked_year: int | None = None  # no holiday data for that year: kept unchecked

    @property
    def holiday_zh(self) -> str:
        return HOLIDAY_NAMES_ZH.get(self.holiday_en, self.holiday_en)


def statutory_holiday(day: date) -> str:
    """The English name of the statutory holiday on `day`, or "" (raises NotImplementedError
    when the package has no data for the year)."""
    on_holiday, name = chinese_calendar.get_holiday_detail(day)
    return name if on_holiday and name else ""


def next_working_day(day: date) -> date:
    candidate = day
    for _ in range(MAX_SEARCH_DAYS):
        candidate += timedelta(days=1)
        if chinese_calendar.is_workday(candidate):
            return candidate
    raise NotImplementedError(f"no working day within {MAX_SEARCH_DAYS} days of {day}")


def adjust(day: date, policy: HolidayPolicy) -> Adjustment:
    try:
        name = statutory_holiday(day)
    except NotImplementedError:
        return Adjustment(day, unchecked_year=day.year)
    if not name:
        return Adjustment(day)
    if policy is HolidayPolicy.KEEP:
        return Adjustment(day, holiday_en=name)
    if policy is HolidayPolicy.SKIP:
        return Adjustment(None, holiday_en=name)
    try:
        return Adjustment(next_working_day(day), holiday_en=name)
    except NotImplementedError:  # the next working day lies in a year without data
        return Adjustment(day, unchecked_year=day.year + 1)
