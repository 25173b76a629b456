"""Reminders through the notification engine (hub.notify), once a week (ISO week as the key):
- project.behind: a project behind its commitments, to its park's park admins (else its staff);
- power.overdue: a park's handovers past the item's 交接期限 still awaiting handover, one message
  per park listing how many, to that park's park admins (else its staff).
Registered when hub.projects.views is imported (app start), like the notify producers."""

from datetime import UTC, date, datetime, time

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from hub.notify import prefs
from hub.notify.producers import (
    deliver,
    merge,
    park_admins,
    park_users,
    zone_admins,
)
from hub.notify.render import Skip, compose, get, link, path, register
from hub.parks.models import Park
from hub.timeutil import local_today, zone

KINDS = [("project.behind", _l("Investment project behind its commitments")),
         ("power.overdue", _l("Empowered-item handovers overdue"))]
for _kind, _label in KINDS:
    if _kind not in prefs.KIND_LABELS:
        prefs.KINDS.append((_kind, _label))
        prefs.KIND_LABELS[_kind] = _label


def week_key(today: date) -> str:
    year, week, _day = today.isocalendar()
    return f"{year}-W{week:02d}"


def _at(today: date) -> datetime:
    return datetime.combine(today, time(9, 0), tzinfo=zone()).astimezone(UTC)


def _recipients(park_id: int) -> list:
    return park_admins([park_id]) or park_users([park_id])


def projects_behind(today: date) -> int:
    from hub.projects.services import behind_projects

    made = 0
    for project, rates in behind_projects(today):
        users = _recipients(project.park_id)
        if project.supervised_on is not None:  # 督办: the zone office hears too
            users = merge(users, zone_admins())
        made += deliver("project.behind", users,
                        object_type="invest_project", object_id=project.id, due_at=_at(today),
                        occurrence_key=week_key(today), payload={"behind": rates.behind})
    return made


def powers_overdue(today: date) -> int:
    from hub.powers.services import overdue

    per_park: dict[int, int] = {}
    for _item, park_id in overdue(today):
        per_park[park_id] = per_park.get(park_id, 0) + 1
    made = 0
    for park_id, n in sorted(per_park.items()):
        made += deliver("power.overdue", _recipients(park_id), object_type="park",
                        object_id=park_id, due_at=_at(today), occurrence_key=week_key(today),
                        payload={"count": n})
    return made


@register("project.behind")
def render_project_behind(delivery):
    from hub.projects.models import Project
    from hub.projects.services import rates
    from hub.projects.views import behind_text

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


@register("power.overdue")
def render_power_overdue(delivery):
    park = get(Park, delivery.object_id)
    count = int((delivery.payload or {}).get("count", 0))
    return compose(
        delivery, _("%(n)d empowered-item handover(s) overdue for %(park)s", n=count,
                    park=park.name),
        path("powers.park_list", park_id=park.id),
        {"park_name": park.name, "count": count,
         "park_link": link("powers.park_list", park_id=park.id)})
