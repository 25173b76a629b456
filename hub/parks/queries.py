"""The park lists every feature shows, written once. All are ordered by id (the order the zone
office registered the parks in, which is the order every page and export shows them in)."""

from functools import cache

from hub.extensions import db
from hub.lists import sorting
from hub.parks.models import Park, ParkKind

SORT = sorting.SortSpec({
    "registered": sorting.key(Park.id),
    "name": sorting.key(Park.name), "short_name": sorting.key(Park.short_name),
    "kind": sorting.key(Park.kind), "contact": sorting.key(Park.contact_person),
    "phone": sorting.key(Park.contact_phone),
    "status": sorting.key(Park.active, first=sorting.DESC),
}, default="registered", tiebreak=(Park.id,))


def all_parks(sort: sorting.Sort | None = None) -> list[Park]:
    """Every park, deactivated ones included (filters, history, admin lists); by id unless
    `sort` says otherwise (the admin's park list)."""
    order = sort.order_by() if sort is not None else [Park.id]
    return list(db.session.execute(db.select(Park).order_by(*order)).scalars())


def park_names() -> list:
    """Every park as a row of (id, name, short_name), by id: what list pages show of parks
    (filter menus, a row's park) without loading Park entities (issue 16)."""
    return list(db.session.execute(_park_names_stmt()))


@cache
def _park_names_stmt():
    """Built once (its values are constants; the rows are read at every call)."""
    return db.select(Park.id, Park.name, Park.short_name).order_by(Park.id)


def active_parks() -> list[Park]:
    """The parks one can choose for something new."""
    return list(db.session.execute(
        db.select(Park).where(Park.active.is_(True)).order_by(Park.id)).scalars())


def reporting_parks() -> list[Park]:
    """The active parks but the zone office: those that report figures, projects, empowered
    items and campaign results."""
    return list(db.session.execute(
        db.select(Park).where(*reporting()).order_by(Park.id)).scalars())


def reporting() -> tuple:
    """`reporting_parks`' rule, for statements that select other columns of them."""
    return (Park.active.is_(True), Park.kind != ParkKind.ZONE)


def by_short_name(short_name: str) -> Park | None:
    return db.session.execute(
        db.select(Park).where(Park.short_name == short_name)).scalar_one_or_none()


def by_short_names() -> dict[str, Park]:
    """{short name: park} of every park (the demo content names parks by short name)."""
    return {p.short_name: p for p in all_parks()}


def zone_office() -> Park | None:
    """The zone office (园区办): the first park of kind zone, if any."""
    return db.session.execute(
        db.select(Park).where(Park.kind == ParkKind.ZONE).order_by(Park.id).limit(1)).scalar()
