"""要素差别化配置: policy lines per grade (configured by the zone office) and, per enterprise of a
round, the lines its grade brings — the list the departments that apply them receive."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import Row

from hub import audit
from hub.efficiency import results, services
from hub.efficiency.models import AllocationPolicy, Enterprise, EvalRound, Figure
from hub.extensions import db
from hub.parks.models import Park

POLICY_DOMAINS = {
    "subsidy": _l("Subsidies and awards"),  # 奖补
    "land": _l("Land use"),  # 用地
    "energy": _l("Energy use"),  # 用能
    "water": _l("Water use"),  # 用水
    "emission": _l("Emission rights"),  # 排污
    "finance": _l("Financing"),  # 融资
    "support": _l("Enterprise support"),  # 企业帮扶
}


def policies() -> list[AllocationPolicy]:
    return list(db.session.execute(
        db.select(AllocationPolicy).where(AllocationPolicy.active.is_(True))
        .order_by(AllocationPolicy.grade, AllocationPolicy.domain, AllocationPolicy.id)).scalars())


def add_policy(actor, grade: str, domain: str, measure: str) -> AllocationPolicy:
    if grade not in results.GRADES or domain not in POLICY_DOMAINS or not measure.strip():
        raise services.EfficiencyError("policy")
    row = AllocationPolicy(grade=grade, domain=domain, measure=measure.strip()[:500])
    db.session.add(row)
    audit.record(actor, "create", row, summary=f"{grade} {domain} {row.measure}"[:200])
    return row


def retire_policy(actor, row: AllocationPolicy) -> None:
    row.active = False
    audit.record(actor, "delete", row, summary=f"{row.grade} {row.domain} {row.measure}"[:200])


def allocation(rnd: EvalRound, where) -> list[tuple[Row, list[AllocationPolicy]]]:
    """Every scored enterprise of accepted reports (best first) with its grade's policy lines;
    two statements whatever the number of enterprises. An enterprise is a row of
    (enterprise_name, credit_code, park_name, park_short_name, score, grade), not a Figure with
    its enterprise and park loaded (nine statements, ~60 % of the page's CPU at scale 10)."""
    by_grade: dict[str, list[AllocationPolicy]] = {}
    for row in policies():
        by_grade.setdefault(row.grade, []).append(row)
    rows = db.session.execute(
        db.select(Enterprise.name.label("enterprise_name"), Enterprise.credit_code,
                  Park.name.label("park_name"), Park.short_name.label("park_short_name"),
                  Figure.score, Figure.grade)
        .join(Enterprise, Enterprise.id == Figure.enterprise_id)
        .join(Park, Park.id == Figure.park_id)
        .where(Figure.round_id == rnd.id, where, results.accepted_clause(rnd),
               Figure.grade.is_not(None))
        .order_by(*results.HERO_ORDER))
    return [(row, by_grade.get(row.grade, [])) for row in rows]
