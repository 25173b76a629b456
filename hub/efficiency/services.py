"""亩均效益评价: enterprises, rounds and their versioned schemes. Plain functions, no request
globals; the caller commits. Collection and review live in collection.py, results in results.py."""

from datetime import date
from decimal import Decimal
from functools import cache

from flask_babel import lazy_gettext as _l
from sqlalchemy import literal, select, union_all

from hub import audit
from hub.domain import DomainError
from hub.efficiency import creditcode, scoring
from hub.efficiency.models import (
    Enterprise,
    EvalRound,
    Figure,
    IndustryChain,
    RoundStatus,
    Scheme,
)
from hub.extensions import db
from hub.lists import sorting
from hub.parks import queries as park_queries
from hub.parks.models import Park
from hub.timeutil import utcnow

EVALUATED_MIN_MU = Decimal(3)  # 占地 3 亩及以上的规上工业企业

# code, unit, higher is better, weight, benchmark (基准值)
DEFAULT_INDICATORS = [
    ("tax_per_mu", "万元/亩", True, "40", "15"),
    ("revenue_per_mu", "万元/亩", True, "20", "300"),
    ("revenue_per_energy", "万元/吨标煤", True, "10", "10"),
    ("revenue_per_emission", "万元/吨", True, "10", "500"),
    ("rd_intensity", "%", True, "10", "3"),
    ("labour_productivity", "万元/人", True, "10", "100"),
]
DEFAULT_THRESHOLDS = {"A": "90", "B": "70", "C": "50"}
INDICATOR_LABELS = {
    "tax_per_mu": _l("Tax per mu"),  # 亩均税收
    "revenue_per_mu": _l("Revenue per mu"),  # 亩均营业收入
    "revenue_per_energy": _l("Revenue per unit of energy"),  # 单位能耗营业收入
    "revenue_per_emission": _l("Revenue per unit of emissions"),  # 单位排放营业收入
    "rd_intensity": _l("R&D intensity"),  # 研发经费投入强度
    "labour_productivity": _l("Labour productivity"),  # 全员劳动生产率
}
GRADE_LABELS = {
    "A": _l("A · priority development"),  # A类 优先发展
    "B": _l("B · upgrading development"),  # B类 提升发展
    "C": _l("C · transformation"),  # C类 转型发展
    "D": _l("D · rectification"),  # D类 整治提升
}


class EfficiencyError(DomainError):
    """A refused change: `code` names the message, `field` the form field it belongs to."""

    messages = {
        "code_length": _l("A unified social credit code has 18 characters."),
        "code_charset": _l("Only digits and capital letters other than I, O, S, V and Z are "
                           "allowed in a credit code."),
        "code_region": _l("Characters 3 to 8 of a credit code (the administrative division) "
                          "must be digits."),
        "code_check": _l("The check character (the 18th) does not match: check the code for "
                         "typing errors."),
        "code_taken": _l("An enterprise with this credit code is already registered."),
        "chain_exists": _l("This industry chain is already in the list."),
        "year_taken": _l("A round for this year already exists."),
        "weights": _l("The weights must add up to more than zero."),
        "benchmark": _l("Every benchmark must be greater than zero."),
        "thresholds": _l("The grade thresholds must fall: A above B above C, C not negative."),
        "published": _l("The round is published; its scheme and results are final."),
        "locked": _l("This report cannot be changed now (submitted, accepted or round closed)."),
        "cells": _l("Nothing was saved: correct the marked cells."),
        "not_submitted": _l("Only a submitted report can be returned or accepted."),
        "comment": _l("Say why the report is returned."),
        "negative": _l("Must not be negative."),
        "policy": _l("Choose a grade and a domain, and describe the measure."),
        "not_published": _l("Publish the results of the round first."),
        "notice_exists": _l("The hero list notice of this round exists already."),
    }
    # the round's or the report's state forbids the change (else: the input is wrong)
    CONFLICTS = frozenset({"published", "locked", "not_submitted", "not_published",
                           "notice_exists"})

    def __init__(self, code: str, field: str | None = None):
        super().__init__(code, field, status=409 if code in self.CONFLICTS else None)


# --- chains and parks -------------------------------------------------------------------------
def filter_menus() -> tuple[list, list]:
    """The park and industry chain menus of the scores and enterprise lists in one statement:
    rows of (id, name) of the reporting parks (hub.parks.queries.reporting), by id, and of
    every chain, in its order. Two statements of entities (every column of the parks) cost the
    scores page ~0.5 ms (bench/results/2026-12-06-s10-profile.md)."""
    found: tuple[list, list] = ([], [])
    for row in db.session.execute(_menus_stmt()):
        found[row.menu].append(row)
    return found


@cache
def _menus_stmt():
    """Built once (constants only)."""
    parks = (select(literal(0).label("menu"), Park.id, Park.name,
                    literal(0).label("position"), Park.id.label("tiebreak"))
             .where(*park_queries.reporting()))
    chains = select(literal(1), IndustryChain.id, IndustryChain.name, IndustryChain.sort_order,
                    IndustryChain.id)
    both = union_all(parks, chains).subquery()
    return select(both.c.menu, both.c.id, both.c.name).order_by(
        both.c.menu, both.c.position, both.c.tiebreak)


def chains(active_only: bool = True) -> list[IndustryChain]:
    stmt = db.select(IndustryChain).order_by(IndustryChain.sort_order, IndustryChain.id)
    if active_only:
        stmt = stmt.where(IndustryChain.active.is_(True))
    return list(db.session.execute(stmt).scalars())


def add_chain(actor, name: str) -> IndustryChain:
    name = name.strip()
    exists = db.session.execute(db.select(IndustryChain).where(IndustryChain.name == name)).scalar()
    if exists:
        raise EfficiencyError("chain_exists", "name")
    top = db.session.execute(db.select(db.func.max(IndustryChain.sort_order))).scalar() or 0
    chain = IndustryChain(name=name, sort_order=top + 1)
    db.session.add(chain)
    audit.record(actor, "create", chain)
    return chain


def list_rounds() -> list[EvalRound]:
    """Every round, newest year first."""
    return list(db.session.execute(
        db.select(EvalRound).order_by(EvalRound.year.desc())).scalars())


ENTERPRISE_SORT = sorting.SortSpec({
    "park": sorting.key(Enterprise.park_id, Enterprise.name),  # the default
    "name": sorting.key(Enterprise.name), "code": sorting.key(Enterprise.credit_code),
    "chain": sorting.key(db.select(IndustryChain.sort_order)
                         .where(IndustryChain.id == Enterprise.chain_id)
                         .correlate(Enterprise).scalar_subquery(), nullable=True),
    "county": sorting.key(Enterprise.county),
    "land": sorting.key(Enterprise.land_mu, first=sorting.DESC),
    "above_size": sorting.key(Enterprise.above_size, first=sorting.DESC),
}, default="park", tiebreak=(Enterprise.id,))


def enterprise_rows(*, park_id: int | None = None, chain_id: int | None = None, q: str = "",
                    sort: sorting.Sort | None = None):
    """Enterprises by park and name (or in `sort`'s order); of one park or chain, or matching a
    name or credit code: rows of their columns with the park's short name and the chain's name
    joined (`park_short_name`, `chain_name`), for the list and its export. As
    entities with their park and chain (two more statements) the list cost ~24,000 Python calls
    a page (bench/results/2026-12-06-s10-profile.md)."""
    sort = sort or sorting.Sort.default_of(ENTERPRISE_SORT)
    return (select(Enterprise.id, Enterprise.name, Enterprise.credit_code, Enterprise.park_id,
                   Park.short_name.label("park_short_name"),
                   IndustryChain.name.label("chain_name"), Enterprise.county,
                   Enterprise.land_mu, Enterprise.above_size)
            .join(Park, Park.id == Enterprise.park_id)
            .outerjoin(IndustryChain, IndustryChain.id == Enterprise.chain_id)
            .where(*_enterprise_filters(park_id, chain_id, q)).order_by(*sort.order_by()))


def _enterprise_filters(park_id: int | None, chain_id: int | None, q: str) -> list:
    clauses = []
    if park_id:
        clauses.append(Enterprise.park_id == park_id)
    if chain_id:
        clauses.append(Enterprise.chain_id == chain_id)
    if q:
        clauses.append(Enterprise.name.contains(q) | (Enterprise.credit_code == q.upper()))
    return clauses


# --- enterprises ------------------------------------------------------------------------------
ENTERPRISE_FIELDS = ("name", "credit_code", "chain_id", "county", "land_mu", "above_size")


def _check_code(code: str, enterprise_id: int | None) -> str:
    code = creditcode.normalize(code)
    problem = creditcode.problem(code)
    if problem:
        raise EfficiencyError(f"code_{problem}", "credit_code")
    clash = db.session.execute(
        db.select(Enterprise.id).where(Enterprise.credit_code == code)
    ).scalar()
    if clash is not None and clash != enterprise_id:
        raise EfficiencyError("code_taken", "credit_code")
    return code


def _apply(ent: Enterprise, data: dict) -> dict:
    before = audit.snapshot(ent, ENTERPRISE_FIELDS) if ent.id else {}
    ent.name = data["name"].strip()
    ent.credit_code = _check_code(data["credit_code"], ent.id)
    ent.chain_id = data.get("chain_id") or None
    ent.county = (data.get("county") or "").strip()
    land = Decimal(data["land_mu"])
    if land < 0:
        raise EfficiencyError("negative", "land_mu")
    ent.land_mu = land
    ent.above_size = bool(data.get("above_size"))
    return before


def create_enterprise(actor, park_id: int, data: dict) -> Enterprise:
    ent = Enterprise(park_id=park_id)
    _apply(ent, data)
    db.session.add(ent)
    audit.record(actor, "create", ent)
    return ent


def update_enterprise(actor, ent: Enterprise, data: dict, *, park_id: int | None = None) -> None:
    """Save an edit; `park_id` moves the enterprise to another park (the zone office)."""
    if park_id is not None:
        ent.park_id = park_id
    before = _apply(ent, data)
    changes = audit.diff(before, ent)
    if changes:
        audit.record(actor, "update", ent, changes)


def evaluated_enterprises(park_id: int) -> list[Enterprise]:
    """The enterprises a park reports figures for: 规上, on 3 亩 or more."""
    return list(db.session.execute(
        db.select(Enterprise)
        .where(Enterprise.park_id == park_id, Enterprise.above_size.is_(True),
               Enterprise.land_mu >= EVALUATED_MIN_MU)
        .order_by(Enterprise.name, Enterprise.id)
    ).scalars())


# --- rounds and schemes -----------------------------------------------------------------------
def default_scheme_data() -> dict:
    return {
        "indicators": [
            {"code": c, "unit": u, "higher_is_better": h, "weight": w, "benchmark": b}
            for c, u, h, w, b in DEFAULT_INDICATORS
        ],
        "thresholds": dict(DEFAULT_THRESHOLDS),
        "cap": Decimal("1.2"),
        "jump_factor": Decimal("3"),
    }


def pure_scheme(scheme: Scheme) -> scoring.Scheme:
    return scoring.Scheme(
        indicators=tuple(
            scoring.Indicator(i["code"], i["unit"], bool(i["higher_is_better"]),
                              Decimal(str(i["weight"])), Decimal(str(i["benchmark"])))
            for i in scheme.indicators
        ),
        thresholds={k: Decimal(str(v)) for k, v in scheme.thresholds.items()},
        cap=Decimal(scheme.cap),
    )


def get_round_by_year(year: int) -> EvalRound | None:
    return db.session.execute(db.select(EvalRound).where(EvalRound.year == year)).scalar()


def open_round(actor, year: int, deadline: date | None, data: dict | None = None) -> EvalRound:
    if get_round_by_year(year) is not None:
        raise EfficiencyError("year_taken", "year")
    rnd = EvalRound(year=year, deadline=deadline, scheme_version=1)
    db.session.add(rnd)
    rnd.schemes.append(_scheme_row(1, data or default_scheme_data(), actor, ""))
    audit.record(actor, "create", rnd)
    return rnd


def _scheme_row(version: int, data: dict, actor, note: str) -> Scheme:
    weights = sum(Decimal(str(i["weight"])) for i in data["indicators"])
    if weights <= 0:
        raise EfficiencyError("weights", None)
    if any(Decimal(str(i["benchmark"])) <= 0 for i in data["indicators"]):
        raise EfficiencyError("benchmark", None)
    t = {k: Decimal(str(v)) for k, v in data["thresholds"].items()}
    if not t["A"] > t["B"] > t["C"] >= 0:
        raise EfficiencyError("thresholds", None)
    return Scheme(
        version=version,
        indicators=[{**i, "weight": str(i["weight"]), "benchmark": str(i["benchmark"])}
                    for i in data["indicators"]],
        thresholds={k: str(v) for k, v in t.items()},
        cap=Decimal(data["cap"]), jump_factor=Decimal(data["jump_factor"]),
        note=note, created_by_id=getattr(actor, "id", None),
    )


def change_scheme(actor, rnd: EvalRound, data: dict, note: str) -> Scheme:
    """A new scheme version (the old ones stay, listed on the round page); every figure of the
    round is scored again under it."""
    if rnd.is_published:
        raise EfficiencyError("published", None)
    version = rnd.scheme_version + 1
    row = _scheme_row(version, data, actor, note)
    rnd.schemes.append(row)
    rnd.scheme_version = version
    db.session.flush()
    audit.record(actor, "scheme", rnd, {"scheme_version": [version - 1, version]},
                 summary=f"{rnd.year} v{version}")
    rescore_round(rnd)
    return row


def rescore_round(rnd: EvalRound) -> None:
    figures = list(db.session.execute(
        db.select(Figure).where(Figure.round_id == rnd.id)).scalars())
    previous = previous_figures(rnd, [f.enterprise_id for f in figures])
    for fig in figures:
        apply_score(fig, rnd, previous.get(fig.enterprise_id))


def previous_figures(rnd: EvalRound, enterprise_ids) -> dict[int, dict]:
    """Last year's figures of these enterprises (for the year-on-year flag), in one query."""
    if not enterprise_ids:
        return {}
    rows = db.session.execute(
        db.select(Figure).join(EvalRound, EvalRound.id == Figure.round_id)
        .where(EvalRound.year == rnd.year - 1, Figure.enterprise_id.in_(enterprise_ids))
    ).scalars()
    return {f.enterprise_id: figure_dict(f) for f in rows}


def figure_dict(fig: Figure) -> dict:
    return {name: getattr(fig, name) for name in scoring.FIGURE_FIELDS}


def apply_score(fig: Figure, rnd: EvalRound, previous: dict | None) -> None:
    scheme = rnd.scheme
    values = figure_dict(fig)
    result = scoring.score(scoring.indicator_values(values), pure_scheme(scheme))
    fig.score, fig.grade, fig.scheme_version = result.total, result.grade, scheme.version
    fig.breakdown = [
        {"code": p.code, "value": None if p.value is None else str(p.value),
         "benchmark": str(p.benchmark), "ratio": str(p.ratio), "weight": str(p.weight),
         "score": str(p.score)}
        for p in result.parts
    ]
    fig.flags = [list(f) for f in scoring.flags(values, previous, Decimal(scheme.jump_factor))]


def publish_round(actor, rnd: EvalRound) -> None:
    if rnd.is_published:
        raise EfficiencyError("published", None)
    rnd.status = RoundStatus.PUBLISHED
    rnd.published_at = utcnow()
    audit.record(actor, "publish", rnd)
