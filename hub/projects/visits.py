"""招商活动 (visits): log, correct, delete. A deleted visit stays in the table (soft delete)
and leaves the list and the campaign figures, which are counted from the visits
(hub.projects.campaigns)."""

from sqlalchemy.orm import selectinload

from hub import audit
from hub import permissions as perm
from hub.extensions import db
from hub.lists import sorting
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


SORT = sorting.SortSpec({
    "date": sorting.key(Visit.visit_on, first=sorting.DESC), "park": sorting.key(Visit.park_id),
    "destination": sorting.key(Visit.destination), "people": sorting.key(Visit.people),
}, default="date", tiebreak=(Visit.id,))


def list_query(user, sort: sorting.Sort | None = None):
    """The visits `user` may see (hub.permissions.visit_visible), newest first (or in `sort`'s
    order)."""
    sort = sort or sorting.Sort.default_of(SORT)
    return (db.select(Visit).options(selectinload(Visit.park)).where(perm.visit_visible(user))
            .order_by(*sort.order_by()))
