"""Audit log: `audit.record(actor, action, obj, changes)` from every feature."""

from hub.audit.services import diff, record, snapshot, update
from hub.features import Feature

__all__ = ["declare", "diff", "record", "snapshot", "update"]


def declare() -> Feature:
    from hub.audit import models

    return Feature("audit", models=models)
