"""The analysis's rows read from the tallies (hub.efficiency.tallies): per park, county and
chain of a round (and per park of the year before) the grades, Σ tax and Σ land of the accepted
parks' figures, and per park its weakest indicator — one statement whatever the number of
figures (at most parks × counties or chains × grades tally rows)."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import (
    Integer,
    Numeric,
    String,
    bindparam,
    cast,
    func,
    literal,
    null,
    or_,
    union_all,
)

from hub.efficiency.models import EvalRound, IndustryChain, RatioTally, Tally
from hub.efficiency.results import GRADES, RATIO_UNITS, accepted_parks
from hub.extensions import db
from hub.parks.models import Park


@dataclass
class Row:
    label: str
    grades: dict  # grade → count
    tax: Decimal
    land: Decimal
    count: int
    key: object = None

    @property
    def tax_per_mu(self) -> Decimal | None:
        if not self.land:
            return None
        return (self.tax / self.land).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _accepted(column, round_id, dialect: str):
    """`column` is a park whose report of the round was accepted. On PostgreSQL `= ANY(ARRAY(…))`:
    the parks read once (an InitPlan) and a filter on the tally scan, whatever the planner's
    statistics; the IN became a nested loop over every tally row where eff_tally had none
    (bench/results/2026-12-06-s6-eff2.md)."""
    parks = accepted_parks(round_id)
    if dialect == "postgresql":
        return column == func.any(func.array(parks.scalar_subquery()))
    return column.in_(parks)


def _tally_select(kind: str, round_id, dialect: str, dim: str, key_col, label_col):
    """Per group (`key_col`, named `label_col`) and grade of a round: Σ figures, Σ tax, Σ land
    over the tallies of its accepted parks — at most parks × groups × grades rows, whatever the
    number of figures — as (kind, int key, text key, label, grade, figures, tax, land)."""
    text_key = key_col if kind == "county" else cast(null(), String)
    int_key = cast(null(), Integer) if kind == "county" else key_col
    return (db.select(literal(kind), int_key, text_key, label_col, Tally.grade,
                      func.sum(Tally.figures), func.sum(Tally.tax), func.sum(Tally.land))
            .where(Tally.round_id == round_id, Tally.dim == dim,
                   _accepted(Tally.park_id, round_id, dialect))
            .group_by(key_col, Tally.grade))


def _park_select(kind: str, round_id, dialect: str):
    # from the chain rows: every figure is in both dims, and a park has fewer chains than
    # counties (456 rows instead of 684 at scale 30); the name looked up per group, not joined
    # to every tally row
    name = db.select(Park.name).where(Park.id == Tally.park_id).scalar_subquery()
    return _tally_select(kind, round_id, dialect, "chain", Tally.park_id, name)


_GROUPED: dict = {}  # (dialect, with the year before or not) → the statement (built once)


def _ratio_select(round_id, dialect: str):
    """Per accepted park and indicator of a round: Σ ratio (1/10,000) and count, in the
    analysis's columns: ("ratio", park id, code, -, -, count, Σ units, -)."""
    return (db.select(literal("ratio"), RatioTally.park_id, RatioTally.code, cast(null(), String),
                      cast(null(), String), func.sum(RatioTally.figures),
                      func.sum(RatioTally.units), cast(null(), Numeric))
            .where(RatioTally.round_id == round_id,
                   _accepted(RatioTally.park_id, round_id, dialect))
            .group_by(RatioTally.park_id, RatioTally.code))


def _grouped_select(dialect: str, with_prev: bool):
    stmt = _GROUPED.get((dialect, with_prev))
    if stmt is None:
        round_id = bindparam("round_id", type_=Integer)
        chain = (db.select(IndustryChain.name).where(IndustryChain.id == Tally.chain_id)
                 .scalar_subquery())
        parts = [_park_select("park", round_id, dialect),
                 _tally_select("county", round_id, dialect, "county", Tally.county,
                               Tally.county),
                 _tally_select("chain", round_id, dialect, "chain", Tally.chain_id, chain),
                 _ratio_select(round_id, dialect)]
        if with_prev:
            parts.append(_park_select("prev", bindparam("prev_id", type_=Integer), dialect))
        stmt = _GROUPED[(dialect, with_prev)] = union_all(*parts)
    return stmt


Weakest = dict[int, tuple[str, Decimal]]


def analysis_rows(rnd: EvalRound, prev: EvalRound | None,
                  none_label: str) -> tuple[dict[str, list[Row]], Weakest]:
    """The analysis's rows of `rnd` per "park", "county" and "chain" (no chain: `none_label`),
    and with `prev` its rows per park as "prev"; each list sorted by key, None last. And per
    park its weakest indicator (see `weakest_indicators`). One statement over the tallies."""
    params = {"round_id": rnd.id} if prev is None else {"round_id": rnd.id, "prev_id": prev.id}
    groups: dict[str, dict] = {"park": {}, "county": {}, "chain": {}, "prev": {}}
    ratios: dict[int, dict[str, tuple[Decimal, int]]] = defaultdict(dict)
    zero = Decimal(0)
    statement = _grouped_select(db.session.get_bind().dialect.name, prev is not None)
    # .all(): one fetch, not ~5 Python calls a row of iterating the result (issue 16)
    for kind, int_key, text_key, label, grade, count, tax, land in db.session.execute(
            statement, params).all():
        if kind == "ratio":
            ratios[int_key][text_key] = (Decimal(tax).quantize(Decimal(1)) / RATIO_UNITS, count)
            continue
        key = text_key if kind == "county" else int_key
        row = groups[kind].get(key)
        if row is None:
            default = none_label if kind == "chain" else "—"
            row = groups[kind][key] = Row(label or default, dict.fromkeys(GRADES, 0),
                                          zero, zero, 0, key)
        if grade in row.grades:
            row.grades[grade] += count
        row.count += count
        if tax is not None:
            row.tax += tax
        if land is not None:
            row.land += land
    rows = {kind: [rows[k] for k in sorted(rows, key=lambda k: (k is None, str(k)))]
            for kind, rows in groups.items()}
    return rows, _weakest(ratios)


def grouped(rnd: EvalRound, prev: EvalRound | None, none_label: str) -> dict[str, list[Row]]:
    return analysis_rows(rnd, prev, none_label)[0]


def by_park(rnd: EvalRound) -> list[Row]:
    return grouped(rnd, None, "—")["park"]


def by_county(rnd: EvalRound) -> list[Row]:
    return grouped(rnd, None, "—")["county"]


def by_chain(rnd: EvalRound, none_label: str) -> list[Row]:
    return grouped(rnd, None, none_label)["chain"]


_WITH_PREVIOUS = db.select(EvalRound).where(or_(
    EvalRound.id == bindparam("round_id"),
    EvalRound.year == db.select(EvalRound.year - 1)
    .where(EvalRound.id == bindparam("round_id")).scalar_subquery()))


def round_with_previous(round_id: int) -> tuple[EvalRound | None, EvalRound | None]:
    """The round `round_id` (None if none) and the round of the year before it (None if none):
    one statement."""
    rnd = prev = None
    for found in db.session.execute(_WITH_PREVIOUS, {"round_id": round_id}).scalars():
        if found.id == round_id:
            rnd = found
        else:
            prev = found
    return rnd, prev


def weakest_indicators(rnd: EvalRound) -> Weakest:
    """Per park: the indicator with the lowest average ratio (value ÷ benchmark, capped) over its
    accepted enterprises — the one that most pulls the park down — and that average.

    Read from the round's ratio tallies (Σ ratio in 1/10,000 and count per park and indicator,
    kept by hub.efficiency.tallies; SQLite has no decimal type): at most parks × indicators
    rows, no breakdown JSON read (in `analysis_rows`' statement)."""
    return analysis_rows(rnd, None, "—")[1]


def _weakest(sums: dict[int, dict[str, tuple[Decimal, int]]]) -> Weakest:
    out = {}
    for park_id, codes in sums.items():
        code_, (total, n) = min(codes.items(), key=lambda kv: (kv[1][0] / kv[1][1], kv[0]))
        out[park_id] = (code_, (total / n).quantize(Decimal("0.01"), ROUND_HALF_UP))
    return out
