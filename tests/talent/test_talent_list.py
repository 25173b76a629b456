"""The list: expired listings leave it by themselves; filters; paging; deleted ones for admins."""

from datetime import UTC, date, datetime, timedelta

import time_machine

from hub.talent.models import Education, ListingKind, ListingStatus
from hub.timeutil import utcnow

from .helpers import PARK_A, PARK_B, list_table, today


def shown(client, query: str = "") -> str:
    resp = client.get("/talent/" + query)
    assert resp.status_code == 200
    return list_table(resp.get_data(as_text=True))


def test_expired_listing_leaves_the_default_list(client, login, make_user, make_listing):
    make_listing(title="仍然有效的岗位", expires_on=today())
    make_listing(title="已经过期的岗位", expires_on=today() - timedelta(days=1))
    login(make_user(park=PARK_B))
    page = shown(client)
    assert "仍然有效的岗位" in page
    assert "已经过期的岗位" not in page
    page = shown(client, "?expired=include")
    assert "仍然有效的岗位" in page and "已经过期的岗位" in page
    page = shown(client, "?expired=only")
    assert "已经过期的岗位" in page and "仍然有效的岗位" not in page


def test_expiry_follows_the_local_calendar_day(client, login, make_user, make_listing):
    """Asia/Shanghai is UTC+8: the listing valid until 10 January is gone at local midnight."""
    make_listing(title="一月十日截止", expires_on=date(2030, 1, 10))
    user = make_user(park=PARK_B)
    with time_machine.travel(datetime(2030, 1, 10, 15, 59, tzinfo=UTC), tick=False):  # 23:59
        login(user)
        assert "一月十日截止" in shown(client)
    # 00:01 local on 11 January
    with time_machine.travel(datetime(2030, 1, 10, 16, 1, tzinfo=UTC), tick=False):
        assert "一月十日截止" not in shown(client)
        assert "一月十日截止" in shown(client, "?expired=only")


def test_filters(client, login, make_user, make_listing, make_park):
    make_listing(park=PARK_A, title="电气工程师岗位", field="轨道交通装备",
                 education=Education.BACHELOR)
    make_listing(park=PARK_B, title="陶瓷专家团队", kind=ListingKind.OFFER, field="陶瓷新材料",
                 education=Education.DOCTOR)
    make_listing(park=PARK_B, title="釉料工程师", field="陶瓷", status=ListingStatus.FILLED,
                 education=Education.COLLEGE)
    login(make_user(park=PARK_A))
    everything = shown(client)
    assert all(t in everything for t in ("电气工程师岗位", "陶瓷专家团队", "釉料工程师"))

    page = shown(client, "?kind=offer")
    assert "陶瓷专家团队" in page and "电气工程师岗位" not in page and "釉料工程师" not in page

    park_b = make_park(PARK_B)
    page = shown(client, f"?park={park_b.id}")
    assert "陶瓷专家团队" in page and "釉料工程师" in page and "电气工程师岗位" not in page

    page = shown(client, "?field=陶瓷")
    assert "陶瓷专家团队" in page and "釉料工程师" in page and "电气工程师岗位" not in page

    page = shown(client, "?education=doctor")
    assert "陶瓷专家团队" in page and "釉料工程师" not in page and "电气工程师岗位" not in page

    page = shown(client, "?status=filled")
    assert "釉料工程师" in page and "陶瓷专家团队" not in page

    # nonsense values are ignored, never a 500
    page = shown(client, "?kind=bogus&park=x&education=phd&status=?&expired=never")
    assert "电气工程师岗位" in page


def test_field_filter_treats_percent_literally(client, login, make_user, make_listing):
    make_listing(title="百分比领域", field="100%自动化")
    make_listing(title="普通领域", field="机械")
    login(make_user())
    page = shown(client, "?field=%25")
    assert "百分比领域" in page and "普通领域" not in page


def test_pagination(client, login, make_user, make_listing):
    for n in range(23):
        make_listing(title=f"分页岗位{n:02d}号")
    login(make_user())
    first, second = shown(client), shown(client, "?page=2")
    on_first = [n for n in range(23) if f"分页岗位{n:02d}号" in first]
    on_second = [n for n in range(23) if f"分页岗位{n:02d}号" in second]
    assert len(on_first) == 20 and len(on_second) == 3
    assert not set(on_first) & set(on_second)


def test_deleted_listings_only_for_admins(client, login, make_user, make_listing):
    make_listing(title="已删除的岗位", deleted_at=utcnow())
    make_listing(title="正常的岗位")
    login(make_user(park=PARK_A, role="park_admin"))
    assert "已删除的岗位" not in shown(client)
    assert "已删除的岗位" not in shown(client, "?deleted=only")
    client.post("/logout")
    login(make_user(park="株洲市园区办", role="admin"))
    assert "已删除的岗位" not in shown(client)
    page = shown(client, "?deleted=only")
    assert "已删除的岗位" in page and "正常的岗位" not in page
    page = shown(client, "?deleted=include")
    assert "已删除的岗位" in page and "正常的岗位" in page


def test_list_page_issues_a_bounded_number_of_statements(client, login, make_user, make_listing,
                                                         make_park):
    from sqlalchemy import event

    from hub.extensions import db

    login(make_user(park=PARK_A))
    statements = []

    def count(*args, **kwargs):
        statements.append(1)

    def measure() -> int:
        statements.clear()
        event.listen(db.engine, "before_cursor_execute", count)
        try:
            assert client.get("/talent/").status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
        return len(statements)

    make_listing(park=PARK_A)
    few = measure()
    for n in range(12):
        make_listing(park=f"测试园区第{n}号")
    assert measure() == few


def test_open_listings_come_first_then_the_newest(client, login, make_user, make_listing):
    now = utcnow()
    make_listing(title="较早开放的岗位", created_at=now - timedelta(days=3))
    make_listing(title="最新但已满足", status=ListingStatus.FILLED, created_at=now)
    make_listing(title="最新开放的岗位", created_at=now - timedelta(days=1))
    make_listing(title="已关闭的岗位", status=ListingStatus.CLOSED,
                 created_at=now - timedelta(days=2))
    login(make_user(park=PARK_B))
    page = shown(client)
    order = ["最新开放的岗位", "较早开放的岗位", "最新但已满足", "已关闭的岗位"]
    assert sorted(order, key=page.index) == order


def test_rows_show_translated_kind_status_and_education(client, login, make_user, make_listing):
    make_listing(title="陶瓷专家团队", kind=ListingKind.OFFER, status=ListingStatus.FILLED,
                 education=Education.DOCTOR)
    make_listing(title="电气工程师岗位")
    login(make_user(park=PARK_B))
    rows = {("陶瓷专家团队" if "陶瓷专家团队" in row else "电气工程师岗位"): row
            for row in shown(client).split("<tr")[2:]}
    assert all(label in rows["陶瓷专家团队"] for label in ("人才推荐", "已满足", "博士"))
    assert all(label in rows["电气工程师岗位"] for label in ("岗位需求", "开放", "本科"))
    assert "人才推荐" not in rows["电气工程师岗位"] and "岗位需求" not in rows["陶瓷专家团队"]
