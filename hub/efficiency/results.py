"""Results of a round: the score list, one enterprise's make-up, the 亩均英雄榜 and the analysis
(grade distribution per park and county, aggregate 亩均税收 per park and chain, year on year).

Each function is a fixed number of statements, whatever the number of enterprises. Only figures
of reports the zone office accepted (已审核) count in the hero list and the analysis.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func
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


def accepted_clause(rnd: EvalRound):
    return Figure.park_id.in_(
        db.select(Submission.park_id).where(Submission.round_id == rnd.id,
                                            Submission.status == SubmissionStatus.ACCEPTED))


def scores_select(rnd: EvalRound, where, *, park_id=None, chain_id=None, grade=None):
    stmt = (db.select(Figure).join(Enterprise, Enterprise.id == Figure.enterprise_id)
            .where(Figure.round_id == rnd.id, where)
            .options(selectinload(Figure.enterprise).selectinload(Enterprise.chain),
                     selectinload(Figure.park))
            .order_by(Figure.score.desc().nulls_last(), Enterprise.name, Figure.id))
    if park_id:
        stmt = stmt.where(Figure.park_id == park_id)
    if chain_id:
        stmt = stmt.where(Enterprise.chain_id == chain_id)
    if grade in GRADES:
        stmt = stmt.where(Figure.grade == grade)
    return stmt


# --- 亩均英雄榜 ----------------------------------------------------------------------------------
@dataclass
class Heroes:
    overall: list[Figure]
    by_park: list[tuple[Park, list[Figure]]]
    by_chain: list[tuple[IndustryChain, list[Figure]]]


def scores(rnd: EvalRound, where, *, park_id=None, chain_id=None, grade=None) -> list[Figure]:
    """Every row of `scores_select` (the export)."""
    return list(db.session.execute(scores_select(rnd, where, park_id=park_id, chain_id=chain_id,
                                                 grade=grade)).scalars())


def figure_of(rnd: EvalRound, enterprise_id: int) -> Figure | None:
    return db.session.execute(db.select(Figure).where(
        Figure.round_id == rnd.id, Figure.enterprise_id == enterprise_id)).scalar()


def heroes(rnd: EvalRound, top: int = 10, top_group: int = 3) -> Heroes:
    """The top `top` overall and the top `top_group` per park and per chain, from one list."""
    ranked = list(db.session.execute(scores_select(rnd, accepted_clause(rnd))
                                     .where(Figure.score.is_not(None))).scalars())
    parks: dict[int, list] = defaultdict(list)
    chains: dict[int, list] = defaultdict(list)
    park_of, chain_of = {}, {}
    for fig in ranked:
        if len(parks[fig.park_id]) < top_group:
            parks[fig.park_id].append(fig)
            park_of[fig.park_id] = fig.park
        chain = fig.enterprise.chain
        if chain is not None and len(chains[chain.id]) < top_group:
            chains[chain.id].append(fig)
            chain_of[chain.id] = chain
    return Heroes(
        overall=ranked[:top],
        by_park=[(park_of[k], parks[k]) for k in sorted(parks, key=lambda k: park_of[k].id)],
        by_chain=[(chain_of[k], chains[k])
                  for k in sorted(chains, key=lambda k: (chain_of[k].sort_order, k))],
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


def weakest_indicators(rnd: EvalRound) -> dict[int, tuple[str, Decimal]]:
    """Per park: the indicator with the lowest average ratio (value ÷ benchmark, capped) over its
    accepted enterprises — the one that most pulls the park down — and that average."""
    sums: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(lambda: [Decimal(0), 0]))
    rows = db.session.execute(
        db.select(Figure.park_id, Figure.breakdown)
        .where(Figure.round_id == rnd.id, accepted_clause(rnd)))
    for park_id, breakdown in rows:
        for part in breakdown or []:
            acc = sums[park_id][part["code"]]
            acc[0] += Decimal(part["ratio"])
            acc[1] += 1
    out = {}
    for park_id, codes in sums.items():
        code, (total, n) = min(codes.items(), key=lambda kv: (kv[1][0] / kv[1][1], kv[0]))
        out[park_id] = (code, (total / n).quantize(Decimal("0.01"), ROUND_HALF_UP))
    return out
