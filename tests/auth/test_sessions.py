"""Sessions end on the server: a saved session or remember-me cookie replayed after sign-out,
"sign out everywhere", deactivation or expiry does not sign anybody in (issue 11, item 2)."""

import re
from datetime import timedelta

import pytest
import time_machine
from werkzeug.test import Client

from hub.admin import services as admin
from hub.auth.models import LoginSession, User
from hub.extensions import db
from hub.timeutil import utcnow
from tests.conftest import PASSWORD


def goes_to_login(resp) -> bool:
    return resp.status_code == 302 and resp.headers["Location"].startswith("/login")


def replay(app, name: str, value: str):
    """A fresh browser holding nothing but one saved cookie."""
    other = app.test_client()
    other.set_cookie(name, value)
    return other


def signed_in_client(app, login, user, *, remember=False):
    browser = app.test_client()
    assert login(user, remember=remember, use_client=browser).status_code == 302
    assert browser.get("/").status_code == 200
    return browser


def test_a_session_cookie_saved_before_logout_no_longer_works(app, client, login, make_user):
    user = make_user()
    login(user)
    saved = client.get_cookie("parkhub_session").value
    assert replay(app, "parkhub_session", saved).get("/").status_code == 200  # a copy works…

    assert goes_to_login(client.post("/logout"))
    assert goes_to_login(replay(app, "parkhub_session", saved).get("/"))  # …until sign-out
    assert goes_to_login(client.get("/"))


def test_the_remember_me_cookie_is_revoked_by_logout(app, client, login, make_user):
    user = make_user()
    login(user, remember=True)
    remembered = client.get_cookie("parkhub_remember").value
    assert replay(app, "parkhub_remember", remembered).get("/").status_code == 200

    client.post("/logout")
    assert goes_to_login(replay(app, "parkhub_remember", remembered).get("/"))


def test_logout_ends_only_that_session(app, login, make_user):
    user = make_user()
    office, phone = signed_in_client(app, login, user), signed_in_client(app, login, user)
    office.post("/logout")
    assert goes_to_login(office.get("/"))
    assert phone.get("/").status_code == 200


def test_remember_me_expires_on_the_server(app, client, login, make_user):
    user = make_user()
    login(user, remember=True)
    remembered = client.get_cookie("parkhub_remember").value
    row = db.session.execute(db.select(LoginSession)).scalar_one()
    assert row.remember
    assert row.expires_at - row.created_at == timedelta(days=14)  # REMEMBER_COOKIE_DURATION

    with time_machine.travel(row.expires_at - timedelta(minutes=1), tick=False):
        assert replay(app, "parkhub_remember", remembered).get("/").status_code == 200
    with time_machine.travel(row.expires_at + timedelta(minutes=1), tick=False):
        assert goes_to_login(replay(app, "parkhub_remember", remembered).get("/"))


@pytest.mark.parametrize("app_config", [{"HUB_SESSION_HOURS": 8}])
def test_a_session_without_remember_me_ends_after_its_hours(app, client, login, make_user):
    user = make_user()
    login(user)
    row = db.session.execute(db.select(LoginSession)).scalar_one()
    assert not row.remember and row.expires_at - row.created_at == timedelta(hours=8)
    with time_machine.travel(utcnow() + timedelta(hours=7, minutes=59), tick=False):
        assert client.get("/").status_code == 200
    with time_machine.travel(utcnow() + timedelta(hours=8, minutes=1), tick=False):
        assert goes_to_login(client.get("/"))


def test_sign_out_everywhere_ends_every_session_and_remember_me(app, client, login, make_user):
    user = make_user()
    phone = signed_in_client(app, login, user)
    laptop = signed_in_client(app, login, user, remember=True)
    remembered = laptop.get_cookie("parkhub_remember").value
    other_user = signed_in_client(app, login, make_user())
    login(user)

    page = client.get("/account/password").get_data(as_text=True)
    assert 'data-testid="sign-out-everywhere"' in page
    assert "在所有设备上退出" in page
    resp = client.post("/account/sign-out-everywhere")
    assert goes_to_login(resp)
    assert "已在所有设备上退出" in client.get("/login").get_data(as_text=True)

    for browser in (client, phone, laptop, replay(app, "parkhub_remember", remembered)):
        assert goes_to_login(browser.get("/"))
    assert other_user.get("/").status_code == 200  # nobody else's
    assert login(user).status_code == 302  # signing in again works


@pytest.mark.parametrize("app_config", [{"WTF_CSRF_ENABLED": True}])
def test_sign_out_everywhere_needs_the_forms_csrf_token(app, client, make_user):
    user = make_user()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    client.post("/login", data={"username": user.username, "password": PASSWORD,
                                "csrf_token": token})
    assert client.get("/").status_code == 200

    assert client.get("/account/sign-out-everywhere").status_code == 405
    # a forged form from another site: the cookie rides along, the token does not (a plain
    # werkzeug client, so no test helper adds a token)
    forger = Client(app)
    forger.set_cookie("parkhub_session", client.get_cookie("parkhub_session").value)
    assert forger.post("/account/sign-out-everywhere").status_code == 400
    assert client.get("/").status_code == 200
    page = client.get("/account/password").get_data(as_text=True)
    form = page[page.index('data-testid="sign-out-everywhere"'):]
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form).group(1)
    assert goes_to_login(client.post("/account/sign-out-everywhere",
                                     data={"csrf_token": token}))
    assert goes_to_login(client.get("/"))


def test_deactivation_ends_sessions_for_good(app, client, login, make_user):
    admin_user = make_user(role="admin", park="园区办")
    user = make_user()
    login(user, remember=True)
    saved = client.get_cookie("parkhub_session").value
    remembered = client.get_cookie("parkhub_remember").value

    admin.set_account_active(admin_user, user, False)
    db.session.commit()
    assert goes_to_login(client.get("/"))
    admin.set_account_active(admin_user, user, True)
    db.session.commit()
    # activated again: the old cookies stay dead
    assert goes_to_login(replay(app, "parkhub_session", saved).get("/"))
    assert goes_to_login(replay(app, "parkhub_remember", remembered).get("/"))
    assert login(user, use_client=app.test_client()).status_code == 302


def test_park_deactivation_ends_its_users_sessions_for_good(app, client, login, make_user,
                                                           make_park):
    admin_user = make_user(role="admin", park="园区办")
    park = make_park("醴陵经开区")
    user = make_user(park=park)
    login(user)
    saved = client.get_cookie("parkhub_session").value
    bystander = signed_in_client(app, login, make_user(park="田心高科园"))

    admin.set_park_active(admin_user, park, False)
    db.session.commit()
    admin.set_park_active(admin_user, park, True)
    db.session.commit()
    assert goes_to_login(replay(app, "parkhub_session", saved).get("/"))
    assert bystander.get("/").status_code == 200


def test_a_password_set_outside_the_app_ends_older_sessions(app, client, login, make_user):
    user = make_user()
    login(user)
    db.session.get(User, user.id).set_password("set-from-the-command-line")
    db.session.commit()
    assert goes_to_login(client.get("/"))


def test_the_database_keeps_no_usable_token(app, client, login, make_user):
    user = make_user()
    login(user)
    cookie = client.get_cookie("parkhub_session").value
    data = app.session_interface.get_signing_serializer(app).loads(cookie)
    user_id, _, token = data["_user_id"].partition(":")
    assert user_id == str(user.id) and len(token) >= 40
    stored = db.session.execute(db.select(LoginSession.token_hash)).scalar_one()
    assert token not in stored
    # a forged id naming the user without a live token is refused
    forged = dict(data, _user_id=f"{user.id}:{stored}")
    forged_cookie = app.session_interface.get_signing_serializer(app).dumps(forged)
    assert goes_to_login(replay(app, "parkhub_session", forged_cookie).get("/"))


def test_old_password_sessions_of_a_reset_user_end(app, client, login, make_user):
    """Kept from the fingerprint days: an admin reset ends the running session too."""
    user = make_user()
    login(user, remember=True)
    remembered = client.get_cookie("parkhub_remember").value
    admin_client = signed_in_client(app, login, make_user(role="admin", park="园区办"))
    assert admin_client.post(f"/admin/users/{user.id}/reset-password").status_code == 200
    assert goes_to_login(client.get("/"))
    assert goes_to_login(replay(app, "parkhub_remember", remembered).get("/"))
    assert login(user, PASSWORD, use_client=app.test_client()).status_code == 200
