"""Audit log: `audit.record(actor, action, obj, changes)` from every feature."""

from hub.audit.services import diff, record, restore, snapshot, soft_delete, update

__all__ = ["diff", "record", "restore", "snapshot", "soft_delete", "update"]
