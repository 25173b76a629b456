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
    return [(user_id, f"{park} · {name}") for user_id, name, park in rows]


def picker_choices() -> list[tuple[int, str]]:
    """(id, "name · park short name") of every active user, by park: the people picker's
    choices (hub.pickers; rows, not users: 6,000 entities at scale 10 were a fifth of the
    meeting form's time)."""
    rows = db.session.execute(_people().order_by(User.park_id, User.id))
    return [(user_id, f"{name} · {park}") for user_id, name, park in rows]


def _people(keep_id: int | None = None):
    """(id, display name, park short name) of the active users, and of `keep_id`."""
    active = User.active.is_(True)
    return (db.select(User.id, User.display_name, Park.short_name)
            .join(Park, Park.id == User.park_id)
            .where(active | (User.id == keep_id) if keep_id else active))
