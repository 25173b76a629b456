"""Running tallies behind the list pages' totals, kept by database triggers.

One row per (topic, park, day, status): how many rows of the source table have that key, and
the sum of an amount over them. The triggers of migration k6_list_tally add a row's
contribution on INSERT, take it away on DELETE and do both on an UPDATE of a counted column,
in the writing statement's transaction: the tallies follow every write, from a service, a
fixture, the data generator or plain SQL; the application never writes this table.
tests/lists/test_list_tally.py compares it with a recount after writes of both kinds.
(Branch dash keeps the dashboard's figures the same way in dashboard_tally; topic "case" is
the same rule there.)

Topics (the rules are in the migration; a change of a rule is a new migration):

- "case": land cases not deleted, by park and status (day = NO_DAY), hundredths = 亩 × 100.
- "talent_month" / "talent_day": talent listings not deleted, by park, status and the month
  of the expiry date (day = the month's first day) / the expiry date; each listing also under
  park_id ALL_PARKS (0). "Expires today or later" reads this month's days and the later
  months: at most 31 days' and the future months' rows per status, however many listings
  (and, without a park filter, however many parks) there are.

Rows whose count fell to 0 stay (as many as distinct keys ever used).
"""

from datetime import date

from sqlalchemy import BigInteger, Date, Integer, String, and_, func, or_, select
from sqlalchemy.orm import Mapped, mapped_column

from hub.extensions import db

NO_DAY = date(9999, 12, 31)  # topics without a day
ALL_PARKS = 0  # park_id of the talent topics' rows over all parks


class ListTally(db.Model):
    __tablename__ = "list_tally"

    # primary key in this order: one topic's days are one index range
    topic: Mapped[str] = mapped_column(String(16), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    park_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String(32), primary_key=True)
    n: Mapped[int] = mapped_column(Integer)
    hundredths: Mapped[int] = mapped_column(BigInteger)  # the amount × 100 (亩 of cases)


def _where(stmt, park_id: int | None, status: str | None):
    if park_id:
        stmt = stmt.where(ListTally.park_id == park_id)
    if status:
        stmt = stmt.where(ListTally.status == status)
    return stmt


def case_totals(park_id: int | None = None,
                status: str | None = None) -> dict[str, tuple[int, int]]:
    """Land cases not deleted, of `park_id` (all parks without) and `status` (all without):
    status value -> (count, 亩 × 100). Reads one tally row per park and status."""
    stmt = _where(select(ListTally.status, func.sum(ListTally.n), func.sum(ListTally.hundredths))
                  .where(ListTally.topic == "case", ListTally.day == NO_DAY),
                  park_id, status).group_by(ListTally.status)
    return {s: (int(n), int(h)) for s, n, h in db.session.execute(stmt)}


def live_listings(today: date, park_id: int | None = None, status: str | None = None) -> int:
    """Talent listings not deleted that expire on `today` or later, of `park_id` and
    `status` (all without either)."""
    return int(db.session.execute(live_listings_stmt(today, park_id, status)).scalar_one())


def live_listings_stmt(today: date, park_id: int | None = None, status: str | None = None):
    """`live_listings` as a select of one value (e.g. a column of the page's statement)."""
    month_start = today.replace(day=1)
    rows = or_(and_(ListTally.topic == "talent_month", ListTally.day > month_start),
               and_(ListTally.topic == "talent_day", ListTally.day >= today,
                    ListTally.day < _next_month(month_start)))
    stmt = _where(select(func.coalesce(func.sum(ListTally.n), 0)).where(rows),
                  park_id or None, status)
    if not park_id:
        stmt = stmt.where(ListTally.park_id == ALL_PARKS)
    return stmt


def _next_month(first: date) -> date:
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)
