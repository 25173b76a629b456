"""Agenda calls: a call for topics when the meeting enters its agenda window, a last call 24 h
before the cut-off only to the participant parks that have submitted nothing."""

from datetime import timedelta

from hub.agenda.models import AgendaTopic
from hub.extensions import db
from tests.notify.n2_world import MEETING_AT, sent, tick_at, user_ids


def test_agenda_call_then_last_call_to_silent_parks(app, world, make_meeting):
    start = MEETING_AT + timedelta(days=20)
    meeting = make_meeting(start, offsets=(), cutoff_hours=72)
    cutoff = start - timedelta(hours=72)

    tick_at(start - timedelta(days=15))  # outside the 14-day window
    assert sent("agenda.call") == []
    tick_at(start - timedelta(days=13))
    tick_at(start - timedelta(days=12))
    calls = sent("agenda.call")
    participants = {world.host_admin.id, world.host_staff.id, world.other_admin.id,
                    world.other_staff.id, world.third_staff.id}
    assert user_ids(calls) == participants and len(calls) == len(participants)

    db.session.add(AgendaTopic(meeting_id=meeting.id, park_id=world.other.id,
                               submitted_by_id=world.other_staff.id, title="田心园区用地指标调剂"))
    db.session.commit()
    tick_at(cutoff - timedelta(hours=12))
    last = sent("agenda.last_call")
    assert user_ids(last) == {world.host_admin.id, world.host_staff.id, world.third_staff.id}
    tick_at(cutoff + timedelta(minutes=1))  # closed: nothing more
    assert len(sent("agenda.last_call")) == len(last)
