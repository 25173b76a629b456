"""Results of a round: the score list, one enterprise's make-up, the 亩均英雄榜 and the analysis
(grade distribution per park and county, aggregate 亩均税收 per park and chain, year on year).

Each function is a fixed number of statements, whatever the number of enterprises. Only figures
of reports the zone office accepted (已审核) count in the hero list and the analysis.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import Numeric, String, and_, cast, column, func, or_, true
from sqlalchemy.orm import selectinload

from hub.efficiency.models import (
    Enterprise,
    EvalRound,
    Figure,
    IndustryChain,
    Submission,
    SubmissionStatus,
)
from hub.extensions import db
from hub.parks.models import Park

GRADES = ("A", "B", "C", "D")
RATIO_UNITS = 10_000  # breakdown ratios have 4 decimals (scoring.FOUR)


def accepted_clause(rnd: EvalRound):
    return Figure.park_id.in_(
        db.select(Submission.park_id).where(Submission.round_id == rnd.id,
                                            Submission.status == SubmissionStatus.ACCEPTED))


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


def heroes(rnd: EvalRound, top: int = 10, top_group: int = 3) -> Heroes:
    """The top `top` overall and the top `top_group` per park and per chain, ranked in SQL
    (row_number over the score list's order: score, enterprise name, id): one statement that
    returns only the rows shown. Ranking in Python hydrated every figure of the round with its
    enterprise (4,000 at scale 10; numbers in bench/results/2026-12-06-perfmeet.md)."""
    order = (Figure.score.desc(), Enterprise.name, Figure.id)
    ranked = (db.select(Figure.park_id, Enterprise.chain_id, Enterprise.name.label("enterprise"),
                        Figure.score, Figure.grade,
                        func.row_number().over(order_by=order).label("overall"),
                        func.row_number().over(partition_by=Figure.park_id, order_by=order)
                        .label("in_park"),
                        func.row_number().over(partition_by=Enterprise.chain_id, order_by=order)
                        .label("in_chain"))
              .join(Enterprise, Enterprise.id == Figure.enterprise_id)
              .where(Figure.round_id == rnd.id, accepted_clause(rnd), Figure.score.is_not(None))
              .subquery())
    rows = db.session.execute(
        db.select(ranked.c.enterprise, ranked.c.park_id, Park.name, Park.short_name,
                  ranked.c.chain_id, IndustryChain.name, ranked.c.score, ranked.c.grade,
                  IndustryChain.sort_order, ranked.c.overall, ranked.c.in_park,
                  ranked.c.in_chain)
        .join(Park, Park.id == ranked.c.park_id)
        .outerjoin(IndustryChain, IndustryChain.id == ranked.c.chain_id)
        .where(or_(ranked.c.overall <= top, ranked.c.in_park <= top_group,
                   and_(ranked.c.chain_id.is_not(None), ranked.c.in_chain <= top_group)))
        .order_by(ranked.c.overall)).all()
    overall: list[Hero] = []
    parks: dict[int, list[Hero]] = defaultdict(list)
    chains: dict[int, list[Hero]] = defaultdict(list)
    park_of, chain_of = {}, {}
    for *fields, chain_order, rank, in_park, in_chain in rows:
        hero = Hero(*fields)
        if rank <= top:
            overall.append(hero)
        if in_park <= top_group:
            parks[hero.park_id].append(hero)
            park_of[hero.park_id] = Group(hero.park_id, hero.park_name)
        if hero.chain_id is not None and in_chain <= top_group:
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


def _rows(rnd: EvalRound, key_col, label_of) -> list[Row]:
    """Per group: grade counts, Σ tax, Σ land (two grouped statements)."""
    base = (db.select(key_col, Figure.grade, func.count(), func.sum(Figure.tax),
                      func.sum(Figure.land_mu))
            .join(Enterprise, Enterprise.id == Figure.enterprise_id)
            .where(Figure.round_id == rnd.id, accepted_clause(rnd))
            .group_by(key_col, Figure.grade))
    groups: dict = {}
    for key, grade, count, tax, land in db.session.execute(base):
        row = groups.setdefault(key, Row(label_of(key), dict.fromkeys(GRADES, 0),
                                         Decimal(0), Decimal(0), 0, key))
        if grade in row.grades:
            row.grades[grade] += count
        row.count += count
        row.tax += Decimal(tax or 0)
        row.land += Decimal(land or 0)
    return [groups[k] for k in sorted(groups, key=lambda k: (k is None, str(k)))]


def by_park(rnd: EvalRound) -> list[Row]:
    names = dict(db.session.execute(db.select(Park.id, Park.name)).all())
    return _rows(rnd, Figure.park_id, lambda k: names.get(k, "—"))


def by_county(rnd: EvalRound) -> list[Row]:
    return _rows(rnd, Enterprise.county, lambda k: k or "—")


def by_chain(rnd: EvalRound, none_label: str) -> list[Row]:
    names = dict(db.session.execute(db.select(IndustryChain.id, IndustryChain.name)).all())
    return _rows(rnd, Enterprise.chain_id, lambda k: names.get(k, none_label))


def previous_round(rnd: EvalRound) -> EvalRound | None:
    return db.session.execute(
        db.select(EvalRound).where(EvalRound.year == rnd.year - 1)).scalar()


def _breakdown_parts():
    """(code, ratio) of each part of Figure.breakdown, as columns of a table-valued function
    joined to eff_figure: json_to_recordset on PostgreSQL (each breakdown parsed once into typed
    columns; less database time than json_array_elements and ->> per field, psql at scale 10),
    json_each on SQLite."""
    if db.session.get_bind().dialect.name == "postgresql":
        part = (func.json_to_recordset(Figure.breakdown)
                .table_valued(column("code", String), column("ratio", Numeric))
                .render_derived(name="part", with_types=True))
        return part, part.c.code, part.c.ratio
    part = func.json_each(Figure.breakdown).table_valued("value").alias("part")
    return (part, func.json_extract(part.c.value, "$.code"),
            func.json_extract(part.c.value, "$.ratio"))


def weakest_indicators(rnd: EvalRound) -> dict[int, tuple[str, Decimal]]:
    """Per park: the indicator with the lowest average ratio (value ÷ benchmark, capped) over its
    accepted enterprises — the one that most pulls the park down — and that average.

    Summed in SQL per park and indicator (not every figure's breakdown JSON read in Python).
    Ratios are written with 4 decimals (scoring.score), so they are
    summed exactly as integers of 1/10,000 (SQLite has no decimal type)."""
    part, code, ratio = _breakdown_parts()
    units = func.sum(func.round(cast(ratio, Numeric) * RATIO_UNITS))
    rows = db.session.execute(
        db.select(Figure.park_id, code, units, func.count())
        .select_from(Figure).join(part, true())
        .where(Figure.round_id == rnd.id, accepted_clause(rnd))
        .group_by(Figure.park_id, code))
    sums: dict[int, dict[str, tuple[Decimal, int]]] = defaultdict(dict)
    for park_id, part_code, total, n in rows:
        sums[park_id][part_code] = (Decimal(total).quantize(Decimal(1)) / RATIO_UNITS, n)
    out = {}
    for park_id, codes in sums.items():
        code_, (total, n) = min(codes.items(), key=lambda kv: (kv[1][0] / kv[1][1], kv[0]))
        out[park_id] = (code_, (total / n).quantize(Decimal("0.01"), ROUND_HALF_UP))
    return out
