"""督办台账: every visible action item grouped by owner park and status, with counts (overdue
marked), and its export as `.xlsx` (one summary sheet, one item sheet) and CSV.

The ledger takes the item list's filter (hub.actions.views._filter: the zone office every park,
others their own park), so it shows exactly what the list shows. The page (`overview`) shows
every group's counts and its first LEDGER_ROWS items, each further group of items one link away
(the list, filtered to that park and status); the exports (`build`) hold every item.

Both read rows, not entities: `_item_columns` of each item with its meeting's title and date and
its assignee's name. The page's counts come from the tally table when the filter is the park's
alone (`_tallied`), its items per group from an ORDER BY … LIMIT per group (`_first_items`):
at scale 10 the zone office's page no longer counts or numbers all 200,000 items
(bench/results/2026-12-07-s11-ledger.md).
"""

import io
from collections import namedtuple
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from flask_babel import gettext as _
from sqlalchemy import (
    Integer,
    String,
    and_,
    bindparam,
    case,
    func,
    select,
    true,
    type_coerce,
    union_all,
)
from sqlalchemy.dialects.postgresql import ARRAY

from hub.actions.forms import STATUS_LABELS
from hub.actions.listing import ItemFilter, filter_clauses
from hub.actions.models import ActionItem, ActionStatus
from hub.actions.queries import UNPUBLISHED
from hub.actions.services import is_overdue
from hub.auth.models import User
from hub.csvsafe import SafeWriter
from hub.dashboard.models import Tally
from hub.dashboard.tally import action_counts_stmt
from hub.extensions import db
from hub.lists.xlsx import workbook
from hub.meetings.models import Meeting, Minutes
from hub.parks.models import Park
from hub.timeutil import format_datetime, to_local, zone

# the ledger's order of statuses (the workflow's order)
STATUS_ORDER = (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS, ActionStatus.PENDING_REVIEW,
                ActionStatus.DONE)
# items the page shows per park and status: at scale 10 a park has ~10,000 items, and drawing
# them all took 2.3 s of CPU and megabytes of HTML (bench/results/2026-12-06-s10-profile.md)
LEDGER_ROWS = 50


class ParkRef(NamedTuple):
    id: int
    name: str
    short_name: str


@dataclass
class ParkGroup:
    park: ParkRef
    items: dict[ActionStatus, list] = field(
        default_factory=lambda: {s: [] for s in STATUS_ORDER})
    counts: dict[ActionStatus, int] = field(default_factory=lambda: dict.fromkeys(STATUS_ORDER, 0))
    overdue: int = 0

    def count(self, status: ActionStatus) -> int:
        return self.counts[status]

    def more(self, status: ActionStatus) -> int:
        """How many of the status's items are not among `items` (the page's first ones)."""
        return self.counts[status] - len(self.items[status])

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class Ledger:
    groups: list[ParkGroup]
    today: date

    def total(self, status: ActionStatus | None = None) -> int:
        return sum(g.count(status) if status else g.total for g in self.groups)

    @property
    def overdue(self) -> int:
        return sum(g.overdue for g in self.groups)

    @property
    def truncated(self) -> bool:
        return any(g.more(s) for g in self.groups for s in STATUS_ORDER)


def build(flt: ItemFilter, today: date) -> Ledger:
    """Every filtered item (the list's items, every page) grouped by park (by name) and status;
    within a status in the list's order. For the exports: rows of `_item_columns`, one
    statement, no entities (the list's query loaded each item with its park, meeting, assignee
    and land cases: ~2 s for a park's 10,000 items at scale 10)."""
    groups: dict[int, ParkGroup] = {}
    stmt = (_items(flt, today).add_columns(Park.name.label("park_name"),
                                           Park.short_name.label("park_short_name"))
            .join(Park, Park.id == ActionItem.owner_park_id).order_by(*GROUP_ORDER))
    result = db.session.connection().execute(stmt)
    # plain named tuples, all fetched at once: a Row's attribute and a fetch per row cost
    # ~40 % of the zone office's 200,000-item CSV (scale 10: 8 s, cProfile)
    make = namedtuple("LedgerItem", result.keys())._make
    for row in map(make, result.all()):
        group = groups.get(row.owner_park_id)
        if group is None:
            park = ParkRef(row.owner_park_id, row.park_name, row.park_short_name)
            group = groups[row.owner_park_id] = ParkGroup(park)
        group.items[row.status].append(row)
        if is_overdue(row, today):
            group.overdue += 1
    for group in groups.values():
        group.counts = {s: len(group.items[s]) for s in STATUS_ORDER}
    return _ordered(groups, today)


def overview(flt: ItemFilter, today: date, limit: int | None = None) -> Ledger:
    """The page's ledger: every group's counts (one statement) and its first `limit` items
    (default LEDGER_ROWS) in the list's order (one statement, `_first_items`), as rows of
    `_item_columns`."""
    limit = LEDGER_ROWS if limit is None else limit
    groups = counted_groups(flt, today)
    keys = [(g.park.id, s) for g in groups.values() for s in STATUS_ORDER if g.counts[s]]
    if keys and limit > 0:
        for row in db.session.execute(_first_items(flt, today, keys, limit)):
            groups[row.owner_park_id].items[row.status].append(row)
    return _ordered(groups, today)


# a group's order, the list's own (listing.LIST_ORDER) within one status: by due date, undated
# last, newest first. Spelt NULLS LAST (not `due_date IS NULL` first) so that an index on
# (owner_park_id, status, due_date) gives it
GROUP_ORDER = (ActionItem.due_date.asc().nulls_last(), ActionItem.id.desc())


def _item_columns():
    return (ActionItem.id, ActionItem.text, ActionItem.status, ActionItem.owner_park_id,
            ActionItem.due_date, ActionItem.extension_due, ActionItem.completed_at,
            Meeting.title.label("meeting_title"), Meeting.starts_at.label("meeting_starts_at"),
            User.display_name.label("assignee_name"))


def _items(flt: ItemFilter, today: date):
    """SELECT `_item_columns` of the items the list shows for `flt`."""
    return (select(*_item_columns()).select_from(ActionItem)
            .join(Meeting, Meeting.id == ActionItem.meeting_id)
            .outerjoin(User, User.id == ActionItem.assignee_id)
            .where(*filter_clauses(flt, today)))


def counted_groups(flt: ItemFilter, today: date) -> dict[int, ParkGroup]:
    """{park id: its group with the counts and no items} of the parks that have items for
    `flt`. A filter of parks only (the ledger as it opens) reads the tally table (`_tallied`), any
    other counts the items (`_counted`): the same numbers (tests/dashboard/test_tally.py)."""
    groups: dict[int, ParkGroup] = {}
    plain = (flt.status is None and not flt.open_only and not flt.overdue
             and flt.series_id is None and flt.review_by is None)
    stmt = _tallied(flt.park_id, today) if plain else _counted(flt, today)
    for park_id, name, short_name, status, count, overdue in db.session.execute(stmt):
        group = groups.get(park_id)
        if group is None:
            group = groups[park_id] = ParkGroup(ParkRef(park_id, name, short_name))
        group.counts[ActionStatus(status)] = int(count)  # PostgreSQL's sum: a numeric
        group.overdue += int(overdue)
    return groups


def _tallied(park_id: int | None, today: date):
    """SELECT park id, name, short name, status, count, overdue count (the park's, on its first
    status row, 0 on the others) from the tally table: topic "action_status" (every item by
    owner park and status) less the items of minutes not published yet (counted live: few,
    found through ix_meeting_minutes_status), and the followed open items due before `today`
    (hub.dashboard.tally.action_counts_stmt). A few hundred tally rows, not 200,000 items."""
    parks = [Tally.park_id == park_id] if park_id is not None else []
    tallied = select(Tally.park_id, Tally.status, Tally.n).where(
        Tally.topic == "action_status", *parks)
    waiting = (select(ActionItem.owner_park_id, type_coerce(ActionItem.status, String),
                      -func.count())
               .join(Minutes, Minutes.meeting_id == ActionItem.meeting_id)
               .where(Minutes.status.in_(UNPUBLISHED),
                      *([ActionItem.owner_park_id == park_id] if park_id is not None else []))
               .group_by(ActionItem.owner_park_id, ActionItem.status))
    both = union_all(tallied, waiting).subquery("both_counts")
    counted = (select(both.c.park_id, both.c.status, func.sum(both.c.n).label("n"))
               .group_by(both.c.park_id, both.c.status).subquery("counted"))
    late = action_counts_stmt(today, park_id).subquery("late")
    first = func.row_number().over(partition_by=counted.c.park_id, order_by=counted.c.status)
    return (select(Park.id, Park.name, Park.short_name, counted.c.status, counted.c.n,
                   case((first == 1, func.coalesce(late.c.overdue, 0)), else_=0))
            .join(counted, counted.c.park_id == Park.id)
            .outerjoin(late, late.c.park_id == Park.id).where(counted.c.n > 0))


def _counted(flt: ItemFilter, today: date):
    """SELECT park id, name, short name, status, count, overdue count: one row per park and
    status that has items. Counted over action_item alone (the meeting joined only when the
    filter names a series), so that PostgreSQL reads the index ix_action_item_park_counts
    (owner_park_id, status, due_date, meeting_id) without the table; the parks joined to the
    counts, not to every item."""
    late = and_(ActionItem.due_date < today, ActionItem.status != ActionStatus.DONE)
    counted = (select(ActionItem.owner_park_id, ActionItem.status, func.count().label("n"),
                      func.count().filter(late).label("late"))
               .select_from(ActionItem).where(*filter_clauses(flt, today))
               .group_by(ActionItem.owner_park_id, ActionItem.status))
    if flt.series_id is not None:
        counted = counted.join(Meeting, Meeting.id == ActionItem.meeting_id)
    counted = counted.subquery("counted")
    return (select(Park.id, Park.name, Park.short_name, counted.c.status, counted.c.n,
                   counted.c.late).join(counted, counted.c.owner_park_id == Park.id))


def _first_items(flt: ItemFilter, today: date, keys: list[tuple[int, ActionStatus]],
                 limit: int):
    """The first `limit` items of each group (park id, status) of `keys`, in GROUP_ORDER.
    PostgreSQL: per group a LATERAL subquery with ORDER BY … LIMIT, that walks the group's
    range of ix_action_item_park_counts in due-date order and stops after `limit` items (the
    zone office's ledger at scale 10 numbered every one of 200,000 items with row_number()
    instead: 567 ms). SQLite has no LATERAL: there the items are numbered per group."""
    if db.session.get_bind().dialect.name == "postgresql":
        # the groups as two bound arrays, unnested side by side: one statement text whatever the
        # groups, so SQLAlchemy compiles it once (a VALUES list of the keys has no cache key: it
        # was compiled on every request, ~10 ms of the page's ~35 ms of CPU,
        # bench/results/2026-12-07-s13-summary.md)
        group = func.unnest(
            bindparam("group_parks", [park_id for park_id, _status in keys],
                      type_=ARRAY(Integer)),
            bindparam("group_statuses", [status.value for _park_id, status in keys],
                      type_=ARRAY(String)),
        ).table_valued("park_id", "status").render_derived(name="ledger_group")
        first = (_items(flt, today).where(ActionItem.owner_park_id == group.c.park_id,
                                          ActionItem.status == group.c.status)
                 .order_by(*GROUP_ORDER).limit(limit).lateral("first_items"))
        return (select(first).select_from(group).join(first, true())
                .order_by(first.c.due_date.asc().nulls_last(), first.c.id.desc()))
    numbered = _items(flt, today).add_columns(
        func.row_number().over(partition_by=(ActionItem.owner_park_id, ActionItem.status),
                               order_by=GROUP_ORDER).label("n")).subquery()
    return select(numbered).where(numbered.c.n <= limit).order_by(numbered.c.n)


def _ordered(groups: dict[int, ParkGroup], today: date) -> Ledger:
    return Ledger(sorted(groups.values(), key=lambda g: (g.park.name, g.park.id)), today)


# --- export -----------------------------------------------------------------------------------
def _item_headers() -> list[str]:
    return [_("Owner park"), _("Status"), _("Decision"), _("Meeting"), _("Meeting date"),
            _("Assignee"), _("Due date"), _("Overdue"), _("Later due date requested"),
            _("Completed at")]


def _item_rows(ledger: Ledger):
    """The item sheet's rows: per row only the item's own values; the labels, the time zone
    and each meeting's local date looked up once (an export holds ~11,000 items of a park at
    scale 10, and a status label translated per row took a third of the CSV's time)."""
    yes, no = _("Yes"), _("No")
    tz, days, today = zone(), {}, ledger.today
    for group in ledger.groups:
        park = group.park.name
        for status in STATUS_ORDER:
            label = str(STATUS_LABELS[status])
            for item in group.items[status]:
                starts, due = item.meeting_starts_at, item.due_date
                day = days.get(starts)
                if day is None:
                    day = days[starts] = to_local(starts, tz).date()
                yield [park, label, item.text, item.meeting_title, day, item.assignee_name or "",
                       due, yes if is_overdue(item, today) else no, item.extension_due,
                       item.completed_at]


def _summary_headers() -> list[str]:
    return [_("Owner park"), *(str(STATUS_LABELS[s]) for s in STATUS_ORDER), _("Overdue"),
            _("Total")]


def _summary_rows(ledger: Ledger):
    for g in ledger.groups:
        yield [g.park.name, *(g.count(s) for s in STATUS_ORDER), g.overdue, g.total]
    yield [_("Total"), *(ledger.total(s) for s in STATUS_ORDER), ledger.overdue, ledger.total()]


def to_xlsx(ledger: Ledger) -> bytes:
    return workbook([(_("Summary by park"), _summary_headers(), list(_summary_rows(ledger))),
                     (_("Action items"), _item_headers(), list(_item_rows(ledger)))])


def to_csv(ledger: Ledger) -> str:
    out = io.StringIO()
    out.write("\ufeff")  # Excel reads the UTF-8 file as such
    writer = SafeWriter(out, lineterminator="\r\n")
    writer.writerow(_item_headers())
    tz = zone()
    for row in _item_rows(ledger):
        if row[-1] is not None:  # completed_at, the row's one datetime
            row[-1] = format_datetime(row[-1], tz=tz)
        writer.writerow(row)  # None as "", dates as 2026-04-30 (str)
    return out.getvalue()
