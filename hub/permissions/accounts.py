"""Parks, accounts, the audit log, the holiday calendar and notifications (the centre, the
outbox, the parks' group robots)."""

from sqlalchemy import ColumnElement, false

from hub.auth.models import Role, User
from hub.notify.models import DeliveryState, Notification
from hub.permissions.roles import is_admin, is_park_admin, same_park_id, signed_in


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


def can_manage_every_parks_accounts(actor) -> bool:
    """The accounts of every park (the park filter on the accounts page)."""
    return can_list_accounts_of(actor, None)


# --- audit log --------------------------------------------------------------------------------
def can_view_audit(user) -> bool:
    return is_admin(user)


# --- holiday calendar (节假日安排) ---------------------------------------------------------------
def can_manage_holidays(user) -> bool:
    """See, enter and import the yearly holiday arrangements: the zone office's admins."""
    return is_admin(user)


# --- shared resources (the per-park counts page) ------------------------------------------------
def can_view_resource_counts(user) -> bool:
    return is_admin(user)


# --- notifications: outbox and scheduler (admin) ----------------------------------------------
def can_view_outbox(user) -> bool:
    """The outbox, its .eml files and the scheduler status: admins."""
    return is_admin(user)


def can_retry_delivery(user, delivery) -> bool:
    """"Retry now": a failed delivery, or a pending one waiting for its next attempt."""
    return is_admin(user) and (
        delivery.state is DeliveryState.FAILED
        or (delivery.state is DeliveryState.PENDING and delivery.attempts > 0)
    )


# --- notifications ----------------------------------------------------------------------------
def can_read_notification(user, notification) -> bool:
    """A notification is its recipient's alone."""
    return signed_in(user) and notification.user_id == user.id


def notification_visible(user) -> ColumnElement[bool]:
    """The SQL twin of `can_read_notification` (the centre's list, counts and lookups)."""
    if not signed_in(user):
        return false()
    return Notification.user_id == user.id


def can_configure_robot(user, park_id: int | None) -> bool:
    """A park's group robot (webhook): its park admin, or an admin for any park."""
    return is_admin(user) or (is_park_admin(user) and same_park_id(user, park_id))
