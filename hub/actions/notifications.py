"""The action items' notifications (督办; declared in hub.actions.declare):
- action.assigned: an event subscriber, when minutes are published with an item for a person;
- action.due_soon: daily, DUE_SOON_DAYS (3) before the due date, once per due date;
- action.overdue: daily, every day until done; from the ESCALATE_AFTER_DAYS-th (3rd) overdue
  day also to the owner park's park admins and the zone admins (督办).
Recipients (`action_recipients`): the assignee; without one, the owner park's park admins (else
its users). The daily ones are keyed by the local date and due at 09:00 local time
(hub.notify.producers.daily_at); the renderers skip an item done, re-dated or no longer overdue.
"""

from datetime import date, timedelta

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
from hub.timeutil import utcnow

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
            "due": item.due_date.isoformat() if item.due_date else "",
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
                               due=item.due_date.isoformat(), text=_short(item.text)),
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


KINDS = [
    NotificationKind("action.assigned", _l("Action item assigned"), render_assigned, order=40),
    NotificationKind("action.due_soon", _l("Action item due soon"), render_due_soon, order=41),
    NotificationKind("action.overdue", _l("Action item overdue"), render_overdue, order=42),
]

SUBSCRIPTIONS = {"action.assigned": on_action_assigned}
