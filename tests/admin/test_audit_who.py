"""The audit log's 操作人 filter: the zone office types part of a person's name or username and
sees what that person did (it replaced a menu of every account, issue 16); `?user=<id>` from
links still selects one account, shown by name with a link that clears it."""

import re
from datetime import UTC, datetime, timedelta

import pytest

from hub import audit
from hub.extensions import db
from hub.parks.models import ParkKind

T0 = datetime(2024, 5, 6, 2, 0, tzinfo=UTC)


@pytest.fixture
def people(make_park, make_user):
    """The zone office's admin and four people of two parks, each with one entry of the log."""
    zone = make_park("株洲市园区办", short_name="园区办", kind=ParkKind.ZONE)
    tianxin, liling = make_park("田心高科园"), make_park("醴陵经开区")
    admin = make_user(park=zone, role="admin", username="admin", display_name="管理员")
    found = {
        "admin": admin, "tianxin": tianxin, "liling": liling,
        "zhang": make_user(park=tianxin, username="zhangwei", display_name="张伟"),
        "zhangsan": make_user(park=liling, username="zsan", display_name="张三丰",
                              role="park_admin"),
        "percent": make_user(park=liling, username="p100_pct", display_name="Li 100%"),
        "mixed": make_user(park=tianxin, username="Wang.Fang", display_name="王芳"),
    }
    for n, key in enumerate(("zhang", "zhangsan", "percent", "mixed")):
        user = found[key]
        entry = audit.record(user, "update", user.park, {"name": ["a", "b"]},
                             summary=f"LOG-{key}")
        entry.created_at = T0 + timedelta(hours=n)
    db.session.commit()
    return found


def shown(client, **query) -> set[str]:
    resp = client.get("/admin/audit/", query_string=query)
    assert resp.status_code == 200, query
    return set(re.findall(r"LOG-[a-z]+", resp.get_data(as_text=True)))


@pytest.mark.parametrize(("who", "expected"), [
    ("张", {"LOG-zhang", "LOG-zhangsan"}),        # part of a display name
    ("三丰", {"LOG-zhangsan"}),
    ("zhangwei", {"LOG-zhang"}),                   # a username
    ("ZHANGW", {"LOG-zhang"}),                     # in any case
    ("wang.f", {"LOG-mixed"}),
    ("li 100", {"LOG-percent"}),
    ("  张伟 ", {"LOG-zhang"}),                    # spaces around it do not count
    ("nobody", set()),
])
def test_who_finds_the_entries_of_people_by_part_of_their_name(client, login, people, who,
                                                                 expected):
    login(people["admin"])
    assert shown(client, who=who) == expected


@pytest.mark.parametrize(("who", "expected"), [
    ("%", {"LOG-percent"}),                       # only the name that holds a percent sign
    ("100%", {"LOG-percent"}),
    ("_", {"LOG-percent"}),                       # only the username that holds an underscore
    ("p1_0", set()),                              # "_" is no wildcard
    ("\\", set()),
])
def test_percent_and_underscore_are_themselves(client, login, people, who, expected):
    login(people["admin"])
    assert shown(client, who=who) == expected


def test_who_keeps_its_text_and_works_with_the_park_filter(client, login, people):
    login(people["admin"])
    assert shown(client, who="张", park=str(people["liling"].id)) == {"LOG-zhangsan"}
    html = client.get("/admin/audit/", query_string={"who": "张"}).get_data(as_text=True)
    assert 'name="who" placeholder="姓名或用户名" type="text" value="张"' in html
    assert '<label class="form-label" for="who">操作人</label>' in html
    assert '<select class="form-select" id="user"' not in html  # no menu of every account


def test_pager_and_sort_links_keep_who(client, login, people, make_user):
    many = make_user(park=people["tianxin"], username="many", display_name="多多")
    for n in range(55):
        audit.record(many, "update", people["tianxin"], {}, summary=f"LOG-many{n}")
    db.session.commit()
    login(people["admin"])
    html = client.get("/admin/audit/?who=多&sort=action&dir=asc").get_data(as_text=True)
    links = re.findall(r'href="(/admin/audit/\?[^"]*)"', html)
    pages = [link for link in links if "page=2" in link]
    sorts = [link for link in links if "sort=time" in link]
    assert pages and sorts
    assert all("who=%E5%A4%9A" in link for link in pages + sorts)
    assert "sort=action" in pages[0]
    assert "共 55 条，第 1 / 2 页" in html


def test_user_id_from_a_link_selects_that_account_shown_by_name(client, login, people):
    login(people["admin"])
    zhang = people["zhang"]
    assert shown(client, user=str(zhang.id)) == {"LOG-zhang"}
    # with the other filters, the name filter included (both must hold)
    assert shown(client, user=str(zhang.id), park=str(people["tianxin"].id)) == {"LOG-zhang"}
    assert shown(client, user=str(zhang.id), park=str(people["liling"].id)) == set()
    assert shown(client, user=str(zhang.id), who="张") == {"LOG-zhang"}
    assert shown(client, user=str(zhang.id), who="王") == set()
    html = client.get(f"/admin/audit/?user={zhang.id}&sort=action&dir=asc&page=1"
                      ).get_data(as_text=True)
    # who it is, kept by the form, with a link that clears it and keeps the order
    assert "张伟 (zhangwei)" in html
    assert f'<input type="hidden" name="user" value="{zhang.id}">' in html
    assert '<a href="/admin/audit/?sort=action&amp;dir=asc">清除</a>' in html


@pytest.mark.parametrize("value", ["987654", "abc", "99999999999999999999"])
def test_an_unknown_user_id_is_a_message_and_the_whole_log_shown(client, login, people, value):
    login(people["admin"])
    resp = client.get(f"/admin/audit/?user={value}")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200
    assert 'class="invalid-feedback d-block"' in html
    assert "清除" not in html
    assert shown(client, user=value) == {"LOG-zhang", "LOG-zhangsan", "LOG-percent", "LOG-mixed"}


@pytest.mark.parametrize(("who", "message"), [
    ("张" * 65, "字段长度不能超过 64 个字符。"),
    ("x" * 10_000, "字段长度不能超过 64 个字符。"),
    ("张\x00伟", "请删除其中的控制字符（如制表符、换行符）。"),
    ("张\t伟", "请删除其中的控制字符（如制表符、换行符）。"),
])
def test_bad_text_is_a_message_beside_the_field_and_kept(client, login, people, who, message):
    login(people["admin"])
    resp = client.get("/admin/audit/", query_string={"who": who})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200
    assert f'<div class="invalid-feedback">{message}</div>' in html
    assert 'class="form-control is-invalid" id="who"' in html
    assert who.replace("\x00", "\ufffd")[:64] in html.replace("\x00", "\ufffd")


def test_the_name_filter_is_the_zone_offices_only(client, login, people):
    """Park admins and staff do not see the log (hub.permissions: can_view_audit is the zone
    office's), with or without a name: they cannot look up another park's people through it."""
    for person in (people["zhangsan"], people["zhang"]):
        client.post("/logout")
        login(person)
        for query in ({"who": "张"}, {"who": "王芳"}, {"user": str(people["mixed"].id)}):
            resp = client.get("/admin/audit/", query_string=query)
            assert resp.status_code == 403
            html = resp.get_data(as_text=True)
            assert "LOG-" not in html and "Wang.Fang" not in html and "王芳" not in html
