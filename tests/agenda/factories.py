"""Meetings for the agenda and calendar tests, made with hub.meetings.services (no UI).
Imported by tests/agenda/conftest.py and tests/calendar/conftest.py."""

from datetime import UTC, date, datetime, time

import pytest
import time_machine

from hub.auth.models import Role
from hub.extensions import db
from hub.meetings import occurrences, services
from hub.meetings.models import HolidayPolicy, Meeting

# 2026-09-01 10:00 in Asia/Shanghai
NOW = datetime(2026, 9, 1, 2, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    """time-machine travelling to NOW (ticking off); move with clock.move_to(...)."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def world(app, make_park, make_user):
    """Host park 高新区, participants 醴陵 and 经开区, outsider 茶陵; one user each, an admin."""
    class World:
        pass

    w = World()
    w.host_park = make_park("株洲高新区", short_name="高新区")
    w.liling = make_park("醴陵经开区", short_name="醴陵")
    w.jkq = make_park("株洲经开区", short_name="经开区")
    w.outsider_park = make_park("茶陵经开区", short_name="茶陵")
    w.zone = make_park("园区办")
    w.host = make_user(park=w.host_park, role=Role.STAFF, username="host1")
    w.liling_user = make_user(park=w.liling, role=Role.STAFF, username="liling1")
    w.jkq_user = make_user(park=w.jkq, role=Role.STAFF, username="jkq1")
    w.outsider = make_user(park=w.outsider_park, role=Role.STAFF, username="outsider1")
    w.admin = make_user(park=w.zone, role=Role.ADMIN, username="admin1")
    return w


def series_input(world, **over) -> services.SeriesInput:
    data = {
        "title": "一区三园联席会议", "description": "例会", "rrule": "FREQ=MONTHLY;BYDAY=2TU",
        "start_date": date(2026, 7, 1), "start_time": time(9, 30), "timezone": "Asia/Shanghai",
        "duration_minutes": 120, "location": "高新区管委会三楼会议室", "online_url": "",
        "holiday_policy": HolidayPolicy.MOVE, "reminder_offsets": [1440, 60],
        "agenda_cutoff_hours": 72, "parks": [world.liling, world.jkq], "people": [],
        "hosts": [world.host_park],
    }
    return services.SeriesInput(**{**data, **over})


@pytest.fixture
def make_series(world):
    def make(**over):
        series = services.create_series(world.admin, series_input(world, **over), now=NOW)
        db.session.commit()
        return series

    return make


def occurrence_on(series, day: date) -> Meeting:
    for m in services.occurrences(series):
        if m.starts_at.astimezone(services.recurrence.zone(m.timezone)).date() == day:
            return m
    raise AssertionError(f"no occurrence on {day}")


@pytest.fixture
def make_one_off(world):
    def make(day=date(2026, 9, 10), **over):
        data = {"title": "专题会", "description": "", "day": day, "start_time": time(14, 0),
                "timezone": "Asia/Shanghai", "duration_minutes": 60, "location": "田心",
                "online_url": "", "reminder_offsets": [60], "agenda_cutoff_hours": 24,
                "host_park_id": world.host_park.id, "parks": [world.liling], "people": []}
        meeting = occurrences.create_one_off(world.admin,
                                             occurrences.OneOffInput(**{**data, **over}))
        db.session.commit()
        return meeting

    return make


@pytest.fixture
def login(client, login):
    """The root `login`, signing out first so tests can switch users."""

    def switch(user, *args, **kwargs):
        client.post("/logout")
        return login(user, *args, **kwargs)

    return switch
