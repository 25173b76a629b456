"""督办: 办结申请 → 退回 / 销号, 延期申请 and its decision, 催办 once a day; who may do which.

The world's meeting is hosted by 高新区; the items belong to 田心. The assigning office is the
zone admin and 高新区's park admin (hub.permissions.can_review_action_item)."""

import io

import time_machine

from hub.actions import review
from hub.actions.models import ActionItem, ActionStatus, ActionUpdate, UpdateKind
from hub.attachments.models import Attachment
from hub.audit.models import AuditEntry
from hub.extensions import db
from hub.notify.models import Channel, Delivery, Notification
from tests.actions.test_action_items import _publish

BASE = "/meetings/actions"


def _item(item_id: int) -> ActionItem:
    db.session.expire_all()
    return db.session.get(ActionItem, item_id)


def _steps(item_id: int) -> list[tuple]:
    return [(u.kind, u.from_status, u.to_status, u.note) for u in db.session.execute(
        db.select(ActionUpdate).where(ActionUpdate.item_id == item_id)
        .order_by(ActionUpdate.id)).scalars()]


def _inapp(kind: str) -> set[int]:
    return set(db.session.execute(
        db.select(Notification.user_id).where(Notification.kind == kind)).scalars())


def _mails(kind: str) -> set[int]:
    return set(db.session.execute(db.select(Delivery.user_id).where(
        Delivery.kind == kind, Delivery.channel == Channel.EMAIL)).scalars())


def test_apply_return_apply_close(client, world, as_user):
    [item] = _publish(client, world, as_user, [(world.other, "完成闲置地块清查", "2026-04-30", {})])
    as_user(world.other_staff)
    page = client.get(f"{BASE}/{item.id}").get_data(as_text=True)
    assert 'data-testid="step-apply"' in page and 'data-testid="step-close"' not in page

    # a note is required; nothing changes without it and the page says why
    resp = client.post(f"{BASE}/{item.id}/apply", data={"note": " ", "version": "1"})
    assert resp.status_code == 422 and "请说明完成情况" in resp.get_data(as_text=True)
    assert _item(item.id).status is ActionStatus.NOT_STARTED

    pdf = (io.BytesIO(b"%PDF-1.4 report"), "清查报告.pdf")
    resp = client.post(f"{BASE}/{item.id}/apply", data={
        "note": "已完成清查，报告见附件", "version": "1", "attachments": [pdf]},
        content_type="multipart/form-data")
    assert resp.status_code == 302, resp.get_data(as_text=True)[:2000]
    assert _item(item.id).status is ActionStatus.PENDING_REVIEW
    files = db.session.execute(db.select(Attachment).where(
        Attachment.owner_type == review.UPDATE_OWNER)).scalars().all()
    assert [f.original_name for f in files] == ["清查报告.pdf"]
    # the assigning office hears of it, in-app now and by mail; the owner park does not
    assert _inapp("action.review_requested") == {world.admin.id, world.host_admin.id}
    assert _mails("action.review_requested") == {world.admin.id, world.host_admin.id}
    # applying twice is refused; the owner cannot close it either
    assert client.post(f"{BASE}/{item.id}/apply", data={"note": "再次申请", "version": "2"}
                       ).status_code == 409
    assert client.post(f"{BASE}/{item.id}/close", data={"version": "2"}).status_code == 403

    as_user(world.host_admin)
    page = client.get(f"{BASE}/{item.id}").get_data(as_text=True)
    assert "已完成清查，报告见附件" in page and "清查报告.pdf" in page
    assert 'data-testid="step-close"' in page and 'data-testid="step-return"' in page
    resp = client.post(f"{BASE}/{item.id}/return", data={"reason": "", "version": "2"})
    assert resp.status_code == 422 and "请填写事由" in resp.get_data(as_text=True)
    assert client.post(f"{BASE}/{item.id}/return", data={
        "reason": "缺少现场照片", "version": "2"}).status_code == 302
    assert _item(item.id).status is ActionStatus.IN_PROGRESS
    assert _inapp("action.reviewed") == {world.other_staff.id, world.other_staff2.id}

    as_user(world.other_staff)
    assert "缺少现场照片" in client.get(f"{BASE}/{item.id}").get_data(as_text=True)
    assert client.post(f"{BASE}/{item.id}/apply", data={
        "note": "已补充现场照片", "version": "3"}).status_code == 302

    as_user(world.admin)
    assert client.post(f"{BASE}/{item.id}/close", data={"note": "同意销号", "version": "4"}
                       ).status_code == 302
    done = _item(item.id)
    assert done.status is ActionStatus.DONE and done.completed_at is not None
    assert _steps(item.id) == [
        (UpdateKind.APPLY, ActionStatus.NOT_STARTED, ActionStatus.PENDING_REVIEW,
         "已完成清查，报告见附件"),
        (UpdateKind.RETURN, ActionStatus.PENDING_REVIEW, ActionStatus.IN_PROGRESS, "缺少现场照片"),
        (UpdateKind.APPLY, ActionStatus.IN_PROGRESS, ActionStatus.PENDING_REVIEW, "已补充现场照片"),
        (UpdateKind.CLOSE, ActionStatus.PENDING_REVIEW, ActionStatus.DONE, "同意销号"),
    ]
    actions = db.session.execute(db.select(AuditEntry.action).where(
        AuditEntry.object_type == "action_item", AuditEntry.action != "create")
        .order_by(AuditEntry.id)).scalars().all()
    assert actions == ["apply", "return", "apply", "close"]
    # closed is final: no more steps, no reminders
    assert client.post(f"{BASE}/{item.id}/remind", data={}).status_code == 409
    page = client.get(f"{BASE}/{item.id}").get_data(as_text=True)
    assert 'data-testid="step-' not in page and "已销号" in page


def test_extension_approved_and_rejected(client, world, as_user):
    [item] = _publish(client, world, as_user, [(world.other, "完成地块收储", "2026-04-30", {})])
    url = f"{BASE}/{item.id}/extension"
    with time_machine.travel("2026-04-20T02:00:00Z", tick=False):  # sign in within the time
        as_user(world.other_staff)
        resp = client.post(url, data={"due_date": "2026-04-15", "reason": "等待评估",
                                      "version": "1"})
        assert resp.status_code == 422 and "新的完成时限" in resp.get_data(as_text=True)
        assert "等待评估" in resp.get_data(as_text=True)  # what was typed is kept
        assert client.post(url, data={"due_date": "2026-05-31", "reason": "",
                                      "version": "1"}).status_code == 422
        assert client.post(url, data={"due_date": "2026-05-31", "reason": "等待地价评估结果",
                                      "version": "1"}).status_code == 302
        assert client.post(url, data={"due_date": "2026-06-30", "reason": "再延",
                                      "version": "2"}).status_code == 409
    pending = _item(item.id)
    assert pending.extension_due.isoformat() == "2026-05-31"
    assert pending.due_date.isoformat() == "2026-04-30"
    assert _inapp("action.review_requested") == {world.admin.id, world.host_admin.id}
    # the owner cannot grant it; a third park cannot either
    for user in (world.other_staff, world.third_staff, world.host_staff):
        as_user(user)
        assert client.post(f"{url}/approve", data={"version": "2"}).status_code == 403

    as_user(world.host_admin)
    assert client.post(f"{url}/approve", data={"note": "同意", "version": "2"}).status_code == 302
    granted = _item(item.id)
    assert granted.due_date.isoformat() == "2026-05-31" and granted.extension_due is None
    entry = db.session.execute(db.select(ActionUpdate).where(
        ActionUpdate.kind == UpdateKind.EXTEND_APPROVE)).scalar_one()
    assert (entry.due_from.isoformat(), entry.due_to.isoformat()) == ("2026-04-30", "2026-05-31")
    audit = db.session.execute(db.select(AuditEntry.changes).where(
        AuditEntry.action == "extend_approve")).scalar_one()
    assert audit["due_date"] == ["2026-04-30", "2026-05-31"]

    with time_machine.travel("2026-05-20T02:00:00Z", tick=False):
        as_user(world.other_staff)
        assert client.post(url, data={"due_date": "2026-07-31", "reason": "资金未到位",
                                      "version": "3"}).status_code == 302
    as_user(world.admin)
    assert client.post(f"{url}/reject", data={"reason": "", "version": "4"}).status_code == 422
    assert client.post(f"{url}/reject", data={"reason": "时限不得再延", "version": "4"}
                       ).status_code == 302
    refused = _item(item.id)
    assert refused.due_date.isoformat() == "2026-05-31" and refused.extension_due is None
    assert [k for k, *_ in _steps(item.id)] == [
        UpdateKind.EXTEND_REQUEST, UpdateKind.EXTEND_APPROVE, UpdateKind.EXTEND_REQUEST,
        UpdateKind.EXTEND_REJECT]
    assert client.post(f"{url}/reject", data={"reason": "x", "version": "5"}).status_code == 409
    as_user(world.other_staff)
    page = client.get(f"{BASE}/{item.id}").get_data(as_text=True)
    assert "时限不得再延" in page and "2026年7月31日 星期五" in page


def test_reminder_once_a_day(client, world, as_user):
    [item] = _publish(client, world, as_user, [(world.other, "推进厂房盘活", "2026-04-30", {})])
    url = f"{BASE}/{item.id}/remind"
    with time_machine.travel("2026-05-04T01:00:00Z", tick=False):  # 09:00 in Shanghai
        as_user(world.host_admin)
        assert client.post(url, data={"note": "请尽快报送进展"}).status_code == 302
        assert _inapp("action.reminded") == {world.other_staff.id, world.other_staff2.id}
        assert _mails("action.reminded") == {world.other_staff.id, world.other_staff2.id}
        page = client.get(f"{BASE}/{item.id}").get_data(as_text=True)
        assert 'data-testid="reminded-today"' in page and 'data-testid="step-remind"' not in page
    with time_machine.travel("2026-05-04T15:30:00Z", tick=False):  # 23:30 the same local day
        as_user(world.admin)
        resp = client.post(url, data={"note": "再催"})
        assert resp.status_code == 409 and "今天已催办" in resp.get_data(as_text=True)
    with time_machine.travel("2026-05-04T16:30:00Z", tick=False):  # 00:30 the next day
        as_user(world.admin)
        assert client.post(url, data={}).status_code == 302
    reminders = [s for s in _steps(item.id) if s[0] is UpdateKind.REMIND]
    assert [s[3] for s in reminders] == ["请尽快报送进展", ""]
    assert db.session.execute(db.select(db.func.count(Notification.id)).where(
        Notification.kind == "action.reminded")).scalar_one() == 4  # two users, two days
    as_user(world.other_staff)
    assert "请尽快报送进展" in client.get(f"{BASE}/{item.id}").get_data(as_text=True)


def test_forged_park_and_role_are_refused(client, world, as_user):
    [item] = _publish(client, world, as_user, [(world.other, "事项", "2026-04-30", {})])
    apply_data = {"note": "冒充申请", "version": "1"}
    # another park's staff (a participant, the host's staff, an outsider) cannot apply
    for user in (world.third_staff, world.host_staff, world.outsider_staff):
        as_user(user)
        assert client.post(f"{BASE}/{item.id}/apply", data=apply_data).status_code == 403
        assert client.post(f"{BASE}/{item.id}/extension", data={
            "due_date": "2027-01-01", "reason": "x", "version": "1"}).status_code == 403
    # nor remind: only the assigning office; the host park's staff is not a park admin
    for user in (world.other_staff, world.third_staff, world.host_staff):
        as_user(user)
        assert client.post(f"{BASE}/{item.id}/remind", data={}).status_code == 403
    # the zone admin is the office, not the owner: it cannot apply on the park's behalf
    as_user(world.admin)
    assert client.post(f"{BASE}/{item.id}/apply", data=apply_data).status_code == 403
    assert _item(item.id).status is ActionStatus.NOT_STARTED and _steps(item.id) == []


def test_host_park_does_not_review_its_own_items(client, world, as_user):
    [item] = _publish(client, world, as_user, [(world.host, "高新区自办事项", None, {})])
    as_user(world.host_staff)
    assert client.post(f"{BASE}/{item.id}/apply", data={"note": "已办结", "version": "1"}
                       ).status_code == 302
    assert _inapp("action.review_requested") == {world.admin.id}
    as_user(world.host_admin)  # the owner park's own admin: no 销号 of its own item
    assert client.post(f"{BASE}/{item.id}/close", data={"version": "2"}).status_code == 403
    as_user(world.admin)
    assert client.post(f"{BASE}/{item.id}/close", data={"version": "2"}).status_code == 302


def test_service_refusals_carry_messages(client, world, as_user):
    [item] = _publish(client, world, as_user, [(world.other, "事项", "2026-04-30", {})])
    item = _item(item.id)
    for call, code in [
        (lambda: review.close(item, note="", version=item.version, by=world.admin), "not_applied"),
        (lambda: review.approve_extension(item, note="", version=item.version, by=world.admin),
         "no_extension"),
        (lambda: review.request_extension(item, due=None, reason="x", version=item.version,
                                          by=world.other_staff), "due_required"),
    ]:
        try:
            call()
        except review.ReviewError as error:
            assert error.code == code and error.message
        else:
            raise AssertionError(f"{code} not raised")
        db.session.rollback()


def test_awaiting_my_review_list(client, world, as_user):
    items = _publish(client, world, as_user, [(world.other, "田心申请办结的事项", None, {}),
                                              (world.other, "田心未申请的事项", None, {})])
    as_user(world.other_staff)
    assert client.post(f"{BASE}/{items[0].id}/apply", data={"note": "已办结", "version": "1"}
                       ).status_code == 302
    as_user(world.host_admin)  # another park's item, but 高新区 assigned it
    html = client.get(f"{BASE}/?review=1").get_data(as_text=True)
    assert "田心申请办结的事项" in html and "田心未申请的事项" not in html
    assert "田心申请办结的事项" not in client.get(f"{BASE}/").get_data(as_text=True)
    as_user(world.third_staff)  # staff review nothing: the parameter changes nothing
    html = client.get(f"{BASE}/?review=1").get_data(as_text=True)
    assert "田心申请办结的事项" not in html and 'data-testid="review-link"' not in html
