"""Demo series: seeding twice gives the same rows."""

from datetime import date

from hub.auth.models import Role
from hub.extensions import db
from hub.meetings import demo, queries
from hub.meetings.models import Meeting, MeetingSeries
from hub.seed import DEMO_PARKS, ensure_account, ensure_park
from tests.meetings.conftest import NOW


def snapshot():
    return [(m.series_id, m.original_start, m.starts_at, m.host_park_id, m.holiday_note)
            for m in db.session.execute(db.select(Meeting).order_by(Meeting.id)).scalars()]


def test_demo_seed_is_idempotent(app):
    for _code, name, short, kind, contact, phone in DEMO_PARKS:
        park = ensure_park(name, short, kind, contact, phone)
        if short == "园区办":
            ensure_account("admin", "园区办管理员", park, Role.ADMIN, "parkhub-demo")
    db.session.commit()
    demo.seed(now=NOW)
    first = snapshot()
    demo.seed(now=NOW)
    assert snapshot() == first
    joint = db.session.execute(db.select(MeetingSeries).where(
        MeetingSeries.title == demo.JOINT_TITLE)).scalar_one()
    assert joint.rrule == "FREQ=MONTHLY;BYDAY=2TU"
    assert [h.park.short_name for h in joint.hosts] == demo.ROTATION
    assert len(joint.parks) == 7
    rows = list(db.session.execute(db.select(Meeting).where(
        Meeting.series_id == joint.id).order_by(Meeting.starts_at)).scalars())
    past = [m for m in rows if m.starts_at < NOW]
    assert len(past) == 3  # March, April, May 2026
    assert queries.local_date(rows[0]) == date(2026, 3, 10)
    assert [m.host_park.short_name for m in rows[:7]] == [*demo.ROTATION, "高新区"]
    land = db.session.execute(db.select(MeetingSeries).where(
        MeetingSeries.title == demo.LAND_TITLE)).scalar_one()
    assert land.rrule == "FREQ=WEEKLY;BYDAY=TH;COUNT=20"
    assert len(db.session.execute(db.select(Meeting).where(
        Meeting.series_id == land.id)).all()) <= 20
