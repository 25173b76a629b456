"""Demo data (`hub seed-demo`): the seed's 园区项目"百日攻坚" campaign (Aug–Nov 2026, targets
100 visits, 100 signed, 100 started or completed) and its first month exactly as the seed reports
it: 48 visits, 45 projects signed (total investment 95.65 亿元), 26 started, 22 completed — all
counted from the projects and visits below, never typed in. September adds a little more, and some
projects completed in August fall behind their commitments (履约监管). Idempotent: skipped when the
campaign exists."""

from datetime import date, timedelta
from decimal import Decimal as D

from hub.auth.models import User
from hub.extensions import db
from hub.parks.queries import by_short_names
from hub.projects import campaigns, services
from hub.projects.models import Campaign, Measure, Visit

CAMPAIGN = "园区项目“百日攻坚”行动"
# park code, short name, industry chain, August: visits, signed, started, completed;
# monthly targets: signed/visits, started, completed
PARKS = [
    ("gxq", "高新区", "轨道交通", 10, 11, 6, 5, 6, 3, 3),
    ("tianxin", "田心", "轨道交通装备", 8, 7, 4, 4, 4, 2, 2),
    ("jkq", "经开区", "新能源汽车", 9, 9, 5, 4, 5, 3, 2),
    ("liling", "醴陵", "陶瓷新材料", 8, 8, 4, 3, 4, 2, 2),
    ("chaling", "茶陵", "电子信息", 7, 8, 4, 4, 3, 2, 2),
    ("lukou", "渌口", "服装", 6, 2, 3, 2, 3, 1, 1),
]
KINDS = ["生产基地", "智能制造", "研发中心", "扩产", "零部件", "产业园"]
CITIES = ["深圳", "上海", "北京", "广州", "杭州", "苏州", "武汉", "成都", "长沙", "宁波"]
INVESTORS = ["华南", "长三角", "京津", "中部", "西部"]
AUG_SIGNED_TOTAL = D("956500")  # 95.65 亿元, in 万元
TODAY = date(2026, 12, 31)  # the demo's history ends before this


def _amounts(n: int) -> list[D]:
    base = [D(6000 + (i * 7919) % 30000) for i in range(n - 1)]
    return [*base, AUG_SIGNED_TOTAL - sum(base)]


def seed() -> None:
    if db.session.execute(db.select(Campaign.id).where(Campaign.name == CAMPAIGN)).first():
        return
    admin = db.session.execute(db.select(User).where(User.username == "admin")).scalar()
    if admin is None:
        return
    parks = by_short_names()
    campaign = campaigns.save_campaign(admin, {
        "name": CAMPAIGN, "starts_on": date(2026, 8, 1), "ends_on": date(2026, 11, 30),
        "min_investment": D("5000"), "description": "外出招商100次以上，新签约招商引资项目"
        "（5000万元以上）100个以上，新开工、新竣工产业项目（5000万元以上）100个以上。"})
    db.session.flush()
    targets = {(Measure.VISITS, None, ""): D(100), (Measure.SIGNED, None, ""): D(100),
               (Measure.STARTED, None, ""): D(50), (Measure.COMPLETED, None, ""): D(50)}
    months = [campaigns.month_key(m) for m in campaigns.months(campaign)]
    for month in months:
        targets.update({(Measure.VISITS, None, month): D(25), (Measure.SIGNED, None, month): D(25),
                        (Measure.STARTED, None, month): D(13),
                        (Measure.COMPLETED, None, month): D(12)})
    amounts = iter(_amounts(sum(p[4] for p in PARKS)))
    n = 0
    for code, short, chain, visits, signed, started, completed, t_sign, t_start, t_done in PARKS:
        park = parks.get(short)
        author = db.session.execute(
            db.select(User).where(User.username == f"{code}_staff1")).scalar()
        if park is None or author is None:
            continue
        for month in months:
            targets.update({(Measure.VISITS, park.id, month): D(t_sign),
                            (Measure.SIGNED, park.id, month): D(t_sign),
                            (Measure.STARTED, park.id, month): D(t_start),
                            (Measure.COMPLETED, park.id, month): D(t_done)})
        for i in range(visits):
            n += 1
            db.session.add(Visit(park_id=park.id, visit_on=date(2026, 8, 1 + (i * 3) % 30),
                                 destination=f"{CITIES[n % len(CITIES)]}（{chain}企业对接）",
                                 people=f"{park.contact_person or '招商专员'}等{2 + n % 3}人",
                                 leads=f"对接{chain}企业{1 + n % 4}家，达成初步意向{n % 3}项",
                                 created_by_id=author.id))
        for i in range(signed):  # signed in August; the first few also started in August
            n += 1
            _project(author, park, chain, n, amount=next(amounts),
                     signed_on=date(2026, 8, 2 + (i * 5) % 27),
                     started_on=date(2026, 8, 29) if i < started // 2 else None)
        for i in range(started - started // 2):  # signed earlier, started in August
            n += 1
            _project(author, park, chain, n, amount=D(8000 + i * 1500),
                     signed_on=date(2026, 5, 10 + i), started_on=date(2026, 8, 6 + i * 3))
        for i in range(completed):  # started last year, completed in August
            n += 1
            producing = date(2026, 10, 15) if i % 2 == 0 else None
            _project(author, park, chain, n, amount=D(12000 + i * 2500),
                     signed_on=date(2025, 6, 1 + i), started_on=date(2025, 9, 1 + i),
                     completed_on=date(2026, 8, 10 + i), producing_on=producing,
                     deadline=date(2026, 10, 31), paid=D("0.8") if i % 3 == 1 else D(1),
                     tax=D(300), actual_tax=D(320) if producing else D(0))
        for i in range(2):  # a little of September
            n += 1
            _project(author, park, chain, n, amount=D(7000 + i * 900),
                     signed_on=date(2026, 9, 8 + i * 7))
            db.session.add(Visit(park_id=park.id, visit_on=date(2026, 9, 5 + i * 9),
                                 destination=CITIES[(n + i) % len(CITIES)], people="招商小分队",
                                 leads="", created_by_id=author.id))
    campaigns.set_targets(admin, campaign, targets)
    db.session.commit()


def _project(author, park, chain, n, *, amount, signed_on, started_on=None, completed_on=None,
             producing_on=None, deadline=None, paid=D("0.3"), tax=D(0), actual_tax=D(0)):
    contracted = (amount * D("0.8")).quantize(D("1"))
    name = f"{park.short_name}{chain}{KINDS[n % len(KINDS)]}项目（{n:03d}）"
    services.create(author, {
        "park_id": park.id, "name": name,
        "investor": f"{INVESTORS[n % len(INVESTORS)]}{chain}集团有限公司", "industry_chain": chain,
        "total_investment": amount, "signed_on": signed_on, "started_on": started_on,
        "completed_on": completed_on, "producing_on": producing_on,
        "contracted_capital": contracted, "paid_in_capital": (contracted * paid).quantize(D("1")),
        "production_deadline": deadline or signed_on + timedelta(days=540),
        "committed_tax": tax, "committed_output": D(0), "actual_tax": actual_tax,
        "actual_output": D(0), "notes": ""}, today=TODAY)
