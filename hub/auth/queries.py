"""Accounts as other features list them."""

from hub.auth.models import User
from hub.extensions import db
from hub.parks.models import Park


def assignee_choices(park_ids, *, keep_id: int | None = None) -> list[tuple[int, str]]:
    """(id, "park short name · name") of the active users of these parks (and of `keep_id`, the
    current assignee, even if inactive), by park then name: the assignee menus of land cases and
    decisions. Rows, not users: the zone office's menu holds every active user (6,000 at scale
    10), and as entities it was half of the land case form's time."""
    stmt = _people(keep_id).where(User.park_id.in_(list(park_ids)))
    rows = db.session.execute(stmt.order_by(User.park_id, User.display_name))
    return [(row.id, f"{row.short_name} · {row.display_name}") for row in rows]


def picker_people() -> list:
    """Rows (id, display_name, short_name, park_id, park_name) of every active user, by park:
    what the people picker offers (hub.pickers.PeoplePickerField.offer; rows, not users: 6,000
    entities at scale 10 were a fifth of the meeting form's time)."""
    return db.session.execute(_people().order_by(User.park_id, User.id)).all()


def _people(keep_id: int | None = None):
    """(id, display name, park short name, park id, park name) of the active users, and of
    `keep_id`."""
    active = User.active.is_(True)
    return (db.select(User.id, User.display_name, Park.short_name, Park.id.label("park_id"),
                      Park.name.label("park_name"))
            .join(Park, Park.id == User.park_id)
            .where(active | (User.id == keep_id) if keep_id else active))
