"""督办台账: every visible action item grouped by owner park and status, with counts (overdue
marked), and its export as `.xlsx` (one summary sheet, one item sheet) and CSV.

The ledger takes the item list's filter (hub.actions.views._filter: the zone office every park,
others their own park), so it shows exactly what the list shows.
"""

import io
from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import gettext as _

from hub.actions.forms import STATUS_LABELS
from hub.actions.models import ActionItem, ActionStatus
from hub.actions.services import ItemFilter, is_overdue, list_query
from hub.csvsafe import SafeWriter
from hub.extensions import db
from hub.lists.xlsx import workbook
from hub.parks.models import Park
from hub.timeutil import format_datetime, to_local

# the ledger's order of statuses (the workflow's order)
STATUS_ORDER = (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS, ActionStatus.PENDING_REVIEW,
                ActionStatus.DONE)


@dataclass
class ParkGroup:
    park: Park
    items: dict[ActionStatus, list[ActionItem]] = field(
        default_factory=lambda: {s: [] for s in STATUS_ORDER})
    overdue: int = 0

    def count(self, status: ActionStatus) -> int:
        return len(self.items[status])

    @property
    def total(self) -> int:
        return sum(len(v) for v in self.items.values())


@dataclass
class Ledger:
    groups: list[ParkGroup]
    today: date

    def total(self, status: ActionStatus | None = None) -> int:
        return sum(g.count(status) if status else g.total for g in self.groups)

    @property
    def overdue(self) -> int:
        return sum(g.overdue for g in self.groups)


def build(flt: ItemFilter, today: date) -> Ledger:
    """The filtered items (as the list's query, every page) grouped by park (by name) and
    status; within a status by due date as the list orders them."""
    groups: dict[int, ParkGroup] = {}
    for item in db.session.execute(list_query(flt, today)).unique().scalars():
        group = groups.get(item.owner_park_id)
        if group is None:
            group = groups[item.owner_park_id] = ParkGroup(item.owner_park)
        group.items[item.status].append(item)
        if is_overdue(item, today):
            group.overdue += 1
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
