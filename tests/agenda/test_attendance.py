"""Attendance (参会回执): reply, decline, change until the start; the host records who came."""

from datetime import UTC, date, datetime

from hub.agenda.models import Attendance, AttendanceStatus
from hub.extensions import db
from tests.agenda.factories import occurrence_on

SEP8 = date(2026, 9, 8)  # starts 2026-09-08 09:30 local = 01:30 UTC


def row(meeting, park):
    db.session.expire_all()
    return db.session.execute(db.select(Attendance).where(
        Attendance.meeting_id == meeting.id, Attendance.park_id == park.id)).scalar()


def test_reply_decline_and_change_until_the_start(client, login, world, make_series, clock):
    meeting = occurrence_on(make_series(), SEP8)
    url = f"/meetings/{meeting.id}/attendance"
    login(world.liling_user)
    resp = client.post(f"{url}/reply", data={"status": "attending",
                                             "attendees": "王主任\n李科长\n\n王主任"})
    assert resp.status_code == 302
    r = row(meeting, world.liling)
    assert (r.status, r.attendees, r.replied_by_id) == (
        AttendanceStatus.ATTENDING, "王主任\n李科长", world.liling_user.id)

    # attending without names, declining without a reason: refused, text kept
    resp = client.post(f"{url}/reply", data={"status": "attending", "attendees": " "})
    assert resp.status_code == 422
    resp = client.post(f"{url}/reply", data={"status": "declined", "decline_reason": "",
                                             "attendees": "保留的名字"})
    assert resp.status_code == 422 and "保留的名字" in resp.get_data(as_text=True)

    resp = client.post(f"{url}/reply", data={"status": "declined",
                                             "decline_reason": "同日有省里检查"})
    assert resp.status_code == 302
    r = row(meeting, world.liling)
    assert (r.status, r.attendees, r.decline_reason) == (
        AttendanceStatus.DECLINED, "", "同日有省里检查")

    login(world.jkq_user)
    client.post(f"{url}/reply", data={"status": "attending", "attendees": "赵局长"})
    page = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "同日有省里检查" in page and "赵局长" in page
    assert f'data-testid="attendance-{world.host_park.id}" data-replied="no"' in page
    assert db.session.execute(db.select(db.func.count(Attendance.id))).scalar() == 2

    clock.move_to(datetime(2026, 9, 8, 1, 30, tzinfo=UTC))  # the meeting starts
    login(world.jkq_user)
    resp = client.post(f"{url}/reply", data={"status": "declined", "decline_reason": "临时有事"})
    assert resp.status_code == 409
    assert row(meeting, world.jkq).status is AttendanceStatus.ATTENDING


def test_non_participant_cannot_reply_or_see(client, login, world, make_series, clock):
    meeting = occurrence_on(make_series(), SEP8)
    login(world.outsider)
    url = f"/meetings/{meeting.id}/attendance"
    assert client.get(url).status_code == 403
    assert client.post(f"{url}/reply", data={"status": "attending",
                                             "attendees": "某人"}).status_code == 403
    assert row(meeting, world.outsider_park) is None


def test_host_records_who_actually_came(client, login, world, make_series, clock):
    meeting = occurrence_on(make_series(), SEP8)
    url = f"/meetings/{meeting.id}/attendance"
    login(world.liling_user)
    client.post(f"{url}/reply", data={"status": "attending", "attendees": "王主任"})
    parks = [world.host_park, world.liling, world.jkq]
    data = {}
    for i, park in enumerate(parks):
        data[f"entries-{i}-park_id"] = str(park.id)
    data.update({"entries-0-present": "y", "entries-0-actual_attendees": "主持人",
                 "entries-1-present": "y", "entries-1-actual_attendees": "王主任\n小陈"})

    login(world.host)
    resp = client.post(f"{url}/record", data=data)
    assert resp.status_code == 409  # not begun yet
    assert row(meeting, world.liling).present is None

    clock.move_to(datetime(2026, 9, 8, 4, 0, tzinfo=UTC))  # after the meeting
    login(world.liling_user)
    assert client.post(f"{url}/record", data=data).status_code == 403
    assert client.get(url).status_code == 200

    login(world.host)
    assert 'data-testid="record-form"' in client.get(url).get_data(as_text=True)
    assert client.post(f"{url}/record", data=data).status_code == 302
    liling, jkq = row(meeting, world.liling), row(meeting, world.jkq)
    assert (liling.present, liling.actual_attendees, liling.recorded_by_id) == (
        True, "王主任\n小陈", world.host.id)
    assert (jkq.present, jkq.status) == (False, None)  # no reply, did not come
    page = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "小陈" in page

    forged = {**data, "entries-2-park_id": str(world.outsider_park.id)}
    assert client.post(f"{url}/record", data=forged).status_code == 409
    assert row(meeting, world.outsider_park) is None
