"""Reminders people can rely on: a meeting moved and moved back is reminded again (once); after
downtime only the nearest due offset goes out, also when the earlier ones were made before the
downtime, and it says how soon the meeting really starts; a meeting moved while its reminders
are being sent is not reminded with the old time once the move committed."""

import threading
from datetime import timedelta
from zoneinfo import ZoneInfo

from hub.auth.models import User
from hub.extensions import db
from hub.meetings import occurrences
from hub.meetings.models import Meeting
from hub.notify import mailer as mail
from hub.notify import producers
from hub.notify.models import Channel, DeliveryState
from tests.notify.n2_world import (
    MEETING_AT,
    at,
    deliveries,
    meeting_people,
    notifications_of,
    sent,
    tick_at,
    user_ids,
)


def move_to(by, meeting, start, **extra):
    """Move `meeting` (the meetings service, as the UI does) so that it starts at `start`."""
    _, _, minutes = occurrences.local_parts(meeting)
    local = start.astimezone(ZoneInfo(meeting.timezone))
    occurrences.move(by, meeting, occurrences.MoveInput(
        day=local.date(), start_time=local.time(), duration_minutes=minutes,
        location=extra.get("location", meeting.location), online_url=meeting.online_url),
        version=meeting.version)
    db.session.commit()


def test_moved_and_moved_back_is_reminded_again_once(app, world, make_meeting):
    meeting = make_meeting(offsets=(1440, 60))
    day_before = MEETING_AT - timedelta(minutes=1440)
    hour_before = MEETING_AT - timedelta(minutes=60)
    tick_at(day_before)  # the day-before reminder goes out
    assert user_ids(sent("meeting.reminder", offset_minutes=1440)) == meeting_people(world)

    # the hour-before reminder is made (a minute ahead), then the meeting moves a day later…
    producers.run_periodic(hour_before - timedelta(seconds=30))
    db.session.commit()
    assert deliveries(kind="meeting.reminder", offset_minutes=60, state=DeliveryState.PENDING)
    with at(hour_before - timedelta(seconds=20)):
        move_to(world.admin, meeting, MEETING_AT + timedelta(days=1))
        # … and back to where it was
        move_to(world.admin, db.session.get(Meeting, meeting.id), MEETING_AT)

    tick_at(hour_before)
    tick_at(hour_before + timedelta(seconds=30))
    hour = sent("meeting.reminder", offset_minutes=60)
    assert user_ids(hour) == meeting_people(world)
    assert len(hour) == len(meeting_people(world))  # once each
    # the day-before reminder that went out before the moves is not repeated
    day = sent("meeting.reminder", offset_minutes=1440)
    assert len(day) == len(meeting_people(world))
    titles = [n.title for n in notifications_of(world.other_staff) if "提醒" in n.title]
    assert len(titles) == 2


def test_moved_away_and_back_before_anything_was_sent(app, world, make_meeting):
    meeting = make_meeting(offsets=(60,))
    moment = MEETING_AT - timedelta(minutes=60)
    producers.run_periodic(moment - timedelta(seconds=30))  # made ahead, pending
    db.session.commit()
    with at(moment - timedelta(seconds=20)):
        move_to(world.admin, meeting, MEETING_AT + timedelta(hours=3))
    assert {d.last_error for d in deliveries(kind="meeting.reminder")} == {"moved"}
    tick_at(moment)
    assert sent("meeting.reminder") == []
    with at(moment + timedelta(seconds=10)):
        move_to(world.admin, db.session.get(Meeting, meeting.id), MEETING_AT)
    tick_at(moment + timedelta(seconds=20))
    assert user_ids(sent("meeting.reminder")) == meeting_people(world)


def test_catch_up_skips_earlier_offsets_made_before_the_downtime(app, world, make_meeting):
    make_meeting(offsets=(1440, 60))
    day_before = MEETING_AT - timedelta(minutes=1440)
    # the day-before reminder was made a minute ahead, then every scheduler stopped
    producers.run_periodic(day_before - timedelta(seconds=30))
    db.session.commit()
    made = deliveries(kind="meeting.reminder", offset_minutes=1440)
    assert made and {d.state for d in made} == {DeliveryState.PENDING}

    # they come back 20 minutes before the start
    tick_at(MEETING_AT - timedelta(minutes=20))
    tick_at(MEETING_AT - timedelta(minutes=19))
    assert user_ids(sent("meeting.reminder", offset_minutes=60)) == meeting_people(world)
    day = deliveries(kind="meeting.reminder", offset_minutes=1440)
    assert {(d.state, d.last_error) for d in day} == {(DeliveryState.SKIPPED, "superseded")}
    # one reminder each, and it says honestly how soon the meeting starts
    [note] = notifications_of(world.other_staff)
    assert "20 分钟后开始" in note.body
    assert "提前" not in note.body


def test_a_late_reminder_says_how_soon_the_meeting_starts(app, world, make_meeting):
    make_meeting(offsets=(60,))
    tick_at(MEETING_AT - timedelta(minutes=60))
    [note] = notifications_of(world.other_staff)
    assert "1 小时后开始" in note.body
    make_meeting(MEETING_AT + timedelta(hours=5), offsets=(1440,), title="季度经济运行分析会")
    tick_at(MEETING_AT + timedelta(hours=5) - timedelta(minutes=7))  # 23 h 53 min late
    notes = notifications_of(world.other_staff)
    assert "7 分钟后开始" in notes[-1].body and "季度经济运行分析会" in notes[-1].title


def test_a_meeting_moved_while_its_reminders_go_out_is_not_reminded_with_the_old_time(
        app, world, make_meeting, smtp_sink, mail_to, monkeypatch):
    mail_to(smtp_sink)
    meeting = make_meeting(offsets=(60,))
    moment = MEETING_AT - timedelta(minutes=60)
    real_send = mail.Mailer.send
    calls = []

    def send_then_move(self, msg, **kwargs):
        result = real_send(self, msg, **kwargs)
        calls.append(kwargs["delivery_id"])
        if len(calls) == 1:  # someone moves the meeting (and commits) while the batch runs
            def other_request():
                with app.app_context():
                    admin = db.session.get(User, world.admin.id)
                    move_to(admin, db.session.get(Meeting, meeting.id),
                            MEETING_AT + timedelta(days=1))
                    db.session.remove()

            worker = threading.Thread(target=other_request)
            worker.start()
            worker.join()
        return result

    monkeypatch.setattr(mail.Mailer, "send", send_then_move)
    tick_at(moment)

    old_key = MEETING_AT.isoformat()
    rows = deliveries(kind="meeting.reminder", occurrence_key=old_key)
    assert len(rows) > 4
    mails = [r for r in rows if r.channel is Channel.EMAIL and r.state is DeliveryState.SENT]
    assert [r.id for r in mails] == calls[:1]  # only the one sent before the move
    reminder_ids = {r.message_id for r in rows}
    assert len([m for m in smtp_sink.messages
                if m["message"]["Message-ID"] in reminder_ids]) == 1
    later = [r for r in rows if r.id > mails[0].id]
    assert later and {(r.state, r.last_error) for r in later} == {
        (DeliveryState.SKIPPED, "moved")}
    # the move itself was told, and the new time gets its own reminders
    assert user_ids(sent("meeting.changed")) == meeting_people(world)
    tick_at(moment + timedelta(days=1))
    new = sent("meeting.reminder", occurrence_key=(MEETING_AT + timedelta(days=1)).isoformat())
    assert user_ids(new) == meeting_people(world)
