"""Where a year's holiday data comes from when nobody entered it: the libraries.

- chinese-calendar ships the State Council's notices (官方) for the years it covers;
- the `holidays` package computes the statutory holidays by law (暂定) for any year: the 2024
  rules (春节 from 除夕, 劳动节 two days…), a holiday on a weekend made up on the next working
  day. It knows no 调休 working days of a year without a notice. No lunar arithmetic here.

Both give a `YearData`: ranges of consecutive days off (named as people write them) and 调休
working days. Pure functions, no database.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib.metadata import version

import chinese_calendar
import holidays as holidays_lib
from chinese_calendar import constants as cc_data

from hub.holidays.models import Provenance, Source

# the names chinese-calendar uses (English) → the names of the notice
NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}
NAMES_EN = {zh: en for en, zh in NAMES_ZH.items()}
# the `holidays` package's Chinese names → the notice's: 除夕 belongs to 春节, 补假 to its holiday
LAW_ALIASES = {"农历除夕": "春节"}


@dataclass(frozen=True)
class Range:
    name: str
    first: date
    last: date


@dataclass
class YearData:
    year: int
    provenance: Provenance
    source: Source
    source_version: str = ""
    ranges: list[Range] = field(default_factory=list)
    workdays: list[tuple[date, str]] = field(default_factory=list)  # (day, holiday name)


def english_name(name_zh: str) -> str:
    """`国庆节` → `National Day`; `中秋节、国庆节` → `Mid-autumn Festival, National Day`;
    a name not known is given back as it is."""
    parts = [p for p in name_zh.replace("，", "、").split("、") if p]
    return ", ".join(NAMES_EN.get(p, p) for p in parts) or name_zh


def _join_names(names: list[str]) -> str:
    seen: list[str] = []
    for name in names:
        for part in name.split("、"):
            if part and part not in seen:
                seen.append(part)
    return "、".join(seen)


# --- chinese-calendar (官方) ----------------------------------------------------------------
def official_years() -> range:
    years = [d.year for d in cc_data.holidays]
    return range(min(years), max(years) + 1)


def from_chinese_calendar(year: int) -> YearData | None:
    """The year as chinese-calendar ships it, or None when it has no data for it. A range is
    a run of consecutive days off (weekends inside a break included, as the package lists
    them) and belongs to the year of its last day (元旦 may start in December)."""
    if year not in official_years():
        return None
    days = sorted(d for d in cc_data.holidays
                  if date(year - 1, 12, 1) <= d <= date(year, 12, 31))
    runs: list[list[date]] = []
    for day in days:
        if runs and runs[-1][-1] + timedelta(days=1) == day \
                and cc_data.holidays[runs[-1][-1]] == cc_data.holidays[day]:
            runs[-1].append(day)
        else:
            runs.append([day])
    ranges = [Range(_join_names([NAMES_ZH.get(cc_data.holidays[d], cc_data.holidays[d])
                                 for d in run]), run[0], run[-1])
              for run in runs if run[-1].year == year]
    workdays = [(d, NAMES_ZH.get(name, name)) for d, name in sorted(cc_data.workdays.items())
                if d.year == year]
    return YearData(year, Provenance.OFFICIAL, Source.CHINESE_CALENDAR,
                    version("chinese-calendar"), ranges, workdays)


# --- the `holidays` package (暂定, by law) ---------------------------------------------------
def _law_name(name: str) -> str:
    name = name.split("（")[0].split("(")[0].strip()
    return LAW_ALIASES.get(name, name)


def from_law(year: int) -> YearData:
    """The statutory days off of `year` as the law gives them, grouped with the weekend days
    next to them into the ranges a notice would list (e.g. 清明节 2027-04-03 至 2027-04-05)."""
    calendar = holidays_lib.China(years=year, language="zh_CN")
    off = {d: _law_name(n) for d, n in calendar.items() if d.year == year}
    workdays = {d for d in calendar.weekend_workdays if d.year == year}

    def is_off(day: date) -> bool:
        return day in off or (day.weekday() >= 5 and day not in workdays)

    ranges: list[Range] = []
    for day in sorted(off):
        if ranges and ranges[-1].last >= day:
            continue
        first, last = day, day
        while is_off(first - timedelta(days=1)) and first - timedelta(days=1) >= date(year, 1, 1):
            first -= timedelta(days=1)
        while is_off(last + timedelta(days=1)) and last + timedelta(days=1) <= date(year, 12, 31):
            last += timedelta(days=1)
        names = [off[d] for d in sorted(off) if first <= d <= last]
        ranges.append(Range(_join_names(names), first, last))
    return YearData(year, Provenance.PROVISIONAL, Source.HOLIDAYS_LAW, version("holidays"),
                    ranges, [(d, "") for d in sorted(workdays)])


def library_data(year: int) -> YearData:
    """The best a library knows of `year`: the official notice, else the law's days."""
    return from_chinese_calendar(year) or from_law(year)


__all__ = ["chinese_calendar", "english_name", "from_chinese_calendar", "from_law",
           "library_data", "official_years"]
