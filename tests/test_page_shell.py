"""The page shell: /favicon.ico, the skip link, the admin pages that keep the admin tabs, the
categories page naming its field once."""

import random
import re

import pytest

from hub.auth.models import Role


def test_favicon_is_served(client):
    resp = client.get("/favicon.ico")
    assert resp.status_code == 200
    assert resp.mimetype == "image/vnd.microsoft.icon"
    assert resp.data[:4] == b"\x00\x00\x01\x00"  # an ICO header
    assert b"\x89PNG" in resp.data


def test_every_page_starts_with_a_skip_link_to_the_main_content(client, login, make_user):
    for page in (client.get("/login").text,):
        assert re.search(r'<body[^>]*>\s*<a class="skip-link[^"]*" href="#main">跳到正文</a>',
                         page)
        assert '<main id="main"' in page
    login(make_user(role=Role.STAFF))
    page = client.get("/notices/").text
    assert 'href="#main">跳到正文</a>' in page and '<main id="main"' in page


def admin_tabs(page: str) -> str:
    match = re.search(r'<ul class="nav nav-tabs mb-3">(.*?)</ul>', page, re.S)
    assert match, "the admin tabs are on the page"
    return match.group(1)


def active_tab(tabs: str) -> str:
    return re.findall(r'nav-link active"[^>]*>([^<]+)<', tabs)[0]


def test_categories_and_robot_pages_stay_in_the_admin_area(client, login, make_user):
    login(make_user(role=Role.ADMIN))
    for path, name in (("/notices/categories/", "通知分类"), ("/notifications/robot", "群机器人"),
                       ("/notifications/admin/outbox", "发件箱"),
                       ("/notifications/admin/scheduler", "调度器")):
        page = client.get(path).text
        tabs = admin_tabs(page)
        assert active_tab(tabs) == name, path
        header = page.split("<main")[0]
        assert re.findall(r'nav-link active"\s*href="[^"]*">([^<]+)<', header) == ["系统管理"]
        assert "账号管理" in tabs and "操作日志" in tabs


def test_a_park_admin_finds_the_robot_among_the_admin_tabs(client, login, make_user):
    login(make_user(role=Role.PARK_ADMIN))
    tabs = admin_tabs(client.get("/admin/").text)
    assert "群机器人" in tabs and "通知分类" not in tabs
    assert active_tab(admin_tabs(client.get("/notifications/robot").text)) == "群机器人"


def test_the_categories_page_names_the_field_once(client, login, make_user):
    login(make_user(role=Role.ADMIN))
    page = client.get("/notices/categories/").text
    rows = page.count('data-testid="category-row"')
    assert rows >= 5
    # the column header, and the add form's label; each row's label is for screen readers
    visible = re.findall(r'<label(?![^>]*visually-hidden)[^>]*>类别名称</label>', page)
    assert len(visible) == 1
    assert len(re.findall(r'<label class="visually-hidden"[^>]*>类别名称</label>', page)) == rows


def test_layout_links_follow_the_script_root_of_each_request(client, login, make_user):
    """The layout's links (built once per script root, hub.ui.page_url_for) carry the prefix the
    app is mounted under, and not a prefix another request had."""
    login(make_user(role=Role.STAFF))
    mounted = client.get("/notices/", base_url="http://localhost/hub").text
    plain = client.get("/notices/").text
    assert 'href="/hub/static/css/app.css' in mounted
    assert 'href="/hub/cases/"' in mounted and 'href="/hub/notifications/"' in mounted
    assert 'href="/static/css/app.css' in plain and 'href="/hub/' not in plain
    assert 'href="/cases/"' in plain


URL_VALUES = ["", "a b", "新能源", "a&b=c", "%", "x/y?z", "!$'()*,/:;?@", None, 0, 12, "+", "#f",
              ["a", "b"], True]


@pytest.mark.parametrize("root", ["", "/hub"])
def test_templates_url_for_with_query_values_is_flasks(app, root):
    """hub.ui.page_url_for writes the links of endpoints without path arguments itself (the
    fixed URL and the values encoded as Werkzeug does): the same URL as Flask's url_for for
    every endpoint of the app and awkward values (those with path arguments go to url_for)."""
    from flask import url_for

    from hub.ui import page_url_for

    rng = random.Random(16)
    keys = ["page", "sort", "dir", "park", "q", "status", "before"]
    with app.test_request_context("/", base_url="http://localhost" + root):
        for endpoint in sorted({r.endpoint for r in app.url_map.iter_rules()} - {"static"}):
            for _ in range(10):
                values = {k: rng.choice(URL_VALUES) for k in rng.sample(keys, rng.randint(1, 4))}
                try:
                    expected = url_for(endpoint, **values)
                except Exception as error:  # noqa: BLE001 - the same refusal either way
                    expected = type(error)
                try:
                    got = page_url_for(endpoint, **values)
                except Exception as error:  # noqa: BLE001
                    got = type(error)
                assert got == expected, (endpoint, values)


@pytest.mark.parametrize("root", ["", "/hub"])
def test_url_around_an_id_is_flasks_url_for_each_id(app, root):
    """hub.ui.url_around (the lists', dashboard's and search's row links, built once): the
    parts around the id give Flask's url_for for every endpoint whose one argument is an
    integer, for any id; an argument that is not the rule's one is refused."""
    from flask import url_for
    from werkzeug.routing.converters import IntegerConverter

    from hub.ui import url_around

    checked = 0
    with app.test_request_context("/", base_url="http://localhost" + root):
        for rule in app.url_map.iter_rules():
            if len(rule.arguments) != 1 or "GET" not in rule.methods:
                continue
            (arg,) = rule.arguments
            if not isinstance(rule._converters[arg], IntegerConverter):
                continue
            before, after = url_around(rule.endpoint, arg)
            for n in (0, 7, 12345, 2**40):
                assert before + str(n) + after == url_for(rule.endpoint, **{arg: n})
            checked += 1
        assert checked > 40
        before, after = url_around("efficiency.score_detail", "ent_id", round_id=3)
        assert before + "77" + after == url_for("efficiency.score_detail", round_id=3, ent_id=77)
        with pytest.raises(ValueError, match="not an argument of its path"):
            url_around("notices.index", "notice_id")  # would be ?notice_id=…


@pytest.mark.parametrize("root", ["", "/hub"])
def test_link_around_a_page_number_is_flasks_url_for_each_page(app, root):
    """hub.ui.link_around (a pager's links, built once a page): the parts around the page
    number give Flask's url_for with the same values, the page a query argument among others;
    None when a value contains the marker."""
    from flask import url_for

    from hub.ui import _MARK, link_around

    with app.test_request_context("/", base_url="http://localhost" + root):
        for values in ({"round_id": 3}, {"round_id": 3, "grade": "A&B\"<", "park": 5},
                       {"round_id": 3, "chain": "一二"}):
            before, after = link_around("efficiency.scores", "page", **values)
            for n in (1, 2, 134, 10**6):
                assert before + str(n) + after == url_for("efficiency.scores", page=n, **values)
        assert link_around("efficiency.scores", "page", round_id=3, grade=str(_MARK)) is None
