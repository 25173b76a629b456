"""招商活动 (visits): log, correct, delete. A deleted visit stays in the table (soft delete)
and leaves the list and the campaign figures, which are counted from the visits
(hub.projects.campaigns)."""

from hub import audit
from hub.extensions import db
from hub.projects.models import Visit

FIELDS = ("park_id", "visit_on", "destination", "people", "leads")


def create(actor, data: dict) -> Visit:
    visit = Visit(created_by_id=actor.id, **{f: data[f] for f in FIELDS})
    db.session.add(visit)
    audit.record(actor, "create", visit, {f: [None, data[f]] for f in FIELDS})
    return visit


def update(actor, visit: Visit, data: dict) -> dict:
    """Store the changed fields; audited. Returns the changes (empty: nothing changed)."""
    return audit.update(actor, visit, data, FIELDS)


def delete(actor, visit: Visit) -> None:
    """Soft delete; the audit entry keeps every field of the visit."""
    audit.soft_delete(actor, visit, keep=FIELDS)


def live():
    """The condition every list and count of visits uses."""
    return Visit.deleted_at.is_(None)
