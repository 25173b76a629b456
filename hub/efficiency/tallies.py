"""The analysis's sums kept with the figures (issue 16): eff_tally (per round, park, grade and
county or chain: figures, Σ tax, Σ land) and eff_ratio_tally (per round, park and indicator: Σ
ratio, count), so the analysis page reads a few hundred tally rows instead of every figure of
the round and its breakdown JSON.

Never stale (tests/efficiency/test_tallies.py): a session `after_flush` hook rewrites the
tallies of every (round, park) whose figures were inserted, changed (tax, land, grade,
breakdown, round, park or enterprise) or deleted, or whose enterprises' county or chain changed,
in the flush's transaction: delete and INSERT … SELECT from eff_figure (five statements, six on
PostgreSQL with the lock in `refresh`, whatever the number of pairs). Writes that bypass the
ORM (the bench data generator's bulk inserts) must call `refresh` themselves.
"""

from itertools import chain

from sqlalchemy import (
    Numeric,
    String,
    cast,
    column,
    delete,
    event,
    func,
    insert,
    inspect,
    literal,
    null,
    select,
    true,
    tuple_,
)
from sqlalchemy.orm import Session

from hub.efficiency.models import Enterprise, Figure, RatioTally, Tally

RATIO_UNITS = 10_000  # breakdown ratios have 4 decimals (scoring.FOUR)
FIGURE_ATTRS = ("round_id", "park_id", "enterprise_id", "tax", "land_mu", "grade", "breakdown")
ENTERPRISE_ATTRS = ("county", "chain_id")


def breakdown_parts(dialect: str):
    """(table, code, ratio) of the parts of Figure.breakdown, a table-valued function to join to
    eff_figure: json_to_recordset on PostgreSQL (each breakdown parsed once into typed columns),
    json_each on SQLite."""
    if dialect == "postgresql":
        part = (func.json_to_recordset(Figure.breakdown)
                .table_valued(column("code", String), column("ratio", Numeric))
                .render_derived(name="part", with_types=True))
        return part, part.c.code, part.c.ratio
    part = func.json_each(Figure.breakdown).table_valued("value").alias("part")
    return (part, func.json_extract(part.c.value, "$.code"),
            func.json_extract(part.c.value, "$.ratio"))


def _grade_sums(where, dim: str, key):
    county, chain_id = (key, null()) if dim == "county" else (null(), key)
    return (insert(Tally).from_select(
        ["round_id", "park_id", "dim", "county", "chain_id", "grade", "figures", "tax", "land"],
        select(Figure.round_id, Figure.park_id, literal(dim, String), county, chain_id,
               Figure.grade, func.count(), func.sum(Figure.tax), func.sum(Figure.land_mu))
        .join(Enterprise, Enterprise.id == Figure.enterprise_id)
        .where(where)
        .group_by(Figure.round_id, Figure.park_id, key, Figure.grade)))


def statements(dialect: str, pairs=None) -> list:
    """The statements that rewrite the tallies of `pairs` ((round id, park id)), or of every
    figure when None."""
    if pairs is None:
        where, tally_where, ratio_where = true(), true(), true()
    else:
        pairs = sorted(pairs)
        where = tuple_(Figure.round_id, Figure.park_id).in_(pairs)
        tally_where = tuple_(Tally.round_id, Tally.park_id).in_(pairs)
        ratio_where = tuple_(RatioTally.round_id, RatioTally.park_id).in_(pairs)
    part, code, ratio = breakdown_parts(dialect)
    units = func.sum(func.round(cast(ratio, Numeric) * RATIO_UNITS))
    return [
        delete(Tally).where(tally_where),
        delete(RatioTally).where(ratio_where),
        _grade_sums(where, "county", Enterprise.county),
        _grade_sums(where, "chain", Enterprise.chain_id),
        insert(RatioTally).from_select(
            ["round_id", "park_id", "code", "units", "figures"],
            select(Figure.round_id, Figure.park_id, code, units, func.count())
            .select_from(Figure).join(part, true())
            .where(where)
            .group_by(Figure.round_id, Figure.park_id, code)),
    ]


def refresh(connection, pairs=None) -> None:
    """Rewrite the tallies of `pairs` ((round id, park id)), or all of them (None).

    On PostgreSQL the pairs' figure rows are locked first (FOR UPDATE), so two transactions
    refreshing the same pair (an enterprise edited while its park's grid is saved) take turns:
    the second then deletes the first's committed rows and sums what both wrote. Without it
    each would delete only the rows it could see and both inserts would stay (counted twice).
    SQLite has one writer at a time."""
    if pairs is not None and not pairs:
        return
    if connection.dialect.name == "postgresql" and pairs is not None:
        connection.execute(select(Figure.id).where(
            tuple_(Figure.round_id, Figure.park_id).in_(sorted(pairs)))
            .order_by(Figure.id).with_for_update())
    for stmt in statements(connection.dialect.name, pairs):
        connection.execute(stmt)


def _changed(obj, attrs) -> bool:
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in attrs)


def _old_and_new(obj, name) -> set:
    history = inspect(obj).attrs[name].history
    return {v for v in chain(history.added, history.unchanged, history.deleted) if v is not None}


@event.listens_for(Session, "after_flush")
def _after_flush(session, flush_context) -> None:
    pairs: set[tuple[int, int]] = set()
    enterprises: set[int] = set()
    for obj in chain(session.new, session.dirty, session.deleted):
        if isinstance(obj, Figure):
            if obj in session.dirty and not _changed(obj, FIGURE_ATTRS):
                continue
            pairs.update((r, p) for r in _old_and_new(obj, "round_id")
                         for p in _old_and_new(obj, "park_id"))
        elif (isinstance(obj, Enterprise) and obj in session.dirty
              and _changed(obj, ENTERPRISE_ATTRS)):
            enterprises.add(obj.id)
    if not pairs and not enterprises:
        return
    connection = session.connection()
    if enterprises:
        pairs.update(connection.execute(
            select(Figure.round_id, Figure.park_id).distinct()
            .where(Figure.enterprise_id.in_(sorted(enterprises)))).tuples())
    refresh(connection, pairs)
