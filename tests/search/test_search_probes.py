"""On PostgreSQL, search tests whether a user may see a 督办 item or minutes with a probe per
matching row (hub.search.kinds: `per_row`), not by hashing first every published minutes, every
meeting of the user's park and every meeting it hosts — sets that grow with the data (a search
at scale 30 spent 5–7 ms building them before its first row)."""

import pytest
from sqlalchemy import event

from hub.extensions import db
from hub.search import services


def _explained(run, table: str) -> list[str]:
    """EXPLAIN of every statement `run` sends that reads `table`, with its parameters."""
    seen = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if f" {table} " in statement:
            seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        run()
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    connection = db.session.connection()
    return ["\n".join(row[0] for row in connection.exec_driver_sql(
        "EXPLAIN " + statement, parameters or {})) for statement, parameters in seen]


@pytest.mark.parametrize("kind", ["action", "minutes"])
@pytest.mark.parametrize("q", ["推进落实", "落实"])  # an indexed term, a windowed one
def test_visibility_is_probed_per_row_not_hashed_first(app, staff, kind, q):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only")
    user = staff("A")
    table = {"action": "action_item", "minutes": "meeting_minutes"}[kind]
    plans = _explained(lambda: services.search(user, q, kinds=[kind], max_matches=50), table)
    assert plans
    for plan in plans:
        assert "hashed SubPlan" not in plan, plan
        assert "SubPlan" in plan  # the probes
