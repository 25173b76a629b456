"""Own password change, other sessions ending, remember-me, temporary (admin-reset) passwords."""

import re

import pytest

from hub.audit.models import AuditEntry
from hub.auth.models import User
from hub.extensions import db
from tests.conftest import PASSWORD

NEW_PASSWORD = "a-much-better-one-77"


def change(client, current=PASSWORD, new=NEW_PASSWORD, confirm=None):
    return client.post(
        "/account/password",
        data={"current_password": current, "new_password": new,
              "confirm_password": new if confirm is None else confirm},
    )


def goes_to_login(resp) -> bool:
    return resp.status_code == 302 and resp.headers["Location"].startswith("/login")


def test_password_change_ends_other_sessions_but_not_this_one(app, client, login, make_user):
    user = make_user()
    other = app.test_client()
    login(user)
    login(user, use_client=other)
    assert other.get("/").status_code == 200

    resp = change(client)
    assert resp.status_code == 302
    assert resp.headers["Location"] == "/"
    assert client.get("/").status_code == 200
    assert goes_to_login(other.get("/"))
    assert goes_to_login(other.get("/admin/"))


def test_new_password_works_and_old_one_does_not(app, client, login, make_user):
    user = make_user()
    login(user)
    change(client)
    fresh = app.test_client()
    assert login(user, PASSWORD, use_client=fresh).status_code == 200
    assert login(user, NEW_PASSWORD, use_client=fresh).status_code == 302


def test_remember_me_cookie_is_invalidated_by_password_change(app, client, login, make_user):
    user = make_user()
    remembered = app.test_client()
    login(user, remember=True, use_client=remembered)
    cookie = remembered.get_cookie("parkhub_remember")
    assert cookie is not None and cookie.http_only

    # a browser restarted: only the remember cookie is left, and it still signs in
    remembered.delete_cookie("parkhub_session")
    assert remembered.get("/").status_code == 200

    login(user)
    change(client)

    restarted = app.test_client()
    restarted.set_cookie("parkhub_remember", cookie.value)
    assert goes_to_login(restarted.get("/"))


def test_remember_me_survives_own_password_change(app, client, login, make_user):
    user = make_user()
    login(user, remember=True)
    change(client)
    cookie = client.get_cookie("parkhub_remember")
    restarted = app.test_client()
    restarted.set_cookie("parkhub_remember", cookie.value)
    assert restarted.get("/").status_code == 200


def test_wrong_current_password_changes_nothing(client, login, make_user):
    user = make_user()
    login(user)
    old_hash = user.password_hash
    resp = change(client, current="not-my-password")
    assert resp.status_code == 200
    assert "The current password is wrong." in resp.get_data(as_text=True) or \
        "当前密码" in resp.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, user.id).password_hash == old_hash


@pytest.mark.parametrize(
    ("new", "confirm"),
    [("short-9ch", None), (NEW_PASSWORD, NEW_PASSWORD + "x"), (PASSWORD, None)],
    ids=["too-short", "mismatch", "same-as-current"],
)
def test_invalid_new_password_is_refused(client, login, make_user, new, confirm):
    user = make_user()
    login(user)
    old_hash = user.password_hash
    resp = change(client, new=new, confirm=confirm)
    assert resp.status_code == 200
    assert "is-invalid" in resp.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, user.id).password_hash == old_hash


def test_password_change_is_audited_without_the_password(client, login, make_user):
    user = make_user()
    login(user)
    change(client)
    entry = db.session.execute(
        db.select(AuditEntry).where(AuditEntry.action == "change_password")
    ).scalar_one()
    assert entry.actor_id == user.id
    assert entry.object_id == user.id
    assert "password" in entry.changes
    assert NEW_PASSWORD not in str(entry.changes) + entry.summary
    assert PASSWORD not in str(entry.changes) + entry.summary


# --- temporary passwords -------------------------------------------------------------------------
def reset_by_admin(app, login, make_user, target: User) -> str:
    admin_client = app.test_client()
    login(make_user(role="admin", park="园区办"), use_client=admin_client)
    resp = admin_client.post(f"/admin/users/{target.id}/reset-password")
    assert resp.status_code == 200
    match = re.search(r'data-testid="one-time-password">([^<]+)<', resp.get_data(as_text=True))
    return match.group(1).strip()


def test_admin_reset_password_must_be_changed_at_next_login(app, client, login, make_user):
    user = make_user()
    temporary = reset_by_admin(app, login, make_user, user)
    assert len(temporary) >= 10

    assert login(user, PASSWORD).status_code == 200  # the old password is gone
    resp = login(user, temporary)
    assert resp.status_code == 302
    assert resp.headers["Location"] == "/account/password"

    for path in ("/", "/admin/", "/admin/users/", "/nowhere"):
        resp = client.get(path)
        assert resp.status_code == 302, path
        assert resp.headers["Location"] == "/account/password", path
    assert client.get("/account/password").status_code == 200
    assert client.get("/healthz").status_code == 200

    assert change(client, current=temporary).status_code == 302
    assert client.get("/").status_code == 200
    db.session.expire_all()
    assert db.session.get(User, user.id).must_change_password is False


def test_admin_reset_ends_the_users_sessions(app, client, login, make_user):
    user = make_user()
    login(user)
    reset_by_admin(app, login, make_user, user)
    assert goes_to_login(client.get("/"))


def test_temporary_password_from_factory_forces_change(client, login, make_user):
    user = make_user(must_change_password=True)
    login(user)
    resp = client.get("/")
    assert resp.headers["Location"] == "/account/password"
    # signing out stays possible
    assert goes_to_login(client.post("/logout"))
