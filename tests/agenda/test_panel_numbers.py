"""The meeting page's agenda panel reads its topics and its follow-up count in one statement
(hub.agenda.panel): the same as `services.topics_of` (accepted ones in agenda order, submitted
ones waiting) and `services.tracked_count`, for meetings with and without topics, of a series
and one-off."""

from datetime import date

from hub.actions.models import ActionItem, ActionStatus
from hub.agenda import services
from hub.agenda.models import AgendaTopic, TopicStatus
from hub.agenda.panel import panel_numbers
from hub.extensions import db
from hub.meetings.models import Minutes, MinutesStatus
from tests.agenda.factories import occurrence_on


def _expected(meeting):
    topics = services.topics_of(meeting.id)
    accepted = [(t.title, t.presenter, t.minutes_requested, t.park.short_name)
                for t in topics if t.status is TopicStatus.ACCEPTED]
    waiting = sum(1 for t in topics if t.status is TopicStatus.SUBMITTED)
    return accepted, waiting, services.tracked_count(meeting)


def _shown(meeting):
    numbers = panel_numbers(meeting)
    accepted = [(r.title, r.presenter, r.minutes_requested, r.park_short_name)
                for r in numbers.accepted]
    return accepted, numbers.waiting, numbers.tracked


def test_panel_numbers_are_those_of_the_services(app, world, make_series, make_one_off, clock):
    series = make_series(start_date=date(2026, 6, 1))
    june, july, sep = (occurrence_on(series, date(2026, 6, 9)),
                       occurrence_on(series, date(2026, 7, 14)),
                       occurrence_on(series, date(2026, 9, 8)))
    one_off = make_one_off()
    db.session.add(Minutes(meeting_id=june.id, status=MinutesStatus.PUBLISHED))
    db.session.add_all([ActionItem(meeting_id=june.id, text=f"六月{n}", owner_park_id=world.jkq.id,
                                   status=status)
                        for n, status in enumerate([ActionStatus.NOT_STARTED,
                                                    ActionStatus.IN_PROGRESS, ActionStatus.DONE])])
    # positions out of id order; every status, two parks
    for meeting in (sep, one_off):
        db.session.add_all([
            AgendaTopic(meeting_id=meeting.id, park_id=park.id, title=title, presenter=presenter,
                        minutes_requested=minutes, status=status, position=position)
            for park, title, presenter, minutes, status, position in [
                (world.liling, "乙", "张三", 15, TopicStatus.ACCEPTED, 2),
                (world.jkq, "甲", "", 10, TopicStatus.ACCEPTED, 1),
                (world.liling, "丙", "李四", 20, TopicStatus.SUBMITTED, 0),
                (world.jkq, "丁", "", 5, TopicStatus.SUBMITTED, 0),
                (world.jkq, "戊", "", 5, TopicStatus.WITHDRAWN, 0),
                (world.liling, "己", "", 5, TopicStatus.DEFERRED, 3),
                (world.jkq, "庚", "王五", 30, TopicStatus.ACCEPTED, 3),
            ]])
    db.session.commit()

    shown = {m.id: _shown(m) for m in (june, july, sep, one_off)}
    assert shown[sep.id] == _expected(sep)
    assert shown[sep.id] == ([("甲", "", 10, "经开区"), ("乙", "张三", 15, "醴陵"),
                              ("庚", "王五", 30, "经开区")], 2, 2)
    assert shown[one_off.id] == _expected(one_off) and shown[one_off.id][2] == 0
    assert shown[july.id] == _expected(july) == ([], 0, 2)  # no topics: the count still
    assert shown[june.id] == _expected(june) == ([], 0, 0)
