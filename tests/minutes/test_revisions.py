"""Every save is a revision; a diff shows what changed; a stale save is refused, text kept."""

from hub.audit.models import AuditEntry
from hub.extensions import db
from hub.meetings.models import Minutes, MinutesRevision


def _save(client, meeting, body, base):
    return client.post(f"/meetings/{meeting.id}/minutes",
                       data={"body": body, "base_revision": str(base)})


def test_host_drafts_minutes_and_each_save_is_a_revision(client, world, as_user):
    as_user(world.host_staff)
    assert client.get(f"/meetings/{world.meeting.id}/minutes").status_code == 200
    assert _save(client, world.meeting, "一、会议听取了汇报", 0).status_code == 302
    second = "一、会议听取了汇报\n二、研究了资金补助政策"
    assert _save(client, world.meeting, second, 1).status_code == 302

    minutes = db.session.execute(db.select(Minutes)).scalar_one()
    assert minutes.revision == 2
    numbers = db.session.execute(
        db.select(MinutesRevision.number, MinutesRevision.author_id)
        .order_by(MinutesRevision.number)
    ).all()
    assert numbers == [(1, world.host_staff.id), (2, world.host_staff.id)]
    page = client.get(f"/meetings/{world.meeting.id}/minutes").get_data(as_text=True)
    assert "研究了资金补助政策" in page

    # the audit log has the revision numbers, not the body
    entries = db.session.execute(
        db.select(AuditEntry).where(AuditEntry.object_type == "meeting_minutes")
        .order_by(AuditEntry.id)).scalars().all()
    assert [(e.action, e.changes) for e in entries] == [
        ("create", {"revision": [0, 1]}), ("update", {"revision": [1, 2]})]


def test_diff_between_a_revision_and_the_previous_one_is_escaped(client, world, as_user):
    as_user(world.host_staff)
    _save(client, world.meeting, "第一段\n第二段 <b>旧</b>", 0)
    _save(client, world.meeting, "第一段\n第二段 <script>新</script>\n第三段", 1)

    resp = client.get(f"/meetings/{world.meeting.id}/minutes/revisions")
    assert resp.status_code == 200
    assert 'data-testid="revision-2"' in resp.get_data(as_text=True)

    html = client.get(f"/meetings/{world.meeting.id}/minutes/revisions/2").get_data(as_text=True)
    assert ('<span class="d-block bg-danger-subtle" data-kind="del">'
            '-第二段 &lt;b&gt;旧&lt;/b&gt;</span>') in html
    assert "+第二段 &lt;script&gt;新&lt;/script&gt;" in html
    assert '<span class="d-block bg-success-subtle" data-kind="add">+第三段</span>' in html
    assert "<script>新" not in html
    # any revision against any older one
    html = client.get(f"/meetings/{world.meeting.id}/minutes/revisions/2?against=0").get_data(
        as_text=True)
    assert "+第一段" in html
    assert client.get(f"/meetings/{world.meeting.id}/minutes/revisions/9").status_code == 404


def test_unchanged_save_writes_no_revision(client, world, as_user):
    as_user(world.host_staff)
    _save(client, world.meeting, "正文", 0)
    assert _save(client, world.meeting, "正文", 1).status_code == 302
    assert db.session.execute(db.select(Minutes.revision)).scalar_one() == 1


def test_stale_save_is_refused_with_the_text_kept(client, world, as_user):
    as_user(world.host_staff)
    _save(client, world.meeting, "初稿", 0)
    as_user(world.host_admin)  # a colleague saves meanwhile
    _save(client, world.meeting, "初稿（同事修改）", 1)

    as_user(world.host_staff)
    resp = _save(client, world.meeting, "我的修改：补充土地清理内容", 1)
    assert resp.status_code == 409
    html = resp.get_data(as_text=True)
    assert 'data-testid="minutes-conflict"' in html
    assert "我的修改：补充土地清理内容" in html  # kept in the form
    assert f"/meetings/{world.meeting.id}/minutes/revisions/2?against=1" in html
    assert 'name="base_revision" type="hidden" value="2"' in html
    minutes = db.session.execute(db.select(Minutes)).scalar_one()
    assert (minutes.revision, minutes.body) == (2, "初稿（同事修改）")

    # saving again from the conflict page (base 2) overwrites knowingly
    assert _save(client, world.meeting, "我的修改：补充土地清理内容", 2).status_code == 302
    db.session.expire_all()
    assert db.session.execute(db.select(Minutes.revision)).scalar_one() == 3


def test_empty_body_is_refused_with_422(client, world, as_user):
    as_user(world.host_staff)
    assert _save(client, world.meeting, "", 0).status_code == 422
    assert db.session.execute(db.select(Minutes)).scalar_one_or_none() is None


def test_meetings_with_minutes_are_protected_from_series_edits(client, world, as_user):
    from hub.minutes.services import meetings_with_minutes_data

    assert meetings_with_minutes_data([world.meeting.id]) == set()
    as_user(world.host_staff)
    _save(client, world.meeting, "正文", 0)
    assert meetings_with_minutes_data([world.meeting.id, 999]) == {world.meeting.id}
