"""Counts and page loads of action items (督办事项) for the dashboard, the list's filters and the
item page; the list query itself is hub.actions.listing.list_query, a page of it found by ids
first `list_ids` / `items_by_ids`."""

from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import and_, not_, select, true
from sqlalchemy.orm import selectinload

from hub.actions.listing import ItemFilter, filter_clauses, in_list_order
from hub.actions.models import ActionItem, ActionStatus, ActionUpdate, action_land_case
from hub.actions.services import followed, not_done
from hub.auth.models import User
from hub.dashboard.tally import action_counts_stmt
from hub.extensions import db
from hub.land.models import LandCase
from hub.lists import sorting
from hub.meetings.models import Meeting, MeetingSeries, Minutes, MinutesStatus
from hub.parks.models import Park


def counts_by_status(park_id: int | None, today: date) -> dict[str, int]:
    """{"open": n, "overdue": n, "done": n} of followed items (the item list's tabs), of a park or
    of all: from the tally table (hub.dashboard.tally.action_counts_stmt, a few rows per park;
    counting the park's items was 10-70 ms of the list's SQL at scale 10, the zone office's
    more: bench/results/2026-12-07-s11-actions.md). `counts_by_park` counts the same live
    (tests/dashboard/test_tally.py keeps both equal)."""
    totals = {"open": 0, "overdue": 0, "done": 0}
    for _park, opened, late, closed in db.session.execute(
            action_counts_stmt(today, park_id or None)):
        totals["open"] += int(opened or 0)
        totals["overdue"] += int(late or 0)
        totals["done"] += int(closed or 0)
    return totals


def list_total(flt: ItemFilter, counts: dict[str, int]) -> int | None:
    """The item list's number of items for `flt` when the tabs' `counts` (of flt's park) already
    say it: no status but "not done" or done, no overdue with another status, no series, not
    the review list. None: the list counts its items."""
    if flt.series_id is not None or flt.review_by is not None:
        return None
    if flt.overdue:
        return counts["overdue"] if flt.status is None else None
    if flt.open_only:
        return counts["open"] if flt.status is None else None
    if flt.status is None:
        return counts["open"] + counts["done"]
    return counts["done"] if flt.status == ActionStatus.DONE else None


def counts_by_park(today: date, park_ids=None) -> dict[int, dict[str, int]]:
    """{owner park id: {"open", "overdue", "done"}} of followed items, in one GROUP BY query
    (the same rules as `counts_by_status`; parks without items are absent); only of
    `park_ids` when given."""
    done = ActionItem.status == ActionStatus.DONE
    overdue = and_(not_(done), ActionItem.due_date < today)

    def total(cond):
        return db.func.sum(db.case((cond, 1), else_=0))

    stmt = (select(ActionItem.owner_park_id, total(not_(done)), total(overdue), total(done))
            .where(followed()).group_by(ActionItem.owner_park_id))
    if park_ids is not None:
        stmt = stmt.where(ActionItem.owner_park_id.in_(list(park_ids)))
    return {park_id: {"open": int(o or 0), "overdue": int(od or 0), "done": int(d or 0)}
            for park_id, o, od, d in db.session.execute(stmt)}


def item_for_page(item_id: int) -> ActionItem | None:
    """The item with its timeline (and each entry's author), land cases and meeting."""
    return db.session.execute(
        select(ActionItem).where(ActionItem.id == item_id)
        .options(selectinload(ActionItem.updates).selectinload(ActionUpdate.actor),
                 selectinload(ActionItem.land_cases), selectinload(ActionItem.meeting))
    ).scalar_one_or_none()


def series_with_items(park_id: int | None) -> list:
    """The series whose meetings have decisions (of park `park_id`, when given), by title: the
    series filter of the action-item list, as rows of id and title."""
    if park_id is not None:
        # the item's own copy of its meeting's series (ActionItem.series_id): one probe of
        # ix_action_item_park_series per series. Through the meetings PostgreSQL read every item
        # of the park and every meeting (10 ms at scale 30, growing with the data)
        has_items = (select(ActionItem.id).where(ActionItem.owner_park_id == park_id,
                                                 ActionItem.series_id == MeetingSeries.id)
                     .exists())
    else:
        # without a park the probe through the meetings stops at the first item (0.4 ms)
        has_items = MeetingSeries.id.in_(
            select(Meeting.series_id).join(ActionItem, ActionItem.meeting_id == Meeting.id)
            .where(Meeting.series_id.is_not(None)))
    return list(db.session.execute(
        select(MeetingSeries.id, MeetingSeries.title).where(has_items)
        .order_by(MeetingSeries.title)).all())


# `!= PUBLISHED` spelt as a list: an index range on ix_meeting_minutes_status, not a filter
UNPUBLISHED = [status for status in MinutesStatus if status is not MinutesStatus.PUBLISHED]


def open_counts(park_id: int, today: date) -> dict[str, int]:
    """{"open": n, "overdue": n} of park `park_id`'s followed items (the dashboard of a park's
    user), the same numbers as `counts_by_park(today, [park_id])` without its "done"."""
    row = db.session.execute(open_counts_stmt(park_id, today)).one()
    return {"open": int(row[0]), "overdue": int(row[1])}


def open_counts_stmt(park_id: int, today: date):
    """Counted as every open item of the park (an index-only count of the partial index
    ix_action_item_park_due, which holds the open items only) minus the open items of the
    meetings whose minutes are not published yet (few: ix_meeting_minutes_status finds those
    meetings, ix_action_item_open their open items). `followed()` as an anti-join per item
    read all of a park's ~14,000 items at scale 10 instead: 16.8 → 1.4 ms of PostgreSQL
    (EXPLAIN ANALYZE, bench/results/2026-12-06-perfdash.md)."""
    overdue = ActionItem.due_date < today

    def tally(stmt):
        return (stmt.with_only_columns(db.func.count(), db.func.count().filter(overdue))
                .where(ActionItem.owner_park_id == park_id, not_done()))

    every = tally(select(ActionItem)).subquery()
    waiting = tally(select(ActionItem).join(Minutes, Minutes.meeting_id == ActionItem.meeting_id)
                    .where(Minutes.status.in_(UNPUBLISHED))).subquery()
    return (select(every.c[0] - waiting.c[0], every.c[1] - waiting.c[1])
            .select_from(every).join(waiting, true()))


def list_ids(flt: ItemFilter, today: date, sort: sorting.Sort | None = None):
    """The item list's items (listing.list_query) as their ids, in its order: a page of the
    list is found by its ids (hub.lists.rows.paginate_deferred), then `items_by_ids` reads
    those items whole."""
    stmt = (select(ActionItem.id).join(Meeting, Meeting.id == ActionItem.meeting_id)
            .where(*filter_clauses(flt, today)))
    return in_list_order(stmt, sort)


class ListedMeeting(NamedTuple):
    title: str
    starts_at: datetime


class ListedPark(NamedTuple):
    short_name: str


class ListedPerson(NamedTuple):
    display_name: str


class ListedCase(NamedTuple):
    parcel_code: str


class ListedItem(NamedTuple):
    """An item as its row of the list shows it (`items_by_ids`), under the entity's names."""
    id: int
    text: str
    status: ActionStatus
    due_date: date | None
    meeting: ListedMeeting
    owner_park: ListedPark
    assignee: ListedPerson | None
    land_cases: list[ListedCase]


def items_by_ids(ids: list[int]) -> list[ListedItem]:
    """The items `ids` with what their row of the list shows, in two statements of rows: the
    items with meeting, park and assignee joined, then their linked cases' parcel codes. The
    same page read as entities (the meeting, park and user whole, then the cases) was about
    half of the list's CPU (bench/results/2026-12-07-s13-summary.md)."""
    rows = db.session.execute(
        select(ActionItem.id, ActionItem.text, ActionItem.status, ActionItem.due_date,
               Meeting.title, Meeting.starts_at, Park.short_name, User.display_name)
        .join(Meeting, Meeting.id == ActionItem.meeting_id)
        .join(Park, Park.id == ActionItem.owner_park_id)
        .outerjoin(User, User.id == ActionItem.assignee_id)
        .where(ActionItem.id.in_(ids))).all()
    cases: dict[int, list[ListedCase]] = {}
    for item_id, code in db.session.execute(
            select(action_land_case.c.action_item_id, LandCase.parcel_code)
            .join(LandCase, LandCase.id == action_land_case.c.land_case_id)
            .where(action_land_case.c.action_item_id.in_(ids))
            .order_by(action_land_case.c.action_item_id, LandCase.id)):
        cases.setdefault(item_id, []).append(ListedCase(code))
    return [ListedItem(item_id, text, status, due, ListedMeeting(title, starts_at),
                       ListedPark(short_name),
                       ListedPerson(assignee) if assignee is not None else None,
                       cases.get(item_id, []))
            for item_id, text, status, due, title, starts_at, short_name, assignee in rows]
