"""A one-off meeting hosted by 高新区 with 田心 and 经开区 taking part; 醴陵 is not invited."""

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from hub.extensions import db
from hub.meetings.models import Meeting
from hub.parks.models import ParkKind


@pytest.fixture
def world(make_park, make_user):
    zone = make_park("株洲市园区办", short_name="园区办", kind=ParkKind.ZONE)
    host = make_park("株洲高新区", short_name="高新区", kind=ParkKind.NATIONAL)
    other = make_park("田心高科园", short_name="田心", kind=ParkKind.NATIONAL)
    third = make_park("株洲经开区", short_name="经开区")
    outsider = make_park("醴陵经开区", short_name="醴陵")
    start = datetime(2026, 3, 10, 1, 30, tzinfo=UTC)
    meeting = Meeting(title="一区三园联席会议", starts_at=start, ends_at=start + timedelta(hours=2),
                      location="园区办三楼会议室", host_park=host, parks=[host, other, third])
    db.session.add(meeting)
    db.session.commit()
    return SimpleNamespace(
        meeting=meeting, zone=zone, host=host, other=other, third=third, outsider=outsider,
        admin=make_user(park=zone, role="admin", username="admin"),
        host_staff=make_user(park=host, username="gxq_staff1"),
        host_admin=make_user(park=host, role="park_admin", username="gxq_admin"),
        other_staff=make_user(park=other, username="tianxin_staff1"),
        other_staff2=make_user(park=other, username="tianxin_staff2"),
        third_staff=make_user(park=third, username="jkq_staff1"),
        outsider_staff=make_user(park=outsider, username="liling_staff1"),
    )


@pytest.fixture
def as_user(client, login):
    """as_user(user): sign the test client out and in again as `user`."""

    def switch(user):
        client.post("/logout")
        resp = login(user)
        assert resp.status_code == 302, resp.get_data(as_text=True)[:500]
        return client

    return switch
