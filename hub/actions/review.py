"""The government-office workflow of an action item (督办), beside its progress updates:

- 办结申请 → 销号 / 退回: the owner park applies for completion (a note, optional files); the
  assigning office (hub.permissions.can_review_action_item) closes the item (销号, done) or
  sends it back to 进行中 with a reason (退回). The owner park never sets 已完成 itself.
- 催办: the assigning office reminds the owner park (in-app and mail), once per item and local day.
- 延期申请: the owner park asks for a later due date with a reason; the assigning office grants
  it (the due date changes) or refuses it with a reason.

Each step is a timeline entry (ActionUpdate with its UpdateKind) and an audit entry; its
notification is written in the same transaction (hub.actions.notifications).
"""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l

from hub import audit
from hub.actions import notifications
from hub.actions.models import ActionItem, ActionStatus, ActionUpdate, UpdateKind
from hub.actions.services import is_published
from hub.attachments import services as attachments
from hub.auth.models import User
from hub.concurrency import check_version
from hub.domain import DomainError
from hub.extensions import db
from hub.timeutil import local_today, to_local, utcnow

UPDATE_OWNER = "action_item_update"  # attachments of timeline entries (办结申请 材料)


class ReviewError(DomainError):
    """A refused 督办 step: bad input on a form field (422), or the item's state forbids it
    (409)."""

    messages = {
        "not_published": _l("This decision becomes an action item when its minutes are signed "
                            "off; it cannot be updated before."),
        "closed": _l("This action item is closed (销号); nothing more can be done with it."),
        "already_applied": _l("Completion has already been applied for; the assigning office "
                              "is reviewing it."),
        "not_applied": _l("Nobody has applied for completion of this action item."),
        "note_required": _l("Please describe what was done."),
        "reason_required": _l("Please give a reason."),
        "reminded_today": _l("The owner park has already been reminded today; try again "
                             "tomorrow."),
        "extension_pending": _l("A request for a later due date already awaits a decision."),
        "no_extension": _l("No request for a later due date awaits a decision."),
        "due_required": _l("Please choose the new due date."),
        "due_later": _l("The new due date must be later than the current one and not in the "
                        "past."),
    }
    CONFLICTS = ("not_published", "closed", "already_applied", "not_applied", "reminded_today",
                 "extension_pending", "no_extension")

    def __init__(self, code: str, field: str | None = None):
        super().__init__(code, field, status=409 if code in self.CONFLICTS else 422)


def _summary(item: ActionItem) -> str:
    return f"{item.meeting.title}: {item.text}"[:255]


def _open(item: ActionItem, version=None) -> None:
    if not is_published(item):
        raise ReviewError("not_published")
    if version is not None:
        check_version(item, version)
    if item.status is ActionStatus.DONE:
        raise ReviewError("closed")


def _text(value: str | None, code: str, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ReviewError(code, field)
    return value


def _entry(item: ActionItem, kind: UpdateKind, by: User, now: datetime, *, note: str = "",
           to: ActionStatus | None = None, due_from=None, due_to=None) -> ActionUpdate:
    entry = ActionUpdate(actor_id=by.id, created_at=now, note=note, kind=kind,
                         from_status=item.status if to is not None else None, to_status=to,
                         due_from=due_from, due_to=due_to)
    item.updates.append(entry)
    if to is not None:
        item.status = to
    item.updated_at = now  # bumps the version: someone else's open form is stale
    return entry


# --- 办结申请 → 销号 / 退回 ------------------------------------------------------------
def apply_completion(item: ActionItem, *, note: str, version, by: User, uploads=(),
                     now: datetime | None = None) -> ActionUpdate:
    _open(item, version)
    if item.status is ActionStatus.PENDING_REVIEW:
        raise ReviewError("already_applied")
    note = _text(note, "note_required", "note")
    now = now or utcnow()
    before = item.status
    entry = _entry(item, UpdateKind.APPLY, by, now, note=note, to=ActionStatus.PENDING_REVIEW)
    db.session.flush()
    files = attachments.save_all(uploads or [], UPDATE_OWNER, entry.id, by)
    changes = {"status": [before, item.status], "note": ["", note]}
    if files:
        changes["attachments"] = [[], [f.original_name for f in files]]
    audit.record(by, "apply", item, changes, summary=_summary(item))
    notifications.review_requested(item, "completion", entry.id, now)
    return entry


def close(item: ActionItem, *, note: str, version, by: User,
          now: datetime | None = None) -> ActionUpdate:
    """销号: the item is done."""
    _open(item, version)
    if item.status is not ActionStatus.PENDING_REVIEW:
        raise ReviewError("not_applied")
    now = now or utcnow()
    note = (note or "").strip()
    entry = _entry(item, UpdateKind.CLOSE, by, now, note=note, to=ActionStatus.DONE)
    item.completed_at = now
    item.extension_due = None  # a pending extension request has no object any more
    audit.record(by, "close", item, {"status": [ActionStatus.PENDING_REVIEW, ActionStatus.DONE],
                                     "completed_at": [None, now], "note": ["", note]},
                 summary=_summary(item))
    notifications.reviewed(item, "closed", entry.id, now, note)
    return entry


def send_back(item: ActionItem, *, reason: str, version, by: User,
              now: datetime | None = None) -> ActionUpdate:
    """退回: back to 进行中, with the reason."""
    _open(item, version)
    if item.status is not ActionStatus.PENDING_REVIEW:
        raise ReviewError("not_applied")
    reason = _text(reason, "reason_required", "reason")
    now = now or utcnow()
    entry = _entry(item, UpdateKind.RETURN, by, now, note=reason, to=ActionStatus.IN_PROGRESS)
    audit.record(by, "return", item, {"status": [ActionStatus.PENDING_REVIEW,
                                                 ActionStatus.IN_PROGRESS],
                                      "note": ["", reason]}, summary=_summary(item))
    notifications.reviewed(item, "returned", entry.id, now, reason)
    return entry


# --- 催办 ------------------------------------------------------------------------------------
def reminded_today(item: ActionItem, now: datetime | None = None) -> bool:
    now = now or utcnow()
    return (item.reminded_at is not None
            and to_local(item.reminded_at).date() == local_today(now))


def remind(item: ActionItem, *, note: str, by: User, now: datetime | None = None) -> ActionUpdate:
    """催办: once per item and local day."""
    _open(item)
    now = now or utcnow()
    if reminded_today(item, now):
        raise ReviewError("reminded_today")
    note = (note or "").strip()
    entry = _entry(item, UpdateKind.REMIND, by, now, note=note)
    item.reminded_at = now
    audit.record(by, "remind", item, {"note": ["", note]} if note else {},
                 summary=_summary(item))
    notifications.reminded(item, local_today(now), now, note)
    return entry


# --- 延期申请 → 批准 / 不予批准 ---------------------------------------------------------
def request_extension(item: ActionItem, *, due: date | None, reason: str, version, by: User,
                      now: datetime | None = None) -> ActionUpdate:
    _open(item, version)
    if item.extension_due is not None:
        raise ReviewError("extension_pending")
    now = now or utcnow()
    if due is None:
        raise ReviewError("due_required", "due_date")
    if due < local_today(now) or (item.due_date is not None and due <= item.due_date):
        raise ReviewError("due_later", "due_date")
    reason = _text(reason, "reason_required", "reason")
    entry = _entry(item, UpdateKind.EXTEND_REQUEST, by, now, note=reason,
                   due_from=item.due_date, due_to=due)
    item.extension_due = due
    audit.record(by, "extend_request", item, {"extension_due": [None, due], "note": ["", reason]},
                 summary=_summary(item))
    notifications.review_requested(item, "extension", entry.id, now)
    return entry


def approve_extension(item: ActionItem, *, note: str, version, by: User,
                      now: datetime | None = None) -> ActionUpdate:
    _open(item, version)
    if item.extension_due is None:
        raise ReviewError("no_extension")
    now = now or utcnow()
    old, new = item.due_date, item.extension_due
    note = (note or "").strip()
    entry = _entry(item, UpdateKind.EXTEND_APPROVE, by, now, note=note, due_from=old, due_to=new)
    item.due_date, item.extension_due = new, None
    audit.record(by, "extend_approve", item, {"due_date": [old, new], "note": ["", note]},
                 summary=_summary(item))
    notifications.reviewed(item, "extended", entry.id, now, note)
    return entry


def reject_extension(item: ActionItem, *, reason: str, version, by: User,
                     now: datetime | None = None) -> ActionUpdate:
    _open(item, version)
    if item.extension_due is None:
        raise ReviewError("no_extension")
    reason = _text(reason, "reason_required", "reason")
    now = now or utcnow()
    entry = _entry(item, UpdateKind.EXTEND_REJECT, by, now, note=reason,
                   due_from=item.due_date, due_to=item.extension_due)
    audit.record(by, "extend_reject", item, {"extension_due": [item.extension_due, None],
                                             "note": ["", reason]}, summary=_summary(item))
    item.extension_due = None
    notifications.reviewed(item, "extension_rejected", entry.id, now, reason)
    return entry
