"""The notices' notifications (declared in hub.notices.declare):

- notice.published, made by an event subscriber when a notice is published — to the users of the
  parks it is addressed to (all active parks when it goes to all of them) and to those parks'
  group robots, due at once; an urgent one (加急/特急) says so first in every message;
- notice.reminded (催阅/催签), made when the publisher reminds the lagging audience parks — to
  those parks' users, in-app and by mail, at once.

The renderers skip a notice withdrawn or deleted meanwhile.
"""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from hub.notices import services
from hub.notices.forms import URGENCY_LABELS
from hub.notices.models import Notice, NoticeStatus
from hub.notify.kinds import NotificationKind
from hub.notify.producers import deliver, deliver_robots, park_users, plain
from hub.notify.render import Skip, compose, get, link, path
from hub.timeutil import format_datetime, utcnow


def on_notice_published(notice, by=None, **_extra) -> None:
    now = utcnow()
    park_ids = services.audience_park_ids(notice)  # hub.permissions.addressed_to
    key = plain(notice.published_at or now)
    common = {"object_type": "notice", "object_id": notice.id, "due_at": now,
              "occurrence_key": key}
    deliver("notice.published", park_users(park_ids), **common, at_once=True)
    deliver_robots("notice.published", park_ids, **common)


def on_notice_reminded(notice, park_ids, to_sign: bool, day, by=None, **_extra) -> None:
    deliver("notice.reminded", park_users(park_ids), object_type="notice", object_id=notice.id,
            due_at=utcnow(), occurrence_key=f"{'sign' if to_sign else 'read'}:{day.isoformat()}",
            payload={"to_sign": bool(to_sign)}, at_once=True)


def _live(delivery) -> Notice:
    notice = get(Notice, delivery.object_id)
    if notice.status is not NoticeStatus.PUBLISHED or notice.deleted_at is not None:
        raise Skip("withdrawn")
    return notice


def _marks(notice: Notice) -> str:
    """"【特急】" before an urgent notice's title; nothing for 平件."""
    return f"【{URGENCY_LABELS[notice.urgency]}】" if notice.urgency.pressing else ""


def _context(notice: Notice) -> dict:
    excerpt = " ".join(notice.body.split())
    return {"notice": notice, "issuer": notice.park.name, "category": notice.category.name,
            "excerpt": excerpt[:200] + ("…" if len(excerpt) > 200 else ""),
            "urgency": URGENCY_LABELS[notice.urgency] if notice.urgency.pressing else "",
            "doc_number": notice.doc_number or "",
            "published": format_datetime(notice.published_at),
            "notice_link": link("notices.detail", notice_id=notice.id)}


def render_published(delivery):
    notice = _live(delivery)
    return compose(
        delivery, _marks(notice) + _("New notice: %(title)s", title=notice.title),
        path("notices.detail", notice_id=notice.id), _context(notice), shared=True)


def render_reminded(delivery):
    notice = _live(delivery)
    to_sign = bool((delivery.payload or {}).get("to_sign"))
    subject = (_("Please sign for the notice: %(title)s", title=notice.title) if to_sign
               else _("Please read the notice: %(title)s", title=notice.title))
    return compose(delivery, _marks(notice) + subject,
                   path("notices.detail", notice_id=notice.id),
                   {**_context(notice), "to_sign": to_sign}, shared=True)


KINDS = [
    NotificationKind("notice.published", _l("Notice published to my park"), render_published,
                     robot=True, order=50),
    NotificationKind("notice.reminded", _l("Reminder to read or sign a notice"),
                     render_reminded, order=51),
]

SUBSCRIPTIONS = {"notice.published": on_notice_published,
                 "notice.reminded": on_notice_reminded}
