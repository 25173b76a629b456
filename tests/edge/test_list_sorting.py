"""Sorting every list by its column headers (issue 13, item 8), on the demo world.

For each list and each of its sort keys: `?sort=KEY&dir=asc|desc` answers 200 with the arrow on
that header (▲ ascending, ▼ descending) and a link that turns the order round; for the keys
whose cells read as their sort value the rows are in that order; an unknown key or direction
falls back to the list's default order (same rows as without arguments), never an error."""

from html.parser import HTMLParser

import pytest

from hub.actions.listing import SORT as ACTION_SORT
from hub.admin.services import ACCOUNT_SORT, AUDIT_SORT
from hub.efficiency.services import ENTERPRISE_SORT
from hub.land.queries import SORT as CASE_SORT
from hub.meetings.queries import PAST_SORT, SERIES_SORT, UPCOMING_SORT
from hub.notices.listing import SORT as NOTICE_SORT
from hub.notify.outbox_admin import SORT as OUTBOX_SORT
from hub.parks.queries import SORT as PARK_SORT
from hub.projects.services import SORT as PROJECT_SORT
from hub.projects.visits import SORT as VISIT_SORT
from hub.talent.services import SORT as TALENT_SORT


class Table(HTMLParser):
    """The first table of a page whose header has sort links: {key: column index}, the arrow
    and link of each sortable header, and the cell texts of the body rows."""

    def __init__(self, html: str):
        super().__init__()
        self.keys, self.arrows, self.links, self.rows = {}, {}, {}, []
        self._depth = 0  # table nesting inside the chosen table
        self._done = False
        self._col = -1
        self._in = None  # "th" / "td" / "arrow"
        self._key = None
        self._text = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self._done:
            return
        if tag == "table":
            self._depth += 1
        if tag == "tr":
            self._col = -1
            self._row = []
        if tag in ("th", "td"):
            self._col += 1
            self._in, self._text, self._key = tag, [], None
        if tag == "a" and (attrs.get("data-testid") or "").startswith("sort-") and self._in == "th":
            self._key = attrs["data-testid"][5:]
            self.keys[self._key] = self._col
            self.links[self._key] = attrs["href"]
        if tag == "span" and attrs.get("data-testid") == "sort-arrow":
            self._arrow = True

    def handle_data(self, data):
        if self._in:
            self._text.append(data)
        if getattr(self, "_arrow", False) and self._key:
            self.arrows[self._key] = data.strip()
            self._arrow = False

    def handle_endtag(self, tag):
        if self._done:
            return
        if tag in ("th", "td") and self._in:
            if tag == "td":
                self._row.append(" ".join("".join(self._text).split()))
            self._in = None
        if tag == "tr" and getattr(self, "_row", None) and self.keys:
            self.rows.append(self._row)
            self._row = []
        if tag == "table":
            self._depth -= 1
            if self._depth == 0 and self.keys:
                self._done = True
            elif self._depth == 0:  # a table without sort links: start again
                self.rows = []

    def column(self, key: str) -> list[str]:
        i = self.keys[key]
        return [r[i] for r in self.rows if len(r) > i]


def _notice_title(cell: str) -> str:
    """A notice list's title cell without its badges (未读, 特急 / 加急) and its 文号 line."""
    for badge in ("未读 ", "特急 ", "加急 "):
        cell = cell.removeprefix(badge)
    return cell.rsplit(" ", 1)[0] if "〔" in cell else cell


# (url, role, spec, {key: how a cell's text compares, for the keys whose cells show the value})
LISTS = [
    ("/cases/", "staff_a", CASE_SORT, {"parcel": str, "area": float}),
    ("/notices/", "staff_a", NOTICE_SORT, {"title": _notice_title,
                                            "published": str}),
    ("/talent/", "staff_a", TALENT_SORT, {"title": str, "field": str, "enterprise": str,
                                            "headcount": int, "expires": str}),
    ("/meetings/?when=past", "zone_admin", PAST_SORT, {"title": str}),
    ("/meetings/", "zone_admin", UPCOMING_SORT, {"title": str}),
    ("/meetings/series/", "zone_admin", SERIES_SORT, {"title": str}),
    ("/meetings/actions/", "zone_admin", ACTION_SORT, {"text": str}),
    ("/projects/", "zone_admin", PROJECT_SORT, {"name": str, "investor": str}),
    ("/projects/visits", "zone_admin", VISIT_SORT, {"destination": str, "date": str}),
    ("/efficiency/enterprises/", "zone_admin", ENTERPRISE_SORT, {"name": str, "code": str}),
    ("/admin/users/", "zone_admin", ACCOUNT_SORT, {"username": str, "email": str}),
    ("/admin/parks/", "zone_admin", PARK_SORT, {"name": str, "short_name": str}),
    ("/admin/audit/", "zone_admin", AUDIT_SORT, {"time": str}),
    ("/notifications/admin/outbox", "zone_admin", OUTBOX_SORT, {"id": int}),
]


def _url(url: str, **args) -> str:
    query = "&".join(f"{k}={v}" for k, v in args.items())
    return url + ("&" if "?" in url else "?") + query


def _table(world, role, url) -> Table:
    resp = world.client(role).get(url)
    assert resp.status_code == 200, (url, resp.status_code)
    return Table(resp.get_data(as_text=True))


@pytest.mark.parametrize("url, role, spec, typed", LISTS, ids=[u for u, *_ in LISTS])
def test_every_header_sorts_both_ways(world, url, role, spec, typed):
    shown = _table(world, role, url)
    assert shown.keys, "no sortable header"
    assert set(shown.keys) <= set(spec.keys)
    for key in shown.keys:
        for direction, arrow, other in (("asc", "▲", "dir=desc"), ("desc", "▼", "dir=asc")):
            table = _table(world, role, _url(url, sort=key, dir=direction))
            assert table.arrows == {key: arrow}, (key, direction)
            assert other in table.links[key]  # the next click turns the order round
            assert f"sort={key}" in table.links[key]
            if key in typed:
                values = [typed[key](v.replace(",", "")) for v in table.column(key) if v]
                assert len(values) >= 2, (url, key, "too few rows to tell an order")
                assert values == sorted(values, reverse=direction == "desc"), (key, direction)


@pytest.mark.parametrize("url, role, spec, typed", LISTS, ids=[u for u, *_ in LISTS])
def test_an_unknown_sort_falls_back_to_the_default(world, url, role, spec, typed):
    default = _table(world, role, url)
    for args in ({"sort": "nonsense", "dir": "sideways"}, {"sort": "id);drop", "dir": "asc"},
                 {"sort": "__class__"}, {"sort": "park_id", "dir": "desc"}):
        table = _table(world, role, _url(url, **args))
        assert table.rows == default.rows
        assert table.arrows == default.arrows


def test_sort_links_keep_the_filters_and_drop_the_page(world):
    park = world.ids["park_a"]
    table = _table(world, "zone_admin", f"/projects/?park={park}&q=&page=1")
    link = table.links["name"]
    assert f"park={park}" in link and "page=" not in link


def test_the_pager_keeps_the_order(world):
    resp = world.client("zone_admin").get("/admin/audit/?sort=action&dir=asc")
    html = resp.get_data(as_text=True)
    assert "page=2" in html  # the demo's audit log has more than one page
    pager_links = [part for part in html.split('href="')[1:] if part.startswith("/admin/audit/?")
                   and "page=2" in part.split('"')[0]]
    assert pager_links and all("sort=action" in p.split('"')[0] for p in pager_links)
