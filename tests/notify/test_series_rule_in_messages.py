"""Mails, robot and in-app messages that mention a meeting series say its rule in words
(每月第二个星期二 09:30), never the raw RRULE: the messages of a series occurrence (invitation,
reminder, agenda call, minutes) and the series-change message."""

from datetime import date, time

import pytest
from flask_babel import force_locale

from hub.extensions import db
from hub.meetings.models import MeetingSeries, MeetingStatus, Minutes, MinutesStatus
from hub.notify import kinds
from hub.notify.models import Channel, Delivery
from hub.notify.render import meeting_key
from tests.notify.n2_world import MEETING_AT, NOW, at

RULE = "FREQ=MONTHLY;BYDAY=2TU"
RAW = ("FREQ", "BYDAY", "2TU", "RRULE")


def _delivery(kind, obj_type, obj_id, user, channel=Channel.EMAIL, **extra):
    return Delivery(kind=kind, channel=channel, user=user,
                    user_id=user.id if user is not None else None, object_type=obj_type,
                    object_id=obj_id, due_at=NOW, occurrence_key=extra.pop("key", ""),
                    payload=extra.pop("payload", None), **extra)


@pytest.fixture
def series_world(world, make_meeting):
    series = MeetingSeries(title="月度联席例会", rrule=RULE, start_date=date(2026, 6, 9),
                           start_time=time(9, 30), timezone="Asia/Shanghai",
                           parks=[world.host, world.other])
    db.session.add(series)
    db.session.commit()
    meeting = make_meeting(offsets=(60,), series=series, title="月度联席例会", cutoff_hours=24)
    minutes = Minutes(meeting=meeting, status=MinutesStatus.PUBLISHED, revision=1, body="纪要")
    db.session.add(minutes)
    db.session.commit()
    assert meeting.status is not MeetingStatus.CANCELLED
    return series, meeting, minutes


def _samples(world, series, meeting, minutes):
    user = world.other_staff
    added = {"id": meeting.id, "start": MEETING_AT.isoformat(), "parks": [world.other.id]}
    robot = {"park": world.other, "park_id": world.other.id}
    return [
        _delivery("meeting.created", "meeting", meeting.id, user),
        _delivery("meeting.reminder", "meeting", meeting.id, user, key=meeting_key(meeting),
                  offset_minutes=60),
        _delivery("meeting.reminder", "meeting", meeting.id, None, channel=Channel.ROBOT,
                  key=meeting_key(meeting), offset_minutes=60, **robot),
        _delivery("agenda.call", "meeting", meeting.id, user),
        _delivery("minutes.published", "minutes", minutes.id, user),
        _delivery("meeting.series_changed", "meeting_series", series.id, user,
                  payload={"reason": "created", "added": [added]}),
        _delivery("meeting.series_changed", "meeting_series", series.id, user,
                  channel=Channel.INAPP, payload={"reason": "created", "added": [added]}),
        _delivery("meeting.series_changed", "meeting_series", series.id, None,
                  channel=Channel.ROBOT, payload={"reason": "created", "added": [added]},
                  **robot),
    ]


@pytest.mark.parametrize("locale, words", [("zh_CN", "每月第二个星期二 09:30"),
                                           ("en", "second Tuesday")])
def test_series_messages_say_the_rule_in_words(app, world, series_world, locale, words):
    series, meeting, minutes = series_world
    with at(NOW), force_locale(locale):
        for delivery in _samples(world, series, meeting, minutes):
            rendered = kinds.get(delivery.kind).render(delivery)
            for part in (rendered.subject, rendered.text, rendered.html or ""):
                assert not any(raw in part for raw in RAW), (delivery.kind, part)
            assert words in rendered.text, (delivery.kind, delivery.channel, rendered.text)
            if delivery.channel is Channel.EMAIL:
                assert words in rendered.html, delivery.kind
