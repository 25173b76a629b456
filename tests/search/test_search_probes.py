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


def _subplans_reading(plan: str, table: str) -> list[str]:
    """The names ("SubPlan 3") of the subplans of `plan` (EXPLAIN text) that read `table`."""
    names, lines = [], plan.splitlines()
    for i, line in enumerate(lines):
        if line.strip().startswith("SubPlan "):
            indent = len(line) - len(line.lstrip())
            block = []
            for below in lines[i + 1:]:
                if len(below) - len(below.lstrip()) <= indent:
                    break
                block.append(below)
            if any(f" on {table} " in b or b.endswith(f" on {table}") for b in block):
                names.append(line.strip())
    return names


@pytest.mark.parametrize(("kind", "table"), [("notice", "notice_audience"),
                                             ("meeting", "meeting_park")])
def test_a_windowed_search_probes_audience_and_participants_per_row(app, staff, kind, table):
    """A 1–2 character term tests the latest rows only: a notice's audience and a meeting's
    participant parks are probed for the matching rows of that window, not hashed first for
    every notice addressed to (every meeting of) the user's park, which grows with the data."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only")
    user = staff("A")
    plans = _explained(lambda: services.search(user, "落实", kinds=[kind], max_matches=50),
                       kind)
    assert plans
    for plan in plans:
        probes = _subplans_reading(plan, table)
        assert probes, plan
        for name in probes:
            assert f"hashed {name}" not in plan, plan
