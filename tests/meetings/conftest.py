"""Fixtures of the meetings tests: the demo parks, accounts, and a series factory."""

from datetime import UTC, date, datetime, time

import pytest

from hub.auth.models import Role
from hub.extensions import db
from hub.meetings import recurrence, services
from hub.meetings.models import HolidayPolicy
from hub.parks.models import ParkKind

NOW = datetime(2026, 6, 1, 2, 0, tzinfo=UTC)  # 10:00 on 1 June 2026 in Shanghai
SHORT = {"园区办": "株洲市园区办", "高新区": "株洲高新区", "田心": "田心高科园",
         "经开区": "株洲经开区", "醴陵": "醴陵经开区", "茶陵": "茶陵经开区", "渌口": "渌口经开区"}


@pytest.fixture
def parks(make_park):
    return {short: make_park(name, short_name=short,
                             kind=ParkKind.ZONE if short == "园区办" else ParkKind.PROVINCIAL)
            for short, name in SHORT.items()}


@pytest.fixture
def admin(make_user, parks):
    return make_user(park=parks["园区办"], role=Role.ADMIN, username="admin")


@pytest.fixture
def make_series(admin, parks):
    def make(*, rule="FREQ=MONTHLY;BYDAY=2TU", start=date(2026, 1, 1), at=time(9, 30),
             tz="Asia/Shanghai", minutes=120, policy=HolidayPolicy.MOVE,
             park_names=("高新区", "田心", "经开区"), hosts=("高新区", "田心", "经开区"),
             people=(), now=NOW, title="一区三园联席会议", location="管委会三楼会议室"):
        series = services.create_series(admin, services.SeriesInput(
            title=title, description="", rrule=recurrence.validate(rule, tz),
            start_date=start, start_time=at, timezone=tz, duration_minutes=minutes,
            location=location, online_url="", holiday_policy=policy,
            reminder_offsets=[1440, 60], agenda_cutoff_hours=72,
            parks=[parks[n] for n in park_names], people=list(people),
            hosts=[parks[n] for n in hosts]), now=now)
        db.session.commit()
        return series

    return make


def series_input(series, **changes) -> services.SeriesInput:
    """The series' current values as form input, with `changes`."""
    values = {
        "title": series.title, "description": series.description, "rrule": series.rrule,
        "start_date": series.start_date, "start_time": series.start_time,
        "timezone": series.timezone,
        "duration_minutes": series.duration_minutes, "location": series.location,
        "online_url": series.online_url, "holiday_policy": series.holiday_policy,
        "reminder_offsets": list(series.reminder_offsets), "agenda_cutoff_hours": 72,
        "parks": list(series.parks), "people": list(series.people),
        "hosts": [h.park for h in series.hosts]}
    values.update(changes)
    return services.SeriesInput(**values)
