"""The list pages' totals, read from the running tallies kept by database triggers
(hub.dashboard.models.Tally, the one tally table: see there how it follows every write).
tests/lists/test_list_tally.py compares the topics read here with a recount after writes
through the services and through plain SQL.

Topics read here (the rules are in the migrations; a change of a rule is a new migration):

- "case" (migration k1_dashboard_tally, shared with the dashboard): land cases not deleted, by
  park and status (day = NO_DAY), hundredths = 亩 × 100.
- "talent_month" / "talent_day": talent listings not deleted, by park, status and the month
  of the expiry date (day = the month's first day) / the expiry date; each listing also under
  park_id ALL_PARKS (0) (migration k6_list_tally). "Expires today or later" reads this month's
  days and the later months: at most 31 days' and the future months' rows per status, however
  many listings (and, without a park filter, however many parks) there are.

Rows whose count fell to 0 stay (as many as distinct keys ever used).
"""

from datetime import date
from functools import cache

from sqlalchemy import and_, bindparam, func, or_, select

from hub.dashboard.models import NO_DAY, Tally
from hub.extensions import db

ALL_PARKS = 0  # park_id of the talent topics' rows over all parks


def case_totals(park_id: int | None = None,
                status: str | None = None) -> dict[str, tuple[int, int]]:
    """Land cases not deleted, of `park_id` (all parks without) and `status` (all without):
    status value -> (count, 亩 × 100). Reads one tally row per park and status."""
    params = {}
    if park_id:
        params["tally_park"] = park_id
    if status:
        params["tally_status"] = status
    stmt = _case_totals_stmt(bool(park_id), bool(status))
    return {s: (int(n), int(h)) for s, n, h in db.session.execute(stmt, params)}


@cache
def _case_totals_stmt(by_park: bool, by_status: bool):
    """`case_totals`' statement, built once per shape (park and/or status given: parameters
    "tally_park", "tally_status"), issue 16."""
    stmt = (select(Tally.status, func.sum(Tally.n), func.sum(Tally.hundredths))
            .where(Tally.topic == "case", Tally.day == NO_DAY))
    if by_park:
        stmt = stmt.where(Tally.park_id == bindparam("tally_park"))
    if by_status:
        stmt = stmt.where(Tally.status == bindparam("tally_status"))
    return stmt.group_by(Tally.status)


def live_listings(today: date, park_id: int | None = None, status: str | None = None) -> int:
    """Talent listings not deleted that expire on `today` or later, of `park_id` and
    `status` (all without either)."""
    return int(db.session.execute(live_listings_stmt(today, park_id, status)).scalar_one())


def live_listings_stmt(today: date, park_id: int | None = None, status: str | None = None):
    """`live_listings` as a select of one value (e.g. a column of the page's statement)."""
    month_start = today.replace(day=1)
    return _live_listings(today, month_start, next_month(month_start), park_id or None,
                          status or None)


def live_listings_bound(by_park: bool, by_status: bool):
    """`live_listings_stmt` with bound parameters (`live_listings_values`: the dates, and
    "park_id" / "tally_status" when `by_park` / `by_status`), for a statement built once."""
    return _live_listings(bindparam("tally_today"), bindparam("tally_month"),
                          bindparam("tally_next_month"),
                          bindparam("park_id") if by_park else None,
                          bindparam("tally_status") if by_status else None)


def live_listings_values(today: date, status: str | None = None) -> dict:
    month_start = today.replace(day=1)
    return {"tally_today": today, "tally_month": month_start,
            "tally_next_month": next_month(month_start), "tally_status": status}


def _live_listings(today, month_start, next_month, park_id, status):
    rows = or_(and_(Tally.topic == "talent_month", Tally.day > month_start),
               and_(Tally.topic == "talent_day", Tally.day >= today, Tally.day < next_month))
    stmt = select(func.coalesce(func.sum(Tally.n), 0)).where(rows)
    stmt = stmt.where(Tally.park_id == (ALL_PARKS if park_id is None else park_id))
    if status is not None:
        stmt = stmt.where(Tally.status == status)
    return stmt


def next_month(first: date) -> date:
    """The first day of the month after the one starting on `first`."""
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)
