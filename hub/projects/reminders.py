"""The investment projects' notification (declared in hub.projects.declare): project.behind,
made daily but once a week (ISO week as the key) for a project behind its commitments — to its
park's park admins (else its staff), and to the zone admins when it is supervised (督办) — due at
09:00 local time (hub.notify.producers.daily_at). The renderer skips a project no longer behind.
"""

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from hub.notify.kinds import NotificationKind
from hub.notify.producers import (
    daily_at,
    deliver,
    merge,
    park_admins,
    park_users,
    week_key,
    zone_admins,
)
from hub.notify.render import Skip, compose, get, link, path
from hub.projects.models import Project
from hub.projects.supervision import behind_projects, behind_text, rates
from hub.timeutil import local_today


def _recipients(park_id: int) -> list:
    return park_admins([park_id]) or park_users([park_id])


def projects_behind(today: date) -> int:
    made = 0
    for project, figures in behind_projects(today):
        users = _recipients(project.park_id)
        if project.supervised_on is not None:  # 督办: the zone office hears too
            users = merge(users, zone_admins())
        made += deliver("project.behind", users,
                        object_type="invest_project", object_id=project.id,
                        due_at=daily_at(today), occurrence_key=week_key(today),
                        payload={"behind": figures.behind})
    return made


def render_project_behind(delivery):

    project = get(Project, delivery.object_id)
    now = rates(project, local_today())
    if not now.is_behind:
        raise Skip("no longer behind")
    return compose(
        delivery, _("Project behind its commitments: %(name)s", name=project.name),
        path("projects.detail", project_id=project.id),
        {"project": project, "park_name": project.park.name,
         "reasons": [behind_text(code) for code in now.behind],
         "project_link": link("projects.detail", project_id=project.id)})


KINDS = [
    NotificationKind("project.behind", _l("Investment project behind its commitments"),
                     render_project_behind, order=70),
]
