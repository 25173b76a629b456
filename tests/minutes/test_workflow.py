"""草稿 → 征求意见 → 签发: who may do what, and locked minutes."""

import pytest

from hub import events
from hub.actions.models import ActionItem
from hub.audit.models import AuditEntry
from hub.extensions import db
from hub.meetings.models import Minutes, MinutesConfirmation, MinutesStatus


@pytest.fixture
def emitted():
    seen = []
    def recorder(kind):
        return lambda **payload: seen.append((kind, payload))

    handlers = {k: recorder(k) for k in ("minutes.sent", "minutes.published", "action.assigned")}
    for kind, handler in handlers.items():
        events.subscribe(kind, handler)
    yield seen
    for kind, handler in handlers.items():
        events._handlers[kind].remove(handler)


def _draft(client, world, as_user, body="会议听取了各园区土地清理处置进展汇报。"):
    as_user(world.host_staff)
    resp = client.post(f"/meetings/{world.meeting.id}/minutes",
                       data={"body": body, "base_revision": "0"})
    assert resp.status_code == 302


def _decide(client, world, owner, text="田心高科园牵头推进闲置地块处置"):
    return client.post(f"/meetings/{world.meeting.id}/decisions", data={
        "text": text, "owner_park_id": owner.id, "assignee_id": "0", "due_date": "2026-04-30"})


def _send(client, world):
    return client.post(f"/meetings/{world.meeting.id}/minutes/send")


def _minutes():
    db.session.expire_all()
    return db.session.execute(db.select(Minutes)).scalar_one()


def test_full_flow_with_events(client, world, as_user, emitted):
    _draft(client, world, as_user)
    assert _decide(client, world, world.other).status_code == 302
    assert _send(client, world).status_code == 302
    assert _minutes().status is MinutesStatus.CONSULTING
    assert [k for k, _ in emitted] == ["minutes.sent"]

    as_user(world.other_staff)
    page = client.get(f"/meetings/{world.meeting.id}/minutes").get_data(as_text=True)
    assert "会议听取了各园区土地清理处置进展汇报" in page
    assert client.post(f"/meetings/{world.meeting.id}/minutes/confirm",
                       data={"status": "confirmed"}).status_code == 302

    as_user(world.admin)
    page = client.get(f"/meetings/{world.meeting.id}/minutes").get_data(as_text=True)
    assert f'data-testid="answer-{world.third.id}"' in page
    assert 'data-testid="not-answered"' in page  # 经开区 has not answered
    assert 'data-testid="missing-answers"' in page
    # 经开区 has not answered: the admin must tick the confirmation (covered in
    # test_sign_off_guard.py); here the admin does
    assert client.post(f"/meetings/{world.meeting.id}/minutes/sign-off",
                       data={"confirm_outstanding": "y"}).status_code == 302
    minutes = _minutes()
    assert minutes.status is MinutesStatus.PUBLISHED
    assert minutes.signed_by_id == world.admin.id and minutes.published_at is not None
    kinds = [k for k, _ in emitted]
    assert kinds == ["minutes.sent", "minutes.published", "action.assigned"]
    assert emitted[-1][1]["item"].owner_park_id == world.other.id
    actions = db.session.execute(
        db.select(AuditEntry.action).where(AuditEntry.object_type == "meeting_minutes")
        .order_by(AuditEntry.id)).scalars().all()
    assert actions == ["create", "send", "confirm", "publish"]

    # published minutes are readable by every participant and print cleanly
    as_user(world.third_staff)
    html = client.get(f"/meetings/{world.meeting.id}/minutes/print").get_data(as_text=True)
    assert "css/print.css" in html and "园区办三楼会议室" in html
    assert 'data-testid="print-decisions"' in html and "田心高科园牵头推进闲置地块处置" in html
    assert 'data-testid="print-signed"' in html


def test_non_host_park_cannot_edit_minutes(client, world, as_user):
    _draft(client, world, as_user)
    as_user(world.other_staff)
    resp = client.post(f"/meetings/{world.meeting.id}/minutes",
                       data={"body": "篡改", "base_revision": "1"})
    assert resp.status_code == 403
    assert _decide(client, world, world.other).status_code == 403
    assert _send(client, world).status_code == 403
    assert _minutes().body == "会议听取了各园区土地清理处置进展汇报。"


def test_non_participant_cannot_read_minutes_at_all(client, world, as_user):
    _draft(client, world, as_user)
    _send(client, world)
    as_user(world.outsider_staff)
    for path in ("minutes", "minutes/revisions", "minutes/revisions/1", "minutes/print"):
        assert client.get(f"/meetings/{world.meeting.id}/{path}").status_code == 403, path
    assert client.post(f"/meetings/{world.meeting.id}/minutes/confirm",
                       data={"status": "confirmed"}).status_code == 403


def test_participants_cannot_read_drafts(client, world, as_user):
    as_user(world.other_staff)
    assert client.get(f"/meetings/{world.meeting.id}/minutes").status_code == 404  # none yet
    _draft(client, world, as_user)
    as_user(world.other_staff)
    for path in ("minutes", "minutes/revisions", "minutes/revisions/1", "minutes/print"):
        assert client.get(f"/meetings/{world.meeting.id}/{path}").status_code == 403, path
    as_user(world.admin)
    assert client.get(f"/meetings/{world.meeting.id}/minutes").status_code == 200


def test_only_an_admin_signs_off(client, world, as_user):
    _draft(client, world, as_user)
    _send(client, world)
    for user in (world.host_staff, world.host_admin, world.other_staff):
        as_user(user)
        assert client.post(f"/meetings/{world.meeting.id}/minutes/sign-off").status_code == 403
    assert _minutes().status is MinutesStatus.CONSULTING


def test_signing_off_a_draft_is_refused(client, world, as_user):
    _draft(client, world, as_user)
    as_user(world.admin)
    resp = client.post(f"/meetings/{world.meeting.id}/minutes/sign-off")
    assert resp.status_code == 409
    assert 'data-testid="minutes-error"' in resp.get_data(as_text=True)
    assert _minutes().status is MinutesStatus.DRAFT


def test_locked_minutes_refuse_edits_and_decision_changes(client, world, as_user):
    _draft(client, world, as_user)
    _decide(client, world, world.other)
    _send(client, world)
    as_user(world.admin)
    client.post(f"/meetings/{world.meeting.id}/minutes/sign-off",
                data={"confirm_outstanding": "y"})
    item = db.session.execute(db.select(ActionItem)).scalar_one()

    for user in (world.host_staff, world.admin):
        as_user(user)
        resp = client.post(f"/meetings/{world.meeting.id}/minutes",
                           data={"body": "改动", "base_revision": "1"})
        assert resp.status_code == 409
        assert 'data-testid="minutes-error"' in resp.get_data(as_text=True)
        page = client.get(f"/meetings/{world.meeting.id}/minutes").get_data(as_text=True)
        assert 'data-testid="minutes-editor"' not in page
        assert 'data-testid="decision-form"' not in page
        assert _decide(client, world, world.third).status_code == 409
        base = f"/meetings/{world.meeting.id}/decisions/{item.id}"
        assert client.post(f"{base}/edit", data={
            "text": "改", "owner_park_id": world.third.id, "assignee_id": "0",
            "version": "1"}).status_code == 409
        assert client.post(f"{base}/delete").status_code == 409
        assert client.post(f"/meetings/{world.meeting.id}/minutes/send").status_code == 409
    db.session.expire_all()
    assert _minutes().revision == 1
    assert db.session.execute(db.select(ActionItem.owner_park_id, ActionItem.text)).one() == (
        world.other.id, "田心高科园牵头推进闲置地块处置")
    as_user(world.other_staff)
    assert client.post(f"/meetings/{world.meeting.id}/minutes/confirm",
                       data={"status": "confirmed"}).status_code == 409


def test_host_cannot_confirm_on_behalf_of_others(client, world, as_user):
    _draft(client, world, as_user)
    _send(client, world)
    for forged in ({"status": "confirmed"}, {"status": "confirmed", "park_id": world.other.id}):
        assert client.post(f"/meetings/{world.meeting.id}/minutes/confirm",
                           data=forged).status_code == 403
    assert db.session.execute(db.select(MinutesConfirmation)).scalars().all() == []


def test_a_park_confirms_once_and_a_new_answer_replaces_it(client, world, as_user):
    _draft(client, world, as_user)
    _send(client, world)
    as_user(world.other_staff)
    url = f"/meetings/{world.meeting.id}/minutes/confirm"
    assert client.post(url, data={"status": "commented", "comment": ""}).status_code == 422
    resp = client.post(url, data={"status": "commented", "comment": "第二条请补充时限"})
    assert resp.status_code == 302
    as_user(world.other_staff2)  # a colleague of the same park changes the answer
    assert client.post(url, data={"status": "confirmed"}).status_code == 302
    rows = db.session.execute(db.select(MinutesConfirmation)).scalars().all()
    assert [(r.park_id, r.status.value, r.by_id, r.revision) for r in rows] == [
        (world.other.id, "confirmed", world.other_staff2.id, 1)]


def test_host_revises_while_consulting_and_old_answers_show_their_revision(client, world,
                                                                             as_user):
    _draft(client, world, as_user)
    _send(client, world)
    as_user(world.other_staff)
    client.post(f"/meetings/{world.meeting.id}/minutes/confirm", data={"status": "confirmed"})
    as_user(world.host_staff)
    assert client.post(f"/meetings/{world.meeting.id}/minutes", data={
        "body": "修订后的纪要", "base_revision": "1"}).status_code == 302
    page = client.get(f"/meetings/{world.meeting.id}/minutes").get_data(as_text=True)
    assert 'data-testid="older-revision"' in page
    assert _minutes().status is MinutesStatus.CONSULTING and _minutes().revision == 2


def test_cannot_send_empty_or_twice(client, world, as_user):
    as_user(world.host_staff)
    assert _send(client, world).status_code == 409  # nothing written yet
    _draft(client, world, as_user)
    assert _send(client, world).status_code == 302
    assert _send(client, world).status_code == 409


def test_meeting_page_counts_the_answers_and_shows_my_parks(client, world, as_user):
    _draft(client, world, as_user)
    _send(client, world)
    as_user(world.other_staff)
    client.post(f"/meetings/{world.meeting.id}/minutes/confirm",
                data={"status": "commented", "comment": "第二条请补充时限"})

    def panel(user):
        as_user(user)
        html = client.get(f"/meetings/{world.meeting.id}").get_data(as_text=True)
        return html.split('data-testid="minutes-panel"')[1].split("</section>")[0]

    mine = panel(world.other_staff2)  # a colleague sees the park's answer
    assert "2 个园区中已有 1 个反馈意见" in mine and "本园区意见：有修改意见" in mine
    other = panel(world.third_staff)
    assert "2 个园区中已有 1 个反馈意见" in other and "本园区尚未反馈意见。" in other
    host = panel(world.host_staff)  # the host is not asked
    assert "2 个园区中已有 1 个反馈意见" in host and "本园区" not in host
