"""The agenda's notifications: the call for topics and the last call (meetings with an agenda
cut-off), made by the periodic producer `agenda_calls` (hub.agenda.declare).

When a meeting enters its agenda window (AGENDA_WINDOW before the start), a call for topics to
the users of the participant parks; LAST_CALL (24 h) before the cut-off a last call to those
participant parks that have submitted nothing. A cancelled meeting's pending calls are skipped
(`on_meeting_cancelled`); the renderers skip a call whose agenda closed meanwhile, a last call
whose cut-off changed or whose park has submitted a topic since.
"""

from datetime import datetime, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from hub.agenda.models import AgendaTopic, TopicStatus
from hub.agenda.services import CALL_WINDOW, cutoff_of
from hub.extensions import db
from hub.meetings.models import Meeting
from hub.meetings.notifications import meeting_of, participant_park_ids
from hub.meetings.reminders import scheduled_meetings
from hub.notify.kinds import NotificationKind
from hub.notify.producers import deliver, existing, park_users, skip_pending
from hub.notify.render import Skip, compose, meeting_facts, now_utc, path

AGENDA_WINDOW = CALL_WINDOW
LAST_CALL = timedelta(hours=24)
CALLS = ("agenda.call", "agenda.last_call")


def parks_with_topics(meeting_id: int) -> set[int]:
    """The parks that have a topic (not withdrawn) on the meeting's agenda."""
    return set(db.session.execute(
        db.select(AgendaTopic.park_id).where(AgendaTopic.meeting_id == meeting_id,
                                             AgendaTopic.status != TopicStatus.WITHDRAWN)
    ).scalars())


# --- producers --------------------------------------------------------------------------------
def agenda_calls(now: datetime) -> int:
    meetings = [m for m in scheduled_meetings(Meeting.starts_at > now,
                                              Meeting.starts_at <= now + AGENDA_WINDOW)
                if m.agenda_cutoff is not None and cutoff_of(m) > now]
    done = existing(CALLS, "meeting", [m.id for m in meetings])
    made = 0
    for meeting in meetings:
        cutoff = cutoff_of(meeting)
        parks = participant_park_ids(meeting)
        if now < cutoff - LAST_CALL:
            if ("agenda.call", meeting.id, "", None) not in done:
                made += deliver("agenda.call", park_users(parks), object_type="meeting",
                                object_id=meeting.id, due_at=now)
            continue
        key = cutoff.isoformat()
        if ("agenda.last_call", meeting.id, key, None) in done:
            continue
        silent = [p for p in parks if p not in parks_with_topics(meeting.id)]
        made += deliver("agenda.last_call", park_users(silent), object_type="meeting",
                        object_id=meeting.id, due_at=now, occurrence_key=key)
    return made


def on_meeting_cancelled(meeting, by=None, reason="", **_extra) -> None:
    """A cancelled meeting calls for no topics (hub.meetings.notifications skips its own)."""
    skip_pending("meeting", meeting.id, CALLS, "cancelled")


# --- renderers --------------------------------------------------------------------------------
def _agenda_open(delivery):
    meeting = meeting_of(delivery)
    if cutoff_of(meeting) <= now_utc():
        raise Skip("agenda closed")
    return meeting


def render_call(delivery):
    meeting = _agenda_open(delivery)
    facts = meeting_facts(meeting)
    return compose(
        delivery, _("Agenda topics wanted: %(title)s, %(when)s", title=meeting.title,
                    when=facts["when"]),
        path("agenda.page", meeting_id=meeting.id), facts, shared=True)


def render_last_call(delivery):
    meeting = _agenda_open(delivery)
    if delivery.occurrence_key != cutoff_of(meeting).isoformat():
        raise Skip("cut-off changed")
    park_id = delivery.user.park_id if delivery.user is not None else delivery.park_id
    if park_id in parks_with_topics(meeting.id):
        raise Skip("topic submitted")
    facts = meeting_facts(meeting)
    return compose(
        delivery, _("Last call for agenda topics: %(title)s (until %(cutoff)s)",
                    title=meeting.title, cutoff=facts["cutoff"]),
        path("agenda.page", meeting_id=meeting.id), facts, shared=True)


KINDS = [
    NotificationKind("agenda.call", _l("Call for agenda topics"), render_call, order=20),
    NotificationKind("agenda.last_call", _l("Last call for agenda topics"), render_last_call,
                     order=21),
]

SUBSCRIPTIONS = {"meeting.cancelled": on_meeting_cancelled}
