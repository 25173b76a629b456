"""The page header drawn once per kind and reused (hub.header): every user still sees their own
name, park, role, unread count, search text and tokens, exactly as the template draws them."""

import re

import pytest
from jinja2 import ChoiceLoader, DictLoader

from hub import header
from hub.auth.models import Role
from hub.extensions import db
from hub.notify.models import Notification

HEADER = re.compile(r'<header class="navbar.*?</header>', re.S)
TOKEN = re.compile(r'(name="csrf_token" value=")[^"]*"')


def _header(page: str) -> str:
    found = HEADER.search(page)
    assert found, "the page has no header"
    return found.group(0)


def _notify(user, count: int) -> None:
    db.session.add_all(Notification(user_id=user.id, kind="test", title=f"消息{i}")
                       for i in range(count))
    db.session.commit()


@pytest.fixture
def fresh_header(app, monkeypatch):
    """Draw the header with Jinja every time (as while templates reload), for comparison."""

    def switch(on: bool) -> None:
        monkeypatch.setattr(app.jinja_env, "auto_reload", on)

    return switch


def test_stored_header_equals_the_drawn_one(app, client, login, make_user, make_park,
                                            fresh_header):
    hostile = make_user(park=make_park("<b>园</b>&\"'", short_name="<i>x</i>'\""),
                        display_name='<script>alert("名")</script>&amp;', role=Role.PARK_ADMIN)
    admin = make_user(role=Role.ADMIN, display_name="管理员")
    _notify(hostile, 3)
    _notify(admin, 150)
    urls = ["/", "/notices/", "/search?q=%3Cb%3E%22%E8%A1%A5%27%26", "/notifications/robot",
            "/notifications/", "/meetings/?x=%22%3E%3Cs%3E"]
    compared = 0
    for user in (hostile, admin):
        client.post("/logout", data={"csrf_token": client.csrf_token()})
        login(user)
        for locale in ("zh_CN", "en"):
            client.post("/language", data={"locale": locale, "csrf_token": client.csrf_token()})
            for url in urls:
                fresh_header(True)
                drawn = client.get(url)
                fresh_header(False)
                stored = [client.get(url) for _ in range(2)]  # the second from the stored copy
                for page in stored:
                    assert page.status_code == drawn.status_code == 200, url
                    assert (TOKEN.sub(r"\1", _header(page.text))
                            == TOKEN.sub(r"\1", _header(drawn.text))), (user, locale, url)
                    compared += 1
    assert compared == 2 * 2 * len(urls) * 2
    assert header._STORED  # the stored path ran


def test_each_user_sees_their_own_header(client, login, make_user, make_park):
    first = make_user(park=make_park("田心高科园", short_name="田心"), display_name="张三")
    second = make_user(park=make_park("麓谷园区", short_name="麓谷"), display_name="李四",
                       role=Role.PARK_ADMIN)
    _notify(first, 2)
    login(first)
    page = _header(client.get("/notices/").text)
    assert "张三 · 田心" in page and "田心高科园" in page
    assert 'data-testid="bell-count">2<' in page
    client.post("/logout", data={"csrf_token": client.csrf_token()})
    login(second)
    page = _header(client.get("/notices/").text)  # the same kind of header, another user
    assert "李四 · 麓谷" in page and "麓谷园区" in page
    assert "张三" not in page and "田心" not in page
    assert 'data-testid="bell-count"' not in page
    assert "园区管理员" in page or "Park admin" in page


def test_the_header_follows_each_request(client, login, make_user):
    user = make_user(display_name="王五")
    login(user)
    assert 'data-testid="bell-count"' not in client.get("/talent/").text
    _notify(user, 120)
    page = _header(client.get("/talent/").text)
    assert 'data-testid="bell-count">99+<' in page
    assert 'name="next" value="/talent/?"' in page
    search = _header(client.get("/search?q=%E8%A1%A5%E5%8A%A9%22").text)
    assert 'value="补助&#34;"' in search
    assert 'name="next" value="/search?q=%E8%A1%A5%E5%8A%A9%22"' in search
    tokens = {m.group(0) for m in TOKEN.finditer(_header(client.get("/talent/").text))}
    assert len(tokens) == 1  # the logout and language forms carry this request's token


def test_a_header_template_that_reads_the_request_fails(app, client, login, make_user):
    """The stored copy is drawn without the request's objects: a template reading one of them
    directly (instead of a slot) fails in the tests rather than storing one user's value."""
    login(make_user())
    original = app.jinja_env.loader
    source = original.get_source(app.jinja_env, header.TEMPLATE)[0]
    for leak in ("{{ current_user.display_name }}", "{{ request.path }}", "{{ csrf_token() }}",
                 "{{ session.get('x') }}", "{{ g.user }}"):
        app.jinja_env.loader = ChoiceLoader([DictLoader({header.TEMPLATE: source + leak}),
                                             original])
        app.jinja_env.cache.clear()
        header._STORED.clear()
        try:
            with pytest.raises(RuntimeError, match="slot"):
                client.get("/notices/")
        finally:
            app.jinja_env.loader = original
            app.jinja_env.cache.clear()
            header._STORED.clear()
