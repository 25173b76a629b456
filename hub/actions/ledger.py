"""督办台账: every visible action item grouped by owner park and status, with counts (overdue
marked), and its export as `.xlsx` (one summary sheet, one item sheet) and CSV.

The ledger takes the item list's filter (hub.actions.views._filter: the zone office every park,
others their own park), so it shows exactly what the list shows. The page (`overview`) shows
every group's counts and its first LEDGER_ROWS items, each further group of items one link away
(the list, filtered to that park and status); the exports (`build`) hold every item.
"""

import io
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

from flask_babel import gettext as _
from sqlalchemy import and_, case, func, select

from hub.actions.forms import STATUS_LABELS
from hub.actions.models import ActionItem, ActionStatus
from hub.actions.services import LIST_ORDER, ItemFilter, filter_clauses, is_overdue, list_query
from hub.auth.models import User
from hub.csvsafe import SafeWriter
from hub.extensions import db
from hub.lists.xlsx import workbook
from hub.meetings.models import Meeting
from hub.parks.models import Park
from hub.timeutil import format_datetime, to_local

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
    park: Park | ParkRef
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
    """Every filtered item (as the list's query, every page) grouped by park (by name) and
    status; within a status by due date as the list orders them. For the exports."""
    groups: dict[int, ParkGroup] = {}
    for item in db.session.execute(list_query(flt, today)).unique().scalars():
        group = groups.get(item.owner_park_id)
        if group is None:
            group = groups[item.owner_park_id] = ParkGroup(item.owner_park)
        group.items[item.status].append(item)
        if is_overdue(item, today):
            group.overdue += 1
    for group in groups.values():
        group.counts = {s: len(group.items[s]) for s in STATUS_ORDER}
    return _ordered(groups, today)


def overview(flt: ItemFilter, today: date, limit: int | None = None) -> Ledger:
    """The page's ledger: every group's counts (one statement) and its first `limit` items
    (default LEDGER_ROWS; one statement, numbered per park and status in the list's order) as
    rows of what the page shows: id, text, status, owner_park_id, due_date, extension_due,
    meeting_title, meeting_starts_at, assignee_name."""
    limit = LEDGER_ROWS if limit is None else limit
    where = filter_clauses(flt, today)
    late = and_(ActionItem.due_date < today, ActionItem.status != ActionStatus.DONE)
    counted = (select(Park.id, Park.name, Park.short_name, ActionItem.status, func.count(),
                      func.sum(case((late, 1), else_=0)))
               .select_from(ActionItem).join(Meeting, Meeting.id == ActionItem.meeting_id)
               .join(Park, Park.id == ActionItem.owner_park_id).where(*where)
               .group_by(Park.id, Park.name, Park.short_name, ActionItem.status))
    groups: dict[int, ParkGroup] = {}
    for park_id, name, short_name, status, count, overdue in db.session.execute(counted):
        group = groups.get(park_id)
        if group is None:
            group = groups[park_id] = ParkGroup(ParkRef(park_id, name, short_name))
        group.counts[status] = count
        group.overdue += overdue or 0
    numbered = (select(ActionItem.id, ActionItem.text, ActionItem.status,
                       ActionItem.owner_park_id, ActionItem.due_date, ActionItem.extension_due,
                       Meeting.title.label("meeting_title"),
                       Meeting.starts_at.label("meeting_starts_at"),
                       User.display_name.label("assignee_name"),
                       func.row_number().over(partition_by=(ActionItem.owner_park_id,
                                                            ActionItem.status),
                                              order_by=LIST_ORDER[1:]).label("n"))
                .join(Meeting, Meeting.id == ActionItem.meeting_id)
                .outerjoin(User, User.id == ActionItem.assignee_id).where(*where)).subquery()
    shown = select(numbered).where(numbered.c.n <= limit).order_by(numbered.c.n)
    for row in db.session.execute(shown):
        groups[row.owner_park_id].items[row.status].append(row)
    return _ordered(groups, today)


def _ordered(groups: dict[int, ParkGroup], today: date) -> Ledger:
    return Ledger(sorted(groups.values(), key=lambda g: (g.park.name, g.park.id)), today)


# --- export -----------------------------------------------------------------------------------
def _item_headers() -> list[str]:
    return [_("Owner park"), _("Status"), _("Decision"), _("Meeting"), _("Meeting date"),
            _("Assignee"), _("Due date"), _("Overdue"), _("Later due date requested"),
            _("Completed at")]


def _item_rows(ledger: Ledger):
    yes, no = _("Yes"), _("No")
    for group in ledger.groups:
        for status in STATUS_ORDER:
            for item in group.items[status]:
                yield [group.park.name, str(STATUS_LABELS[status]), item.text,
                       item.meeting.title, to_local(item.meeting.starts_at).date(),
                       item.assignee.display_name if item.assignee else "",
                       item.due_date, yes if is_overdue(item, ledger.today) else no,
                       item.extension_due, item.completed_at]


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
    for row in _item_rows(ledger):
        writer.writerow(["" if v is None else (format_datetime(v) if isinstance(v, datetime)
                                               else str(v)) for v in row])
    return out.getvalue()
