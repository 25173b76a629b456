"""The search service: Chinese terms of every length, codes, visibility, index upkeep, odd input."""

from datetime import timedelta

import pytest
from sqlalchemy import event

from hub import permissions as perm
from hub.extensions import db
from hub.land.models import LandCase
from hub.notices.models import Notice
from hub.search import services
from hub.timeutil import utcnow

TEXT = "本园区关于资金补助政策的实施细则"
QUERIES = ["资", "资金", "资金补助", "补助政策", "资金补助政策"]  # 1, 2, 3+ characters


# --- Chinese text of 1, 2 and 3+ characters, in every searched column --------------------------
@pytest.mark.parametrize("column", ["title", "body"])
def test_notice_found_by_chinese_text(column, make_notice, staff, found):
    hit = make_notice(**{"title": "通知", column: TEXT})
    make_notice("环保平台建设通知", "污水处理")
    user = staff("A")
    for q in QUERIES:
        assert found(user, q, "notice") == [hit.id], q


@pytest.mark.parametrize("column", ["location", "holder", "description"])
def test_case_found_by_chinese_text(column, make_case, staff, found):
    hit = make_case(**{column: TEXT})
    make_case(location="栗雨街道", holder="株洲某公司", description="闲置两年")
    user = staff("B")
    for q in QUERIES:
        assert found(user, q, "case") == [hit.id], q


@pytest.mark.parametrize("column", ["title", "description", "enterprise", "field"])
def test_listing_found_by_chinese_text(column, make_listing, staff, found):
    hit = make_listing(**{column: TEXT})
    make_listing("轨道交通工程师", description="博士优先", enterprise="中车", field="轨道交通")
    user = staff("B")
    for q in QUERIES:
        assert found(user, q, "talent") == [hit.id], q


def test_mixed_ascii_parcel_codes(make_case, staff, found):
    target = make_case(parcel_code="ZZGX-2022-017", location="天元区")
    other = make_case(parcel_code="ZZGX-2021-003", location="天元区")
    user = staff("A")
    assert found(user, "ZZGX-2022", "case") == [target.id]
    assert found(user, "zzgx-2022", "case") == [target.id]  # case does not matter
    assert found(user, "2022-017", "case") == [target.id]
    assert found(user, "ZZGX", "case") == sorted([target.id, other.id])
    assert found(user, "ZZGX-2023", "case") == []


def test_every_term_must_occur(make_notice, make_case, staff, found):
    both = make_notice("资金补助通知", "地块 ZZGX-2022-017")
    make_notice("资金补助通知", "别的内容")
    make_notice("地块通知", "ZZGX-2022-017")
    user = staff("A")
    assert found(user, "资金 ZZGX-2022", "notice") == [both.id]
    assert found(user, "资金补助　地块", "notice") == [both.id]  # ideographic space too


def test_every_kind_in_one_search(make_notice, make_case, make_listing, staff):
    n = make_notice("荣誉共享政策", "")
    c = make_case(holder="荣誉科技有限公司")
    t = make_listing("荣誉顾问")
    results = services.search(staff("B"), "荣誉")
    assert [(g.kind, g.total, [h.id for h in g.hits]) for g in results.groups] == [
        ("notice", 1, [n.id]), ("case", 1, [c.id]), ("talent", 1, [t.id]),
        ("meeting", 0, []), ("minutes", 0, []), ("action", 0, [])]
    assert results.total == 3


# --- visibility: the rules of hub.permissions, in SQL -------------------------------------------
def test_draft_notice_stays_in_its_park(make_notice, staff, admin, found):
    draft = make_notice("资金补助草稿", park_="B", status="draft")
    assert found(staff("A"), "资金补助", "notice") == []
    assert found(staff("A"), "资金", "notice") == []  # the LIKE path filters too
    assert found(staff("B"), "资金补助", "notice") == [draft.id]
    assert found(admin, "资金补助", "notice") == [draft.id]
    (hit,) = services.search(admin, "资金补助").groups[0].hits
    assert (hit.status, hit.date) == ("draft", db.session.get(Notice, draft.id).updated_at)


def test_withdrawn_notice_stays_in_its_park(make_notice, staff, admin, found):
    withdrawn = make_notice("资金补助已撤回", park_="B", status="withdrawn")
    assert found(staff("A"), "资金补助", "notice") == []
    assert found(staff("B"), "资金补助", "notice") == [withdrawn.id]
    assert found(admin, "资金", "notice") == [withdrawn.id]


def test_each_search_its_own_terms_and_user(make_notice, staff, found):
    """The statement of a search shape is built once and reused: the terms, the user and the
    user's park of each search are its own."""
    a = make_notice("资金补助草稿", "关于资金", park_="A", status="draft")
    b = make_notice("环保平台草稿", "关于环保", park_="B", status="draft")
    for q, term in (("资金补助", "环保平台"), ("资金", "环保")):  # 3+ and 2 characters
        assert found(staff("A"), q, "notice") == [a.id]
        assert found(staff("B"), q, "notice") == []
        assert found(staff("B"), term, "notice") == [b.id]
        assert found(staff("A"), term, "notice") == []


def test_notice_published_to_chosen_parks(make_notice, staff, admin, found):
    notice = make_notice("资金补助政策", park_="D", audience=["B", "C"])
    assert found(staff("A"), "资金补助", "notice") == []
    assert found(staff("A"), "资", "notice") == []
    for reader in (staff("B"), staff("C"), staff("D"), admin):
        assert found(reader, "资金补助", "notice") == [notice.id]


def test_deleted_items_only_for_admins(make_notice, make_case, make_listing, staff, admin,
                                       found):
    n = make_notice("资金补助政策", park_="A", deleted=True)
    c = make_case(description="资金补助政策", park_="A", deleted=True)
    t = make_listing("资金补助政策", park_="A", deleted=True)
    park_admin = staff("A", role="park_admin")
    for kind in ("notice", "case", "talent"):
        for q in ("资金补助", "资金"):
            assert found(staff("A"), q, kind) == []  # not even for the owning park
            assert found(park_admin, q, kind) == []
    assert found(admin, "资金补助", "notice") == [n.id]
    assert found(admin, "资金", "case") == [c.id]
    assert found(admin, "资金补助", "talent") == [t.id]
    (hit,) = services.search(admin, "资金", kinds=["case"]).groups[0].hits
    assert hit.deleted


def test_results_match_can_view_notice_for_every_user(make_notice, staff, admin):
    notices = [
        make_notice("共享通知 草稿", park_="A", status="draft"),
        make_notice("共享通知 全部园区", park_="A"),
        make_notice("共享通知 发给B", park_="A", audience=["B"]),
        make_notice("共享通知 B的草稿", park_="B", status="draft"),
        make_notice("共享通知 B撤回", park_="B", status="withdrawn", audience=["A"]),
        make_notice("共享通知 B发给A和C", park_="B", audience=["A", "C"]),
        make_notice("共享通知 C发给C", park_="C", audience=["C"]),
        make_notice("共享通知 已删除", park_="C", deleted=True),
    ]
    users = [staff("A"), staff("B"), staff("C", role="park_admin"), staff("D"), admin]
    for user in users:
        for q in ("共享通知", "共"):  # on SQLite: the FTS5 path and the LIKE path
            expected = {n.id for n in notices if perm.can_view_notice(user, n)}
            got = {h.id for h in services.search(user, q, kinds=["notice"]).groups[0].hits}
            assert got == expected, (user.park.short_name, user.role, q)


def test_limit_applies_after_visibility(make_notice, staff):
    for i in range(25):
        make_notice(f"资金补助草稿{i}", park_="B", status="draft")
    visible = make_notice("资金补助政策", park_="A")
    (group,) = services.search(staff("A"), "资金补助", kinds=["notice"], limit=20).groups
    assert group.total == 1
    assert [h.id for h in group.hits] == [visible.id]


def test_anonymous_finds_nothing(make_notice):
    from flask_login import AnonymousUserMixin

    make_notice("资金补助政策")
    assert services.search(AnonymousUserMixin(), "资金补助").groups == []


# --- the index follows the data -----------------------------------------------------------------
def test_index_follows_updates_and_deletes(make_notice, make_case, make_listing, staff, found):
    user = staff("A")
    notice = make_notice("旧标题政策", "正文")
    notice.title = "新名称通知"
    db.session.commit()
    assert found(user, "新名称", "notice") == [notice.id]
    assert found(user, "旧标题", "notice") == []
    assert found(user, "旧", "notice") == []

    case = make_case(holder="甲公司有限", description="闲置土地")
    case.description = "已经盘活利用"
    db.session.commit()
    assert found(user, "盘活利用", "case") == [case.id]
    assert found(user, "闲置土地", "case") == []
    assert found(user, "甲公司", "case") == [case.id]  # untouched columns stay indexed

    listing = make_listing("机械工程师", enterprise="乙集团")
    listing.enterprise = "丙集团公司"
    db.session.commit()
    assert found(user, "丙集团", "talent") == [listing.id]
    assert found(user, "乙集团", "talent") == []

    db.session.delete(listing)
    db.session.delete(case)
    db.session.commit()
    assert found(user, "丙集团", "talent") == []
    assert found(user, "甲公司", "case") == []


def test_soft_delete_and_restore(make_case, staff, found):
    case = make_case(description="批而未供土地")
    user = staff("B")
    case.deleted_at = utcnow()
    db.session.commit()
    assert found(user, "批而未供", "case") == []
    case.deleted_at = None
    db.session.commit()
    assert found(user, "批而未供", "case") == [case.id]
    assert db.session.get(LandCase, case.id) is not None


# --- odd input ----------------------------------------------------------------------------------
SPECIAL = ['"', '""', "'", "%", "_", "%%", "__", "*", "资*", "(", ")", "()", "(资金", "OR", "or",
           "AND", "NOT", "NEAR", "资金 OR 环保", 'x" OR "y', "title:资金", "^资金", "\\",
           "\\%", "a'b", "资金;", "资金--", "NEAR(资金 环保)", "{title}: 环保"]


def test_special_characters_neither_crash_nor_match_everything(make_notice, make_case,
                                                               make_listing, staff):
    make_notice("资金补助政策", "污水 环保")
    make_notice("环保平台", "大气监测")
    make_case(parcel_code="ZZGX-2022-017", holder="株洲公司", description="闲置")
    make_listing("工程师", enterprise="中车", field="轨道交通")
    user = staff("A")
    assert services.search(user, "环保").total == 2  # the data is searchable
    for q in SPECIAL:
        results = services.search(user, q)
        assert results.total == 0, (q, [(g.kind, [str(h.title) for h in g.hits])
                                         for g in results.groups])


@pytest.mark.parametrize(("q", "title"), [
    ("100%", "补贴比例100%到位"), ("a_b", "编号a_b说明"), ('"引号"', '关于"引号"的说明'),
    ("(试行)", "管理办法(试行)"), ("OR", "ORACLE 数据库"),
])
def test_special_characters_are_searched_literally(q, title, make_notice, staff, found):
    hit = make_notice(title)
    make_notice("补贴比例1000到位 ab a-b 引号 试行 数据库")  # near misses
    assert found(staff("A"), q, "notice") == [hit.id]


def test_long_query_is_cut_not_refused(make_notice, staff):
    make_notice("资金补助政策")
    results = services.search(staff("A"), "资金补助" * 200)
    assert results.total == 0
    assert len(results.query) <= services.MAX_QUERY_LENGTH


def test_blank_query_searches_nothing(make_notice, staff):
    make_notice("资金补助政策")
    assert services.search(staff("A"), "   ").groups == []
    assert services.search(staff("A"), None).groups == []


def test_one_statement_for_all_kinds(make_notice, make_case, make_listing, staff):
    for i in range(5):
        make_notice(f"资金补助{i}", park_="B", audience=["A", "C"])
        make_case(description=f"资金补助{i}")
        make_listing(f"资金补助{i}")
    user = staff("A")
    assert user.park_id and user.role  # loaded before counting
    statements = []

    def count(*args, **kwargs):
        statements.append(args[2])

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        results = services.search(user, "资金补助")
        assert results.total == 15
        for group in results.groups:  # building the hits loads nothing more
            for hit in group.hits:
                str(hit.title), str(hit.snippet), hit.park
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert len(statements) == 1, statements


def test_hits_carry_link_park_and_date(make_notice, staff):
    notice = make_notice("资金补助政策", park_="B")
    (hit,) = services.search(staff("A"), "资金补助", kinds=["notice"]).groups[0].hits
    assert (hit.endpoint, hit.url_args) == ("notices.detail", {"notice_id": notice.id})
    assert hit.park == "B"
    assert hit.date == db.session.get(Notice, notice.id).published_at


# --- ranking, the cap, the window of short terms ------------------------------------------------
def hit_ids(user, q, kind, **kwargs) -> list[int]:
    """The ids of `kind` in the order the user sees them."""
    (group,) = services.search(user, q, kinds=[kind], **kwargs).groups
    return [hit.id for hit in group.hits]


def test_title_matches_first_then_the_newest(make_notice, staff):
    old_title = make_notice("资金补助政策", "正文")
    old_body = make_notice("通知", "关于资金补助的说明")
    new_title = make_notice("资金补助办法", "正文")
    new_body = make_notice("通知二", "资金补助另行通知")
    user = staff("A")
    expected = [new_title.id, old_title.id, new_body.id, old_body.id]
    assert hit_ids(user, "资金补助", "notice") == expected
    assert hit_ids(user, "资金", "notice") == expected  # 2 characters: the same order
    assert hit_ids(user, "补助", "notice", limit=2, offset=2) == expected[2:]


def test_more_matches_than_the_cap_count_as_the_newest(monkeypatch, make_listing, staff):
    monkeypatch.setattr(services, "MAX_MATCHES", 3)
    listings = [make_listing(f"人才引进岗位{i}") for i in range(5)]
    make_listing("别的岗位")
    (group,) = services.search(staff("A"), "人才引进", kinds=["talent"]).groups
    assert (group.total, group.capped) == (3, True)
    assert [h.id for h in group.hits] == [t.id for t in reversed(listings[2:])]
    (group,) = services.search(staff("A"), "岗位4", kinds=["talent"]).groups
    assert (group.total, group.capped) == (1, False)


def test_short_terms_cap_at_the_latest_created(monkeypatch, make_listing, staff):
    monkeypatch.setattr(services, "MAX_MATCHES", 2)
    listings = [make_listing(f"人才岗位{i}") for i in range(4)]
    listings[0].updated_at = listings[0].updated_at + timedelta(days=1)  # edited later
    db.session.commit()
    (group,) = services.search(staff("A"), "人才", kinds=["talent"]).groups
    assert (group.total, group.capped) == (2, True)
    # a 1–2 character term takes the latest created (the scan stops there), not the latest edited
    assert sorted(h.id for h in group.hits) == [listings[2].id, listings[3].id]
    (group,) = services.search(staff("A"), "人才岗", kinds=["talent"]).groups
    assert listings[0].id in [h.id for h in group.hits]  # 3+ characters: the latest edited


def test_a_page_past_the_end_still_counts(make_case, staff):
    for i in range(3):
        make_case(description=f"闲置土地{i}")
    (group,) = services.search(staff("A"), "闲置土地", kinds=["case"], limit=2, offset=4).groups
    assert (group.total, group.hits) == (3, [])


def test_short_terms_search_only_the_latest_rows(monkeypatch, make_notice, staff, found):
    monkeypatch.setattr(services, "SHORT_TERM_ROWS", 2)
    old = make_notice("资金补助政策")
    make_notice("环保平台", "大气监测")
    latest = make_notice("人才公寓", "资金补助")
    user = staff("A")
    assert found(user, "资金", "notice") == [latest.id]  # the oldest is not among the 2 latest
    assert found(user, "资金补助", "notice") == sorted([old.id, latest.id])  # 3+: every row
    assert found(user, "资金 补助政策", "notice") == []  # any short term limits the search


# --- Latin letters: any case, but literally -----------------------------------------------------
def test_latin_terms_ignore_case_and_mean_only_themselves(make_case, make_listing, staff, found):
    code = make_case(parcel_code="ZZGX-2022-017")
    make_case(parcel_code="AB-1", holder="zxy公司")
    cpp = make_listing("C++ 工程师")
    make_listing("C 语言工程师", description="c+ c.")
    user = staff("A")
    for q in ("zz", "Zz", "ZZ", "x-2", "zzgx-2022"):
        assert found(user, q, "case") == [code.id], q
    for q in ("z.", "z*", "x.2", "Z+", "z%", "x_2", "(?i)zz"):  # no pattern: the text itself
        assert found(user, q, "case") == [], q
    for q in ("c++", "C++", "++"):
        assert found(user, q, "talent") == [cpp.id], q


def test_nul_in_the_query_separates_terms(make_notice, staff, found):
    notice = make_notice("资金补助政策", "环保平台")
    assert found(staff("A"), "资金\x00环保", "notice") == [notice.id]
    assert services.search(staff("A"), "\x00").groups == []


def test_postgresql_plans_each_search_for_its_own_text(app, make_notice, staff):
    """On PostgreSQL the search text is in the SQL, not a bound parameter: one SQL for every
    search would be prepared by psycopg and then planned once for every term (a generic plan,
    blind to how common the term is)."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only")
    make_notice("资金补助政策")
    user = staff("A")
    assert user.park_id
    statements = []

    def record(*args, **kwargs):
        statements.append(args[2])

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        services.search(user, "资金补助 补助'政策")
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert "%资金补助%" in statements[0]
    assert "%补助''政策%" in statements[0]  # escaped by SQLAlchemy
