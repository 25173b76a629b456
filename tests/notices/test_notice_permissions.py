"""Who may do what with a notice: staff of park A against park B's notices, by any URL."""

import pytest

from hub.audit.models import AuditEntry
from hub.extensions import db
from hub.notices.models import Notice, NoticeStatus
from tests.notices.notice_helpers import form_data


def _notice(notice_id: int) -> Notice:
    db.session.expire_all()
    return db.session.get(Notice, notice_id)


def test_staff_creates_draft_for_own_park_even_with_forged_park(client, login, world):
    login(world.staff_a)
    resp = client.post("/notices/new", data=form_data(title="田心草稿", park_id=str(world.b.id)))
    assert resp.status_code == 302
    notice = db.session.execute(db.select(Notice).where(Notice.title == "田心草稿")).scalar_one()
    assert notice.park_id == world.a.id
    assert notice.status is NoticeStatus.DRAFT
    assert notice.author_id == world.staff_a.id


def test_admin_chooses_the_issuing_park(client, login, world):
    login(world.admin)
    resp = client.post("/notices/new", data=form_data(title="代发通知", park_id=str(world.b.id)))
    assert resp.status_code == 302
    notice = db.session.execute(db.select(Notice).where(Notice.title == "代发通知")).scalar_one()
    assert notice.park_id == world.b.id


@pytest.mark.parametrize("published", [False, True])
def test_staff_of_other_park_cannot_write(client, login, world, make_notice, published):
    notice = make_notice(world.staff_b, title="醴陵通知", published=published,
                         publisher=world.admin_b)
    version = notice.version
    login(world.staff_a)
    urls = [f"/notices/{notice.id}/edit", f"/notices/{notice.id}/publish",
            f"/notices/{notice.id}/withdraw", f"/notices/{notice.id}/delete",
            f"/notices/{notice.id}/restore"]
    for url in urls:
        resp = client.post(url, data={**form_data(title="被篡改"), "version": str(version)})
        assert resp.status_code in (403, 404), url
    assert client.get(f"/notices/{notice.id}/edit").status_code in (403, 404)
    after = _notice(notice.id)
    assert after.title == "醴陵通知"
    assert after.status is (NoticeStatus.PUBLISHED if published else NoticeStatus.DRAFT)
    assert after.deleted_at is None


def test_park_admin_of_other_park_cannot_publish_or_delete(client, login, world, make_notice):
    notice = make_notice(world.staff_b, title="醴陵草稿")
    login(world.admin_a)
    assert client.post(f"/notices/{notice.id}/publish",
                       data={"all_parks": "y", "version": "1"}).status_code in (403, 404)
    assert client.post(f"/notices/{notice.id}/delete").status_code in (403, 404)
    assert _notice(notice.id).status is NoticeStatus.DRAFT
    assert _notice(notice.id).deleted_at is None


def test_staff_cannot_publish_own_parks_draft_but_park_admin_can(client, login, world,
                                                                 make_notice, app):
    notice = make_notice(world.staff_a, title="田心待发布")
    login(world.staff_a)
    resp = client.post(f"/notices/{notice.id}/publish",
                       data={"all_parks": "y", "version": str(notice.version)})
    assert resp.status_code == 403
    assert _notice(notice.id).status is NoticeStatus.DRAFT

    other = app.test_client()
    login(world.admin_a, use_client=other)
    resp = other.post(f"/notices/{notice.id}/publish",
                      data={"audience": [str(world.b.id), str(world.c.id)],
                            "version": str(notice.version)})
    assert resp.status_code == 302
    after = _notice(notice.id)
    assert after.status is NoticeStatus.PUBLISHED
    assert after.published_by_id == world.admin_a.id
    assert not after.all_parks
    assert {p.id for p in after.audience} == {world.b.id, world.c.id}
    entry = db.session.execute(db.select(AuditEntry).where(
        AuditEntry.object_type == "notice", AuditEntry.action == "publish")).scalar_one()
    assert entry.changes["status"] == ["draft", "published"]
    assert entry.changes["audience"] == [[], ["醴陵经开区", "茶陵经开区"]]

    resp = other.post(f"/notices/{notice.id}/withdraw")
    assert resp.status_code == 302
    assert _notice(notice.id).status is NoticeStatus.WITHDRAWN


def test_publish_needs_an_audience(client, login, world, make_notice):
    notice = make_notice(world.staff_a, title="没有受众")
    login(world.admin_a)
    resp = client.post(f"/notices/{notice.id}/publish", data={"version": str(notice.version)})
    assert resp.status_code == 422
    assert _notice(notice.id).status is NoticeStatus.DRAFT


def test_staff_cannot_edit_published_notice_of_own_park(client, login, world, make_notice):
    notice = make_notice(world.staff_a, title="已发布", published=True, publisher=world.admin_a)
    login(world.staff_a2)
    resp = client.post(f"/notices/{notice.id}/edit",
                       data=form_data(title="改了", version=str(notice.version)))
    assert resp.status_code == 403
    assert _notice(notice.id).title == "已发布"


def test_staff_cannot_manage_categories(client, login, world):
    login(world.admin_a)
    assert client.get("/notices/categories/").status_code == 403
    assert client.post("/notices/categories/", data={"name": "新类别"}).status_code == 403
