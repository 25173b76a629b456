"""Investment projects, 招商 visits and campaigns (hub.projects), 赋权事项 (hub.powers) and the
亩均效益评价 (hub.efficiency).

Rules with SQL twins: `can_view_project` / `project_visible`, `can_view_visit` /
`visit_visible`, `can_view_park_figures` / `figures_visible`.
"""

from sqlalchemy import ColumnElement, and_, false, true

from hub.efficiency.models import Figure, RoundStatus
from hub.permissions.roles import is_admin, same_park, same_park_id, signed_in
from hub.projects.models import Project, Visit


# --- investment projects, campaigns, 履约监管 ---------------------------------------------------
# A park maintains its own projects and visits; the zone office sees and changes all, sets the
# campaigns' targets and publishes the bulletins. Campaign figures (sums) are read by everyone.
def can_view_project(user, project) -> bool:
    return is_admin(user) or same_park(user, project)


def project_visible(user) -> ColumnElement[bool]:
    """The SQL twin of `can_view_project`."""
    if not signed_in(user):
        return false()
    if is_admin(user):
        return true()
    return Project.park_id == user.park_id


def can_edit_project(user, project) -> bool:
    return is_admin(user) or same_park(user, project)


def can_write_for_park(user, park_id: int | None) -> bool:
    """Create a project or log a visit for `park_id` (a forged park id: 403)."""
    return is_admin(user) or same_park_id(user, park_id)


def can_view_visit(user, visit) -> bool:
    """A 招商 visit: its own park and the zone office; a deleted one: nobody."""
    if getattr(visit, "deleted_at", None) is not None:
        return False
    return is_admin(user) or same_park(user, visit)


def visit_visible(user) -> ColumnElement[bool]:
    """The SQL twin of `can_view_visit` (the visits list)."""
    if not signed_in(user):
        return false()
    if is_admin(user):
        return Visit.deleted_at.is_(None)
    return and_(Visit.deleted_at.is_(None), Visit.park_id == user.park_id)


def can_change_visit(user, visit) -> bool:
    """Edit or delete a 招商 visit: whoever sees it."""
    return can_view_visit(user, visit)


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
    if not signed_in(user):
        return False
    return is_admin(user) or same_park_id(user, park_id) or rnd.status is RoundStatus.PUBLISHED


def figures_visible(user, rnd, park_id=Figure.park_id) -> ColumnElement[bool]:
    """The SQL twin of `can_view_park_figures` for the figures of round `rnd`; `park_id`: the
    park column of what is read (the figures, or their tallies for the score list's count)."""
    if not signed_in(user):
        return false()
    if can_view_all_results(user, rnd):
        return true()
    return park_id == user.park_id


def can_view_all_results(user, rnd) -> bool:
    """Every park's scores, the hero list and the analysis of a round."""
    return is_admin(user) or (signed_in(user) and rnd.status is RoundStatus.PUBLISHED)


def can_fill_figures(user, park_id: int | None) -> bool:
    """Whether the grid may be changed also depends on the report's status (collection)."""
    return same_park_id(user, park_id)
