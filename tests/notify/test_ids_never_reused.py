"""Ids are never reused (issue 10, item 8): on SQLite a meeting made after the newest one was
deleted used to get the deleted meeting's id; the outbox already held that id's reminder keys,
so the new meeting's reminders were never made, and old notifications linked to it."""

from datetime import timedelta

from hub.extensions import db
from hub.meetings.models import Meeting
from tests.notify.n2_world import (
    MEETING_AT,
    meeting_people,
    notifications_of,
    sent,
    tick_at,
    user_ids,
)


def test_a_meeting_made_after_a_deletion_gets_a_new_id_and_its_reminders(app, world,
                                                                         make_meeting):
    old = make_meeting(offsets=(60,), title="已删除的会议")
    hour_before = MEETING_AT - timedelta(minutes=60)
    tick_at(hour_before)
    assert user_ids(sent("meeting.reminder", object_id=old.id)) == meeting_people(world)
    old_id = old.id
    old_link = notifications_of(world.other_staff)[-1].url
    assert old_link == f"/meetings/{old_id}"

    db.session.delete(db.session.get(Meeting, old_id))  # the newest meeting goes
    db.session.commit()
    new = make_meeting(offsets=(60,), title="新会议")  # same time, same parks
    assert new.id > old_id

    tick_at(hour_before + timedelta(seconds=30))
    reminded = sent("meeting.reminder", object_id=new.id)
    assert user_ids(reminded) == meeting_people(world)
    assert "新会议" in notifications_of(world.other_staff)[-1].title


def test_an_old_notification_does_not_lead_to_a_new_meeting(app, client, login, world,
                                                            make_meeting):
    old = make_meeting(title="已删除的会议")
    old_id = old.id
    db.session.delete(old)
    db.session.commit()
    new = make_meeting(title="新会议")
    assert new.id != old_id
    login(world.other_staff)
    assert client.get(f"/meetings/{old_id}").status_code == 404
    assert "新会议" in client.get(f"/meetings/{new.id}").get_data(as_text=True)
