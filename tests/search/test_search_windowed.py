"""Searches with a term of 1–2 characters (only the latest rows tested): every term matches as in
any other search, and on PostgreSQL the statement is planned once per connection (a generic plan,
the terms bound) while the connection's own setting is kept for everything else."""

import pytest
from sqlalchemy import event, text

from hub.extensions import db
from hub.search import services


@pytest.mark.parametrize(("q", "title"), [
    ("补贴 100%", "补贴比例100%到位"), ("编号 a_b", "编号a_b说明"),
    ("补贴 (试行)", "补贴办法(试行)"), ("编号 OR", "编号ORACLE"),
    ("编号 Or", "编号ORACLE"), ("编号 x.2", "编号X.2版"),
])
def test_longer_terms_beside_a_short_one_match_literally(q, title, make_notice, staff, found):
    hit = make_notice(title)
    make_notice("补贴比例1000到位 编号ab 编号a-b 试行 编号xa2")  # near misses
    assert found(staff("A"), q, "notice") == [hit.id]


def test_latin_terms_beside_a_short_one_ignore_case(make_case, staff, found):
    code = make_case(parcel_code="ZZGX-2022-017", holder="株洲公司")
    make_case(parcel_code="AB-1", holder="株洲 zxy公司")
    user = staff("A")
    for q in ("株洲 zzgx-2022", "株洲 ZzGx", "zz 株洲公司", "Zz 2022"):
        assert found(user, q, "case") == [code.id], q
    for q in ("株洲 z.", "株洲 (?i)zz", "株洲 x_2"):
        assert found(user, q, "case") == [], q


def _postgresql_only():
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only")


def _statements(run) -> list[str]:
    seen = []

    def record(*args, **kwargs):
        seen.append(args[2])

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        run()
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return seen


def test_postgresql_binds_the_terms_of_a_windowed_search(app, make_notice, staff):
    _postgresql_only()
    make_notice("资金补助政策")
    user = staff("A")
    assert user.park_id
    first = _statements(lambda: services.search(user, "资金"))
    second = _statements(lambda: services.search(user, "补助 政策'的"))
    assert len(first) == 1 and "资金" not in first[0] and "%(text0)s" in first[0]
    assert "补助" not in second[0] and "政策" not in second[0]
    assert " LIKE " not in first[0] and "~*" not in first[0]  # nothing an index could claim
    long_terms = _statements(lambda: services.search(user, "资金补助"))
    assert "%资金补助%" in long_terms[0]  # 3+ characters only: planned for its own text


def _prepared(like: str) -> dict[str, tuple[int, int]]:
    """This connection's prepared statements (psycopg's) whose SQL is LIKE `like`: their
    (generic, custom) plan counts."""
    rows = db.session.execute(text(
        "SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements "
        "WHERE statement LIKE :like"), {"like": like})
    return {statement: (generic, custom) for statement, generic, custom in rows}


def test_postgresql_plans_a_search_once_per_text_and_keeps_the_setting(app, make_notice, staff):
    _postgresql_only()
    make_notice("资金补助政策", "环保")
    user = staff("A")
    assert user.park_id
    setting = "force_custom_plan"  # the app's connections (hub.config)
    assert db.session.execute(text("SHOW plan_cache_mode")).scalar_one() == setting
    before = _prepared("%notice_latest%")
    for term in ("资金", "补助", "环保", "政策", "资金", "补助", "环保"):
        assert services.search(user, term).total == 1, term
    assert db.session.execute(text("SHOW plan_cache_mode")).scalar_one() == setting
    after = _prepared("%notice_latest%")
    # one statement for every two-character term, prepared by psycopg at its sixth run
    (new,) = [s for s, counts in after.items() if counts != before.get(s)]
    assert after[new][0] >= 1 and after[new][1] == 0, after[new]
    before = {term: _prepared(f"%{term}%notice_found%") for term in ("资金补助", "补助政策")}
    for _ in range(7):
        assert services.search(user, "资金补助").total == 1
        assert services.search(user, "补助政策").total == 1
    # 3+ characters: a statement (and plan) per text, the constants in it, the user's bound
    for term in ("资金补助", "补助政策"):
        after = _prepared(f"%{term}%notice_found%")
        (statement,) = [s for s, counts in after.items() if counts != before[term].get(s)]
        generic, custom = after[statement]
        assert generic >= 1 and custom == 0
        assert "$1" in statement and " LIMIT 501" in statement  # cap(kind) + 1


def _driver():
    return db.session.connection().connection.driver_connection


@pytest.mark.parametrize("fails", [False, True])
def test_postgresql_search_out_of_a_transaction_leaves_none(app, make_notice, staff, monkeypatch,
                                                            fails):
    """A read-only request runs in autocommit (hub.dbpool): the search's own transaction (its
    SET LOCAL) ends with it, also when its statement fails."""
    _postgresql_only()
    from psycopg.pq import TransactionStatus

    make_notice("资金补助政策")
    user = staff("A")
    assert user.park_id
    db.session.commit()  # the next statement checks a connection out: autocommit, no transaction
    assert _driver().info.transaction_status == TransactionStatus.IDLE
    if fails:
        execute = db.session.execute

        def fail(statement, *args, **kwargs):
            if "notice_latest" in str(statement):
                execute(text("SELECT 1/0"))  # a failed statement: the transaction in error
            return execute(statement, *args, **kwargs)

        monkeypatch.setattr(db.session, "execute", fail)
        with pytest.raises(Exception, match="division by zero"):
            services.search(user, "资金")
        monkeypatch.undo()
    else:
        assert services.search(user, "资金").total == 1
    assert _driver().info.transaction_status == TransactionStatus.IDLE
    assert _driver().autocommit
    assert db.session.execute(text("SHOW plan_cache_mode")).scalar_one() == "force_custom_plan"


def test_postgresql_search_inside_a_transaction_puts_the_setting_back(app, make_notice, staff):
    _postgresql_only()
    from psycopg.pq import TransactionStatus

    make_notice("资金补助政策")
    user = staff("A")
    assert user.park_id
    db.session.execute(text("SELECT 1 FOR UPDATE"))  # as a write does: the request's transaction
    assert _driver().info.transaction_status == TransactionStatus.INTRANS
    assert services.search(user, "资金补助").total == 1
    assert _driver().info.transaction_status == TransactionStatus.INTRANS  # still the request's
    assert db.session.execute(text("SHOW plan_cache_mode")).scalar_one() == "force_custom_plan"


@pytest.mark.parametrize("q", ["nextval(", "set_config(", "pg_advisory_xact", "资金 nextval("])
def test_terms_that_read_like_locking_sql_are_searched(q, make_notice, staff, found):
    """A 3+ character search's text is in its SQL (PostgreSQL), which hub.dbpool reads for
    locking statements (it would switch the connection out of autocommit, which psycopg refuses
    inside the search's own transaction): such terms never read as those markers there."""
    hit = make_notice(f"资金 {q}说明")
    make_notice("资金 说明")
    assert found(staff("A"), q, "notice") == [hit.id]
