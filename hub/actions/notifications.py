"""The action items' notifications (督办; declared in hub.actions.declare):
- action.assigned: an event subscriber, when minutes are published with an item for a person;
- action.due_soon: daily, DUE_SOON_DAYS (3) before the due date, once per due date;
- action.overdue: daily, every day until done; from the ESCALATE_AFTER_DAYS-th (3rd) overdue
  day also to the owner park's park admins and the zone admins (督办).
The 督办 workflow's (hub.actions.review), written in the same transaction as the step (in-app at
once; mail by the scheduler):
- action.review_requested: to the assigning office (`reviewers`), when the owner park applies
  for completion (办结申请) or for a later due date (延期申请); skipped once decided;
- action.reviewed: to the owner park: 销号, 退回, 延期 granted or refused;
- action.reminded: 催办, to the owner park.
Recipients (`action_recipients`): the assignee; without one, the owner park's park admins (else
its users). The daily ones are keyed by the local date and due at 09:00 local time
(hub.notify.producers.daily_at); the renderers skip an item done, re-dated or no longer overdue.
"""

from datetime import date, datetime, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from hub.actions.models import ActionItem, ActionStatus
from hub.actions.services import followed
from hub.extensions import db
from hub.notify.kinds import NotificationKind
from hub.notify.producers import (
    daily_at,
    deliver,
    existing,
    merge,
    park_admins,
    park_users,
    zone_admins,
)
from hub.notify.render import Skip, compose, get, link, path
from hub.timeutil import long_date, utcnow

DUE_SOON_DAYS = 3
ESCALATE_AFTER_DAYS = 3


def action_recipients(item) -> list:
    """The assignee; without one, the owner park's park admins (else its users)."""
    if item.assignee is not None and item.assignee.active:
        return merge([item.assignee])
    return park_admins([item.owner_park_id]) or park_users([item.owner_park_id])


# --- producers --------------------------------------------------------------------------------
def on_action_assigned(item, by=None, **_extra) -> None:
    deliver("action.assigned", action_recipients(item), object_type="action_item",
            object_id=item.id, due_at=utcnow(),
            occurrence_key=f"u{item.assignee_id}" if item.assignee_id else "",
            at_once=True)


def action_items(today: date) -> int:
    """The daily producer of action.due_soon and action.overdue (hub.actions.declare)."""
    items = list(db.session.execute(
        db.select(ActionItem)
        .where(ActionItem.status != ActionStatus.DONE, ActionItem.due_date.is_not(None),
               ActionItem.due_date <= today + timedelta(days=DUE_SOON_DAYS), followed())
        .options(selectinload(ActionItem.assignee), selectinload(ActionItem.owner_park))
        .order_by(ActionItem.id)).scalars())
    done = existing(["action.due_soon", "action.overdue"], "action_item", [i.id for i in items])
    made = 0
    due_at = daily_at(today)
    for item in items:
        common = {"object_type": "action_item", "object_id": item.id, "due_at": due_at}
        if item.due_date >= today:
            key = item.due_date.isoformat()
            if ("action.due_soon", item.id, key, None) not in done:
                made += deliver("action.due_soon", action_recipients(item),
                                occurrence_key=key, payload={"due": key}, **common)
            continue
        key = today.isoformat()
        if ("action.overdue", item.id, key, None) in done:
            continue
        days = (today - item.due_date).days
        escalated = days >= ESCALATE_AFTER_DAYS
        users = action_recipients(item)
        if escalated:  # 督办
            users = merge(users, park_admins([item.owner_park_id]), zone_admins())
        made += deliver("action.overdue", users, occurrence_key=key,
                        payload={"days": days, "escalated": escalated}, **common)
    return made


# --- renderers --------------------------------------------------------------------------------
def _item(delivery):
    item = get(ActionItem, delivery.object_id)
    if item.status is ActionStatus.DONE:
        raise Skip("done")
    return item


def _item_context(item) -> dict:
    return {"item": item, "owner_park": item.owner_park.name,
            "assignee": item.assignee.display_name if item.assignee else "",
            "due": long_date(item.due_date),  # 2027年2月9日 星期二
            "meeting_title": item.meeting.title,
            "item_link": link("actions.detail", item_id=item.id)}


def _short(text: str, size: int = 40) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= size else text[: size - 1] + "…"


def render_assigned(delivery):
    item = _item(delivery)
    return compose(delivery, _("Action item assigned: %(text)s", text=_short(item.text)),
                   path("actions.detail", item_id=item.id), _item_context(item))


def render_due_soon(delivery):
    item = _item(delivery)
    due = (delivery.payload or {}).get("due")
    if due and (item.due_date is None or item.due_date.isoformat() != due):
        raise Skip("due date changed")
    return compose(delivery, _("Action item due on %(due)s: %(text)s",
                               due=long_date(item.due_date), text=_short(item.text)),
                   path("actions.detail", item_id=item.id), _item_context(item))


def render_overdue(delivery):
    item = _item(delivery)
    payload = delivery.payload or {}
    if item.due_date is None or item.due_date >= date.fromisoformat(delivery.occurrence_key):
        raise Skip("no longer overdue")
    days = payload.get("days") or 0
    escalated = bool(payload.get("escalated"))
    text = (_("Supervision (督办): action item %(days)d day(s) overdue: %(text)s", days=days,
              text=_short(item.text)) if escalated else
            _("Action item %(days)d day(s) overdue: %(text)s", days=days, text=_short(item.text)))
    return compose(delivery, text, path("actions.detail", item_id=item.id),
                   {**_item_context(item), "days": days, "escalated": escalated})



# --- 督办 review (hub.actions.review) -------------------------------------------------------

def reviewers(item) -> list:
    """The assigning office (hub.permissions.can_review_action_item): the zone admins and the
    host park's park admins (unless the host park owns the item)."""
    host = item.meeting.host_park_id
    hosts = park_admins([host]) if host is not None and host != item.owner_park_id else []
    return merge(zone_admins(), hosts)


def _send(kind: str, users, item, key: str, now: datetime, payload: dict) -> None:
    deliver(kind, users, object_type="action_item", object_id=item.id, due_at=now,
            occurrence_key=key, payload=payload, at_once=True)


def review_requested(item, what: str, entry_id: int, now: datetime) -> None:
    _send("action.review_requested", reviewers(item), item, f"{what}-{entry_id}", now,
          {"what": what})


def reviewed(item, outcome: str, entry_id: int, now: datetime, note: str = "") -> None:
    _send("action.reviewed", action_recipients(item), item, f"{outcome}-{entry_id}", now,
          {"outcome": outcome, "note": note})


def reminded(item, day: date, now: datetime, note: str = "") -> None:
    _send("action.reminded", action_recipients(item), item, day.isoformat(), now,
          {"note": note})


# --- renderers --------------------------------------------------------------------------------
def _review_context(item, delivery) -> dict:
    return {**_item_context(item), "note": (delivery.payload or {}).get("note", ""),
            "extension_due": long_date(item.extension_due)}


def render_review_requested(delivery):
    item = get(ActionItem, delivery.object_id)
    what = (delivery.payload or {}).get("what")
    if what == "extension":
        if item.extension_due is None:
            raise Skip("decided")
        text = _("Later due date requested (延期申请): %(text)s", text=_short(item.text))
    else:
        if item.status is not ActionStatus.PENDING_REVIEW:
            raise Skip("decided")
        text = _("Completion applied for (办结申请): %(text)s", text=_short(item.text))
    return compose(delivery, text, path("actions.detail", item_id=item.id),
                   {**_review_context(item, delivery), "what": what})


OUTCOMES = {
    "closed": _l("Action item closed (销号)"),
    "returned": _l("Completion application sent back (退回)"),
    "extended": _l("Later due date granted"),
    "extension_rejected": _l("Later due date refused"),
}


def render_reviewed(delivery):
    item = get(ActionItem, delivery.object_id)
    outcome = (delivery.payload or {}).get("outcome", "")
    label = str(OUTCOMES.get(outcome, OUTCOMES["closed"]))
    return compose(delivery, f"{label}: {_short(item.text)}",
                   path("actions.detail", item_id=item.id),
                   {**_review_context(item, delivery), "outcome": outcome, "outcome_label": label})


def render_reminded(delivery):
    item = get(ActionItem, delivery.object_id)
    if item.status is ActionStatus.DONE:
        raise Skip("done")
    return compose(delivery, _("Reminder (催办): %(text)s", text=_short(item.text)),
                   path("actions.detail", item_id=item.id), _review_context(item, delivery))


REVIEW_KINDS = [
    NotificationKind("action.review_requested", _l("Action item awaits review"),
                     render_review_requested, order=43),
    NotificationKind("action.reviewed", _l("Action item reviewed"), render_reviewed, order=44),
    NotificationKind("action.reminded", _l("Action item reminder (催办)"), render_reminded,
                     order=45),
]

KINDS = [
    NotificationKind("action.assigned", _l("Action item assigned"), render_assigned, order=40),
    NotificationKind("action.due_soon", _l("Action item due soon"), render_due_soon, order=41),
    NotificationKind("action.overdue", _l("Action item overdue"), render_overdue, order=42),
    *REVIEW_KINDS,
]

SUBSCRIPTIONS = {"action.assigned": on_action_assigned}
