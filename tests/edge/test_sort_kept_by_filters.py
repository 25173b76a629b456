"""Submitting a list's filter form keeps the order chosen by a column header (issue 13, item 8).

Every list whose headers sort and that has a filter form carries `sort` and `dir` through that
form as hidden inputs, taken from the parsed order (an allow-listed key), never copied from the
query string; the default order sends nothing. The pager keeps both the filters and the order."""

from html.parser import HTMLParser

import pytest


class GetForms(HTMLParser):
    """The hidden inputs of each `<form method="get">` of a page: [{name: value}]."""

    def __init__(self, html: str):
        super().__init__()
        self.forms: list[dict] = []
        self._in = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "get").lower() == "get":
            self._in = True
            self.forms.append({})
        elif tag == "input" and self._in and attrs.get("type") == "hidden":
            self.forms[-1][attrs.get("name")] = attrs.get("value")

    def handle_endtag(self, tag):
        if tag == "form":
            self._in = False


# (url, role, a key that is not the default, its direction)
FILTERED = [
    ("/cases/", "staff_a", "parcel", "desc"),
    ("/notices/", "staff_a", "title", "asc"),
    ("/talent/", "staff_a", "title", "desc"),
    ("/meetings/", "zone_admin", "title", "desc"),
    ("/meetings/?when=past", "zone_admin", "title", "asc"),
    ("/meetings/actions/", "zone_admin", "text", "desc"),
    ("/projects/", "zone_admin", "investor", "asc"),
    ("/efficiency/enterprises/", "zone_admin", "code", "desc"),
    ("/admin/users/", "zone_admin", "email", "desc"),
    ("/admin/audit/", "zone_admin", "action", "asc"),
    ("/notifications/admin/outbox", "zone_admin", "kind", "desc"),
]


def _get(world, role, url):
    resp = world.client(role).get(url)
    assert resp.status_code == 200, (url, resp.status_code)
    return resp.get_data(as_text=True)


def _join(url, query):
    return url + ("&" if "?" in url else "?") + query


@pytest.mark.parametrize("url, role, key, direction", FILTERED, ids=[u for u, *_ in FILTERED])
def test_the_filter_form_carries_the_chosen_order(world, url, role, key, direction):
    forms = GetForms(_get(world, role, _join(url, f"sort={key}&dir={direction}"))).forms
    assert forms, "no filter form"
    assert any(f.get("sort") == key and f.get("dir") == direction for f in forms), forms


@pytest.mark.parametrize("url, role, key, direction", FILTERED, ids=[u for u, *_ in FILTERED])
def test_an_unknown_order_is_not_carried(world, url, role, key, direction):
    html = _get(world, role, _join(url, 'sort=x"><script>&dir=sideways'))
    for form in GetForms(html).forms:
        assert "sort" not in form and "dir" not in form
    assert 'value="x' not in html


def test_the_pager_keeps_filters_and_order(world):
    html = _get(world, "zone_admin", "/admin/audit/?sort=action&dir=asc&date_from=2000-01-01")
    links = [part.split('"')[0].replace("&amp;", "&") for part in html.split('href="')[1:]]
    pages = [link for link in links if link.startswith("/admin/audit/?") and "page=2" in link]
    assert pages, "the demo's audit log has more than one page"
    assert all("sort=action" in p and "dir=asc" in p and "date_from=2000-01-01" in p for p in pages)
