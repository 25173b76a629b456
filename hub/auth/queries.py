"""Accounts as other features list them."""

from hub.auth.models import User
from hub.extensions import db
from hub.parks.models import Park


def assignee_choices(park_ids, *, keep_id: int | None = None) -> list[tuple[int, str]]:
    """(id, "park short name · name") of the active users of these parks (and of `keep_id`, the
    current assignee, even if inactive), by park then name: the assignee menus of land cases and
    decisions. Rows, not users: the zone office's menu holds every active user (6,000 at scale
    10), and as entities it was half of the land case form's time."""
    stmt = (db.select(User.id, Park.short_name, User.display_name)
            .join(Park, Park.id == User.park_id).where(User.park_id.in_(list(park_ids)))
            .order_by(User.park_id, User.display_name))
    active = User.active.is_(True)
    stmt = stmt.where(active | (User.id == keep_id) if keep_id else active)
    return [(user_id, f"{park} · {name}") for user_id, park, name in db.session.execute(stmt)]
