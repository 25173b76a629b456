"""Synthetic projects, 招商 visits, a campaign with targets, and the empowered-items catalogue
with every park's handovers, for `hub generate-data` (scale 1: 2,000 projects, 4,000 visits,
120 items)."""

from datetime import date, timedelta
from decimal import Decimal

from bench.data import text as tx
from hub.powers.models import HandoverStatus, PowerHandover, PowerItem, PowerMode
from hub.projects.models import Campaign, CampaignTarget, Measure, Project, Visit

DEPARTMENTS = ["市发改委", "市资规局", "市住建局", "市生态环境局", "市市场监管局", "市人社局",
               "市商务局", "市工信局", "市城管局", "市交通局"]
ACTIONS = ["许可", "备案", "核准", "审批", "登记", "验收"]


def generate_projects(world, bulk, today: date = date(2026, 6, 30)) -> None:
    rng = world.rng("projects")
    total = 2000 * world.scale
    rows = []
    for n, pid in enumerate(bulk.ids(Project.__table__, total)):
        park_id = world.park_ids[n % len(world.park_ids)]
        chain = rng.choice(tx.INDUSTRIES)
        signed = today - timedelta(days=rng.randint(0, 900))
        dates = [signed]
        for _stage in range(3):
            nxt = dates[-1] + timedelta(days=rng.randint(20, 300))
            if nxt > today or rng.random() < 0.3:
                break
            dates.append(nxt)
        dates += [None] * (4 - len(dates))
        amount = Decimal(rng.randint(3000, 200000))
        contracted = (amount * Decimal("0.8")).quantize(Decimal(1))
        rows.append({
            "id": pid, "park_id": park_id, "name": f"{chain}项目{pid}",
            "investor": tx.enterprise(rng), "industry_chain": chain, "total_investment": amount,
            "signed_on": dates[0], "started_on": dates[1], "completed_on": dates[2],
            "producing_on": dates[3], "contracted_capital": contracted,
            "paid_in_capital": (contracted * Decimal(rng.randint(0, 100)) / 100).quantize(
                Decimal(1)),
            "production_deadline": signed + timedelta(days=rng.randint(365, 900)),
            "committed_tax": Decimal(rng.randint(0, 500)), "committed_output": Decimal(0),
            "actual_tax": Decimal(rng.randint(0, 600)), "actual_output": Decimal(0), "notes": "",
            "created_by_id": world.user_of(rng, park_id), "created_at": world_time(signed),
            "updated_at": world_time(signed), "version": 1})
    bulk.insert(Project.__table__, rows)
    visits = []
    for n, vid in enumerate(bulk.ids(Visit.__table__, 2 * total)):
        park_id = world.park_ids[n % len(world.park_ids)]
        on = today - timedelta(days=rng.randint(0, 900))
        visits.append({"id": vid, "park_id": park_id, "visit_on": on,
                       "destination": rng.choice(["深圳", "上海", "北京", "广州", "杭州"]),
                       "people": tx.person(rng), "leads": "", "created_by_id": None,
                       "created_at": world_time(on), "updated_at": world_time(on)})
    bulk.insert(Visit.__table__, visits)
    _campaign(world, bulk, today)
    _powers(world, bulk, rng, today)


def world_time(day: date):
    from datetime import UTC, datetime

    return datetime(day.year, day.month, day.day, 2, tzinfo=UTC)


def _campaign(world, bulk, today: date) -> None:
    (cid,) = bulk.ids(Campaign.__table__, 1)
    start = date(today.year, 3, 1)
    bulk.insert(Campaign.__table__, [{
        "id": cid, "name": f"生成数据专项行动{world.seed}", "starts_on": start,
        "ends_on": date(today.year, 6, 30), "min_investment": Decimal(5000), "description": "",
        "created_at": world_time(start), "updated_at": world_time(start)}])
    targets = [(m, None, "") for m in Measure] + [
        (m, p, f"{today.year}-{month:02d}") for m in Measure for p in world.park_ids
        for month in range(3, 7)]
    ids = bulk.ids(CampaignTarget.__table__, len(targets))
    bulk.insert(CampaignTarget.__table__, [{
        "id": tid, "campaign_id": cid, "measure": m, "park_id": p, "park_key": p or 0,
        "month": date.fromisoformat(mk + "-01") if mk else None, "month_key": mk,
        "value": Decimal(100 if p is None else 3)} for tid, (m, p, mk) in zip(
            ids, targets, strict=True)])


def _powers(world, bulk, rng, today: date) -> None:
    items = bulk.ids(PowerItem.__table__, 120)
    bulk.insert(PowerItem.__table__, [{
        "id": iid, "name": f"{DEPARTMENTS[n % 10]}{ACTIONS[n % 6]}事项{iid}",
        "department": DEPARTMENTS[n % 10], "mode": list(PowerMode)[n % 4], "legal_basis": "",
        "handover_due": today - timedelta(days=30) if n % 5 == 0 else None,
        "created_at": world_time(today), "updated_at": world_time(today)}
        for n, iid in enumerate(items)])
    rows = []
    for iid in items:
        for park_id in world.park_ids:
            status = rng.choice(list(HandoverStatus))
            if status is HandoverStatus.PENDING:
                continue
            signed = today - timedelta(days=rng.randint(40, 400))
            rows.append({
                "item_id": iid, "park_id": park_id, "status": status,
                "signed_on": signed if status is not HandoverStatus.DEFERRED else None,
                "running_on": signed + timedelta(days=20)
                if status is HandoverStatus.RUNNING else None,
                "first_case": "首件业务" if status is HandoverStatus.RUNNING else "",
                "deferred_on": signed if status is HandoverStatus.DEFERRED else None,
                "reason": "承接条件不具备" if status is HandoverStatus.DEFERRED else "",
                "created_at": world_time(signed), "updated_at": world_time(signed),
                "version": 1})
    for hid, row in zip(bulk.ids(PowerHandover.__table__, len(rows)), rows, strict=True):
        row["id"] = hid
    bulk.insert(PowerHandover.__table__, rows)
