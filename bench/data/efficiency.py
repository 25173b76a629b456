"""Synthetic 亩均效益评价 data for `hub generate-data`: 400 enterprises per scale step across the
generated parks, figures scored for two rounds (2024 published, 2025 open), every report of
2024 accepted and three in four of 2025. Rounds of those years made by the demo are reused."""

from datetime import timedelta
from decimal import Decimal

from hub.efficiency import creditcode, scoring, services, tallies
from hub.efficiency.models import Enterprise, Figure, Submission, SubmissionStatus
from hub.extensions import db

ENTERPRISES_PER_SCALE = 400
COUNTIES = ("天元区", "石峰区", "荷塘区", "芦淞区", "渌口区", "醴陵市", "攸县", "茶陵县", "炎陵县")
WORDS = ("电气", "材料", "机械", "电子", "陶瓷", "服饰", "汽车部件", "航空部件", "化工", "装备")


def _round(year: int, published: bool):
    rnd = services.get_round_by_year(year) or services.open_round(None, year, None)
    if published and not rnd.is_published:
        services.publish_round(None, rnd)
    db.session.flush()
    return rnd


def generate_efficiency(world, bulk) -> None:
    from bench.data.generate import BASE

    rng = world.rng("efficiency")
    chain_ids = [c.id for c in services.chains()]
    n = ENTERPRISES_PER_SCALE * world.scale
    ids = bulk.ids(Enterprise.__table__, n)
    ents = []
    for i, eid in enumerate(ids):
        first17 = f"91430200G{world.seed % 10}{eid:07d}"
        ents.append({
            "id": eid, "park_id": world.park_ids[i % len(world.park_ids)],
            "name": f"株洲{rng.choice(WORDS)}{eid}有限公司",
            "credit_code": first17 + creditcode.check_character(first17),
            "chain_id": rng.choice(chain_ids) if chain_ids else None,
            "county": rng.choice(COUNTIES), "land_mu": Decimal(rng.randrange(3, 300)),
            "above_size": True, "created_at": BASE, "updated_at": BASE, "version": 1})
    bulk.insert(Enterprise.__table__, ents)
    for year, published, growth in ((2024, True, Decimal(1)), (2025, False, Decimal("1.08"))):
        rnd = _round(year, published)
        scheme = services.pure_scheme(rnd.scheme)
        figs = []
        for ent, fid in zip(ents, bulk.ids(Figure.__table__, len(ents)), strict=True):
            revenue = Decimal(rng.randrange(30, 420)) * ent["land_mu"] * growth
            values = {"tax": (revenue * rng.randrange(10, 70) / 1000).quantize(Decimal("0.01")),
                      "revenue": revenue.quantize(Decimal("0.01")),
                      "energy": (revenue / rng.randrange(2, 16)).quantize(Decimal("0.01")),
                      "emission": (revenue / rng.randrange(120, 900)).quantize(Decimal("0.01")),
                      "rd": (revenue * rng.randrange(4, 45) / 1000).quantize(Decimal("0.01")),
                      "employees": int(revenue / rng.randrange(30, 160)) + 5,
                      "land_mu": ent["land_mu"]}
            result = scoring.score(scoring.indicator_values(values), scheme)
            figs.append({
                "id": fid, "round_id": rnd.id, "enterprise_id": ent["id"],
                "park_id": ent["park_id"], **values, "score": result.total,
                "grade": result.grade, "scheme_version": rnd.scheme_version,
                "breakdown": [{"code": p.code, "value": None if p.value is None else str(p.value),
                               "benchmark": str(p.benchmark), "ratio": str(p.ratio),
                               "weight": str(p.weight), "score": str(p.score)}
                              for p in result.parts],
                "flags": [], "created_at": BASE, "updated_at": BASE})
        bulk.insert(Figure.__table__, figs)
        # bulk inserts pass the ORM's flush: the analysis's tallies are written here
        tallies.refresh(db.session.connection(), {(rnd.id, p) for p in world.park_ids})
        taken = set(db.session.execute(db.select(Submission.park_id).where(
            Submission.round_id == rnd.id)).scalars())
        parks = [p for p in world.park_ids if p not in taken]
        subs = [{"id": sid, "round_id": rnd.id, "park_id": pid,
                 "status": (SubmissionStatus.ACCEPTED if published or k % 4 else
                            SubmissionStatus.SUBMITTED),
                 "comment": "", "submitted_at": BASE - timedelta(days=30),
                 "created_at": BASE, "updated_at": BASE, "version": 1}
                for k, (sid, pid) in enumerate(zip(bulk.ids(Submission.__table__, len(parks)),
                                                   parks, strict=True))]
        bulk.insert(Submission.__table__, subs)
