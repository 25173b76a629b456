"""Meeting reminders: at each offset exactly once, following a moved occurrence, skipped for a
cancelled one, and caught up after downtime (or skipped when the meeting has started)."""

from datetime import timedelta

from hub.extensions import db
from hub.meetings import occurrences
from hub.notify.models import Channel, DeliveryState
from tests.notify.n2_world import (
    MEETING_AT,
    NOW,
    at,
    deliveries,
    meeting_people,
    notifications_of,
    sent,
    tick_at,
    user_ids,
)


def test_a_reminder_goes_out_at_each_offset_exactly_once(app, world, make_meeting):
    meeting = make_meeting(offsets=(1440, 60), people=[world.admin])
    day_before = MEETING_AT - timedelta(minutes=1440)
    hour_before = MEETING_AT - timedelta(minutes=60)

    tick_at(day_before - timedelta(minutes=2))
    assert deliveries(kind="meeting.reminder") == []
    # made a minute ahead (due at the moment), not sent before it; the tick says when to wake
    early = tick_at(day_before - timedelta(minutes=1))
    assert sent("meeting.reminder") == []
    waiting = deliveries(kind="meeting.reminder", offset_minutes=1440)
    assert waiting and {(d.state, d.due_at) for d in waiting} == {
        (DeliveryState.PENDING, day_before)}
    assert early.next_due == day_before

    tick_at(day_before)  # the scheduler woke up at the moment
    for _ in range(3):  # and ticks every 30 s; the reminder is made and sent once
        tick_at(day_before + timedelta(seconds=10))
    first = sent("meeting.reminder", offset_minutes=1440)
    assert user_ids(first) == meeting_people(world) | {world.admin.id}
    assert len(first) == len(user_ids(first))  # one per person
    assert {d.sent_at for d in first} == {day_before}  # on time, not at the next 30-s slot

    tick_at(hour_before - timedelta(minutes=5))
    assert sent("meeting.reminder", offset_minutes=60) == []
    tick_at(hour_before)
    tick_at(hour_before + timedelta(seconds=30))
    second = sent("meeting.reminder", offset_minutes=60)
    assert user_ids(second) == meeting_people(world) | {world.admin.id}
    assert len(second) == len(user_ids(second))

    titles = [n.title for n in notifications_of(world.other_staff)]
    assert len(titles) == 2 and all(meeting.title in t for t in titles)
    assert not {world.outsider_staff.id} & user_ids(deliveries(kind="meeting.reminder"))
    # the mails went too (everyone has an address): .eml files without MAIL_SERVER
    emails = sent("meeting.reminder", Channel.EMAIL)
    assert len(emails) == len(first) + len(second)


def test_a_moved_meeting_is_reminded_at_its_new_time_only(app, world, make_meeting):
    meeting = make_meeting(offsets=(60,))
    old_reminder = MEETING_AT - timedelta(minutes=60)
    tick_at(old_reminder - timedelta(hours=2))  # nothing due yet

    # moved one day later (through the meetings service: meeting.changed)
    day, start_time, minutes = occurrences.local_parts(meeting)
    with at(NOW):
        occurrences.move(world.admin, meeting, occurrences.MoveInput(
            day=day + timedelta(days=1), start_time=start_time, duration_minutes=minutes,
            location=meeting.location, online_url=meeting.online_url), version=meeting.version)
        db.session.commit()

    tick_at(old_reminder + timedelta(seconds=5))
    assert sent("meeting.reminder") == []
    tick_at(old_reminder + timedelta(days=1))
    reminders = sent("meeting.reminder")
    assert user_ids(reminders) == meeting_people(world)
    assert {r.occurrence_key for r in reminders} == {
        (MEETING_AT + timedelta(days=1)).isoformat()}
    # everyone heard about the move itself at once
    assert user_ids(sent("meeting.changed")) == meeting_people(world)


def test_a_reminder_made_before_a_move_is_not_sent(app, world, make_meeting):
    meeting = make_meeting(offsets=(1440,))
    # the reminder was made, but its delivery is still waiting (e.g. a crash before sending)
    from hub.notify import producers

    producers.run_periodic(MEETING_AT - timedelta(minutes=1439))
    db.session.commit()
    pending = deliveries(kind="meeting.reminder", state=DeliveryState.PENDING)
    assert pending

    day, start_time, minutes = occurrences.local_parts(meeting)
    with at(NOW):
        occurrences.move(world.admin, meeting, occurrences.MoveInput(
            day=day, start_time=start_time.replace(hour=15), duration_minutes=minutes,
            location=meeting.location, online_url=meeting.online_url), version=meeting.version)
        db.session.commit()
    old = deliveries(kind="meeting.reminder", occurrence_key=MEETING_AT.isoformat())
    assert {d.state for d in old} == {DeliveryState.SKIPPED}
    assert {d.last_error for d in old} == {"moved"}


def test_a_cancelled_meeting_skips_its_reminders_and_sends_a_cancellation(
        app, world, make_meeting):
    meeting = make_meeting(offsets=(1440, 60))
    from hub.notify import producers

    producers.run_periodic(MEETING_AT - timedelta(minutes=1440))  # made, not sent yet
    db.session.commit()
    with at(NOW):
        occurrences.cancel(world.admin, meeting, "台风预警", version=meeting.version)
        db.session.commit()

    tick_at(MEETING_AT - timedelta(minutes=1430))
    tick_at(MEETING_AT - timedelta(minutes=59))
    assert sent("meeting.reminder") == []
    assert {d.state for d in deliveries(kind="meeting.reminder")} == {DeliveryState.SKIPPED}
    cancellations = sent("meeting.cancelled")
    assert user_ids(cancellations) == meeting_people(world)
    note = notifications_of(world.third_staff)[-1]
    assert meeting.title in note.title
    assert note.url == f"/meetings/{meeting.id}"


def test_catch_up_after_downtime_sends_the_missed_reminder_before_the_start(
        app, world, make_meeting):
    make_meeting(offsets=(1440, 60))
    # no tick ran for two days; the scheduler comes back 20 minutes before the start
    tick_at(MEETING_AT - timedelta(minutes=20))
    hour = sent("meeting.reminder", offset_minutes=60)
    assert user_ids(hour) == meeting_people(world)
    # the day-before reminder is not sent as well: only the nearest one goes out
    day = deliveries(kind="meeting.reminder", offset_minutes=1440)
    assert day and {d.state for d in day} == {DeliveryState.SKIPPED}
    assert {d.last_error for d in day} == {"superseded"}


def test_catch_up_after_the_start_records_the_reminders_as_skipped(app, world, make_meeting):
    make_meeting(offsets=(1440, 60))
    tick_at(MEETING_AT + timedelta(minutes=10))  # the meeting started 10 minutes ago
    rows = deliveries(kind="meeting.reminder")
    assert rows and {d.state for d in rows} == {DeliveryState.SKIPPED}
    assert {d.last_error for d in rows} == {"started"}
    assert notifications_of(world.other_staff) == []
    tick_at(MEETING_AT + timedelta(minutes=11))
    assert len(deliveries(kind="meeting.reminder")) == len(rows)
