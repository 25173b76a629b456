"""The audit browser's pages, order and menus as the zone office sees them (issue 16: the page
is found by its entries' ids first, then read as rows; the menus are drawn from rows)."""

import re
from datetime import UTC, datetime, timedelta

import pytest

from hub import audit
from hub.extensions import db
from hub.parks.models import ParkKind

T0 = datetime(2024, 5, 6, 2, 0, tzinfo=UTC)


@pytest.fixture
def admin(make_park, make_user):
    zone = make_park("株洲市园区办", short_name="园区办", kind=ParkKind.ZONE)
    return make_user(park=zone, role="admin", username="admin", display_name="管理员")


def add(actor, obj, summary, when, action="update"):
    entry = audit.record(actor, action, obj, {"name": ["a", "b"]}, summary=summary)
    entry.created_at = when
    return entry


def rows(client, url) -> list[str]:
    """The summaries (LOG-…) of the page's entries, top to bottom."""
    resp = client.get(url)
    assert resp.status_code == 200, url
    return re.findall(r"LOG-[\w-]+", resp.get_data(as_text=True))


def test_equal_times_keep_one_order_newest_id_first_across_pages(client, login, admin,
                                                                   make_park):
    park = make_park()
    for n in range(60):  # in pairs at the same instant
        add(admin, park, f"LOG-{n:02d}", T0 + timedelta(minutes=n // 2))
    db.session.commit()
    login(admin)
    first, second = rows(client, "/admin/audit/"), rows(client, "/admin/audit/?page=2")
    assert first + second == [f"LOG-{n:02d}" for n in range(59, -1, -1)]
    oldest_first = (rows(client, "/admin/audit/?sort=time&dir=asc")
                    + rows(client, "/admin/audit/?sort=time&dir=asc&page=2"))
    assert oldest_first == [f"LOG-{n:02d}" for n in range(60)]


def test_a_parks_entries_page_by_page(client, login, admin, make_park):
    mine, other = make_park("田心高科园"), make_park("醴陵经开区")
    for n in range(53):
        add(admin, mine, f"LOG-mine-{n:02d}", T0 + timedelta(hours=n))
        add(admin, other, f"LOG-other-{n:02d}", T0 + timedelta(hours=n, minutes=30))
    db.session.commit()
    login(admin)
    first = rows(client, f"/admin/audit/?park={mine.id}")
    second = rows(client, f"/admin/audit/?park={mine.id}&page=2")
    assert first + second == [f"LOG-mine-{n:02d}" for n in range(52, -1, -1)]
    html = client.get(f"/admin/audit/?park={mine.id}").get_data(as_text=True)
    assert "共 53 条，第 1 / 2 页" in html
    assert client.get(f"/admin/audit/?park={mine.id}&page=3").status_code == 404


def test_sorted_by_user_name_with_system_entries_last(client, login, admin, make_park,
                                                      make_user):
    park = make_park()
    zhao = make_user(park=park, username="zhao", display_name="Zhao")
    bai = make_user(park=park, username="bai", display_name="Bai")
    add(zhao, park, "LOG-zhao", T0)
    add(None, park, "LOG-system", T0 + timedelta(hours=1))
    add(bai, park, "LOG-bai-old", T0 + timedelta(hours=2))
    add(bai, park, "LOG-bai-new", T0 + timedelta(hours=3))
    add(admin, park, "LOG-admin", T0 + timedelta(hours=4))
    db.session.commit()
    login(admin)
    # by name, equal names by entry (oldest first ascending); no user comes last either way
    assert rows(client, "/admin/audit/?sort=user&dir=asc") == [
        "LOG-bai-old", "LOG-bai-new", "LOG-zhao", "LOG-admin", "LOG-system"]
    assert rows(client, "/admin/audit/?sort=user&dir=desc") == [
        "LOG-admin", "LOG-zhao", "LOG-bai-new", "LOG-bai-old", "LOG-system"]
    html = client.get("/admin/audit/?sort=user&dir=asc").get_data(as_text=True)
    system_row = html[html.rindex("<tr", 0, html.index("LOG-system")):html.index("LOG-system")]
    assert "<td>系统</td>" in system_row


def _options(html: str, name: str) -> list[tuple[str, str]]:
    menu = re.search(rf'<select[^>]* name="{name}">(.*?)</select>', html, re.S)[1]
    return re.findall(r'<option (?:selected )?value="([^"]*)">([^<]*)</option>', menu)


def test_the_type_menu_lists_each_logged_type_and_a_chosen_user_is_named(
        client, login, admin, make_park, make_user):
    first, second = make_park("田心高科园"), make_park("醴陵经开区")
    b = make_user(park=second, username="b_user", display_name="乙")
    make_user(park=first, username="z_user", display_name="甲")
    c = make_user(park=first, username="a_user", display_name="丙", active=False)
    add(admin, first, "LOG-park", T0)
    add(admin, b, "LOG-account", T0)
    db.session.commit()
    login(admin)
    html = client.get(f"/admin/audit/?user={c.id}").get_data(as_text=True)
    # no menu of every account (2,000 at scale 10): the chosen one (inactive too) by name
    assert '<select class="form-select" id="user"' not in html
    assert "丙 (a_user)" in html and "甲" not in html and "乙" not in html
    types = _options(html, "object_type")
    assert [value for value, _label in types] == ["", "park", "user_account"]


def test_an_unknown_user_is_refused_and_the_whole_log_shown(client, login, admin, make_park):
    add(admin, make_park(), "LOG-only", T0)
    db.session.commit()
    login(admin)
    resp = client.get("/admin/audit/?user=987654")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200
    assert "不是有效的选择" in html
    assert "LOG-only" in html
