"""Audit log: `audit.record(actor, action, obj, changes)` from every feature."""

from hub.audit.services import diff, record, snapshot, update

__all__ = ["diff", "record", "snapshot", "update"]
