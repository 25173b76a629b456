"""The notices' notification (declared in hub.notices.declare): notice.published, made by an
event subscriber when a notice is published — to the users of the parks it is addressed to (all
active parks when it goes to all of them) and to those parks' group robots. The renderer skips a
notice withdrawn or deleted meanwhile.
"""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from hub.notices import services
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


def render_published(delivery):
    notice = get(Notice, delivery.object_id)
    if notice.status is not NoticeStatus.PUBLISHED:
        raise Skip("withdrawn")
    excerpt = " ".join(notice.body.split())
    return compose(
        delivery, _("New notice: %(title)s", title=notice.title),
        path("notices.detail", notice_id=notice.id),
        {"notice": notice, "issuer": notice.park.name, "category": notice.category.name,
         "excerpt": excerpt[:200] + ("…" if len(excerpt) > 200 else ""),
         "published": format_datetime(notice.published_at),
         "notice_link": link("notices.detail", notice_id=notice.id)}, shared=True)


KINDS = [
    NotificationKind("notice.published", _l("Notice published to my park"), render_published,
                     robot=True, order=50),
]

SUBSCRIPTIONS = {"notice.published": on_notice_published}
