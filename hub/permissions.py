"""Every authorization rule of Park Hub, as small predicates plus a few decorators.

Views never decide who may do what; they ask here. Later features add their predicates here.
"""

from functools import wraps

from flask import abort
from flask_login import current_user, login_required

from hub.auth.models import Role, User


def require(allowed: bool) -> None:
    if not allowed:
        abort(403)


# --- roles ------------------------------------------------------------------------------------
def is_admin(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.role is Role.ADMIN


def is_park_admin(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.role is Role.PARK_ADMIN


def can_enter_admin_area(user) -> bool:
    return is_admin(user) or is_park_admin(user)


# --- parks ------------------------------------------------------------------------------------
def can_manage_parks(user) -> bool:
    return is_admin(user)


# --- accounts ---------------------------------------------------------------------------------
def manageable_roles(actor) -> list[Role]:
    """The roles `actor` may give to an account."""
    if is_admin(actor):
        return [Role.STAFF, Role.PARK_ADMIN, Role.ADMIN]
    if is_park_admin(actor):
        return [Role.STAFF]
    return []


def can_create_account(actor, park_id: int, role: Role) -> bool:
    if is_admin(actor):
        return True
    return is_park_admin(actor) and park_id == actor.park_id and role is Role.STAFF


def can_manage_account(actor, target: User) -> bool:
    """Edit, reset the password of, deactivate or reactivate `target`."""
    if is_admin(actor):
        return True
    return (
        is_park_admin(actor)
        and target.park_id == actor.park_id
        and target.role is Role.STAFF
    )


def can_list_accounts_of(actor, park_id: int | None) -> bool:
    if is_admin(actor):
        return True
    return is_park_admin(actor) and park_id == actor.park_id


# --- audit log --------------------------------------------------------------------------------
def can_view_audit(user) -> bool:
    return is_admin(user)


# --- decorators -------------------------------------------------------------------------------
def role_required(*roles: Role):
    """The view needs a logged-in user with one of `roles` (403 otherwise)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


admin_required = role_required(Role.ADMIN)
admin_area_required = role_required(Role.ADMIN, Role.PARK_ADMIN)
