"""签发 guarded (issue 13, item 5): never before the meeting's start; with parks that did not
answer or answered with comments the admin sees them and must confirm, and the audit log says so."""

from datetime import UTC, datetime, timedelta

import pytest

from hub.audit.models import AuditEntry
from hub.extensions import db
from hub.meetings.models import Minutes, MinutesStatus
from hub.minutes import services
from hub.timeutil import utcnow


def _minutes() -> Minutes:
    db.session.expire_all()
    return db.session.execute(db.select(Minutes)).scalar_one()


def _consulting(client, world, as_user):
    as_user(world.host_staff)
    base = f"/meetings/{world.meeting.id}"
    assert client.post(f"{base}/minutes", data={"body": "纪要正文", "base_revision": "0"}
                       ).status_code == 302
    assert client.post(f"{base}/minutes/send").status_code == 302


def _answer(client, world, as_user, user, status, comment=""):
    as_user(user)
    resp = client.post(f"/meetings/{world.meeting.id}/minutes/confirm",
                       data={"status": status, "comment": comment})
    assert resp.status_code == 302


def _publish_entry() -> AuditEntry:
    return db.session.execute(db.select(AuditEntry).where(
        AuditEntry.object_type == "meeting_minutes", AuditEntry.action == "publish")).scalar_one()


def test_sign_off_before_the_meeting_starts_is_refused(client, world, as_user):
    world.meeting.starts_at = utcnow() + timedelta(days=2)
    world.meeting.ends_at = world.meeting.starts_at + timedelta(hours=2)
    db.session.commit()
    _consulting(client, world, as_user)
    _answer(client, world, as_user, world.other_staff, "confirmed")
    _answer(client, world, as_user, world.third_staff, "confirmed")
    as_user(world.admin)
    page = client.get(f"/meetings/{world.meeting.id}/minutes").get_data(as_text=True)
    assert 'data-testid="sign-off-not-started"' in page
    assert 'data-testid="sign-off-form"' not in page
    resp = client.post(f"/meetings/{world.meeting.id}/minutes/sign-off",
                       data={"confirm_outstanding": "y"})
    assert resp.status_code == 409
    html = resp.get_data(as_text=True)
    assert 'data-testid="minutes-error"' in html and "会议尚未开始" in html
    assert _minutes().status is MinutesStatus.CONSULTING


def test_the_service_refuses_before_the_start_and_allows_from_the_start(world):
    minutes = services.save(world.meeting, "纪要", 0, by=world.host_staff)
    services.send_for_comment(minutes, by=world.host_staff)
    start = world.meeting.starts_at
    with pytest.raises(services.MinutesError) as refused:
        services.sign_off(minutes, by=world.admin, now=start - timedelta(minutes=1),
                          confirmed=True)
    assert refused.value.code == "before_meeting"
    assert minutes.status is MinutesStatus.CONSULTING
    services.sign_off(minutes, by=world.admin, now=start, confirmed=True)
    assert minutes.status is MinutesStatus.PUBLISHED


def test_unanswered_and_commented_parks_need_an_explicit_confirmation(client, world, as_user):
    _consulting(client, world, as_user)
    _answer(client, world, as_user, world.other_staff, "commented", "第三条的完成时限请改为6月底")
    # 经开区 never answers
    as_user(world.admin)
    page = client.get(f"/meetings/{world.meeting.id}/minutes").get_data(as_text=True)
    outstanding = page.split('data-testid="sign-off-outstanding"')[1].split("</form>")[0]
    assert "经开区" in outstanding  # not answered
    assert "田心" in outstanding and "第三条的完成时限请改为6月底" in outstanding  # open comment
    assert 'data-testid="confirm-outstanding"' in outstanding

    resp = client.post(f"/meetings/{world.meeting.id}/minutes/sign-off")  # no tick
    assert resp.status_code == 422
    html = resp.get_data(as_text=True)
    assert "is-invalid" in html and "请勾选" in html
    assert _minutes().status is MinutesStatus.CONSULTING
    assert db.session.execute(db.select(AuditEntry).where(
        AuditEntry.action == "publish")).first() is None

    resp = client.post(f"/meetings/{world.meeting.id}/minutes/sign-off",
                       data={"confirm_outstanding": "y"})
    assert resp.status_code == 302
    assert _minutes().status is MinutesStatus.PUBLISHED
    entry = _publish_entry()
    assert entry.actor_id == world.admin.id
    assert entry.changes["outstanding_confirmed"] == [None, True]
    assert entry.changes["unanswered_parks"] == [None, "株洲经开区"]
    assert entry.changes["commented_parks"] == [None, "田心高科园"]
    # the audit page shows it to the admin
    audit_page = client.get("/admin/audit/").get_data(as_text=True)
    assert "株洲经开区" in audit_page and "田心高科园" in audit_page


def test_all_parks_confirmed_signs_off_without_the_extra_step(client, world, as_user):
    _consulting(client, world, as_user)
    _answer(client, world, as_user, world.other_staff, "confirmed")
    _answer(client, world, as_user, world.third_staff, "confirmed")
    as_user(world.admin)
    page = client.get(f"/meetings/{world.meeting.id}/minutes").get_data(as_text=True)
    assert 'data-testid="sign-off-form"' in page
    assert 'data-testid="sign-off-outstanding"' not in page
    assert client.post(f"/meetings/{world.meeting.id}/minutes/sign-off").status_code == 302
    assert _minutes().status is MinutesStatus.PUBLISHED
    assert "outstanding_confirmed" not in _publish_entry().changes


def test_a_comment_answered_by_a_later_confirmation_is_no_longer_open(world):
    minutes = services.save(world.meeting, "纪要", 0, by=world.host_staff)
    services.send_for_comment(minutes, by=world.host_staff)
    services.confirm(minutes, park_id=world.other.id, status=services.ConfirmationStatus.COMMENTED,
                     comment="请修改", by=world.other_staff)
    services.confirm(minutes, park_id=world.third.id,
                     status=services.ConfirmationStatus.CONFIRMED, comment="", by=world.third_staff)
    check = services.sign_off_check(minutes)
    assert [r.park.id for r in check.commented] == [world.other.id] and check.unanswered == []
    with pytest.raises(services.MinutesError) as refused:
        services.sign_off(minutes, by=world.admin)
    assert refused.value.code == "unconfirmed"
    services.confirm(minutes, park_id=world.other.id,
                     status=services.ConfirmationStatus.CONFIRMED, comment="", by=world.other_staff)
    assert not services.sign_off_check(minutes).needs_confirmation
    services.sign_off(minutes, by=world.admin, now=datetime(2026, 3, 11, tzinfo=UTC))
    assert minutes.status is MinutesStatus.PUBLISHED
