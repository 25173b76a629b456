"""The land cases' notification (declared in hub.land.declare): case.overdue, made daily for
every case past its deadline and not disposed — to its assignee, else its park's park admins
(else the park's users) — keyed by the local date, due at 09:00 local time
(hub.notify.producers.daily_at). The renderer skips a case no longer overdue.
"""

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from hub.extensions import db
from hub.land.models import CaseStatus, LandCase
from hub.notify.kinds import NotificationKind
from hub.notify.producers import daily_at, deliver, existing, merge, park_admins, park_users
from hub.notify.render import Skip, compose, get, link, path


def land_cases(today: date) -> int:
    cases = list(db.session.execute(
        db.select(LandCase)
        .where(LandCase.deleted_at.is_(None), LandCase.deadline.is_not(None),
               LandCase.deadline < today, LandCase.status != CaseStatus.DISPOSED)
        .options(selectinload(LandCase.assignee)).order_by(LandCase.id)).scalars())
    key = today.isoformat()
    done = {r[1] for r in existing(["case.overdue"], "land_case", [c.id for c in cases])
            if r[2] == key}
    made = 0
    for case in cases:
        if case.id in done:
            continue
        if case.assignee is not None and case.assignee.active:
            users = merge([case.assignee])
        else:
            users = park_admins([case.park_id]) or park_users([case.park_id])
        made += deliver("case.overdue", users, object_type="land_case", object_id=case.id,
                        due_at=daily_at(today), occurrence_key=key,
                        payload={"days": (today - case.deadline).days})
    return made


def render_overdue(delivery):
    case = get(LandCase, delivery.object_id)
    today = date.fromisoformat(delivery.occurrence_key)
    if not case.is_overdue(today):
        raise Skip("no longer overdue")
    return compose(
        delivery, _("Land case overdue: %(case)s (deadline %(deadline)s)", case=str(case),
                    deadline=case.deadline.isoformat()),
        path("cases.detail", case_id=case.id),
        {"case": case, "days": (today - case.deadline).days, "park_name": case.park.name,
         "deadline": case.deadline.isoformat(),
         "case_link": link("cases.detail", case_id=case.id)})


KINDS = [
    NotificationKind("case.overdue", _l("Land case overdue"), render_overdue, order=60),
]
