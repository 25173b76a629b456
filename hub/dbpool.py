"""What a request pays the database before its page does anything (PostgreSQL).

Two round trips of every request are dropped here, without changing what a transaction means:

- **No empty transactions for reads.** A connection leaves the pool in autocommit mode, so a
  plain ``SELECT`` runs without ``BEGIN`` before it and ``ROLLBACK`` after the request. The
  first statement that is not a plain read — INSERT/UPDATE/DELETE, a ``SELECT … FOR UPDATE``,
  a SAVEPOINT, anything but ``SELECT`` — switches the connection out of autocommit first, so it
  and everything after it run in one transaction that commits or rolls back as before. Under
  PostgreSQL's READ COMMITTED (the level the app runs at) each statement takes its own snapshot
  inside a transaction too, so the reads before the first write see exactly what they saw when
  they were in the transaction. Connections asked for ``isolation_level="AUTOCOMMIT"``
  explicitly (the mail sender's settling connection) are left as they are.
- **No ping per checkout.** ``pool_pre_ping`` sent an empty query on every checkout. A
  connection is now pinged only when it sat in the pool longer than ``HUB_DB_PING_IDLE``
  seconds (default 10) — where a server restart or an idle timeout can have closed it; a dead
  one is replaced before the request uses it. Limit: a connection used within that window and
  then cut (the server restarted a moment ago) fails its request once; SQLAlchemy then
  invalidates the whole pool, so the next request gets fresh connections.

SQLite is left alone: its driver opens no transaction for reads and has no server to lose.
Measured (bench/results/2026-12-06-floor.md): 4 round trips → 1 for a signed-in request.
"""

import time

from sqlalchemy import event, exc

#: what may run before a transaction is needed: statements starting with SELECT without a lock
#: clause or a function that only lasts for a transaction
_LOCKING = (" FOR UPDATE", " FOR SHARE", " FOR NO KEY UPDATE", " FOR KEY SHARE",
            "PG_ADVISORY_XACT", "NEXTVAL(", "SETVAL(", "SET_CONFIG(")


def needs_transaction(statement: str) -> bool:
    head = statement.lstrip()[:6].upper()
    if head != "SELECT":
        return True
    upper = statement.upper()
    return any(marker in upper for marker in _LOCKING)


def init_app(app, engine) -> None:
    if engine.dialect.name != "postgresql":
        return
    idle_limit = float(app.config.get("HUB_DB_PING_IDLE", 10))
    pool = engine.pool

    @event.listens_for(pool, "checkin")
    def _checked_in(dbapi_connection, record):
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(pool, "checkout")
    def _checked_out(dbapi_connection, record, proxy):
        # first autocommit (the connection comes back from the pool idle, rolled back), so that
        # the ping below opens no transaction: a ping on a connection out of autocommit sent
        # BEGIN first and left it "in transaction" for the request, and a caller that then
        # asked for isolation_level="AUTOCOMMIT" (the mail sender) failed
        if dbapi_connection.info.transaction_status == 0:  # idle: no transaction open
            dbapi_connection.autocommit = True
        idle_since = record.info.get("idle_since")
        if idle_since is not None and time.monotonic() - idle_since > idle_limit:
            try:
                dbapi_connection.execute(";")  # the server answers, or it is gone
            except Exception as error:  # any failure: the pool retries with a new one
                raise exc.DisconnectionError() from error

    @event.listens_for(engine, "before_cursor_execute")
    def _begin_before_write(conn, cursor, statement, parameters, context, executemany):
        dbapi_connection = cursor.connection
        if not dbapi_connection.autocommit or not needs_transaction(statement):
            return
        if conn.get_execution_options().get("isolation_level") == "AUTOCOMMIT":
            return
        if dbapi_connection.info.transaction_status != 0:  # in a transaction begun by the
            return  # driver's own BEGIN (hub.search.services._planned_once): already inside one
        dbapi_connection.autocommit = False  # the statement about to run opens the transaction
