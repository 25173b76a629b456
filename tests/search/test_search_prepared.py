"""A PostgreSQL connection keeps at most hub.search.prepared.PREPARED_TEXTS searches prepared.
Each search of 3+ character terms is a SQL text of its own, and a prepared one holds ~1.3 MB of
server memory on its connection: left to psycopg, a connection would keep up to 100 of them."""

import pytest

from hub.extensions import db
from hub.search import prepared, services


def test_a_text_is_prepared_at_its_sixth_run_while_there_is_room(monkeypatch):
    monkeypatch.setattr(prepared, "PREPARED_TEXTS", 2)
    info: dict = {}
    runs = [prepared.should_prepare(info, "a") for _ in range(7)]
    assert runs == [False] * 5 + [True, True]
    assert [prepared.should_prepare(info, "b") for _ in range(6)][-1] is True
    # the connection holds two: a third text runs unprepared however often it comes
    assert not any(prepared.should_prepare(info, "c") for _ in range(20))
    assert prepared.should_prepare(info, "a") and prepared.should_prepare(info, "b")


def test_a_connection_keeps_a_bounded_number_of_searches_prepared(app, staff, make_notice,
                                                                  monkeypatch):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only: SQLite has no prepared statements on the server")
    monkeypatch.setattr(prepared, "PREPARED_TEXTS", 2)
    user = staff("A")
    terms = ["新能源汽车", "人才公寓", "产业园区"]
    for term in terms:
        make_notice(title=f"关于{term}的通知")
    db.session.commit()
    connection = db.session.connection()  # the searches below run on this connection
    connection.exec_driver_sql("DEALLOCATE ALL")  # what earlier tests left on it (the app
    for key in ("search_prepared", "search_runs"):  # and its connections live through the run)
        connection.connection.info.pop(key, None)
    found = {}
    for term in terms:
        for _ in range(7):
            results = services.search(user, term, max_matches=50, limit=5)
            hits = [hit.id for group in results.groups for hit in group.hits]
            assert found.setdefault(term, hits) == hits  # prepared or not, the same results
            assert hits
    statements = connection.exec_driver_sql(
        "SELECT statement FROM pg_prepared_statements").scalars().all()
    held = [term for term in terms if any(term in text for text in statements)]
    assert held == terms[:2]
