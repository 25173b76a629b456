"""Shared pieces of the events & centre tests (imported by the test modules, not a conftest).

A zone office and four parks: 高新区 hosts a meeting with 田心 and 经开区; 醴陵 is not invited.
Times: NOW is Monday 1 June 2026 10:00 in Shanghai; MEETING_AT Wednesday 3 June 09:30.
"""

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
import time_machine

from hub.auth.models import Role
from hub.extensions import db
from hub.meetings.models import Meeting
from hub.notify import sender
from hub.notify.models import Channel, Delivery, DeliveryState, Notification
from hub.parks.models import ParkKind

NOW = datetime(2026, 6, 1, 2, 0, tzinfo=UTC)  # Mon 10:00 Asia/Shanghai
MEETING_AT = datetime(2026, 6, 3, 1, 30, tzinfo=UTC)  # Wed 09:30 Asia/Shanghai


@pytest.fixture
def world(make_park, make_user):
    zone = make_park("株洲市园区办", short_name="园区办", kind=ParkKind.ZONE)
    host = make_park("株洲高新区", short_name="高新区", kind=ParkKind.NATIONAL)
    other = make_park("田心高科园", short_name="田心", kind=ParkKind.NATIONAL)
    third = make_park("株洲经开区", short_name="经开区")
    outsider = make_park("醴陵经开区", short_name="醴陵")
    return SimpleNamespace(
        zone=zone, host=host, other=other, third=third, outsider=outsider,
        admin=make_user(park=zone, role=Role.ADMIN, username="admin", display_name="园区办管理员"),
        host_admin=make_user(park=host, role=Role.PARK_ADMIN, username="gxq_admin"),
        host_staff=make_user(park=host, username="gxq_staff", display_name="高新区张三"),
        other_admin=make_user(park=other, role=Role.PARK_ADMIN, username="tx_admin"),
        other_staff=make_user(park=other, username="tx_staff", display_name="田心李四"),
        third_staff=make_user(park=third, username="jkq_staff"),
        outsider_staff=make_user(park=outsider, username="ll_staff"),
    )


@pytest.fixture
def make_meeting(world):
    def make(starts_at=MEETING_AT, *, offsets=(1440, 60), title="一区三园联席会议",
             parks=None, host="host", people=(), cutoff_hours=72, **extra) -> Meeting:
        host_park = getattr(world, host) if host else None
        meeting = Meeting(
            title=title, starts_at=starts_at, ends_at=starts_at + timedelta(hours=2),
            timezone="Asia/Shanghai", location="管委会三楼会议室",
            online_url="https://meet.example.test/joint", host_park=host_park,
            parks=list(parks) if parks is not None else [world.host, world.other, world.third],
            people=list(people), reminder_offsets=list(offsets),
            agenda_cutoff=starts_at - timedelta(hours=cutoff_hours), **extra)
        db.session.add(meeting)
        db.session.commit()
        return meeting

    return make


def at(moment: datetime):
    """The clock stands at `moment` inside the block."""
    return time_machine.travel(moment, tick=False)


def tick_at(moment: datetime):
    """One scheduler tick with the clock at `moment`."""
    with time_machine.travel(moment, tick=False):
        return sender.tick()


def deliveries(**filters) -> list[Delivery]:
    stmt = db.select(Delivery).order_by(Delivery.id)
    for name, value in filters.items():
        stmt = stmt.where(getattr(Delivery, name) == value)
    db.session.expire_all()
    return list(db.session.execute(stmt).scalars())


def sent(kind: str, channel: Channel = Channel.INAPP, **filters) -> list[Delivery]:
    return deliveries(kind=kind, channel=channel, state=DeliveryState.SENT, **filters)


def user_ids(rows) -> set[int]:
    return {r.user_id for r in rows}


def notifications_of(user) -> list[Notification]:
    db.session.expire_all()
    return list(db.session.execute(
        db.select(Notification).where(Notification.user_id == user.id)
        .order_by(Notification.id)).scalars())


def meeting_people(world) -> set[int]:
    """Everyone of the host and participant parks (the outsider and the zone office excluded)."""
    return {u.id for u in (world.host_admin, world.host_staff, world.other_admin,
                           world.other_staff, world.third_staff)}
