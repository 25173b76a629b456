"""The dashboard's per-park figures read from the running tallies (hub.dashboard.models.Tally)
instead of counting every action item and land case: a few hundred tally rows per figure,
whatever the number of items (the rows grow with the calendar span of the due dates and
deadlines, by month, plus the current month's days).

Each function returns the same numbers as the recount named in its docstring; the tests
(tests/dashboard/test_tally.py) compare the two after writes through the services and through
plain SQL.
"""

from datetime import date
from decimal import Decimal

from sqlalchemy import and_, func, or_, select

from hub.dashboard.models import DONE, OPEN, Tally
from hub.extensions import db
from hub.land.models import CaseStatus
from hub.land.queries import StatusTotal
from hub.parks.models import Park

CENT = Decimal("0.01")


def _before(today, month_topic: str, day_topic: str, status: str | None = None,
            month_start=None):
    """SQL over Tally: the row counts something dated before `today` (the months before this
    one, the days of this month before today); and the rows that condition needs. `today` and
    `month_start` (its month's first day) may be bound parameters."""
    if month_start is None:
        month_start = today.replace(day=1)
    months = and_(Tally.topic == month_topic, Tally.day < month_start,
                  *([Tally.status == status] if status else []))
    days = and_(Tally.topic == day_topic, Tally.day >= month_start, Tally.day < today,
                *([Tally.status == status] if status else []))
    return or_(months, days), days


def _sum(cond):
    return func.coalesce(func.sum(Tally.n).filter(cond), 0)


def _action_parts(today, month_start=None):
    """The open, overdue and done columns of action items, and the tally rows they read."""
    overdue, this_month = _before(today, "action_month", "action_day", OPEN, month_start)
    month = Tally.topic == "action_month"
    columns = (_sum(and_(month, Tally.status == OPEN)).label("open"),
               _sum(overdue).label("overdue"),
               _sum(and_(month, Tally.status == DONE)).label("done"))
    return columns, or_(month, this_month)


def action_counts_stmt(today, park_id=None, month_start=None):
    """SELECT owner park, open, overdue, done of followed action items (minutes published or
    none), one row per park with a tally (the recount: hub.actions.queries.counts_by_park).
    The items of unpublished minutes are tallied apart ("open_waiting", "done_waiting")."""
    columns, rows = _action_parts(today, month_start)
    stmt = select(Tally.park_id, *columns).where(rows).group_by(Tally.park_id)
    if park_id is not None:
        stmt = stmt.where(Tally.park_id == park_id)
    return stmt


def action_counts_by_park(today: date) -> dict[int, dict[str, int]]:
    """{owner park id: {"open", "overdue", "done"}} of followed items, as
    hub.actions.queries.counts_by_park(today) (parks without items may be present, with 0)."""
    return {park_id: {"open": int(o), "overdue": int(od), "done": int(d)}
            for park_id, o, od, d in db.session.execute(action_counts_stmt(today))}


def park_counts_stmt(today, month_start=None):
    """SELECT park, open, overdue, done (action items), overdue cases: `action_counts_stmt`
    and `overdue_cases_by_park` in one GROUP BY over both topics' tally rows (the admin's park
    table). `today` and `month_start` may be bound parameters."""
    columns, action_rows = _action_parts(today, month_start)
    cases, cases_this_month = _before(today, "case_due_month", "case_due_day", None, month_start)
    return (select(Tally.park_id, *columns, _sum(cases).label("overdue_cases"))
            .where(or_(action_rows, Tally.topic == "case_due_month", cases_this_month))
            .group_by(Tally.park_id))


def park_counts(rows) -> tuple[dict[int, dict[str, int]], dict[int, int]]:
    """The rows of `park_counts_stmt` as (`action_counts_by_park`, `overdue_cases_by_park`)."""
    counts, overdue_cases = {}, {}
    for park_id, o, od, d, cases_n in rows:
        counts[park_id] = {"open": int(o), "overdue": int(od), "done": int(d)}
        overdue_cases[park_id] = int(cases_n)
    return counts, overdue_cases


def _overdue_cases(today, month_start=None):
    overdue, this_month = _before(today, "case_due_month", "case_due_day", None, month_start)
    return (select(_sum(overdue).label("overdue"))
            .where(or_(Tally.topic == "case_due_month", this_month)))


def overdue_cases_stmt(today, park_id, month_start=None):
    """SELECT the number of park `park_id`'s overdue land cases (not deleted, not disposed,
    deadline before `today`): one row (the recount: hub.land.queries.count_query with
    CaseFilter(park_id=…, overdue=True))."""
    return _overdue_cases(today, month_start).where(Tally.park_id == park_id)


def overdue_cases_by_park(today: date) -> dict[int, int]:
    """{park id: number of overdue land cases}, as hub.land.queries.counts_by_park with
    CaseFilter(overdue=True) (parks without overdue cases may be present, with 0)."""
    stmt = _overdue_cases(today).add_columns(Tally.park_id).group_by(Tally.park_id)
    return {park_id: int(n) for n, park_id in db.session.execute(stmt)}


def case_totals() -> list[StatusTotal]:
    """Number and 亩 of the land cases not deleted, per status (every status, in CaseStatus'
    order), as hub.land.queries.totals_by_status(CaseFilter(), today)."""
    rows = db.session.execute(
        select(Tally.status, func.sum(Tally.n), func.sum(Tally.hundredths))
        .where(Tally.topic == "case")
        .group_by(Tally.status)).all()
    found = {status: (int(n), (Decimal(int(h)) / 100).quantize(CENT)) for status, n, h in rows}
    return [StatusTotal(s, *found.get(s.value, (0, Decimal("0.00")))) for s in CaseStatus]


def read_rate_stmt(park_ids, since_day):
    """SELECT park, notices addressed to it, those of them someone of the park has read:
    the live notices published from the UTC day `since_day` on, one row per park of
    `park_ids` (both may be bound parameters). The recount: hub.notices.reading.read_rate_stmt
    with `since` = the start of that day (UTC)."""
    topics = ("notice_to", "notice_read")
    to_all = (select(func.coalesce(func.sum(Tally.n), 0))
              .where(Tally.topic == "notice_to", Tally.park_id == 0, Tally.day >= since_day)
              .scalar_subquery())
    return (select(Park.id, to_all + _sum(Tally.topic == "notice_to"),
                   _sum(Tally.topic == "notice_read"))
            .select_from(Park)
            .outerjoin(Tally, and_(Tally.park_id == Park.id, Tally.topic.in_(topics),
                                   Tally.day >= since_day))
            .where(Park.id.in_(park_ids)).group_by(Park.id))
