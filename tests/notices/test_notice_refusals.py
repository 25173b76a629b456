"""A refused step says why, in the user's language, and changes nothing."""

from hub.extensions import db
from hub.notices.models import Notice, NoticeCategory, NoticeStatus


def _status(notice_id: int) -> NoticeStatus:
    db.session.expire_all()
    return db.session.get(Notice, notice_id).status


def test_publishing_twice_is_refused(client, login, world, make_notice):
    notice = make_notice(world.staff_a, title="已发布的通知", published=True,
                         publisher=world.admin_a)
    login(world.admin_a)
    resp = client.post(f"/notices/{notice.id}/publish",
                       data={"all_parks": "y", "version": str(notice.version)},
                       follow_redirects=True)
    assert resp.status_code == 200
    assert "该通知已发布。" in resp.get_data(as_text=True)
    assert _status(notice.id) is NoticeStatus.PUBLISHED


def test_withdrawing_a_draft_is_refused(client, login, world, make_notice):
    notice = make_notice(world.staff_a, title="草稿")
    login(world.admin_a)
    resp = client.post(f"/notices/{notice.id}/withdraw", follow_redirects=True)
    assert "只有已发布的通知才能撤回。" in resp.get_data(as_text=True)
    assert _status(notice.id) is NoticeStatus.DRAFT


def test_a_category_name_in_use_is_refused_on_the_field(client, login, world):
    login(world.admin)
    resp = client.post("/notices/categories/", data={"name": "人才"})
    assert resp.status_code == 422
    assert "该值已被使用。" in resp.get_data(as_text=True)
    other = db.session.execute(db.select(NoticeCategory).where(
        NoticeCategory.name == "环保")).scalar_one()
    resp = client.post(f"/notices/categories/{other.id}/rename",
                       data={f"c{other.id}-name": "人才"})
    assert resp.status_code == 422
    assert "该值已被使用。" in resp.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(NoticeCategory, other.id).name == "环保"
