"""Demo 亩均效益评价 data (`hub seed-demo`): ~60 enterprises across the six reporting parks,
figures for 2024 (published, every report accepted) and 2025 (open: one park accepted, one
submitted, one returned, one filling, two not started). Idempotent: enterprises are keyed by
credit code, rounds by year; an existing round is left as it is."""

import random
from decimal import Decimal

from hub.auth.models import User
from hub.efficiency import collection, creditcode, services
from hub.efficiency.models import Enterprise, SubmissionStatus
from hub.extensions import db
from hub.parks.queries import all_parks, by_short_name
from hub.timeutil import local_today

# park short name → (county, region code, chains, enterprise words)
PARKS = {
    "高新区": ("天元区", "430211", ("航空", "新能源汽车", "先进硬质材料"),
            ("航发动力", "中航精工", "硬质合金", "新能源电池", "电驱科技", "精密刀具",
             "航空部件", "汽车电子", "粉末冶金", "复合材料")),
    "田心": ("石峰区", "430204", ("轨道交通",),
           ("电力机车配件", "牵引电气", "轨道装备", "制动系统", "车体结构", "转向架",
            "轨道电缆", "减振科技", "机车电器", "列车网络")),
    "经开区": ("荷塘区", "430202", ("新能源汽车", "先进硬质材料"),
            ("汽车零部件", "智能网联", "动力总成", "车身冲压", "汽车内饰", "锂电材料",
             "充电设备", "模具制造", "硬面材料", "汽车线束")),
    "醴陵": ("醴陵市", "430281", ("陶瓷",),
           ("日用陶瓷", "电瓷电器", "艺术陶瓷", "工业陶瓷", "陶瓷釉料", "窑炉装备",
            "陶瓷包装", "玻璃制品", "烟花材料", "陶瓷新材")),
    "茶陵": ("茶陵县", "430224", ("服饰",),
           ("纺织服装", "针织制衣", "鞋业", "箱包皮具", "家纺", "印染", "辅料",
            "工装制造", "童装", "羽绒制品")),
    "渌口": ("渌口区", "430212", ("服饰", "先进硬质材料"),
           ("服饰科技", "新型建材", "合金材料", "纺织机械", "包装印刷", "五金制品",
            "钢结构", "制衣", "电子元件", "化工新材")),
}
STATUS_2025 = {"高新区": SubmissionStatus.ACCEPTED, "田心": SubmissionStatus.SUBMITTED,
               "经开区": SubmissionStatus.RETURNED, "醴陵": SubmissionStatus.FILLING}


RETURN_NOTE = "部分企业能耗数据与统计局口径不一致，请核对后重新提交。"


def _code(region: str, n: int) -> str:
    first17 = f"91{region}MA{n:07d}"
    return first17 + creditcode.check_character(first17)


def _enterprises(rng: random.Random) -> dict[int, list[Enterprise]]:
    chains = {c.name: c for c in services.chains(False)}
    out: dict[int, list[Enterprise]] = {}
    n = 0
    for short, (county, region, chain_names, words) in PARKS.items():
        park = by_short_name(short)
        if park is None:
            continue
        for i, word in enumerate(words):
            n += 1
            code = _code(region, n)
            ent = db.session.execute(
                db.select(Enterprise).where(Enterprise.credit_code == code)).scalar()
            if ent is None:
                chain = chains.get(chain_names[i % len(chain_names)])
                ent = Enterprise(park_id=park.id, name=f"株洲{word}有限公司", credit_code=code,
                                 chain_id=chain.id if chain else None, county=county,
                                 land_mu=Decimal(rng.randrange(8, 200)), above_size=i != 9)
                db.session.add(ent)
            out.setdefault(park.id, []).append(ent)
    db.session.flush()
    return out


def _profile(rng: random.Random) -> dict:
    """An enterprise's character: revenue per mu and the shares that make its other figures."""
    return {"revenue_per_mu": Decimal(rng.randrange(30, 420)),
            "tax_share": Decimal(rng.randrange(10, 70)) / 1000,
            "per_energy": Decimal(rng.randrange(2, 16)),
            "per_emission": Decimal(rng.randrange(120, 900)),
            "rd_share": Decimal(rng.randrange(4, 45)) / 1000,
            "per_employee": Decimal(rng.randrange(30, 160))}


def _cells(rng: random.Random, ent: Enterprise, profile: dict, growth: float) -> dict:
    land = ent.land_mu
    drift = Decimal(str(growth)) * Decimal(rng.randrange(90, 120)) / 100
    revenue = profile["revenue_per_mu"] * land * drift
    values = {
        "tax": revenue * profile["tax_share"], "revenue": revenue,
        "energy": revenue / profile["per_energy"],
        "emission": revenue / profile["per_emission"],
        "rd": revenue * profile["rd_share"],
        "employees": int(revenue / profile["per_employee"]) + 5,
        "land_mu": land,
    }
    return {collection.cell_name(ent.id, k): str(round(v, 2)) if not isinstance(v, int)
            else str(v) for k, v in values.items()}


def _report(actor, rnd, ents, rng, profiles, growth, status) -> None:
    sub = collection.get_submission(rnd, ents[0].park_id)
    evaluated = [e for e in ents if e.above_size and e.land_mu >= services.EVALUATED_MIN_MU]
    data = {}
    for ent in evaluated:
        data.update(_cells(rng, ent, profiles[ent.credit_code], growth))
    collection.save_grid(actor, rnd, sub, evaluated, collection.parse_grid(evaluated, data))
    if status is not SubmissionStatus.FILLING:
        sub.status = SubmissionStatus.SUBMITTED
    if status is SubmissionStatus.ACCEPTED:
        collection.accept_submission(actor, sub)
    elif status is SubmissionStatus.RETURNED:
        collection.return_submission(actor, sub, RETURN_NOTE)


POLICIES = [
    ("A", "subsidy", "优先享受亩均效益奖补资金，按亩均税收排名给予奖励"),
    ("A", "land", "新增用地指标优先保障"),
    ("A", "finance", "列入园区优质企业白名单，优先推荐银行授信"),
    ("B", "energy", "用能指标正常保障"),
    ("B", "support", "一企一策帮扶提升亩均效益"),
    ("C", "energy", "执行差别电价，每千瓦时加价 0.05 元"),
    ("C", "water", "执行差别水价，超定额累进加价"),
    ("D", "energy", "执行差别电价，每千瓦时加价 0.1 元"),
    ("D", "emission", "排污权指标从严核定，不新增排污总量"),
    ("D", "land", "不安排新增用地，列入低效用地整治清单"),
]


def _policies() -> None:
    from hub.efficiency import allocation

    if not allocation.policies():
        for grade, domain, measure in POLICIES:
            allocation.add_policy(None, grade, domain, measure)


def seed() -> None:
    admin = db.session.execute(db.select(User).where(User.username == "admin")).scalar()
    rng = random.Random(14)  # noqa: S311 - demo figures, not secrets
    by_park = _enterprises(rng)
    profiles = {e.credit_code: _profile(rng) for ents in by_park.values() for e in ents}
    _policies()
    db.session.commit()
    if services.get_round_by_year(2024) is None:
        rnd = services.open_round(admin, 2024, None)
        db.session.flush()
        for ents in by_park.values():
            _report(admin, rnd, ents, rng, profiles, 1.0, SubmissionStatus.ACCEPTED)
        services.publish_round(admin, rnd)
        db.session.commit()
    if services.get_round_by_year(2025) is None:
        rnd = services.open_round(admin, 2025, local_today())
        db.session.flush()
        shorts = {p.id: p.short_name for p in all_parks()}
        for park_id, ents in by_park.items():
            status = STATUS_2025.get(shorts[park_id])
            if status is not None:
                _report(admin, rnd, ents, rng, profiles, 1.08, status)
        db.session.commit()
