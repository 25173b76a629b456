"""Results of a round: the score list, one enterprise's make-up, the 亩均英雄榜 and the analysis
(grade distribution per park and county, aggregate 亩均税收 per park and chain, year on year).

Each function is a fixed number of statements, whatever the number of enterprises. Only figures
of reports the zone office accepted (已审核) count in the hero list and the analysis.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import (
    Integer,
    Numeric,
    String,
    and_,
    bindparam,
    cast,
    func,
    literal,
    null,
    or_,
    true,
    union_all,
)
from sqlalchemy.orm import selectinload

from hub.efficiency import tallies
from hub.efficiency.models import (
    Enterprise,
    EvalRound,
    Figure,
    IndustryChain,
    RatioTally,
    Submission,
    SubmissionStatus,
    Tally,
)
from hub.extensions import db
from hub.parks.models import Park

GRADES = ("A", "B", "C", "D")
RATIO_UNITS = tallies.RATIO_UNITS


def accepted_parks(round_id):
    """The parks whose report of the round the zone office accepted (a select of park ids);
    `round_id`: a round's id or a bind parameter."""
    return db.select(Submission.park_id).where(Submission.round_id == round_id,
                                               Submission.status == SubmissionStatus.ACCEPTED)


def accepted_clause(rnd: EvalRound):
    return Figure.park_id.in_(accepted_parks(rnd.id))


def _filtered(stmt, rnd: EvalRound, where, park_id, chain_id, grade):
    """`stmt` (eff_figure joined to its enterprise) narrowed to the round, `where` (visibility)
    and the list's filters, in the list's order."""
    stmt = (stmt.where(Figure.round_id == rnd.id, where)
            .order_by(Figure.score.desc().nulls_last(), Enterprise.name, Figure.id))
    if park_id:
        stmt = stmt.where(Figure.park_id == park_id)
    if chain_id:
        stmt = stmt.where(Enterprise.chain_id == chain_id)
    if grade in GRADES:
        stmt = stmt.where(Figure.grade == grade)
    return stmt


def scores_select(rnd: EvalRound, where, *, park_id=None, chain_id=None, grade=None):
    """The score list as Figure objects with their enterprise, chain and park (the exports)."""
    return _filtered(db.select(Figure).join(Enterprise, Enterprise.id == Figure.enterprise_id)
                     .options(selectinload(Figure.enterprise).selectinload(Enterprise.chain),
                              selectinload(Figure.park)),
                     rnd, where, park_id, chain_id, grade)


def score_rows_select(rnd: EvalRound, where, *, park_id=None, chain_id=None, grade=None):
    """The score list as the rows the scores page shows (enterprise_id, enterprise_name,
    park_short_name, chain_name, score, grade): no ORM objects, one statement per page."""
    return _filtered(
        db.select(Figure.enterprise_id, Enterprise.name.label("enterprise_name"),
                  Park.short_name.label("park_short_name"),
                  IndustryChain.name.label("chain_name"), Figure.score, Figure.grade)
        .join(Enterprise, Enterprise.id == Figure.enterprise_id)
        .join(Park, Park.id == Figure.park_id)
        .outerjoin(IndustryChain, IndustryChain.id == Enterprise.chain_id),
        rnd, where, park_id, chain_id, grade)


def score_count(rnd: EvalRound, visible, *, park_id=None, chain_id=None, grade=None) -> int:
    """How many rows `score_rows_select` has with these filters, summed from the round's
    tallies (at most parks × counties or chains × grades rows, whatever the number of figures);
    `visible`: the visibility over Tally.park_id (perm.figures_visible(…, Tally.park_id))."""
    stmt = db.select(func.coalesce(func.sum(Tally.figures), 0)).where(
        Tally.round_id == rnd.id, Tally.dim == ("chain" if chain_id else "county"), visible)
    if park_id:
        stmt = stmt.where(Tally.park_id == park_id)
    if chain_id:
        stmt = stmt.where(Tally.chain_id == chain_id)
    if grade in GRADES:
        stmt = stmt.where(Tally.grade == grade)
    return db.session.execute(stmt).scalar_one()


# --- 亩均英雄榜 ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Hero:
    """One line of the hero list (a Core row: no Figure, Enterprise or Park objects)."""

    enterprise_name: str
    park_id: int
    park_name: str
    park_short_name: str
    chain_id: int | None
    chain_name: str | None
    score: Decimal
    grade: str | None


@dataclass(frozen=True)
class Group:
    """A park or an industry chain heading a part of the hero list."""

    id: int
    name: str


@dataclass
class Heroes:
    overall: list[Hero]
    by_park: list[tuple[Group, list[Hero]]]
    by_chain: list[tuple[Group, list[Hero]]]


def scores(rnd: EvalRound, where, *, park_id=None, chain_id=None, grade=None) -> list[Figure]:
    """Every row of `scores_select` (the export)."""
    return list(db.session.execute(scores_select(rnd, where, park_id=park_id, chain_id=chain_id,
                                                 grade=grade)).scalars())


def figure_of(rnd: EvalRound, enterprise_id: int) -> Figure | None:
    return db.session.execute(db.select(Figure).where(
        Figure.round_id == rnd.id, Figure.enterprise_id == enterprise_id)).scalar()


# the score list's order (NULLS LAST as in the ix_pg_eff_figure_… indexes; no NULLs here)
HERO_ORDER = (Figure.score.desc().nulls_last(), Enterprise.name, Figure.id)


def _ranked(round_id, where, limit):
    """The first `limit` scored figures of the round matching `where`, in the score list's
    order."""
    return (db.select(Figure.id, Figure.park_id, Enterprise.chain_id,
                      Enterprise.name.label("enterprise"), Figure.score, Figure.grade)
            .join(Enterprise, Enterprise.id == Figure.enterprise_id)
            .where(Figure.round_id == round_id, Figure.score.is_not(None), where)
            .order_by(*HERO_ORDER).limit(limit))


def _hero_parts_lateral(round_id, top, top_group):
    """(part, figure id, park id, chain id, enterprise, score, grade): the overall top `top`, and
    per accepted park and per chain a LATERAL top `top_group`, each walked down the
    ix_pg_eff_figure_round_(park_)score index and stopped after its last row: the work grows
    with the rows shown, not with the figures of the round (PostgreSQL)."""
    accepted = Figure.park_id.in_(accepted_parks(round_id))
    parks = accepted_parks(round_id).subquery()
    in_park = _ranked(round_id, Figure.park_id == parks.c.park_id, top_group).lateral()
    chains = db.select(IndustryChain.id).subquery()
    in_chain = _ranked(round_id, and_(Enterprise.chain_id == chains.c.id, accepted),
                       top_group).lateral()
    overall = _ranked(round_id, accepted, top).subquery()
    return union_all(
        db.select(literal("overall"), *overall.c),
        db.select(literal("park"), *in_park.c).select_from(parks).join(in_park, true()),
        db.select(literal("chain"), *in_chain.c).select_from(chains).join(in_chain, true()))


def _hero_parts_window(round_id, top, top_group):
    """The same rows as _hero_parts_lateral through row_number() over every scored accepted
    figure, overall and per park and chain (SQLite has no LATERAL)."""
    ranked = (db.select(Figure.id, Figure.park_id, Enterprise.chain_id,
                        Enterprise.name.label("enterprise"), Figure.score, Figure.grade,
                        func.row_number().over(order_by=HERO_ORDER).label("overall"),
                        func.row_number().over(partition_by=Figure.park_id, order_by=HERO_ORDER)
                        .label("in_park"),
                        func.row_number().over(partition_by=Enterprise.chain_id,
                                               order_by=HERO_ORDER).label("in_chain"))
              .join(Enterprise, Enterprise.id == Figure.enterprise_id)
              .where(Figure.round_id == round_id, Figure.park_id.in_(accepted_parks(round_id)),
                     Figure.score.is_not(None))
              .subquery())
    fields = [ranked.c.id, ranked.c.park_id, ranked.c.chain_id, ranked.c.enterprise,
              ranked.c.score, ranked.c.grade]
    return union_all(
        db.select(literal("overall"), *fields).where(ranked.c.overall <= top),
        db.select(literal("park"), *fields).where(ranked.c.in_park <= top_group),
        db.select(literal("chain"), *fields).where(ranked.c.chain_id.is_not(None),
                                                   ranked.c.in_chain <= top_group))


_HERO_STATEMENTS: dict = {}  # dialect name → the statement (built once: ~1/5 of the page's CPU)


def _hero_statement(dialect: str):
    stmt = _HERO_STATEMENTS.get(dialect)
    if stmt is None:
        build = _hero_parts_lateral if dialect == "postgresql" else _hero_parts_window
        parts = build(bindparam("round_id", type_=Integer), bindparam("top", type_=Integer),
                      bindparam("top_group", type_=Integer)).subquery()
        stmt = _HERO_STATEMENTS[dialect] = (
            db.select(parts.c[0], parts.c.id, parts.c.enterprise, parts.c.park_id, Park.name,
                      Park.short_name, parts.c.chain_id, IndustryChain.name, parts.c.score,
                      parts.c.grade, IndustryChain.sort_order)
            .join(Park, Park.id == parts.c.park_id)
            .outerjoin(IndustryChain, IndustryChain.id == parts.c.chain_id)
            .order_by(parts.c.score.desc().nulls_last(), parts.c.enterprise, parts.c.id))
    return stmt


def heroes(rnd: EvalRound, top: int = 10, top_group: int = 3) -> Heroes:
    """The top `top` overall and the top `top_group` per park and per chain, in the score list's
    order (score, enterprise name, figure id), of the accepted parks' figures: one statement
    that returns only the rows shown, with their park and chain names. Ranking in Python
    hydrated every figure of the round (4,000 at scale 10; bench/results/2026-12-06-perfmeet.md);
    row_number() over every figure sorted them all three times on each view
    (bench/results/2026-12-06-s6-muni.md)."""
    rows = db.session.execute(_hero_statement(db.session.get_bind().dialect.name),
                              {"round_id": rnd.id, "top": top, "top_group": top_group}).all()
    overall: list[Hero] = []
    parks: dict[int, list[Hero]] = defaultdict(list)
    chains: dict[int, list[Hero]] = defaultdict(list)
    park_of, chain_of = {}, {}
    for part, _id, *fields, chain_order in rows:
        hero = Hero(*fields)
        if part == "overall":
            overall.append(hero)
        elif part == "park":
            parks[hero.park_id].append(hero)
            park_of[hero.park_id] = Group(hero.park_id, hero.park_name)
        else:
            chains[hero.chain_id].append(hero)
            chain_of[hero.chain_id] = (chain_order, Group(hero.chain_id, hero.chain_name))
    return Heroes(
        overall=overall,
        by_park=[(park_of[k], parks[k]) for k in sorted(parks)],
        by_chain=[(chain_of[k][1], chains[k]) for k in sorted(chains,
                                                               key=lambda k: (chain_of[k][0], k))],
    )


# --- analysis ---------------------------------------------------------------------------------
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


def _tally_select(kind: str, round_id, dim: str, key_col, label_col, *joins):
    """Per group (`key_col`, named `label_col`) and grade of a round: Σ figures, Σ tax, Σ land
    over the tallies of its accepted parks — at most parks × groups × grades rows, whatever the
    number of figures — as (kind, int key, text key, label, grade, figures, tax, land)."""
    text_key = key_col if kind == "county" else cast(null(), String)
    int_key = cast(null(), Integer) if kind == "county" else key_col
    stmt = db.select(literal(kind), int_key, text_key, label_col, Tally.grade,
                     func.sum(Tally.figures), func.sum(Tally.tax), func.sum(Tally.land))
    for target, on in joins:
        stmt = stmt.outerjoin(target, on)
    return (stmt.where(Tally.round_id == round_id, Tally.dim == dim,
                       Tally.park_id.in_(accepted_parks(round_id)))
            .group_by(key_col, label_col, Tally.grade))


def _park_select(kind: str, round_id):
    return _tally_select(kind, round_id, "county", Tally.park_id, Park.name,
                         (Park, Park.id == Tally.park_id))


_GROUPED: dict = {}  # with the year before or not → the statement (built once)


def _ratio_select(round_id):
    """Per accepted park and indicator of a round: Σ ratio (1/10,000) and count, in the
    analysis's columns: ("ratio", park id, code, -, -, count, Σ units, -)."""
    return (db.select(literal("ratio"), RatioTally.park_id, RatioTally.code, cast(null(), String),
                      cast(null(), String), func.sum(RatioTally.figures),
                      func.sum(RatioTally.units), cast(null(), Numeric))
            .where(RatioTally.round_id == round_id,
                   RatioTally.park_id.in_(accepted_parks(round_id)))
            .group_by(RatioTally.park_id, RatioTally.code))


def _grouped_select(with_prev: bool):
    stmt = _GROUPED.get(with_prev)
    if stmt is None:
        round_id = bindparam("round_id", type_=Integer)
        parts = [_park_select("park", round_id),
                 _tally_select("county", round_id, "county", Tally.county, Tally.county),
                 _tally_select("chain", round_id, "chain", Tally.chain_id, IndustryChain.name,
                               (IndustryChain, IndustryChain.id == Tally.chain_id)),
                 _ratio_select(round_id)]
        if with_prev:
            parts.append(_park_select("prev", bindparam("prev_id", type_=Integer)))
        stmt = _GROUPED[with_prev] = union_all(*parts)
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
    for kind, int_key, text_key, label, grade, count, tax, land in db.session.execute(
            _grouped_select(prev is not None), params):
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
