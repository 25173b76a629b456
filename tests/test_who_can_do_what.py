"""README "谁能做什么 / who can do what": the sentences people rely on, checked through pages."""

from hub.auth.models import Role, User
from hub.extensions import db
from hub.notices.models import Notice, NoticeCategory, NoticeStatus


def draft(park, author) -> Notice:
    category = db.session.execute(db.select(NoticeCategory).limit(1)).scalar_one()
    notice = Notice(park=park, category=category, title="园区人才政策解读会", body="……",
                    author=author)
    db.session.add(notice)
    db.session.commit()
    return notice


def publish(client, notice):
    return client.post(f"/notices/{notice.id}/publish",
                       data={"all_parks": "y", "version": notice.version})


def status_of(notice) -> NoticeStatus:
    db.session.expire_all()
    return db.session.get(Notice, notice.id).status


def test_a_staff_draft_needs_a_park_admin_of_the_park_to_publish(client, login, make_park,
                                                                 make_user):
    park, other = make_park(), make_park()
    staff = make_user(park=park, role=Role.STAFF)
    notice = draft(park, staff)
    login(staff)
    assert publish(client, notice).status_code == 403
    assert status_of(notice) is NoticeStatus.DRAFT
    client.post("/logout")
    login(make_user(park=other, role=Role.PARK_ADMIN))
    assert publish(client, notice).status_code in (403, 404)
    assert status_of(notice) is NoticeStatus.DRAFT
    client.post("/logout")
    login(make_user(park=park, role=Role.PARK_ADMIN))
    assert publish(client, notice).status_code == 302
    assert status_of(notice) is NoticeStatus.PUBLISHED


def test_only_the_platform_admin_creates_meeting_series(client, login, make_user):
    for role in (Role.STAFF, Role.PARK_ADMIN):
        login(make_user(role=role))
        assert client.get("/meetings/series/new").status_code == 403
        assert client.get("/meetings/new").status_code == 403
        client.post("/logout")
    login(make_user(role=Role.ADMIN))
    assert client.get("/meetings/series/new").status_code == 200


def test_the_language_choice_is_kept_with_the_account(app, client, login, make_user):
    user = make_user(role=Role.STAFF)
    login(user)
    client.post("/language", data={"locale": "en", "next": "/"})
    assert db.session.get(User, user.id).locale == "en"
    client.post("/logout")

    other_device = app.test_client()
    assert 'lang="zh-CN"' in other_device.get("/login").text  # before sign-in: the default
    login(user, use_client=other_device)
    assert 'lang="en"' in other_device.get("/notices/").text
