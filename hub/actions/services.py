"""Decisions (议定事项) and their follow-up as action items (督办).

A decision is an ActionItem of a meeting, recorded with the minutes while they are not locked.
It becomes binding when the minutes are signed off (hub.minutes.services.sign_off emits
`action.assigned` then). From then on the owner park's staff update its progress; each update
is a timeline entry (ActionUpdate).

Only decisions of published minutes are followed: lists, `items_for_case` and
`open_items_for_series` leave out decisions whose minutes are still a draft or out for comment.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, bindparam, exists, not_, select, update
from sqlalchemy.orm import selectinload

from hub import audit
from hub import permissions as perm
from hub.actions.models import ActionItem, ActionStatus, ActionUpdate
from hub.auth.models import User
from hub.concurrency import check_version
from hub.dbtypes import constant
from hub.domain import DomainError
from hub.extensions import db
from hub.land.models import CaseStatus, LandCase
from hub.meetings.models import Meeting, Minutes, MinutesStatus
from hub.parks.models import Park
from hub.timeutil import local_day_start_utc, utcnow

EDIT_FIELDS = ("text", "owner_park_id", "assignee_id", "due_date")
# the statuses the owner park sets with a progress update
OWNER_STATUSES = (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS)


class ActionError(DomainError):
    """A refused decision or progress step: bad input on a form field (422), or the minutes'
    state forbids it (`locked`, `not_published`: 409)."""

    messages = {
        "text_required": _l("Please write the decision."),
        "not_participant": _l("The owner park must take part in the meeting."),
        "assignee_park": _l("The assignee must be an active user of the owner park."),
        "unknown_case": _l("Choose open land cases from the list."),
        "unknown_parcel": _l("No land case has this parcel code."),
        "nothing": _l("Change the status or write a progress note."),
        "locked": _l("These minutes are signed off and published: they and their decisions "
                     "are locked and can no longer be changed."),
        "not_published": _l("This decision becomes an action item when its minutes are signed "
                            "off; it cannot be updated before."),
        "apply_instead": _l("An action item is completed by applying for completion (办结申请); "
                            "the assigning office then closes it."),
        "status_fixed": _l("The status of an action item under review or closed changes only "
                           "through the review; you can still write a note."),
    }
    CONFLICTS = ("locked", "not_published", "status_fixed")

    def __init__(self, code: str, field: str | None = None):
        super().__init__(code, field, status=409 if code in self.CONFLICTS else 422)


def is_overdue(item: ActionItem, today: date) -> bool:
    """Due date (a local date) passed and not done."""
    return (item.due_date is not None and item.due_date < today
            and item.status is not ActionStatus.DONE)


# the statuses before publication, named so that PostgreSQL finds those minutes in
# ix_meeting_minutes_status instead of filtering every published one (`!= published`)
UNPUBLISHED = tuple(s for s in MinutesStatus if s is not MinutesStatus.PUBLISHED)


def _unpublished():
    return Minutes.status.in_([constant(status) for status in UNPUBLISHED])


def _minutes_not_published():
    """SQL: the item's meeting has minutes that are not published yet."""
    return exists(
        select(Minutes.id).where(Minutes.meeting_id == ActionItem.meeting_id, _unpublished())
    )


def followed():
    """SQL condition: decisions that are followed (their minutes are published)."""
    return not_(_minutes_not_published())


def meeting_followed():
    """SQL condition on Meeting: its decisions are followed (its minutes, if any, are
    published). Where the query joins Meeting, this checks once per meeting what `followed()`
    checks once per item (the meeting page's tracked count read 5,200 index entries at scale 10
    with `!= published`; 60 with UNPUBLISHED)."""
    return not_(exists(select(Minutes.id).where(Minutes.meeting_id == Meeting.id,
                                                _unpublished())))


def not_done():
    """SQL condition: the item is not done. The constant is in the SQL text (`constant`) so that
    PostgreSQL uses the partial index ix_action_item_open (status <> 'done') even in a generic
    plan of a prepared statement."""
    return ActionItem.status != constant(ActionStatus.DONE)


def series_open_clause(series_id: int, before: datetime):
    """SQL: open, followed items of meetings of a series that started before `before` (the query
    joins Meeting on ActionItem.meeting_id)."""
    return and_(Meeting.series_id == series_id, Meeting.starts_at < before, not_done(),
                meeting_followed())


def _locked(meeting_id: int) -> bool:
    status = db.session.execute(
        select(Minutes.status).where(Minutes.meeting_id == meeting_id)
    ).scalar_one_or_none()
    return status is MinutesStatus.PUBLISHED


def is_published(item: ActionItem) -> bool:
    return _locked(item.meeting_id)


def published(item=ActionItem, *, per_row: bool = False):
    """The SQL twin of `is_published`: the item's minutes are signed off and published. `item`:
    ActionItem or the columns of a subquery of action items (search). `per_row`: a probe per
    tested item (`OFFSET 0`: PostgreSQL does not hash every published minutes' meeting first;
    hub.permissions.meetings.park_takes_part)."""
    minutes = select(Minutes.id).where(Minutes.meeting_id == item.meeting_id,
                                       Minutes.status == MinutesStatus.PUBLISHED)
    return minutes.offset(0).exists() if per_row else exists(minutes)


# --- decisions (while the minutes are not locked) ---------------------------------------------
@dataclass
class DecisionData:
    text: str
    owner_park_id: int
    assignee_id: int | None = None
    due_date: date | None = None
    land_case_ids: list[int] = field(default_factory=list)
    parcel_codes: str = ""


def pickable_cases(user) -> list[LandCase]:
    """The cases a decision may be linked to: every case `user` may see but the deleted ones,
    the open ones first (not disposed), each group by parcel code."""
    return list(db.session.execute(
        select(LandCase).where(perm.shared_visible(user, LandCase),
                               LandCase.deleted_at.is_(None))
        .options(selectinload(LandCase.park))
        .order_by(LandCase.status == CaseStatus.DISPOSED, LandCase.parcel_code, LandCase.id)
    ).scalars())


def case_is_open(case: LandCase) -> bool:
    return case.status is not CaseStatus.DISPOSED


def _resolve_cases(data: DecisionData) -> list[LandCase]:
    ids = set(data.land_case_ids or [])
    cases = list(db.session.execute(
        select(LandCase).where(LandCase.id.in_(ids), LandCase.deleted_at.is_(None))
    ).scalars()) if ids else []
    if len(cases) != len(ids):
        raise ActionError("unknown_case", "land_case_ids")
    for code in [c for c in re.split(r"[\s,，;；、]+", data.parcel_codes or "") if c]:
        found = list(db.session.execute(
            select(LandCase).where(LandCase.parcel_code == code, LandCase.deleted_at.is_(None))
        ).scalars())
        if not found:
            raise ActionError("unknown_parcel", "parcel_codes")
        # the same code in several parks: the owner park's case first, else all of them
        own = [c for c in found if c.park_id == data.owner_park_id]
        cases.extend(own or found)
    unique = {c.id: c for c in cases}
    return sorted(unique.values(), key=lambda c: c.id)


def _check(meeting: Meeting, data: DecisionData) -> None:
    if not (data.text or "").strip():
        raise ActionError("text_required", "text")
    parks = {p.id for p in meeting.parks} | {meeting.host_park_id}
    if data.owner_park_id not in parks:
        raise ActionError("not_participant", "owner_park_id")
    if data.assignee_id:
        user = db.session.get(User, data.assignee_id)
        if user is None or user.park_id != data.owner_park_id or not user.active:
            raise ActionError("assignee_park", "assignee_id")


def create_decision(meeting: Meeting, data: DecisionData, *, by: User) -> ActionItem:
    if _locked(meeting.id):
        raise ActionError("locked")
    _check(meeting, data)
    cases = _resolve_cases(data)
    position = db.session.execute(
        select(db.func.coalesce(db.func.max(ActionItem.position), 0))
        .where(ActionItem.meeting_id == meeting.id)
    ).scalar_one() + 1
    item = ActionItem(meeting_id=meeting.id, position=position, text=data.text.strip(),
                      owner_park_id=data.owner_park_id, assignee_id=data.assignee_id or None,
                      due_date=data.due_date, created_by_id=by.id,
                      status=ActionStatus.NOT_STARTED)
    item.land_cases = cases
    db.session.add(item)
    changes = {f: [None, getattr(item, f)] for f in EDIT_FIELDS}
    changes["land_cases"] = [[], [c.parcel_code for c in cases]]
    audit.record(by, "create", item, changes, summary=_summary(item, meeting))
    return item


def update_decision(item: ActionItem, data: DecisionData, *, version, by: User) -> dict:
    if _locked(item.meeting_id):
        raise ActionError("locked")
    check_version(item, version)
    _check(item.meeting, data)
    cases = _resolve_cases(data)
    before = audit.snapshot(item, EDIT_FIELDS)
    old_cases = [c.parcel_code for c in item.land_cases]
    item.text = data.text.strip()
    item.owner_park_id = data.owner_park_id
    item.assignee_id = data.assignee_id or None
    item.due_date = data.due_date
    item.land_cases = cases
    changes = audit.diff(before, item)
    new_cases = [c.parcel_code for c in cases]
    if new_cases != old_cases:
        changes["land_cases"] = [old_cases, new_cases]
    if changes:
        audit.record(by, "update", item, changes, summary=_summary(item, item.meeting))
    return changes


def delete_decision(item: ActionItem, *, by: User) -> None:
    if _locked(item.meeting_id):
        raise ActionError("locked")
    audit.record(by, "delete", item, {f: [getattr(item, f), None] for f in EDIT_FIELDS},
                 summary=_summary(item, item.meeting))
    db.session.delete(item)


def _summary(item: ActionItem, meeting: Meeting) -> str:
    return f"{meeting.title}: {item.text}"[:255]


# --- follow-up (after publication) ------------------------------------------------------------
def update_progress(item: ActionItem, *, to: ActionStatus | None, note: str, version,
                    by: User, now: datetime | None = None) -> ActionUpdate:
    """A progress entry: a status change (未开始 / 进行中) and/or a note. Done (销号) and the
    review states are reached only through hub.actions.review."""
    if not is_published(item):
        raise ActionError("not_published")
    check_version(item, version)
    note = (note or "").strip()
    if to is item.status:
        to = None
    if to is not None and to not in OWNER_STATUSES:
        raise ActionError("apply_instead", "status")
    if to is not None and item.status not in OWNER_STATUSES:
        raise ActionError("status_fixed")
    if to is None and not note:
        raise ActionError("nothing", "note")
    now = now or utcnow()
    entry = ActionUpdate(actor_id=by.id, created_at=now, note=note,
                         from_status=item.status if to else None, to_status=to)
    item.updates.append(entry)
    if to is not None:
        changes = {"status": [item.status, to]}
        item.status = to
        if note:
            changes["note"] = ["", note]
        audit.record(by, "transition", item, changes, summary=_summary(item, item.meeting))
    else:
        item.updated_at = now  # bumps the version too: someone else's open form is stale
        audit.record(by, "progress", item, {"note": ["", note]},
                     summary=_summary(item, item.meeting))
    return entry


def items_for_case(case_id: int, user=None) -> list[ActionItem]:
    """Action items (of published minutes) linked to a land case, newest meeting first; with
    `user`, those `user` may open (permissions.action_item_visible)."""
    from hub.actions.models import action_land_case

    stmt = (
        select(ActionItem).join(action_land_case,
                                action_land_case.c.action_item_id == ActionItem.id)
        .join(Meeting, Meeting.id == ActionItem.meeting_id)
        .where(action_land_case.c.land_case_id == case_id, followed())
        .options(selectinload(ActionItem.owner_park), selectinload(ActionItem.assignee),
                 selectinload(ActionItem.meeting))
        .order_by(Meeting.starts_at.desc(), ActionItem.position))
    if user is not None:
        stmt = stmt.where(perm.action_item_visible(user))
    return list(db.session.execute(stmt).scalars())


def meeting_items(meeting_id: int) -> list:
    """A meeting's decisions as its page lists them, in decision order: rows (id, text,
    due_date, status, owner_short_name), no item objects, assignees or land cases (half the
    time of loading the items). `is_overdue` takes a row as it takes an item. Columns only:
    run on the session's connection, without the ORM's path."""
    return list(db.session.connection().execute(_MEETING_ITEMS, {"meeting_id": meeting_id}))


# built once (the meeting page asks on every request): see hub.meetings.queries.minutes_for
_MEETING_ITEMS = (select(ActionItem.id, ActionItem.text, ActionItem.due_date, ActionItem.status,
                         Park.short_name.label("owner_short_name"))
                  .join(Park, Park.id == ActionItem.owner_park_id)
                  .where(ActionItem.meeting_id == bindparam("meeting_id"))
                  .order_by(ActionItem.position, ActionItem.id))


def open_items_for_series(series_id: int, before: datetime | date) -> list[ActionItem]:
    """Open (not done) action items from meetings of a series that started before `before`
    (a UTC datetime, or a local date: meetings of earlier days), for 跟踪上次议定事项.

    Decisions of minutes not yet published are left out. Oldest meeting first."""
    if not isinstance(before, datetime):
        before = local_day_start_utc(before)
    return list(db.session.execute(
        select(ActionItem).join(Meeting, Meeting.id == ActionItem.meeting_id)
        .where(series_open_clause(series_id, before))
        .options(selectinload(ActionItem.owner_park), selectinload(ActionItem.meeting),
                 selectinload(ActionItem.assignee))
        .order_by(Meeting.starts_at, ActionItem.position, ActionItem.id)
    ).scalars())


def repair_series_copies() -> int:
    """Give every action item its meeting's series again (ActionItem.series_id, which database
    triggers keep: migration l3_action_item_series) where it differs, e.g. after a bulk load
    with row triggers off; returns how many items it changed. The caller commits."""
    of_meeting = (select(Meeting.series_id).where(Meeting.id == ActionItem.meeting_id)
                  .scalar_subquery())
    result = db.session.execute(
        update(ActionItem).values(series_id=of_meeting)
        .where(ActionItem.series_id.is_distinct_from(of_meeting))
        .execution_options(synchronize_session=False))
    return result.rowcount
