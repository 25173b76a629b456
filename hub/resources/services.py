"""Per-park counts of the shared resources, read from the running tallies (hub.dashboard.models.
Tally, kept by database triggers): one statement over a few thousand tally rows (the parks'
statuses, the months of the expiry dates and deadlines, this month's days), whatever the number
of notices, cases and listings. tests/resources/test_resources_tally.py compares every number
with a GROUP BY recount of the rows after writes through the services and through plain SQL.

The counts and the topics that give them:

- notices: "draft", "published", "withdrawn" (not deleted), "deleted": topic "resource"
  (migration l4_resource_tally), statuses "notice_…";
- land cases: "open" (not deleted, not disposed), "disposed" (not deleted): topic "case" by
  status; "overdue" (not deleted, not disposed, deadline before today): "case_due_month" for the
  months before this one, "case_due_day" for this month's days; "deleted": "resource";
- talent listings: "open" (not deleted, status open, expiring today or later) and "expired"
  (not deleted, expired before today, any status): "talent_month" for the other months,
  "talent_day" for this month's days, by park (not park 0, the topics' all-parks rows);
  "deleted": "resource".
"""

from dataclasses import dataclass, field
from datetime import date
from functools import cache

from sqlalchemy import Date, and_, bindparam, func, or_, select

from hub.dashboard.models import Tally
from hub.extensions import db
from hub.land.models import CaseStatus
from hub.lists.tally import next_month
from hub.parks.models import Park
from hub.parks.queries import all_parks
from hub.talent.models import ListingStatus

# the tally's status column holds the enums' values (the topics' rules in the migrations)
DISPOSED, LISTING_OPEN = CaseStatus.DISPOSED.value, ListingStatus.OPEN.value
ALL_PARKS = 0  # park_id of the talent topics' rows over all parks (not a park of the page)

COLUMNS = {
    "notices": ["draft", "published", "withdrawn", "deleted"],
    "cases": ["open", "overdue", "disposed", "deleted"],
    "talent": ["open", "expired", "deleted"],
}
# the statement's columns after the park, in this order
KEYS = [(name, count) for name, names in COLUMNS.items() for count in names]


def _sum(condition):
    return func.coalesce(func.sum(Tally.n).filter(condition), 0)


def _columns(today, month_start, next_month) -> dict[tuple[str, str], object]:
    """(resource, count) -> SQL over Tally: the tally rows that make up the count (the dates
    are bound parameters)."""
    topic, status, day = Tally.topic, Tally.status, Tally.day

    def resource(name: str):
        return and_(topic == "resource", status == name)

    def before_today(month_topic: str, day_topic: str):
        return or_(and_(topic == month_topic, day < month_start),
                   and_(topic == day_topic, day >= month_start, day < today))

    from_today = or_(and_(topic == "talent_month", day >= next_month),
                     and_(topic == "talent_day", day >= today, day < next_month))
    return {
        ("notices", "draft"): resource("notice_draft"),
        ("notices", "published"): resource("notice_published"),
        ("notices", "withdrawn"): resource("notice_withdrawn"),
        ("notices", "deleted"): resource("notice_deleted"),
        ("cases", "open"): and_(topic == "case", status != DISPOSED),
        ("cases", "overdue"): before_today("case_due_month", "case_due_day"),
        ("cases", "disposed"): and_(topic == "case", status == DISPOSED),
        ("cases", "deleted"): resource("case_deleted"),
        ("talent", "open"): and_(from_today, status == LISTING_OPEN),
        ("talent", "expired"): before_today("talent_month", "talent_day"),
        ("talent", "deleted"): resource("talent_deleted"),
    }


def counts_values(today: date) -> dict[str, date]:
    """The parameters of `counts_stmt` for `today`."""
    month_start = today.replace(day=1)
    return {"res_today": today, "res_month": month_start,
            "res_next_month": next_month(month_start)}


@cache
def counts_stmt():
    """SELECT park, then one column per (resource, count) of `KEYS`: one row per park with
    tally rows. Built once; its parameters: `counts_values`."""
    today, month_start, next_month = (bindparam(k, type_=Date) for k in
                                      ("res_today", "res_month", "res_next_month"))
    columns = _columns(today, month_start, next_month)
    rows = or_(Tally.topic.in_(("resource", "case", "case_due_month", "talent_month")),
               and_(Tally.topic.in_(("case_due_day", "talent_day")),
                    Tally.day >= month_start, Tally.day < next_month))
    return (select(Tally.park_id, *(_sum(columns[k]) for k in KEYS))
            .where(rows, Tally.park_id != ALL_PARKS).group_by(Tally.park_id))


def counts(today: date) -> dict[str, dict[int, dict[str, int]]]:
    """{resource: {park_id: {count: n}}} of every park with tally rows, from the tally."""
    found: dict[str, dict[int, dict[str, int]]] = {name: {} for name in COLUMNS}
    for park_id, *values in db.session.execute(counts_stmt(), counts_values(today)):
        for (name, count), n in zip(KEYS, values, strict=True):
            found[name].setdefault(park_id, {})[count] = int(n)
    return found


@dataclass
class ParkRow:
    park: Park
    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # resource → name → n


@dataclass
class Overview:
    rows: list[ParkRow]
    resources: dict[str, list[str]]  # resource → count names
    totals: dict[str, dict[str, int]]



def overview(today: date) -> Overview:
    found = counts(today)
    resources = COLUMNS
    parks = all_parks()
    rows = []
    totals = {name: dict.fromkeys(cols, 0) for name, cols in resources.items()}
    for park in parks:
        row = ParkRow(park)
        for name, cols in resources.items():
            per_park = found[name].get(park.id, {})
            row.counts[name] = {c: per_park.get(c, 0) for c in cols}
            for c in cols:
                totals[name][c] += row.counts[name][c]
        rows.append(row)
    return Overview(rows, resources, totals)
