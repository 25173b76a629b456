"""A long notice list: numbered pages near the start, "more than 200" instead of an exact count,
then Previous / Next by position (?before= / ?after=) — and every notice still reachable."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import insert

from hub.extensions import db
from hub.notices.models import Notice, NoticeStatus
from tests.notices.notice_helpers import category

T0 = datetime(2026, 6, 30, 4, 0, tzinfo=UTC)


def _ids(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'data-notice-id="(\d+)"', html)]


def _link(html: str, testid: str) -> str | None:
    found = re.search(rf'data-testid="{testid}" href="([^"#]+)"', html)
    return found.group(1).replace("&amp;", "&") if found else None


def _publish_many(world, count: int) -> list[int]:
    """`count` notices of park B to all parks, one an hour, plus 30 drafts of park C that staff
    of A must not see; returns the ids A sees, newest first."""
    cat = category().id
    rows = [{"park_id": world.b.id, "category_id": cat, "title": f"通知{n:03d}", "body": "",
             "status": NoticeStatus.PUBLISHED, "all_parks": True, "author_id": world.staff_b.id,
             "published_at": T0 + timedelta(hours=n), "created_at": T0, "updated_at": T0,
             "version": 1} for n in range(count)]
    rows += [{"park_id": world.c.id, "category_id": cat, "title": f"茶陵草稿{n}", "body": "",
              "status": NoticeStatus.DRAFT, "all_parks": True, "author_id": world.staff_c.id,
              "published_at": None, "created_at": T0 + timedelta(hours=n, minutes=30),
              "updated_at": T0, "version": 1} for n in range(30)]
    db.session.execute(insert(Notice), rows)
    world.staff_a.locale = "en"
    db.session.commit()
    visible = db.session.execute(
        db.select(Notice.id).where(Notice.park_id == world.b.id)
        .order_by(Notice.published_at.desc())).scalars()
    return list(visible)


@pytest.fixture
def many(world):
    return _publish_many(world, 230)


def test_a_short_list_keeps_its_exact_count(client, login, world):
    ids = _publish_many(world, 23)
    login(world.staff_a)
    html = client.get("/notices/?page=2").get_data(as_text=True)
    assert _ids(html) == ids[20:]
    assert "23 in all, page 2 of 2" in html and "More than" not in html


def test_capped_count_and_numbered_pages(client, login, world, many):
    login(world.staff_a)
    html = client.get("/notices/").get_data(as_text=True)
    assert _ids(html) == many[:20]
    assert "More than 200 in all, page 1" in html
    assert 'href="/notices/?page=10"' in html and 'href="/notices/?page=11"' not in html
    assert _link(html, "pager-next") == "/notices/?page=2"

    html = client.get("/notices/?page=10").get_data(as_text=True)
    assert _ids(html) == many[180:200]
    assert _link(html, "pager-next") == f"/notices/?before={many[199]}"


def test_next_and_previous_reach_every_notice_once(client, login, world, many):
    login(world.staff_a)
    seen, url, pages = [], "/notices/", []
    while url:
        html = client.get(url).get_data(as_text=True)
        pages.append((url, _ids(html)))
        seen += _ids(html)
        url = _link(html, "pager-next")
        assert len(pages) < 20
    assert seen == many  # every notice A may see, in order, once; no draft of C

    # past the numbered pages: the last page, then back by "Previous"
    last_url, last_ids = pages[-1]
    assert "before=" in last_url and last_ids == many[220:]
    html = client.get(last_url).get_data(as_text=True)
    assert "More than 200 in all" in html and _link(html, "pager-next") is None
    back = client.get(_link(html, "pager-prev")).get_data(as_text=True)
    assert _ids(back) == many[200:220]


def test_previous_from_near_the_start_shows_page_one(client, login, world, many):
    login(world.staff_a)
    html = client.get(f"/notices/?after={many[5]}").get_data(as_text=True)
    assert _ids(html) == many[:20]
    assert "page 1" in html


def test_old_deep_page_links_still_work(client, login, world, many):
    login(world.staff_a)
    html = client.get("/notices/?page=11").get_data(as_text=True)
    assert _ids(html) == many[200:220]
    assert "More than 200 in all, page 11" in html
    assert _link(html, "pager-next") == f"/notices/?before={many[219]}"
    html = client.get("/notices/?page=12").get_data(as_text=True)
    assert _ids(html) == many[220:]
    assert _link(html, "pager-next") is None


def test_filters_carry_over_to_the_position_links(client, login, world, many):
    login(world.staff_a)
    html = client.get(f"/notices/?page=10&park={world.b.id}").get_data(as_text=True)
    nxt = _link(html, "pager-next")
    assert f"park={world.b.id}" in nxt and "before=" in nxt
    assert _ids(client.get(nxt).get_data(as_text=True)) == many[200:220]
    # a filter matching nothing after the anchor
    html = client.get(f"/notices/?before={many[199]}&park={world.c.id}").get_data(as_text=True)
    assert _ids(html) == [] and "No notices match the filter." in html


def test_the_oldest_page_and_back(client, login, world, many):
    """A capped list links to its last page (the oldest notices), from any page; "Previous"
    goes on from there by position, and the filters carry over."""
    login(world.staff_a)
    for url in ("/notices/", "/notices/?page=10", f"/notices/?before={many[199]}"):
        html = client.get(url).get_data(as_text=True)
        assert _link(html, "pager-oldest") == "/notices/?oldest=1"
    html = client.get("/notices/?oldest=1").get_data(as_text=True)
    assert _ids(html) == many[210:]
    assert "More than 200 in all" in html and _link(html, "pager-next") is None
    back = client.get(_link(html, "pager-prev")).get_data(as_text=True)
    assert _ids(back) == many[190:210]

    html = client.get(f"/notices/?oldest=1&park={world.b.id}").get_data(as_text=True)
    assert _ids(html) == many[210:]
    assert f"park={world.b.id}" in _link(html, "pager-prev")
    # a list that fits on one page: page 1, and no such link
    html = client.get(f"/notices/?oldest=1&park={world.c.id}").get_data(as_text=True)
    assert _ids(html) == [] and _link(html, "pager-oldest") is None


def test_a_short_list_has_no_oldest_link(client, login, world):
    ids = _publish_many(world, 23)
    login(world.staff_a)
    html = client.get("/notices/").get_data(as_text=True)
    assert _link(html, "pager-oldest") is None
    html = client.get("/notices/?oldest=1").get_data(as_text=True)  # typed by hand: still fine
    assert _ids(html) == ids[3:] and _link(html, "pager-next") is None
    assert _ids(client.get(_link(html, "pager-prev")).get_data(as_text=True)) == ids[:20]


def test_a_sorted_list_has_no_oldest_link(client, login, world, many):
    login(world.staff_a)
    html = client.get("/notices/?sort=title").get_data(as_text=True)
    assert "More than 200 in all" in html and _link(html, "pager-oldest") is None
