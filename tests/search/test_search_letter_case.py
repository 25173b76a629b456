"""Latin letters in a search of 1–2 character terms (only the latest rows tested) match in either
case, in every spelling: on PostgreSQL a term whose letters are ASCII is searched in lower case
in the text with those letters folded, any other as a case-insensitive regular expression."""

import pytest
from sqlalchemy import event

from hub.extensions import db
from hub.search import services


@pytest.mark.parametrize(("q", "hits", "misses"), [
    ("ai", ["Ai芯片专项", "产业aI融合", "AI园区", "应用ai试点"], ["a i 分开", "ａｉ全角", "áí"]),
    ("AI", ["Ai芯片专项", "产业aI融合", "AI园区", "应用ai试点"], ["a i 分开", "ａｉ全角"]),
    ("5g", ["5G基站建设", "5g网络覆盖", "共建5G5g"], ["5 G 分开", "5Ｇ全角", "G5倒序"]),
    ("5G", ["5G基站建设", "5g网络覆盖"], ["5 G 分开", "5Ｇ全角"]),
    ("g", ["G60科创走廊", "g类用地"], ["Ｇ全角", "无字母"]),
    ("Q", ["Q1季度", "q值"], ["Ｑ全角", "无字母"]),
    ("k", ["K线", "k值"], ["\u212a线（开尔文符号）"]),
    ("zzgx 园", ["ZZGX园", "园zZgX", "园zzgx"], ["ZZ GX园", "ZZGX"]),
    ("%a", ["100%A类", "5%a"], ["100%B", "100A"]),
    ("a\\", ["路径A\\文件", "a\\b"], ["路径a文件", "a/b"]),
    ("x2 补助", ["X2类补助", "补助x2批次"], ["X 2补助", "x2 奖励"]),
    ("补助 Z", ["补助Z类", "z补助"], ["补助", "Ｚ补助"]),
])
def test_a_short_latin_term_finds_every_spelling(q, hits, misses, make_notice, staff, found):
    found_ids = [make_notice(title).id for title in hits]
    for title in misses:
        make_notice(title)
    assert found(staff("A"), q, "notice") == sorted(found_ids)


def test_a_short_latin_term_matches_in_any_column(make_notice, make_case, staff, found):
    in_body = make_notice("通知", "附件：5G基站选址清单")
    in_holder = make_case(holder="株洲5g科技公司")
    in_code = make_case(parcel_code="ZZ-5G-01")
    make_notice("通知", "附件：5 G")
    make_case(holder="株洲科技公司", description="5Ｇ")
    user = staff("A")
    assert found(user, "5g", "notice") == [in_body.id]
    assert found(user, "5g", "case") == sorted([in_holder.id, in_code.id])


def test_postgresql_binds_the_letters_one_statement_per_shape(app, make_notice, staff):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only")
    make_notice("5G基站 AI园区", "Q7批次 资金 XQ")
    user = staff("A")
    seen: list[str] = []

    def record(*args, **kwargs):
        seen.append(args[2])

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        for q in ("5g", "q7", "ai", "xq"):
            assert services.search(user, q, kinds=["notice"]).total == 1, q
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    five, q7, ai, xq = [s for s in seen if "notice_latest" in s]
    assert five == q7 and ai == xq  # one statement (and plan) for every term of a shape
    for statement in (five, ai):
        assert not any(t in statement for t in ("'5g'", "'%5g%'", "'ai'", "'%ai%'"))
        assert "textregexeq" not in statement and "~*" not in statement  # no regex
