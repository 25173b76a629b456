"""The empowered items' notification (declared in hub.powers.declare): power.overdue, made daily
but once a week (ISO week as the key): a park's handovers past the item's 交接期限 still awaiting
handover, one message per park saying how many, to that park's park admins (else its staff), due
at 09:00 local time (hub.notify.producers.daily_at).
"""

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from hub.notify.kinds import NotificationKind
from hub.notify.producers import daily_at, deliver, park_admins, park_users, week_key
from hub.notify.render import compose, get, link, path
from hub.parks.models import Park
from hub.powers.services import overdue


def powers_overdue(today: date) -> int:
    per_park: dict[int, int] = {}
    for _item, park_id in overdue(today):
        per_park[park_id] = per_park.get(park_id, 0) + 1
    made = 0
    for park_id, n in sorted(per_park.items()):
        users = park_admins([park_id]) or park_users([park_id])
        made += deliver("power.overdue", users, object_type="park", object_id=park_id,
                        due_at=daily_at(today), occurrence_key=week_key(today),
                        payload={"count": n})
    return made


def render_power_overdue(delivery):
    park = get(Park, delivery.object_id)
    count = int((delivery.payload or {}).get("count", 0))
    return compose(
        delivery, _("%(n)d empowered-item handover(s) overdue for %(park)s", n=count,
                    park=park.name),
        path("powers.park_list", park_id=park.id),
        {"park_name": park.name, "count": count,
         "park_link": link("powers.park_list", park_id=park.id)})


KINDS = [
    NotificationKind("power.overdue", _l("Empowered-item handovers overdue"),
                     render_power_overdue, order=71),
]
