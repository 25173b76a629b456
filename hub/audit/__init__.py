"""Audit log: `audit.record(actor, action, obj, changes)` from every feature."""

from hub.audit.services import diff, record, restore, snapshot, soft_delete, update
from hub.features import Feature

__all__ = ["declare", "diff", "record", "restore", "snapshot", "soft_delete", "update"]


def declare() -> Feature:
    from hub.audit import models

    return Feature("audit", models=models)
