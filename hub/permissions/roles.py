"""Who is who: the roles, signed-in and same-park tests, and the view decorators.

The role predicates have SQL twins over accounts (`admin_accounts`, `park_admin_accounts`) for
the queries that pick people by role (notification recipients, the demo data's author).
"""

from functools import wraps

from flask import abort
from flask_login import current_user, login_required
from sqlalchemy import ColumnElement, and_

from hub.auth.models import Role, User
from hub.parks.models import Park


def require(allowed: bool) -> None:
    if not allowed:
        abort(403)


def signed_in(user) -> bool:
    """A signed-in user; for an account (User row): an active account of an active park, i.e.
    one that may sign in (Flask-Login's is_authenticated is the account's is_active)."""
    return bool(getattr(user, "is_authenticated", False))


def signed_in_accounts() -> ColumnElement[bool]:
    """The SQL twin of `signed_in`, over accounts (User rows)."""
    return and_(User.active.is_(True), User.park.has(Park.active.is_(True)))


# --- roles ------------------------------------------------------------------------------------
def is_admin(user) -> bool:
    """平台管理员: the zone office."""
    return signed_in(user) and user.role is Role.ADMIN


def admin_accounts() -> ColumnElement[bool]:
    """The SQL twin of `is_admin`, over accounts (User rows)."""
    return and_(signed_in_accounts(), User.role == Role.ADMIN)


def is_park_admin(user) -> bool:
    return signed_in(user) and user.role is Role.PARK_ADMIN


def park_admin_accounts() -> ColumnElement[bool]:
    """The SQL twin of `is_park_admin`, over accounts (User rows)."""
    return and_(signed_in_accounts(), User.role == Role.PARK_ADMIN)


def is_park_member(user) -> bool:
    """A park's own people (park admin or staff), as opposed to the zone office."""
    return signed_in(user) and user.role in (Role.PARK_ADMIN, Role.STAFF)


def can_enter_admin_area(user) -> bool:
    return is_admin(user) or is_park_admin(user)


def can_oversee_every_park(user) -> bool:
    """The zone office's view across parks: every park's action items, projects and figures
    side by side, with a park filter (others see their own park's)."""
    return is_admin(user)


def can_list_deleted(user) -> bool:
    """Show the deleted notices, cases and listings (to restore them): admins."""
    return is_admin(user)


# --- same park --------------------------------------------------------------------------------
def same_park(user, obj) -> bool:
    return signed_in(user) and user.park_id == obj.park_id


def same_park_id(user, park_id: int | None) -> bool:
    return signed_in(user) and user.park_id == park_id


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
