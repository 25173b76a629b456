"""Items a park keeps and everyone reads: land cases (hub.land) and talent listings
(hub.talent). Deleted ones are seen and restored by admins only."""

from sqlalchemy import ColumnElement, false, true

from hub.permissions.roles import is_admin, is_park_admin, same_park, signed_in


def _deleted(obj) -> bool:
    return getattr(obj, "deleted_at", None) is not None


def can_view_shared(user, obj) -> bool:
    """Cases and talent listings are read by every signed-in user; deleted ones by admins."""
    if not signed_in(user):
        return False
    if _deleted(obj):
        return is_admin(user)
    return True


def shared_visible(user, model) -> ColumnElement[bool]:
    """The SQL twin of `can_view_shared` for `model` (LandCase, TalentListing, or the columns
    of a subquery of them)."""
    if not signed_in(user):
        return false()
    if is_admin(user):
        return true()
    return model.deleted_at.is_(None)


def can_edit_park_item(user, obj) -> bool:
    """Cases and talent listings: the owning park's staff and admins; admins any park's.

    Deleted items are changed only by admins (restore)."""
    if _deleted(obj):
        return is_admin(user)
    return is_admin(user) or same_park(user, obj)


def can_delete_park_item(user, obj) -> bool:
    """Soft delete: admins, and the owning park's park admin."""
    return is_admin(user) or (is_park_admin(user) and same_park(user, obj))


def can_restore(user, obj) -> bool:
    return is_admin(user)
