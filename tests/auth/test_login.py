"""Signing in and out: success, failure, throttling, safe `next`, inactive accounts, CSRF."""

import re

import pytest

from hub.auth.models import User
from hub.extensions import db
from tests.conftest import PASSWORD


def signed_in(client) -> bool:
    resp = client.get("/")
    return resp.status_code == 200


def test_login_succeeds_and_shows_the_dashboard(client, login, make_user):
    user = make_user(park="醴陵经开区", display_name="刘洋")
    resp = login(user)
    assert resp.status_code == 302
    assert resp.headers["Location"] == "/"
    page = client.get("/").get_data(as_text=True)
    assert "欢迎" in page
    assert "刘洋" in page
    assert "醴陵经开区" in page
    assert db.session.get(User, user.id).last_login_at is not None


def test_username_is_not_case_sensitive(client, login, make_user):
    make_user(username="wangfang")
    assert login("  WangFang ").status_code == 302
    assert signed_in(client)


@pytest.mark.parametrize("password", ["wrong-password-1", "", PASSWORD.upper()])
def test_wrong_password_is_refused(client, login, make_user, password):
    user = make_user()
    resp = login(user, password)
    assert resp.status_code == 200
    if password:
        assert "用户名或密码错误" in resp.get_data(as_text=True)
    assert not signed_in(client)
    assert db.session.get(User, user.id).last_login_at is None


def test_unknown_user_gets_the_same_message(client, login):
    resp = login("nobody-here", PASSWORD)
    assert resp.status_code == 200
    assert "用户名或密码错误" in resp.get_data(as_text=True)
    assert not signed_in(client)


def test_anonymous_user_is_sent_to_login(client):
    resp = client.get("/")
    assert resp.status_code == 302
    assert resp.headers["Location"].startswith("/login?next=")


def test_logout_ends_the_session(client, login, make_user):
    login(make_user())
    assert signed_in(client)
    resp = client.post("/logout")
    assert resp.status_code == 302
    assert resp.headers["Location"] == "/login"
    assert not signed_in(client)


# --- throttling ---------------------------------------------------------------------------------
def test_sixth_failed_login_in_a_minute_is_throttled(client, login, make_user):
    user = make_user()
    for _ in range(5):
        assert login(user, "wrong-password-1").status_code == 200
    resp = login(user, "wrong-password-1")
    assert resp.status_code == 429
    assert "尝试次数过多" in resp.get_data(as_text=True)
    # even the right password waits until the minute is over
    assert login(user).status_code == 429
    assert not signed_in(client)


def test_throttle_is_per_username(client, login, make_user):
    victim, other = make_user(), make_user()
    for _ in range(6):
        login(victim, "wrong-password-1")
    assert login(victim).status_code == 429
    assert login(other).status_code == 302


def test_throttle_is_per_client_address(app, login, make_user):
    user = make_user()
    attacker = app.test_client()
    for _ in range(6):
        attacker.post("/login", data={"username": user.username, "password": "x"},
                      environ_base={"REMOTE_ADDR": "10.0.0.66"})
    owner = app.test_client()
    resp = owner.post("/login", data={"username": user.username, "password": PASSWORD},
                      environ_base={"REMOTE_ADDR": "10.0.0.7"})
    assert resp.status_code == 302


def test_successful_logins_are_not_counted(client, login, make_user):
    user = make_user()
    for _ in range(7):
        assert login(user).status_code == 302
        client.post("/logout")


@pytest.mark.parametrize("app_config", [{"HUB_LOGIN_LIMIT": "2 per minute"}])
def test_login_limit_is_configurable(client, login, make_user):
    user = make_user()
    assert login(user, "wrong-password-1").status_code == 200
    assert login(user, "wrong-password-1").status_code == 200
    assert login(user, "wrong-password-1").status_code == 429


# --- next target ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "target",
    [
        "//evil.example",
        "//evil.example/login",
        "https://evil.example",
        "http://evil.example/",
        "/\\evil.example",
        "\\\\evil.example",
        "/\\/evil.example",
        "///evil.example",
        "https:evil.example",
        "javascript:alert(1)",
        "evil.example",
        " //evil.example",
        "/\t/evil.example",
    ],
)
def test_foreign_next_target_is_ignored(client, login, make_user, target):
    user = make_user()
    resp = client.post(
        "/login", data={"username": user.username, "password": PASSWORD, "next": target}
    )
    assert resp.status_code == 302
    assert resp.headers["Location"] == "/"
    # already signed in: the login page redirects, still never off the site
    resp = client.get("/login", query_string={"next": target})
    assert resp.headers["Location"] == "/"


def test_local_next_target_is_followed(client, make_user):
    user = make_user()
    resp = client.post(
        "/login",
        data={"username": user.username, "password": PASSWORD, "next": "/account/password?x=1"},
    )
    assert resp.status_code == 302
    assert resp.headers["Location"] == "/account/password?x=1"


def test_next_from_the_login_redirect_survives(client, make_user):
    user = make_user(role="park_admin")
    login_url = client.get("/admin/users/").headers["Location"]
    page = client.get(login_url).get_data(as_text=True)
    assert 'value="/admin/users/"' in page
    resp = client.post(login_url, data={"username": user.username, "password": PASSWORD})
    assert resp.headers["Location"] == "/admin/users/"


# --- inactive accounts ----------------------------------------------------------------------------
def test_inactive_account_is_refused(client, login, make_user):
    user = make_user(active=False)
    resp = login(user)
    assert resp.status_code == 200
    assert "该账号已停用" in resp.get_data(as_text=True)
    assert not signed_in(client)


def test_inactive_account_with_wrong_password_learns_nothing(client, login, make_user):
    user = make_user(active=False)
    page = login(user, "wrong-password-1").get_data(as_text=True)
    assert "该账号已停用" not in page
    assert "用户名或密码错误" in page


def test_account_of_inactive_park_is_refused(client, login, make_user, make_park):
    user = make_user(park=make_park("停用园区", active=False))
    resp = login(user)
    assert resp.status_code == 200
    assert "该账号已停用" in resp.get_data(as_text=True)
    assert not signed_in(client)


def test_deactivation_ends_a_running_session(client, login, make_user):
    user = make_user()
    login(user)
    assert signed_in(client)
    user.active = False
    db.session.commit()
    resp = client.get("/")
    assert resp.status_code == 302
    assert resp.headers["Location"].startswith("/login")


# --- CSRF -----------------------------------------------------------------------------------------
def test_login_form_without_csrf_token_is_rejected(bare_client, make_user):
    client = bare_client
    user = make_user()
    resp = client.post("/login", data={"username": user.username, "password": PASSWORD})
    assert resp.status_code == 400
    assert not signed_in(client)

    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    resp = client.post(
        "/login", data={"username": user.username, "password": PASSWORD, "csrf_token": token}
    )
    assert resp.status_code == 302
    assert signed_in(client)


# --- password spraying: one address, many usernames ----------------------------------------------
def spray(client, usernames, address="10.0.0.66"):
    return [client.post("/login", data={"username": name, "password": "Winter2026!"},
                        environ_base={"REMOTE_ADDR": address}).status_code
            for name in usernames]


@pytest.mark.parametrize("app_config", [{"HUB_LOGIN_LIMIT_PER_CLIENT": "3 per minute"}])
def test_one_address_trying_many_usernames_is_throttled(app, client, make_user):
    victims = [make_user() for _ in range(4)]
    assert spray(client, [v.username for v in victims[:3]]) == [200, 200, 200]
    resp = client.post("/login", data={"username": victims[3].username, "password": PASSWORD},
                       environ_base={"REMOTE_ADDR": "10.0.0.66"})
    assert resp.status_code == 429  # the same page as the per-username throttle
    assert "尝试次数过多" in resp.get_data(as_text=True)
    assert not signed_in(client)
    # another address is not affected, and successful sign-ins never counted
    owner = app.test_client()
    resp = owner.post("/login", data={"username": victims[3].username, "password": PASSWORD},
                      environ_base={"REMOTE_ADDR": "10.0.0.7"})
    assert resp.status_code == 302


def test_the_default_per_address_limit_is_30_failures_in_10_minutes(app, client):
    assert app.config["HUB_LOGIN_LIMIT_PER_CLIENT"] == "30 per 10 minutes"
    # unknown usernames count too: spraying does not need to know who exists
    statuses = spray(client, [f"guess{n}" for n in range(31)])
    assert statuses == [200] * 30 + [429]


@pytest.mark.parametrize("app_config", [{"HUB_LOGIN_LIMIT_PER_CLIENT": "2 per minute"}])
def test_successful_logins_do_not_count_against_the_address(app, make_user):
    browser = app.test_client()
    for user in [make_user() for _ in range(4)]:
        resp = browser.post("/login", data={"username": user.username, "password": PASSWORD},
                            environ_base={"REMOTE_ADDR": "10.0.0.9"})
        assert resp.status_code == 302
        browser.post("/logout", environ_base={"REMOTE_ADDR": "10.0.0.9"})
