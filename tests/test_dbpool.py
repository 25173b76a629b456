"""hub.dbpool on a real PostgreSQL: reads run without a transaction, the first write opens one
that still commits or rolls back as a whole, and idle connections are checked before use."""

import itertools

import pytest
from sqlalchemy import create_engine, event, select, text

from hub.dbpool import needs_transaction
from hub.extensions import db
from hub.parks.models import Park


@pytest.fixture
def pg(app, backend):
    if backend != "postgresql":
        pytest.skip("PostgreSQL only: SQLite's driver opens no transaction for reads anyway")
    return app


@pytest.fixture
def statements(pg):
    """(statement start, a transaction open after it) for each statement the app runs."""
    seen = []

    def after(conn, cursor, statement, parameters, context, executemany):
        in_transaction = cursor.connection.info.transaction_status != 0
        seen.append((statement.lstrip()[:12].upper(), in_transaction))

    event.listen(db.engine, "after_cursor_execute", after)
    yield seen
    event.remove(db.engine, "after_cursor_execute", after)


def park_names(app) -> set[str]:
    engine = create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
    try:
        with engine.connect() as conn:
            return set(conn.execute(text("SELECT name FROM park")).scalars())
    finally:
        engine.dispose()


@pytest.mark.parametrize("statement, expected", [
    ("SELECT id FROM park", False),
    ("  select 1", False),
    ("SELECT id FROM outbox WHERE state = 'x' FOR UPDATE SKIP LOCKED", True),
    ("SELECT id FROM park FOR SHARE", True),
    ("SELECT nextval('park_id_seq')", True),
    ("INSERT INTO park (name) VALUES ('x')", True),
    ("WITH moved AS (UPDATE park SET name = 'y' RETURNING id) SELECT * FROM moved", True),
    ("SAVEPOINT sa_savepoint_1", True),
    ("DO $x$ BEGIN END $x$", True),
])
def test_which_statements_need_a_transaction(statement, expected):
    assert needs_transaction(statement) is expected


def test_signed_in_page_runs_its_reads_without_a_transaction(pg, client, login, make_user,
                                                             statements):
    user = make_user(username="reader")
    login(user.username)
    statements.clear()
    assert client.get("/notices/").status_code == 200
    assert statements, "the page ran no statement"
    assert all(not in_transaction for _, in_transaction in statements), statements


def test_first_write_opens_a_transaction_that_rolls_back_as_a_whole(pg, make_park, statements):
    make_park(name="已有园区")
    db.session.commit()
    statements.clear()
    db.session.execute(select(Park.id)).all()  # a read: no transaction yet
    db.session.add(Park(name="回滚园区甲", short_name="甲"))
    db.session.flush()  # the write: now in a transaction
    db.session.add(Park(name="回滚园区乙", short_name="乙"))
    db.session.flush()
    assert statements[0][0].startswith("SELECT") and statements[0][1] is False
    assert all(in_transaction for _, in_transaction in statements[1:])
    assert "回滚园区甲" not in park_names(pg)  # not committed: invisible to others
    db.session.rollback()
    assert park_names(pg) >= {"已有园区"}
    assert not park_names(pg) & {"回滚园区甲", "回滚园区乙"}


def test_commit_after_a_write_is_seen_by_others(pg):
    db.session.add(Park(name="提交园区", short_name="提交"))
    db.session.commit()
    assert "提交园区" in park_names(pg)


def test_locking_read_holds_its_lock_until_commit(pg, make_park, statements):
    park = make_park(name="加锁园区")
    db.session.commit()
    statements.clear()
    db.session.execute(select(Park).where(Park.id == park.id).with_for_update()).one()
    assert statements[-1][1] is True  # the lock lives in an open transaction
    engine = create_engine(pg.config["SQLALCHEMY_DATABASE_URI"])
    try:
        with engine.connect() as conn:
            conn.execute(text("SET lock_timeout = '200ms'"))
            with pytest.raises(Exception, match="lock"):
                conn.execute(text("SELECT id FROM park WHERE id = :id FOR UPDATE NOWAIT"),
                             {"id": park.id})
    finally:
        engine.dispose()
    db.session.rollback()


def _backend_pid() -> int:
    return db.session.execute(text("SELECT pg_backend_pid()")).scalar_one()


def _terminate(app, pid: int) -> None:
    engine = create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            conn.commit()
    finally:
        engine.dispose()


def test_connection_idle_past_the_limit_is_checked_and_replaced(pg, monkeypatch):
    clock = itertools.count(step=3600)  # every reading an hour after the last: all idle long
    monkeypatch.setattr("hub.dbpool.time.monotonic", lambda: next(clock))
    pid = _backend_pid()
    db.session.remove()  # back to the pool
    _terminate(pg, pid)
    assert _backend_pid() != pid  # the dead connection was found at checkout and replaced
    db.session.remove()
    # the check opened no transaction: a connection asked for autocommit (the mail sender's)
    # can still be switched, and reads run outside a transaction
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("SELECT 1"))
    with db.engine.connect() as conn:
        conn.execute(text("SELECT 1"))
        assert conn.connection.dbapi_connection.info.transaction_status == 0


def test_connection_cut_within_the_limit_fails_once_then_recovers(pg):
    """The documented limit: no ping for a connection used a moment ago."""
    pid = _backend_pid()
    db.session.remove()
    _terminate(pg, pid)
    with pytest.raises(Exception, match=r"terminat|closed|connection"):
        _backend_pid()
    db.session.remove()
    assert _backend_pid() != pid
