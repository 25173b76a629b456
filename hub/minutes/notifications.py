"""The minutes' notifications (declared in hub.minutes.declare):
- minutes.sent: minutes out for comment (征求意见), to the users of the participant parks asked
  to confirm (not the host park);
- minutes.published: signed off (签发), to every participant (hub.meetings.notifications
  .meeting_recipients).
Both are made by event subscribers; the renderer skips minutes no longer in that state.
"""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from hub.meetings.models import Minutes
from hub.meetings.notifications import meeting_recipients
from hub.notify.kinds import NotificationKind
from hub.notify.producers import deliver, park_users
from hub.notify.render import Skip, compose, get, link, meeting_facts, path
from hub.timeutil import utcnow


# --- event subscribers ------------------------------------------------------------------------
def on_minutes_sent(minutes, by=None, **_extra) -> None:
    """To the participant parks asked to confirm (not the host park)."""
    meeting = minutes.meeting
    parks = [p.id for p in meeting.parks if p.id != meeting.host_park_id]
    deliver("minutes.sent", park_users(parks), object_type="minutes", object_id=minutes.id,
            due_at=utcnow(), occurrence_key=f"r{minutes.revision}", at_once=True)


def on_minutes_published(minutes, by=None, **_extra) -> None:
    deliver("minutes.published", meeting_recipients(minutes.meeting), object_type="minutes",
            object_id=minutes.id, due_at=utcnow(), at_once=True)


# --- renderers --------------------------------------------------------------------------------
def _minutes(delivery, status: str):
    minutes = get(Minutes, delivery.object_id)
    if minutes.status.value != status:
        raise Skip(f"minutes no longer {status}")
    return minutes


def _minutes_mail(delivery, status: str, subject):
    """The minutes mails differ only in the state they need and their subject (a function of
    the meeting's title, so that the msgid stays a literal for extraction)."""
    minutes = _minutes(delivery, status)
    facts = meeting_facts(minutes.meeting)
    return compose(
        delivery, subject(minutes.meeting.title),
        path("minutes.page", meeting_id=minutes.meeting_id),
        {**facts, "minutes": minutes,
         "minutes_link": link("minutes.page", meeting_id=minutes.meeting_id)}, shared=True)


def render_sent(delivery):
    return _minutes_mail(delivery, "consulting",
                         lambda title: _("Minutes for confirmation: %(title)s", title=title))


def render_published(delivery):
    return _minutes_mail(delivery, "published",
                         lambda title: _("Minutes published: %(title)s", title=title))


KINDS = [
    NotificationKind("minutes.sent", _l("Minutes sent for confirmation"), render_sent,
                     order=30),
    NotificationKind("minutes.published", _l("Minutes published"), render_published, order=31),
]

SUBSCRIPTIONS = {
    "minutes.sent": on_minutes_sent,
    "minutes.published": on_minutes_published,
}
