"""Security headers on every kind of page, and the cookie flags."""

import re

import pytest

from tests.conftest import PASSWORD


def csp(resp) -> dict[str, list[str]]:
    policy = resp.headers["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in (p.strip() for p in policy.split(";")) if d}


@pytest.fixture
def pages(client, login, make_user):
    anonymous = [client.get("/login"), client.get("/no-such-page")]
    login(make_user(role="park_admin"))
    return [*anonymous, client.get("/"), client.get("/admin/users/"), client.get("/admin/audit/")]


def test_every_page_carries_the_security_headers(pages):
    assert [r.status_code for r in pages] == [200, 404, 200, 200, 403]
    for resp in pages:
        policy = csp(resp)
        assert policy["script-src"] == ["'self'"]
        assert "'unsafe-inline'" not in policy.get("default-src", [])
        assert policy["frame-ancestors"] == ["'none'"]
        assert policy["object-src"] == ["'none'"]
        assert resp.headers["X-Content-Type-Options"] == "nosniff"
        assert resp.headers["Referrer-Policy"] in ("no-referrer", "same-origin",
                                                   "strict-origin",
                                                   "strict-origin-when-cross-origin")
        assert resp.headers["X-Frame-Options"] == "DENY"


def test_pages_have_no_inline_script(pages):
    for resp in pages:
        html = resp.get_data(as_text=True)
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag
        assert not re.search(r"\son[a-z]+\s*=", html)  # no inline event handlers


def test_healthz_and_static_files_carry_headers_too(client):
    for resp in (client.get("/healthz"), client.get("/static/css/app.css")):
        assert resp.headers["X-Content-Type-Options"] == "nosniff"
        assert "frame-ancestors 'none'" in resp.headers["Content-Security-Policy"]


def test_session_cookie_is_httponly_and_lax(client, make_user):
    user = make_user()
    resp = client.post("/login", data={"username": user.username, "password": PASSWORD,
                                       "remember": "y"})
    cookies = {c.split("=", 1)[0]: c for c in resp.headers.getlist("Set-Cookie")}
    for name in ("parkhub_session", "parkhub_remember"):
        assert "HttpOnly" in cookies[name]
        assert "SameSite=Lax" in cookies[name]
        assert "Secure" not in cookies[name]


@pytest.mark.parametrize("app_config", [{"SESSION_COOKIE_SECURE": True,
                                         "REMEMBER_COOKIE_SECURE": True}])
def test_cookies_are_secure_behind_https_when_configured(client, make_user):
    user = make_user()
    resp = client.post("/login", base_url="https://localhost",
                       data={"username": user.username, "password": PASSWORD, "remember": "y"})
    cookies = {c.split("=", 1)[0]: c for c in resp.headers.getlist("Set-Cookie")}
    assert "Secure" in cookies["parkhub_session"]
    assert "Secure" in cookies["parkhub_remember"]


def test_html_pages_are_not_cached(client):
    assert "no-store" in client.get("/login").headers["Cache-Control"]
