"""The 督办 item list's filter, order and statement: what /meetings/actions/ lists (a page of it
found by ids first: hub.actions.queries.list_ids / items_by_ids), what the ledger
(hub.actions.ledger) groups, and what the dashboard's list of a park's items starts from."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from hub import permissions as perm
from hub.actions.models import ActionItem, ActionStatus
from hub.actions.services import followed
from hub.auth.models import User
from hub.dbtypes import constant
from hub.lists import sorting
from hub.meetings.models import Meeting


@dataclass
class ItemFilter:
    park_id: int | None = None  # None: all parks (admins only)
    status: ActionStatus | None = None
    overdue: bool = False
    open_only: bool = False
    series_id: int | None = None
    review_by: User | None = None  # only the items awaiting this user's review (督办)


SORT = sorting.SortSpec({
    "due": sorting.key(ActionItem.due_date, nullable=True),  # default: open first, then due
    "text": sorting.key(ActionItem.text),
    "meeting": sorting.key(Meeting.starts_at, first=sorting.DESC),
    "park": sorting.key(ActionItem.owner_park_id),
    "assignee": sorting.key(select(User.display_name).where(User.id == ActionItem.assignee_id)
                            .correlate(ActionItem).scalar_subquery(), nullable=True),
    "status": sorting.key(ActionItem.status),
}, default="due", tiebreak=(ActionItem.id,))


def list_query(flt: ItemFilter, today: date, sort: sorting.Sort | None = None):
    stmt = (with_what_the_list_shows(select(ActionItem))
            .where(*filter_clauses(flt, today)))
    return in_list_order(stmt, sort)


def with_what_the_list_shows(stmt):
    """`stmt` (a select of ActionItem) joined to the meeting, loading what the list shows."""
    return (stmt.join(Meeting, Meeting.id == ActionItem.meeting_id)
            .options(joinedload(ActionItem.owner_park), joinedload(ActionItem.assignee),
                     contains_eager(ActionItem.meeting), selectinload(ActionItem.land_cases)))


def in_list_order(stmt, sort: sorting.Sort | None):
    """`stmt` in `sort`'s order, by default the list's own (LIST_ORDER)."""
    if sort is not None and not sort.is_default:
        return stmt.order_by(*sort.order_by())
    return stmt.order_by(*LIST_ORDER)


# the list's own order: open items first, then by due date (undated last), newest first
# (walked by the indexes ix_action_item_park_list and ix_action_item_list)
LIST_ORDER = ((ActionItem.status == constant(ActionStatus.DONE)),
              ActionItem.due_date.asc().nulls_last(), ActionItem.id.desc())


def filter_clauses(flt: ItemFilter, today: date) -> list:
    """The item list's conditions for `flt` (its statement joins Meeting): decisions that are
    followed, then the filter's; the ledger (hub.actions.ledger) shows the same items."""
    clauses = [followed()]
    if flt.park_id is not None:
        clauses.append(ActionItem.owner_park_id == flt.park_id)
    if flt.status is not None:
        clauses.append(ActionItem.status == flt.status)
    if flt.open_only:
        clauses.append(ActionItem.status != ActionStatus.DONE)
    if flt.overdue:
        clauses.extend((ActionItem.status != ActionStatus.DONE, ActionItem.due_date < today))
    if flt.series_id is not None:
        clauses.append(Meeting.series_id == flt.series_id)
    if flt.review_by is not None:
        clauses.extend((perm.action_item_reviewable(flt.review_by),
                        or_(ActionItem.status == ActionStatus.PENDING_REVIEW,
                            ActionItem.extension_due.is_not(None))))
    return clauses
