"""招商活动 (visits): log, correct, delete. A deleted visit stays in the table (soft delete)
and leaves the list and the campaign figures, which are counted from the visits
(hub.projects.campaigns)."""

from sqlalchemy.orm import selectinload

from hub import audit
from hub import permissions as perm
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


def get_live(visit_id: int) -> Visit | None:
    return db.session.execute(db.select(Visit).where(Visit.id == visit_id, live())).scalar()


def list_query(user):
    """The visits `user` may see (hub.permissions.visit_visible), newest first."""
    return (db.select(Visit).options(selectinload(Visit.park)).where(perm.visit_visible(user))
            .order_by(Visit.visit_on.desc(), Visit.id.desc()))
