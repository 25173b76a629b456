"""No lost updates, audit entries with changed fields, soft delete and restore, categories."""

from hub.audit.models import AuditEntry
from hub.extensions import db
from hub.notices.models import Notice, NoticeCategory
from tests.notices.notice_helpers import category, form_data


def _entries(action: str) -> list[AuditEntry]:
    return list(db.session.execute(db.select(AuditEntry).where(
        AuditEntry.object_type == "notice", AuditEntry.action == action)
        .order_by(AuditEntry.id)).scalars())


def test_stale_save_is_refused_and_keeps_the_users_text(app, client, login, world, make_notice):
    notice = make_notice(world.staff_a, title="原标题", body="原正文")
    loaded_version = notice.version
    other = app.test_client()
    login(world.staff_a2, use_client=other)
    resp = other.post(f"/notices/{notice.id}/edit",
                      data=form_data(title="同事的标题", body="原正文",
                                     version=str(loaded_version)))
    assert resp.status_code == 302

    login(world.staff_a)
    resp = client.post(f"/notices/{notice.id}/edit",
                       data=form_data(title="我的标题", body="我写的很长的正文",
                                      version=str(loaded_version)))
    assert resp.status_code == 409
    html = resp.get_data(as_text=True)
    assert 'data-testid="edit-conflict"' in html
    assert "我写的很长的正文" in html and "我的标题" in html
    assert "同事的标题" in html  # what was saved meanwhile
    db.session.expire_all()
    assert db.session.get(Notice, notice.id).title == "同事的标题"

    # saving again from the conflict page (it carries the new version) overwrites knowingly
    new_version = db.session.get(Notice, notice.id).version
    assert f'value="{new_version}"' in html
    resp = client.post(f"/notices/{notice.id}/edit",
                       data=form_data(title="我的标题", body="我写的很长的正文",
                                      version=str(new_version)))
    assert resp.status_code == 302
    db.session.expire_all()
    assert db.session.get(Notice, notice.id).title == "我的标题"


def test_bad_input_is_422_with_text_kept(client, login, world):
    login(world.staff_a)
    resp = client.post("/notices/new", data=form_data(title="", body="保留我",
                                                       all_parks="", audience=[]))
    assert resp.status_code == 422
    html = resp.get_data(as_text=True)
    assert "保留我" in html
    assert html.count('class="invalid-feedback"') >= 2  # title and audience
    resp = client.post("/notices/new", data=form_data(
        effective_date="2025-05-01", expiry_date="2025-04-01"))
    assert resp.status_code == 422


def test_audit_entries_carry_changed_fields(client, login, world):
    login(world.staff_a)
    client.post("/notices/new", data=form_data(title="审计通知", body="第一版",
                                               all_parks="", audience=[str(world.b.id)]))
    notice = db.session.execute(db.select(Notice)).scalar_one()
    created = _entries("create")[0]
    assert created.actor_id == world.staff_a.id
    assert created.changes["title"] == [None, "审计通知"]
    assert created.changes["audience"] == [None, ["醴陵经开区"]]
    assert created.changes["category"] == [None, "资金补助"]

    client.post(f"/notices/{notice.id}/edit", data=form_data(
        title="审计通知", body="第二版", all_parks="",
        audience=[str(world.b.id), str(world.c.id)], category_id=str(category("环保").id),
        version=str(notice.version)))
    updated = _entries("update")[0]
    assert updated.changes == {
        "body": ["第一版", "第二版"],
        "category": ["资金补助", "环保"],
        "audience": [["醴陵经开区"], ["醴陵经开区", "茶陵经开区"]],
    }


def test_admin_soft_deletes_and_restores(app, client, login, world, make_notice):
    notice = make_notice(world.staff_b, title="将被删除", published=True,
                         publisher=world.admin_b)
    login(world.admin)
    assert client.post(f"/notices/{notice.id}/delete").status_code == 302
    client.post(f"/notices/{notice.id}/delete")  # a double submit changes nothing
    db.session.expire_all()
    assert db.session.get(Notice, notice.id).deleted_at is not None  # the row is kept
    assert db.session.get(Notice, notice.id).deleted_by_id == world.admin.id
    assert ">将被删除</a>" not in client.get("/notices/").get_data(as_text=True)
    assert ">将被删除</a>" in client.get("/notices/?deleted=y").get_data(as_text=True)

    staff = app.test_client()
    login(world.staff_b, use_client=staff)
    assert staff.get(f"/notices/{notice.id}").status_code == 404
    assert ">将被删除</a>" not in staff.get("/notices/?deleted=y").get_data(as_text=True)
    assert staff.post(f"/notices/{notice.id}/restore").status_code in (403, 404)

    assert client.post(f"/notices/{notice.id}/restore").status_code == 302
    db.session.expire_all()
    assert db.session.get(Notice, notice.id).deleted_at is None
    assert staff.get(f"/notices/{notice.id}").status_code == 200
    assert [e.actor_id for e in _entries("delete")] == [world.admin.id]
    assert _entries("delete")[0].changes["deleted_by_id"] == [None, world.admin.id]
    assert _entries("restore")[0].changes["deleted_at"][1] is None
    assert _entries("restore")[0].changes["deleted_by_id"] == [world.admin.id, None]


def test_admin_manages_categories(client, login, world):
    login(world.admin)
    assert "人才" in client.get("/notices/categories/").get_data(as_text=True)
    assert client.post("/notices/categories/", data={"name": "招商"}).status_code == 302
    assert client.post("/notices/categories/", data={"name": "招商"}).status_code == 422
    new = db.session.execute(db.select(NoticeCategory).where(
        NoticeCategory.name == "招商")).scalar_one()
    assert client.post(f"/notices/categories/{new.id}/rename",
                       data={f"c{new.id}-name": "招商引资"}).status_code == 302
    assert client.post(f"/notices/categories/{new.id}/move",
                       data={"direction": "-1"}).status_code == 302
    names = [c.name for c in db.session.execute(db.select(NoticeCategory).order_by(
        NoticeCategory.position)).scalars()]
    assert names[-2:] == ["招商引资", "其他"]
    assert client.post(f"/notices/categories/{new.id}/active",
                       data={"active": "0"}).status_code == 302
    form = client.get("/notices/new").get_data(as_text=True)
    assert ">招商引资</option>" not in form and ">人才</option>" in form
