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


# --- holiday calendar (节假日安排) ---------------------------------------------------------------
def can_manage_holidays(user) -> bool:
    """See, enter and import the yearly holiday arrangements: the zone office's admins."""
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


# --- shared resources (notices, land cases, talent listings) ----------------------------------
def same_park(user, obj) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.park_id == obj.park_id


def can_edit_park_item(user, obj) -> bool:
    """Cases and talent listings: the owning park's staff and admins; admins any park's.

    Deleted items are changed only by admins (restore)."""
    if getattr(obj, "deleted_at", None) is not None:
        return is_admin(user)
    return is_admin(user) or same_park(user, obj)


def can_delete_park_item(user, obj) -> bool:
    """Soft delete: admins, and the owning park's park admin."""
    return is_admin(user) or (is_park_admin(user) and same_park(user, obj))


def can_restore(user, obj) -> bool:
    return is_admin(user)


def can_view_shared(user, obj) -> bool:
    """Cases and talent listings are read by every signed-in user; deleted ones by admins."""
    if not getattr(user, "is_authenticated", False):
        return False
    if getattr(obj, "deleted_at", None) is not None:
        return is_admin(user)
    return True


# notices: drafts stay in their park; published ones reach their audience
def notice_audience_includes(notice, park_id: int) -> bool:
    return notice.all_parks or any(p.id == park_id for p in notice.audience)


def can_view_notice(user, notice) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if is_admin(user):
        return True
    if notice.deleted_at is not None:
        return False
    if same_park(user, notice):
        return True
    return notice.status.value == "published" and notice_audience_includes(notice, user.park_id)


def can_edit_notice(user, notice) -> bool:
    """Drafts and withdrawn notices: the issuing park's staff; admins any notice."""
    if is_admin(user):
        return True
    if notice.deleted_at is not None or not same_park(user, notice):
        return False
    return notice.status.value in ("draft", "withdrawn") or is_park_admin(user)


def can_publish_notice(user, notice) -> bool:
    """Publish or withdraw: the issuing park's park admin, or an admin."""
    if notice.deleted_at is not None:
        return False
    return is_admin(user) or (is_park_admin(user) and same_park(user, notice))


def can_delete_notice(user, notice) -> bool:
    if is_admin(user):
        return True
    return (notice.deleted_at is None and same_park(user, notice)
            and (is_park_admin(user) or notice.status.value == "draft"))


def can_view_receipts(user, notice) -> bool:
    return is_admin(user) or same_park(user, notice)


def can_manage_categories(user) -> bool:
    return is_admin(user)


# --- joint meetings ---------------------------------------------------------------------------
# A meeting is seen only by its participants (participant parks, the host park, extra people)
# and admins. The host park's park admin and staff run their hosted occurrence.
def is_meeting_participant(user, meeting) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return (
        meeting.host_park_id == user.park_id
        or any(p.id == user.park_id for p in meeting.parks)
        or any(p.id == user.id for p in meeting.people)
    )


def is_participant_park(park_id: int, meeting) -> bool:
    return meeting.host_park_id == park_id or any(p.id == park_id for p in meeting.parks)


def can_view_meeting(user, meeting) -> bool:
    return is_admin(user) or is_meeting_participant(user, meeting)


def can_view_series(user, series) -> bool:
    """A series page: admins, and the parks and people taking part (or hosting in turn)."""
    if is_admin(user):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    return (any(p.id == user.park_id for p in series.parks)
            or any(h.park_id == user.park_id for h in series.hosts)
            or any(u.id == user.id for u in series.people))


def can_manage_series(user) -> bool:
    """Create and edit series and one-off meetings; move or cancel one occurrence."""
    return is_admin(user)


def is_host(user, meeting) -> bool:
    return (
        bool(getattr(user, "is_authenticated", False))
        and meeting.host_park_id is not None
        and meeting.host_park_id == user.park_id
        and user.role in (Role.PARK_ADMIN, Role.STAFF)
    )


def can_run_meeting(user, meeting) -> bool:
    """Order the agenda, record attendance, draft the minutes: the host park, or an admin."""
    return is_admin(user) or is_host(user, meeting)


def can_reply_for_park(user, meeting) -> bool:
    """Submit agenda topics and attendance replies for one's own (participant) park."""
    return (
        bool(getattr(user, "is_authenticated", False))
        and not meeting.is_cancelled
        and is_participant_park(user.park_id, meeting)
    )


def can_edit_minutes(user, minutes) -> bool:
    return not minutes.locked and can_run_meeting(user, minutes.meeting)


def can_confirm_minutes(user, minutes) -> bool:
    return (
        minutes.status.value == "consulting"
        and is_participant_park(user.park_id, minutes.meeting)
        and not is_host(user, minutes.meeting)
    )


def can_sign_off_minutes(user, minutes) -> bool:
    return is_admin(user) and minutes.status.value == "consulting"


def can_read_minutes(user, minutes) -> bool:
    """Drafts: the host park and admins; out for comment or published: every participant."""
    if not can_view_meeting(user, minutes.meeting):
        return False
    return minutes.status.value != "draft" or can_run_meeting(user, minutes.meeting)


def can_view_action_item(user, item) -> bool:
    return (is_admin(user) or same_park_id(user, item.owner_park_id)
            or can_view_meeting(user, item.meeting))


def can_update_action_item(user, item) -> bool:
    """Progress and status: the owner park's staff; admins."""
    return is_admin(user) or same_park_id(user, item.owner_park_id)


def same_park_id(user, park_id: int | None) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.park_id == park_id


# --- notifications: outbox and scheduler (admin) ----------------------------------------------
def can_view_outbox(user) -> bool:
    """The outbox, its .eml files and the scheduler status: admins."""
    return is_admin(user)


def can_retry_delivery(user, delivery) -> bool:
    """"Retry now": a failed delivery, or a pending one waiting for its next attempt."""
    return is_admin(user) and (
        delivery.state.value == "failed"
        or (delivery.state.value == "pending" and delivery.attempts > 0)
    )


# --- notifications ----------------------------------------------------------------------------
def can_read_notification(user, notification) -> bool:
    """A notification is its recipient's alone."""
    return bool(getattr(user, "is_authenticated", False)) and notification.user_id == user.id


def can_configure_robot(user, park_id: int | None) -> bool:
    """A park's group robot (webhook): its park admin, or an admin for any park."""
    return is_admin(user) or (is_park_admin(user) and same_park_id(user, park_id))


# --- investment projects, campaigns, 履约监管 (hub/projects) -----------------------------------
# A park maintains its own projects and visits; the zone office sees and changes all, sets the
# campaigns' targets and publishes the bulletins. Campaign figures (sums) are read by everyone.
def can_view_project(user, project) -> bool:
    return is_admin(user) or same_park(user, project)


def can_edit_project(user, project) -> bool:
    return is_admin(user) or same_park(user, project)


def can_write_for_park(user, park_id: int | None) -> bool:
    """Create a project or log a visit for `park_id` (a forged park id: 403)."""
    return is_admin(user) or same_park_id(user, park_id)


def can_change_visit(user, visit) -> bool:
    """Edit or delete a 招商 visit: its own park and the zone office; a deleted one: nobody."""
    if getattr(visit, "deleted_at", None) is not None:
        return False
    return is_admin(user) or same_park(user, visit)


def can_manage_campaigns(user) -> bool:
    return is_admin(user)


def can_supervise_project(user) -> bool:
    """Make a project a 督办 item, or end it: the zone office."""
    return is_admin(user)


# --- 赋权事项 (hub/powers) ---------------------------------------------------------------------
def can_manage_power_catalogue(user) -> bool:
    """Add, edit, import the catalogue of empowered items: the zone office."""
    return is_admin(user)


def can_set_power_status(user, park_id: int | None) -> bool:
    """A park's handover status of an item: its own staff and park admin; admins any park's."""
    return is_admin(user) or same_park_id(user, park_id)

# --- 亩均效益评价 (hub/efficiency) ---------------------------------------------------------------
# Enterprises are read by every signed-in user and kept by their park (and the zone office).
# Figures and scores of a round: the zone office always, a park its own, everybody once the round
# is published. Filling: the park's own accounts while its report is open; review: admins.
def can_edit_enterprise(user, park_id: int | None) -> bool:
    return is_admin(user) or same_park_id(user, park_id)


def can_manage_evaluation(user) -> bool:
    """Open rounds, change schemes, the chain list, review, publish: the zone office."""
    return is_admin(user)


def can_view_park_figures(user, rnd, park_id: int | None) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return is_admin(user) or same_park_id(user, park_id) or rnd.status.value == "published"


def can_view_all_results(user, rnd) -> bool:
    """Every park's scores, the hero list and the analysis of a round."""
    return is_admin(user) or (bool(getattr(user, "is_authenticated", False))
                              and rnd.status.value == "published")


def can_fill_figures(user, park_id: int | None) -> bool:
    """Whether the grid may be changed also depends on the report's status (collection)."""
    return same_park_id(user, park_id)


def figures_visible(user, rnd):
    """The SQL twin of can_view_park_figures for the figures of one round."""
    from sqlalchemy import true

    from hub.efficiency.models import Figure

    if can_view_all_results(user, rnd):
        return true()
    return Figure.park_id == user.park_id
