"""The holiday table: fill it from the libraries, read it as a `Calendar`, save an admin's year.

Planning (hub.meetings) reads holiday data only through `calendar_for`. A year missing from the
table is filled first from a library (`sources.library_data`: 官方 from chinese-calendar, else
暂定 by law), so planning always works from rows people can see on /admin/holidays/.
`refresh_from_libraries` (the daily job, `hub seed-demo`) also replaces a 暂定 year by the
library's 官方 data once an upgraded chinese-calendar ships it; a year entered by an admin is
never overwritten. Plain functions; the caller commits.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from hub import audit
from hub.extensions import db
from hub.holidays import sources
from hub.holidays.models import HolidayRange, HolidayYear, MakeupWorkday, Provenance, Source

_CACHE_KEY = "hub_holiday_calendar"


# --- the lookup planning uses -------------------------------------------------------------------
@dataclass
class Calendar:
    """Holiday data of some years, as planning asks for it."""

    provenance: dict[int, Provenance] = field(default_factory=dict)
    off: dict[date, str] = field(default_factory=dict)  # day off → holiday name (Chinese)
    workdays: set[date] = field(default_factory=set)  # 调休 working days

    def holiday(self, day: date) -> str:
        """The name of the holiday `day` belongs to, or "" (a plain weekend is no holiday)."""
        return self.off.get(day, "")

    def is_workday(self, day: date) -> bool:
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.off

    def is_provisional(self, day: date) -> bool:
        """True when `day`'s year is 暂定 (or has no data at all)."""
        return self.provenance.get(day.year) is not Provenance.OFFICIAL


def data_hash(ranges, workdays) -> str:
    """sha256 over the year's ranges and 调休 working days (names included)."""
    lines = sorted(f"R {r.first.isoformat()} {r.last.isoformat()} {r.name}" for r in ranges)
    lines += sorted(f"W {d.isoformat()} {n}" for d, n in workdays)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def year_data(row: HolidayYear) -> sources.YearData:
    return sources.YearData(
        row.year, row.provenance, row.source, row.source_version,
        [sources.Range(r.name, r.first_day, r.last_day) for r in row.ranges],
        [(w.day, w.name) for w in row.workdays])


def _forget_cache() -> None:
    db.session.info.pop(_CACHE_KEY, None)


def _write(row: HolidayYear, data: sources.YearData) -> bool:
    """Give `row` the ranges and working days of `data`; True when the data changed."""
    new_hash = data_hash(data.ranges, data.workdays)
    row.provenance, row.source, row.source_version = data.provenance, data.source, \
        data.source_version
    if row.data_hash == new_hash:
        return False
    row.ranges = [HolidayRange(name=r.name, first_day=r.first, last_day=r.last)
                  for r in data.ranges]
    row.workdays = [MakeupWorkday(day=d, name=n) for d, n in data.workdays]
    row.data_hash = new_hash
    _forget_cache()
    return True


def _insert_from_library(year: int) -> None:
    """Add `year` from the libraries (a concurrent insert of the same year is fine)."""
    data = sources.library_data(year)
    try:
        with db.session.begin_nested():
            row = HolidayYear(year=year, data_hash="")
            db.session.add(row)
            _write(row, data)
            # planned_hash stays "": occurrences planned before this row existed (on other
            # data, or on none) are re-planned by the next daily job
    except IntegrityError:
        pass  # another transaction added the year first: its row is as good


def ensure_years(years) -> None:
    wanted = set(years)
    have = set(db.session.execute(
        db.select(HolidayYear.year).where(HolidayYear.year.in_(wanted))).scalars())
    for year in sorted(wanted - have):
        _insert_from_library(year)


def calendar_for(first: date, last: date) -> Calendar:
    """The holiday data planning needs for local dates `first`..`last` (and a year either
    side: a move may cross into the next year, 元旦 may start in December). Fills missing years
    from the libraries. Cached in the session until holiday data is written."""
    years = range(first.year - 1, last.year + 2)
    cached = db.session.info.get(_CACHE_KEY)
    if cached is not None and cached[0] == (years.start, years.stop):
        return cached[1]
    ensure_years(years)
    cal = Calendar()
    rows = db.session.execute(
        db.select(HolidayYear).where(HolidayYear.year.in_(list(years)))
        .options(selectinload(HolidayYear.ranges), selectinload(HolidayYear.workdays))).scalars()
    for row in rows:
        cal.provenance[row.year] = row.provenance
        for r in row.ranges:
            day = r.first_day
            while day <= r.last_day:
                cal.off.setdefault(day, r.name)
                day = date.fromordinal(day.toordinal() + 1)
        cal.workdays.update(w.day for w in row.workdays)
    cal.off = {d: n for d, n in cal.off.items() if d not in cal.workdays}
    db.session.info[_CACHE_KEY] = ((years.start, years.stop), cal)
    return cal


# --- the admin page and the daily job -----------------------------------------------------------
def list_years() -> list[HolidayYear]:
    return list(db.session.execute(
        db.select(HolidayYear).options(selectinload(HolidayYear.ranges),
                                       selectinload(HolidayYear.workdays))
        .order_by(HolidayYear.year.desc())).scalars())


def get_year(year: int) -> HolidayYear | None:
    return db.session.get(HolidayYear, year)


def refresh_from_libraries(years) -> list[int]:
    """Fill missing years from the libraries and bring library-made years up to date (a 暂定
    year becomes 官方 when chinese-calendar ships its notice). Years entered by an admin are
    kept. Returns the years whose data changed."""
    changed = []
    ensure_years(years)
    for year in sorted(set(years)):
        row = get_year(year)
        if row is None or row.source is Source.ADMIN:
            continue
        if _write(row, sources.library_data(year)):
            changed.append(year)
    return changed


def save_year(by, year: int, data: sources.YearData, notice: str) -> HolidayYear:
    """Store an admin's arrangement of `year` (官方, from the State Council's notice). The
    caller re-plans (hub.holidays.replan) and commits."""
    row = get_year(year)
    if row is None:
        row = HolidayYear(year=year, data_hash="", planned_hash="")
        db.session.add(row)
    before = {"provenance": row.provenance, "source": row.source, "data_hash": row.data_hash}
    _write(row, sources.YearData(year, Provenance.OFFICIAL, Source.ADMIN, "",
                                 data.ranges, data.workdays))
    row.notice = notice
    row.updated_by_id = getattr(by, "id", None)
    db.session.flush()
    if by is not None:
        audit.record(by, "update", row, {k: [v, getattr(row, k)] for k, v in before.items()
                                         if getattr(row, k) != v})
    return row
