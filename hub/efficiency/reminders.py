"""催报: reminders to parks that have not submitted their report, through the notification engine.

A daily producer (hub.notify.producers.register_daily): for every open round with a deadline, on
3 days and 1 day before it and on every day from the deadline on, the park admins (else the
users) of each reporting park whose report is 未填报 / 填报中 / 已退回 get an `efficiency.late`
delivery (in-app, and email unless turned off), once per park and day (occurrence key
"<park id>/<day>"). The renderer skips it when the report was submitted or the round published
meanwhile. Imported by hub.efficiency.views, so it registers at app start.
"""

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from hub.efficiency import collection
from hub.efficiency.models import EvalRound, RoundStatus
from hub.extensions import db
from hub.notify import prefs
from hub.notify.producers import deliver, park_admins, park_users
from hub.notify.reminders import _at, _existing
from hub.notify.render import Skip, compose, get, link, path, register

KIND = "efficiency.late"
REMIND_DAYS_BEFORE = (3, 1)

if KIND not in prefs.KIND_LABELS:
    prefs.KINDS.append((KIND, _l("Per-mu report not yet submitted")))
    prefs.KIND_LABELS[KIND] = prefs.KINDS[-1][1]


def due_today(deadline: date, today: date) -> bool:
    days_left = (deadline - today).days
    return days_left in REMIND_DAYS_BEFORE or days_left <= 0


def late_parks(today: date) -> int:
    rounds = [r for r in db.session.execute(
        db.select(EvalRound).where(EvalRound.status == RoundStatus.OPEN,
                                   EvalRound.deadline.is_not(None))).scalars()
              if due_today(r.deadline, today)]
    if not rounds:
        return 0
    done = {(r[1], r[2]) for r in _existing([KIND], "eff_round", [r.id for r in rounds])}
    made = 0
    for rnd in rounds:
        for park, status, sub, count in collection.progress(rnd):
            key = f"{park.id}/{today.isoformat()}"
            if status not in collection.EDITABLE or not count or (rnd.id, key) in done:
                continue
            users = park_admins([park.id]) or park_users([park.id])
            made += deliver(KIND, users, object_type="eff_round", object_id=rnd.id,
                            due_at=_at(today), occurrence_key=key,
                            payload={"park_id": park.id,
                                     "days_left": (rnd.deadline - today).days})
            if sub is not None:
                sub.reminded_on = today
    return made


@register(KIND)
def render_late(delivery):
    from hub.parks.models import Park

    rnd = get(EvalRound, delivery.object_id)
    park_id = int(delivery.occurrence_key.split("/", 1)[0])
    park = get(Park, park_id)
    sub = collection.get_submission(rnd, park_id)
    if rnd.status is not RoundStatus.OPEN or sub.status not in collection.EDITABLE:
        raise Skip("submitted meanwhile")
    days_left = (delivery.payload or {}).get("days_left", 0)
    subject = (_("Per-mu report %(year)s of %(park)s is due on %(deadline)s", year=rnd.year,
                 park=park.name, deadline=rnd.deadline.isoformat()) if days_left > 0 else
               _("Per-mu report %(year)s of %(park)s is overdue (deadline %(deadline)s)",
                 year=rnd.year, park=park.name, deadline=rnd.deadline.isoformat()))
    return compose(
        delivery, subject, path("efficiency.grid", round_id=rnd.id, park_id=park_id),
        {"year": rnd.year, "park_name": park.name, "deadline": rnd.deadline.isoformat(),
         "days_left": days_left,
         "report_link": link("efficiency.grid", round_id=rnd.id, park_id=park_id)})
