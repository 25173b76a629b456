"""Results of a round: the score list, one enterprise's make-up and the 亩均英雄榜; the analysis's
rows (grade distribution per park and county, aggregate 亩均税收 per park and chain, year on
year) are in hub.efficiency.grouped.

Each function is a fixed number of statements, whatever the number of enterprises. Only figures
of reports the zone office accepted (已审核) count in the hero list and the analysis.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Integer, and_, bindparam, func, literal, true, union_all

from hub.efficiency import tallies
from hub.efficiency.models import (
    Enterprise,
    EvalRound,
    Figure,
    IndustryChain,
    Submission,
    SubmissionStatus,
    Tally,
)
from hub.efficiency.scoring import FIGURE_FIELDS
from hub.extensions import db
from hub.lists.rows import built_once, paged, paginate_built
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


def _filters(park_id, chain_id, grade) -> tuple:
    """The list's filters as applied: a park, a chain (0: none) and a grade (A–D), or None."""
    return park_id or None, chain_id or None, grade if grade in GRADES else None


def _filtered(stmt, round_id, where, park_id, chain_id, grade):
    """`stmt` (eff_figure joined to its enterprise) narrowed to the round, `where` (visibility)
    and the list's filters (`_filters`' values or bound parameters; None: no such filter), in
    the list's order."""
    stmt = (stmt.where(Figure.round_id == round_id, where)
            .order_by(Figure.score.desc().nulls_last(), Enterprise.name, Figure.id))
    if park_id is not None:
        stmt = stmt.where(Figure.park_id == park_id)
    if chain_id is not None:
        stmt = stmt.where(Enterprise.chain_id == chain_id)
    if grade is not None:
        stmt = stmt.where(Figure.grade == grade)
    return stmt


def export_select(rnd: EvalRound, where, *, park_id=None, chain_id=None, grade=None):
    """The score list as the export's rows, its columns but the rank in order: enterprise name,
    credit code, park name, chain name ('' without), county, the figures (FIGURE_FIELDS), score,
    grade ('' without). As Figure entities with their enterprise, chain and park (selectinload:
    4,000 figures, eight statements of 500 enterprise ids) the rows took half of the export's
    CPU at scale 10 (bench/results/2026-12-07-s12-effx.md)."""
    return _filtered(
        db.select(Enterprise.name, Enterprise.credit_code, Park.name,
                  func.coalesce(IndustryChain.name, ""), Enterprise.county,
                  *(getattr(Figure, name) for name in FIGURE_FIELDS), Figure.score,
                  func.coalesce(Figure.grade, ""))
        .join(Enterprise, Enterprise.id == Figure.enterprise_id)
        .join(Park, Park.id == Figure.park_id)
        .outerjoin(IndustryChain, IndustryChain.id == Enterprise.chain_id),
        rnd.id, where, *_filters(park_id, chain_id, grade))


def score_rows_select(rnd: EvalRound, where, *, park_id=None, chain_id=None, grade=None):
    """The score list as the rows the scores page shows (enterprise_id, enterprise_name,
    park_short_name, chain_name, score, grade): no ORM objects, one statement per page."""
    return _rows_select(rnd.id, where, *_filters(park_id, chain_id, grade))


def _rows_select(round_id, where, park_id, chain_id, grade):
    return _filtered(
        db.select(Figure.enterprise_id, Enterprise.name.label("enterprise_name"),
                  Park.short_name.label("park_short_name"),
                  IndustryChain.name.label("chain_name"), Figure.score, Figure.grade)
        .join(Enterprise, Enterprise.id == Figure.enterprise_id)
        .join(Park, Park.id == Figure.park_id)
        .outerjoin(IndustryChain, IndustryChain.id == Enterprise.chain_id),
        round_id, where, park_id, chain_id, grade)


def score_count(rnd: EvalRound, visible, *, park_id=None, chain_id=None, grade=None) -> int:
    """How many rows `score_rows_select` has with these filters, summed from the round's
    tallies (at most parks × counties or chains × grades rows, whatever the number of figures);
    `visible`: the visibility over Tally.park_id (perm.figures_visible(…, Tally.park_id))."""
    return db.session.execute(
        _count_select(rnd.id, visible, *_filters(park_id, chain_id, grade))).scalar_one()


def _count_select(round_id, visible, park_id, chain_id, grade):
    stmt = db.select(func.coalesce(func.sum(Tally.figures), 0)).where(
        Tally.round_id == round_id, Tally.dim == ("chain" if chain_id is not None else "county"),
        visible)
    if park_id is not None:
        stmt = stmt.where(Tally.park_id == park_id)
    if chain_id is not None:
        stmt = stmt.where(Tally.chain_id == chain_id)
    if grade is not None:
        stmt = stmt.where(Tally.grade == grade)
    return stmt


_SCORE_PAGES: dict = {}  # (filters used, visibility clauses) → the page's statements


def score_page(rnd: EvalRound, where, visible, *, page: int, per_page: int, park_id=None,
               chain_id=None, grade=None):
    """A page of `score_rows_select`'s rows, with `score_count`'s total as a last column of the
    same statement (`where` and `visible` as theirs): one statement, built once per set of
    filters used and visibility, the round and the filters' values bound. Building the two
    statements was ~600 Python calls of each view, the count one more statement (issue 16;
    bench/results/2026-12-07-s13-summary.md)."""
    applied = dict(zip(("park_id", "chain_id", "grade"), _filters(park_id, chain_id, grade),
                       strict=True))
    values = {name: value for name, value in applied.items() if value is not None}

    def build():
        round_id = bindparam("round_id", type_=Integer)
        bound = [None if value is None else bindparam(name) for name, value in applied.items()]
        count = _count_select(round_id, visible, *bound)
        return paged(_rows_select(round_id, where, *bound), count), count

    stmt, count = built_once(_SCORE_PAGES, build, tuple(v is not None for v in applied.values()),
                             (where, visible))
    return paginate_built(stmt, count, {"round_id": rnd.id, **values}, lambda row: row,
                          page=page, per_page=per_page)


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
