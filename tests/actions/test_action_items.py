"""Decisions become action items at sign-off; the owner park follows them up (督办)."""

from datetime import date

import pytest
import time_machine

from hub.actions import services
from hub.actions.models import ActionItem, ActionStatus, ActionUpdate
from hub.audit.models import AuditEntry
from hub.extensions import db
from hub.land.models import LandCase
from hub.meetings.models import Minutes, MinutesStatus


def _publish(client, world, as_user, decisions):
    """The host drafts minutes with `decisions` [(owner park, text, due, extra form data)],
    sends them, an admin signs off. Returns the items in order."""
    as_user(world.host_staff)
    base = f"/meetings/{world.meeting.id}"
    assert client.post(f"{base}/minutes", data={"body": "纪要正文", "base_revision": "0"}
                       ).status_code == 302
    for owner, text, due, extra in decisions:
        data = {"text": text, "owner_park_id": owner.id, "assignee_id": "0",
                "due_date": due or "", **extra}
        resp = client.post(f"{base}/decisions", data=data)
        assert resp.status_code == 302, resp.get_data(as_text=True)[:3000]
    assert client.post(f"{base}/minutes/send").status_code == 302
    as_user(world.admin)
    assert client.post(f"{base}/minutes/sign-off",
                       data={"confirm_outstanding": "y"}).status_code == 302
    return db.session.execute(db.select(ActionItem).order_by(ActionItem.position)).scalars().all()


@pytest.fixture
def case(world):
    c = LandCase(park_id=world.other.id, parcel_code="TX-2022-003", location="田心大道东侧",
                 area_mu=12)
    db.session.add(c)
    db.session.commit()
    return c


def test_owner_park_staff_update_status_with_a_note(client, world, as_user):
    [item] = _publish(client, world, as_user, [(world.other, "完成闲置地块清查", "2026-04-30", {})])
    as_user(world.other_staff)
    url = f"/meetings/actions/{item.id}/progress"
    assert client.post(url, data={"status": "in_progress", "note": "已启动现场核查",
                                  "version": "1"}).status_code == 302
    assert client.post(url, data={"status": "in_progress", "note": "完成一半",
                                  "version": "2"}).status_code == 302
    # done only through 办结申请 → 销号 (tests/actions/test_review.py): refused on the field
    resp = client.post(url, data={"status": "done", "note": "", "version": "3"})
    assert resp.status_code == 422 and "办结申请" in resp.get_data(as_text=True)
    db.session.expire_all()
    item = db.session.get(ActionItem, item.id)
    assert item.status is ActionStatus.IN_PROGRESS and item.completed_at is None
    timeline = [(u.from_status, u.to_status, u.note, u.actor_id) for u in
                db.session.execute(db.select(ActionUpdate).order_by(ActionUpdate.id)).scalars()]
    assert timeline == [
        (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS, "已启动现场核查",
         world.other_staff.id),
        (None, None, "完成一半", world.other_staff.id),
    ]
    page = client.get(f"/meetings/actions/{item.id}").get_data(as_text=True)
    assert "已启动现场核查" in page and "完成一半" in page
    audits = db.session.execute(
        db.select(AuditEntry.action, AuditEntry.changes)
        .where(AuditEntry.object_type == "action_item", AuditEntry.action != "create")
        .order_by(AuditEntry.id)).all()
    assert audits[0] == ("transition", {"status": ["not_started", "in_progress"],
                                        "note": ["", "已启动现场核查"]})
    assert audits[1] == ("progress", {"note": ["", "完成一半"]})
    assert len(audits) == 2


def test_stale_progress_and_empty_update(client, world, as_user):
    [item] = _publish(client, world, as_user, [(world.other, "事项", None, {})])
    as_user(world.other_staff)
    url = f"/meetings/actions/{item.id}/progress"
    assert client.post(url, data={"status": "not_started", "note": "", "version": "1"}
                       ).status_code == 422
    client.post(url, data={"status": "in_progress", "note": "", "version": "1"})
    resp = client.post(url, data={"status": "done", "note": "我的进展说明", "version": "1"})
    assert resp.status_code == 409
    assert "我的进展说明" in resp.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(ActionItem, item.id).status is ActionStatus.IN_PROGRESS


def test_other_parks_cannot_update(client, world, as_user):
    [item] = _publish(client, world, as_user, [(world.other, "事项", None, {})])
    for user in (world.third_staff, world.host_staff, world.outsider_staff):
        as_user(user)
        assert client.post(f"/meetings/actions/{item.id}/progress", data={
            "status": "done", "note": "x", "version": "1"}).status_code == 403
    as_user(world.outsider_staff)  # not a participant, not the owner: cannot even read it
    assert client.get(f"/meetings/actions/{item.id}").status_code == 403
    as_user(world.third_staff)  # a participant reads it but has no form
    page = client.get(f"/meetings/actions/{item.id}").get_data(as_text=True)
    assert 'data-testid="progress-form"' not in page
    db.session.expire_all()
    assert db.session.get(ActionItem, item.id).status is ActionStatus.NOT_STARTED


def test_no_updates_before_publication(client, world, as_user):
    as_user(world.host_staff)
    base = f"/meetings/{world.meeting.id}"
    client.post(f"{base}/minutes", data={"body": "纪要", "base_revision": "0"})
    client.post(f"{base}/decisions", data={"text": "尚未签发的决定", "assignee_id": "0",
                                           "owner_park_id": world.other.id})
    item = db.session.execute(db.select(ActionItem)).scalar_one()
    as_user(world.other_staff)
    assert client.get(f"/meetings/actions/{item.id}").status_code == 404
    assert client.post(f"/meetings/actions/{item.id}/progress", data={
        "status": "done", "note": "x", "version": "1"}).status_code == 404
    assert "尚未签发的决定" not in client.get("/meetings/actions/").get_data(as_text=True)


def test_decision_validation(client, world, as_user, case, make_user):
    as_user(world.host_staff)
    base = f"/meetings/{world.meeting.id}"
    third_user = world.third_staff
    bad = [
        {"text": "", "owner_park_id": world.other.id},
        {"text": "x", "owner_park_id": world.outsider.id},  # not a participant
        {"text": "x", "owner_park_id": world.other.id, "assignee_id": third_user.id},
        {"text": "x", "owner_park_id": world.other.id, "parcel_codes": "NO-SUCH-CODE"},
    ]
    for data in bad:
        resp = client.post(f"{base}/decisions", data={"assignee_id": "0", **data})
        assert resp.status_code == 422, data
    assert db.session.execute(db.select(ActionItem)).scalars().all() == []
    resp = client.post(f"{base}/decisions", data={
        "text": "盘活TX-2022-003地块", "owner_park_id": world.other.id,
        "assignee_id": world.other_staff.id, "parcel_codes": "TX-2022-003"})
    assert resp.status_code == 302
    item = db.session.execute(db.select(ActionItem)).scalar_one()
    assert [c.id for c in item.land_cases] == [case.id]
    assert item.assignee_id == world.other_staff.id


def test_overdue_with_controlled_time(client, world, as_user):
    items = _publish(client, world, as_user, [
        (world.other, "逾期事项", "2026-04-30", {}),
        (world.other, "已完成事项", "2026-04-01", {}),
        (world.third, "未到期事项", "2026-06-30", {}),
    ])
    items[1].status = ActionStatus.DONE
    db.session.commit()
    assert [services.is_overdue(i, date(2026, 5, 1)) for i in items] == [True, False, False]
    assert services.is_overdue(items[0], date(2026, 4, 30)) is False

    # 2026-04-30 16:30 UTC is already 1 May in Asia/Shanghai
    with time_machine.travel("2026-04-30T16:30:00Z", tick=False):
        as_user(world.admin)
        html = client.get("/meetings/actions/?overdue=1").get_data(as_text=True)
        assert f'data-testid="action-item-{items[0].id}"' in html
        assert f'data-testid="action-item-{items[1].id}"' not in html
        assert f'data-testid="action-item-{items[2].id}"' not in html
        assert 'data-testid="overdue"' in html
        page = client.get(f"/meetings/actions/{items[0].id}").get_data(as_text=True)
        assert 'data-testid="overdue"' in page
    with time_machine.travel("2026-04-30T15:30:00Z", tick=False):  # 23:30 on 30 April
        html = client.get("/meetings/actions/?overdue=1").get_data(as_text=True)
        assert f'data-testid="action-item-{items[0].id}"' not in html


def test_my_parks_page_shows_only_my_park(client, world, as_user):
    items = _publish(client, world, as_user, [
        (world.other, "田心的事项", None, {}), (world.third, "经开区的事项", None, {})])
    as_user(world.other_staff)
    # a forged park filter is ignored for non-admins
    html = client.get(f"/meetings/actions/?park={world.third.id}").get_data(as_text=True)
    assert "田心的事项" in html and "经开区的事项" not in html
    as_user(world.admin)
    html = client.get("/meetings/actions/").get_data(as_text=True)
    assert "田心的事项" in html and "经开区的事项" in html
    html = client.get(f"/meetings/actions/?park={world.third.id}").get_data(as_text=True)
    assert "田心的事项" not in html and "经开区的事项" in html
    html = client.get("/meetings/actions/?status=done").get_data(as_text=True)
    assert 'data-testid="no-action-items"' in html
    assert len(items) == 2


def test_items_for_case_and_open_items_for_series(client, world, as_user, case):
    from datetime import UTC, datetime, timedelta

    from hub.meetings.models import Meeting, MeetingSeries

    series = MeetingSeries(title="一区三园联席会议", rrule="FREQ=MONTHLY;BYDAY=2TU",
                           start_date=date(2026, 1, 13),
                           start_time=datetime(2026, 1, 1, 9, 30).time())
    db.session.add(series)
    world.meeting.series = series
    db.session.commit()
    items = _publish(client, world, as_user, [
        (world.other, "处置TX-2022-003", "2026-04-30", {"land_case_ids": str(case.id)}),
        (world.third, "已办结事项", None, {}),
    ])
    items[1].status = ActionStatus.DONE
    db.session.commit()

    assert [i.id for i in services.items_for_case(case.id)] == [items[0].id]
    after = world.meeting.starts_at + timedelta(days=28)
    assert [i.id for i in services.open_items_for_series(series.id, after)] == [items[0].id]
    assert services.open_items_for_series(series.id, world.meeting.starts_at) == []
    assert [i.id for i in services.open_items_for_series(series.id, date(2026, 4, 14))] == [
        items[0].id]

    # a later meeting's decisions in unpublished minutes are not followed yet
    later = Meeting(title="一区三园联席会议", series=series, host_park=world.other,
                    starts_at=datetime(2026, 4, 14, 1, 30, tzinfo=UTC),
                    ends_at=datetime(2026, 4, 14, 3, 30, tzinfo=UTC), parks=[world.other])
    db.session.add(later)
    db.session.flush()
    db.session.add(Minutes(meeting_id=later.id, body="草稿", revision=1,
                           status=MinutesStatus.DRAFT))
    db.session.add(ActionItem(meeting_id=later.id, text="草稿中的事项",
                              owner_park_id=world.other.id))
    db.session.commit()
    far = datetime(2026, 12, 1, tzinfo=UTC)
    assert [i.text for i in services.open_items_for_series(series.id, far)] == ["处置TX-2022-003"]

    as_user(world.admin)
    html = client.get(f"/meetings/actions/?series={series.id}").get_data(as_text=True)
    assert "处置TX-2022-003" in html and "草稿中的事项" not in html
    html = client.get(f"/meetings/actions/?series={series.id}&status=open").get_data(as_text=True)
    assert "处置TX-2022-003" in html and "已办结事项" not in html

    # the land case page lists its action items (through the land feature's provider hook)
    as_user(world.third_staff)
    resp = client.get(f"/cases/{case.id}")
    if resp.status_code == 200:
        assert "处置TX-2022-003" in resp.get_data(as_text=True)


def test_meeting_page_panels(client, world, as_user):
    _publish(client, world, as_user, [(world.other, "田心的事项", None, {})])
    as_user(world.third_staff)
    from flask import render_template

    from hub.meetings import panels

    built = panels.build(world.meeting, world.third_staff)
    mine = {p.template: p for p in built if p.template in ("minutes/_panel.html",
                                                           "actions/_panel.html")}
    assert set(mine) == {"minutes/_panel.html", "actions/_panel.html"}
    with client.application.test_request_context():
        html = "".join(render_template(p.template, ctx=p.context) for p in mine.values())
    assert 'data-testid="minutes-panel"' in html and "田心的事项" in html
    assert f"/meetings/{world.meeting.id}/minutes" in html
    # an uninvited park gets no panels
    assert panels.build(world.meeting, world.outsider_staff) == [] or all(
        p.template not in mine for p in panels.build(world.meeting, world.outsider_staff))


def test_meeting_page_lists_the_decisions_with_status_and_overdue(client, world, as_user):
    items = _publish(client, world, as_user, [
        (world.other, "逾期事项", "2026-04-30", {}),
        (world.other, "已完成事项", "2026-04-01", {}),
        (world.third, "未到期事项", "2026-06-30", {}),
    ])
    items[1].status = ActionStatus.DONE
    items[2].status = ActionStatus.IN_PROGRESS
    db.session.commit()
    with time_machine.travel("2026-04-30T16:30:00Z", tick=False):  # 1 May in Asia/Shanghai
        as_user(world.other_staff)
        html = client.get(f"/meetings/{world.meeting.id}").get_data(as_text=True)
    panel = html.split('data-testid="actions-panel"')[1].split("</section>")[0]
    rows = panel.split("<li")[1:]
    assert [r.split(f'/meetings/actions/{i.id}"')[1].split("</a>")[0] for r, i in
            zip(rows, items, strict=True)] == [">逾期事项", ">已完成事项", ">未到期事项"]
    overdue = '<span class="badge text-bg-danger">逾期</span>'
    assert "· 田心 · 2026年4月30日 星期四" in rows[0] and ">未开始</span>" in rows[0]
    assert overdue in rows[0]
    assert ">已完成</span>" in rows[1] and overdue not in rows[1]
    assert "· 经开区 · 2026年6月30日 星期二" in rows[2] and ">进行中</span>" in rows[2]
    assert overdue not in rows[2]
