"""The one helper every feature calls to write the audit log."""

import enum
from datetime import date, datetime
from decimal import Decimal

from flask import has_request_context, request
from sqlalchemy import inspect

from hub.audit.models import AuditEntry
from hub.extensions import db

HIDDEN = "******"
# Never write these values anywhere: a changed password shows only that it changed.
SECRET_MARKERS = ("password", "secret", "token", "webhook")


def _plain(value):
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    return str(value)


def _is_secret(field: str) -> bool:
    return any(marker in field.lower() for marker in SECRET_MARKERS)


def clean_changes(changes: dict | None) -> dict:
    out = {}
    for field, pair in (changes or {}).items():
        if _is_secret(field):
            out[field] = [HIDDEN, HIDDEN]
        else:
            old, new = pair
            out[field] = [_plain(old), _plain(new)]
    return out


def snapshot(obj, fields) -> dict:
    """The current values of `fields` on `obj`, to diff against after an edit."""
    return {f: getattr(obj, f) for f in fields}


def diff(before: dict, obj) -> dict:
    """{field: [old, new]} for every field of `before` whose value on `obj` differs now."""
    changes = {}
    for field, old in before.items():
        new = getattr(obj, field)
        if old != new:
            changes[field] = [old, new]
    return changes


def update(actor, obj, data: dict, fields) -> dict:
    """Set `fields` of `obj` from `data` and record the changed ones as an "update" entry.
    Returns the changes ({} when nothing changed: no entry)."""
    before = snapshot(obj, fields)
    for field in fields:
        setattr(obj, field, data[field])
    changes = diff(before, obj)
    if changes:
        record(actor, "update", obj, changes)
    return changes


def soft_delete(actor, obj, keep=()) -> dict:
    """Soft delete `obj` (a hub.models_base.SoftDeleteMixin) and record a "delete" entry, which
    also keeps the values of the fields `keep`. Deleting a deleted row does nothing: {}."""
    kept = {f: [getattr(obj, f), None] for f in keep}
    changes = obj.mark_deleted(getattr(actor, "id", None))
    if changes:
        record(actor, "delete", obj, {**kept, **changes})
    return changes


def restore(actor, obj) -> dict:
    """Undo `soft_delete` and record a "restore" entry. Restoring a live row does nothing: {}."""
    changes = obj.mark_restored()
    if changes:
        record(actor, "restore", obj, changes)
    return changes


def record(actor, action: str, obj, changes: dict | None = None, summary: str = "") -> AuditEntry:
    """Add an audit entry to the session; it commits with the change it describes."""
    if inspect(obj).transient or inspect(obj).pending:
        db.session.flush([obj])
    park_id = getattr(obj, "park_id", None)
    if park_id is None and obj.__class__.__name__ == "Park":
        park_id = obj.id
    if park_id is None and actor is not None:
        park_id = actor.park_id
    entry = AuditEntry(
        actor_id=getattr(actor, "id", None),
        park_id=park_id,
        action=action,
        object_type=obj.__class__.__tablename__,
        object_id=getattr(obj, "id", None),
        summary=(summary or str(obj))[:255],
        changes=clean_changes(changes),
        ip=request.remote_addr if has_request_context() else None,
    )
    db.session.add(entry)
    return entry
