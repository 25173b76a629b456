"""Counts and page loads of action items (督办事项) for the dashboard, the list's filters and the
item page; the list query itself is hub.actions.services.list_query."""

from datetime import date

from sqlalchemy import and_, not_, select
from sqlalchemy.orm import selectinload

from hub.actions.models import ActionItem, ActionStatus, ActionUpdate
from hub.actions.services import followed
from hub.auth.models import User
from hub.extensions import db
from hub.meetings.models import Meeting, MeetingSeries


def counts_by_status(park_id: int | None, today: date) -> dict[str, int]:
    """{"open": n, "overdue": n, "done": n} of followed items (for dashboards)."""
    base = [followed()] + ([ActionItem.owner_park_id == park_id] if park_id else [])
    done = ActionItem.status == ActionStatus.DONE
    overdue = and_(not_(done), ActionItem.due_date < today)

    def count(*cond):
        return db.session.execute(
            select(db.func.count(ActionItem.id)).where(*base, *cond)).scalar_one()

    return {"open": count(not_(done)), "overdue": count(overdue), "done": count(done)}


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


def assignable_users(park_ids) -> list[User]:
    return list(db.session.execute(
        select(User).where(User.park_id.in_(list(park_ids)), User.active.is_(True))
        .order_by(User.park_id, User.display_name)
    ).scalars())


def item_for_page(item_id: int) -> ActionItem | None:
    """The item with its timeline (and each entry's author), land cases and meeting."""
    return db.session.execute(
        select(ActionItem).where(ActionItem.id == item_id)
        .options(selectinload(ActionItem.updates).selectinload(ActionUpdate.actor),
                 selectinload(ActionItem.land_cases), selectinload(ActionItem.meeting))
    ).scalar_one_or_none()


def series_with_items(park_id: int | None) -> list[MeetingSeries]:
    """The series whose meetings have decisions (of park `park_id`, when given), by title: the
    series filter of the action-item list."""
    ids = (select(Meeting.series_id).join(ActionItem, ActionItem.meeting_id == Meeting.id)
           .where(Meeting.series_id.is_not(None)))
    if park_id is not None:
        ids = ids.where(ActionItem.owner_park_id == park_id)
    return list(db.session.execute(
        select(MeetingSeries).where(MeetingSeries.id.in_(ids)).order_by(MeetingSeries.title)
    ).scalars())
