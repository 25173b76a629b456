"""Campaigns (专项行动): targets per measure, and progress DERIVED from projects and visits.

Nothing is typed twice: a campaign's figures are counted from the records themselves —
- visits (外出招商): 招商 visits (not deleted) whose date lies in the period;
- signed / started / completed (新签约 / 新开工 / 新竣工): projects of at least the campaign's
  minimum investment (5,000 万元 by default) whose 签约 / 开工 / 竣工 date lies in the period;
- investment: the total investment (万元) of the projects signed in the period.
Each figure is split by month (of the event's date) and by park. A target may be set for the whole
period or a month, for all parks or one park; a 月度任务 is *met* when the month's figure reaches
its target.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import extract, func, literal, null, union_all

from hub import audit
from hub.domain import InvalidFields
from hub.extensions import db
from hub.parks.queries import reporting_parks
from hub.projects.models import Campaign, CampaignTarget, Measure, Project, Visit
from hub.projects.services import MESSAGES

MEASURES = list(Measure)
EVENT_DATES = {Measure.SIGNED: "signed_on", Measure.STARTED: "started_on",
               Measure.COMPLETED: "completed_on"}


class CampaignInvalid(InvalidFields):
    """`errors`: {form field: code of hub.projects.services.MESSAGES}."""

    messages = MESSAGES


def list_campaigns() -> list[Campaign]:
    return list(db.session.execute(
        db.select(Campaign).order_by(Campaign.starts_on.desc())).scalars())


def months(campaign: Campaign) -> list[date]:
    """First days of the months the period touches."""
    out, day = [], campaign.starts_on.replace(day=1)
    while day <= campaign.ends_on:
        out.append(day)
        day = day.replace(year=day.year + day.month // 12, month=day.month % 12 + 1)
    return out


def month_key(day: date | None) -> str:
    return day.strftime("%Y-%m") if day else ""


# --- derived figures --------------------------------------------------------------------------
Key = tuple[Measure, int | None, str]  # (measure, park id or None = all, "YYYY-MM" or "" = all)


def figures(campaign: Campaign) -> dict[Key, Decimal]:
    """Every figure of the campaign, by measure × (park | all) × (month | whole period).

    One statement: the projects' events and the visits of the period counted (and the signed
    projects' investment summed) per measure, park and month by the database; here only the
    few hundred groups are added up into the whole period and all parks. (The projects and
    visits one by one were nine tenths of the campaign page at scale 10: ~14,000 rows, 250–325
    ms of CPU.)"""
    out: dict[Key, Decimal] = defaultdict(Decimal)

    def add(measure: Measure, park_id: int, month: str, amount: Decimal) -> None:
        for park in (park_id, None):
            for key in (month, ""):
                out[(measure, park, key)] += amount

    for measure, park_id, year, month, count, invested in db.session.execute(
            _grouped(campaign)):
        key = f"{int(year):04d}-{int(month):02d}"
        measure = Measure(measure)
        add(measure, park_id, key, Decimal(count))
        if measure is Measure.SIGNED:
            add(Measure.INVESTMENT, park_id, key, invested)
    return out


def _grouped(campaign: Campaign):
    """(measure, park id, year, month, count, investment) of the period's events: the projects
    of at least the minimum investment by the month of each event date, the visits (not
    deleted) by theirs."""
    start, end = campaign.starts_on, campaign.ends_on
    parts = []
    for measure, name in EVENT_DATES.items():
        day = getattr(Project, name)
        year, month = extract("year", day), extract("month", day)
        parts.append(
            db.select(literal(measure.value).label("measure"), Project.park_id, year, month,
                      func.count(), func.sum(Project.total_investment))
            .where(Project.total_investment >= campaign.min_investment,
                   day >= start, day <= end)
            .group_by(Project.park_id, year, month))
    year, month = extract("year", Visit.visit_on), extract("month", Visit.visit_on)
    parts.append(
        db.select(literal(Measure.VISITS.value), Visit.park_id, year, month, func.count(),
                  null())
        .where(Visit.visit_on >= start, Visit.visit_on <= end, Visit.deleted_at.is_(None))
        .group_by(Visit.park_id, year, month))
    return union_all(*parts)


def targets(campaign: Campaign) -> dict[Key, Decimal]:
    return {(t.measure, t.park_id, t.month_key): t.value for t in campaign.targets}


@dataclass
class Cell:
    actual: Decimal
    target: Decimal | None

    @property
    def met(self) -> bool | None:
        return None if self.target is None else self.actual >= self.target

    @property
    def percent(self) -> int:
        if not self.target:
            return 0
        return int(min(self.actual / self.target, Decimal(1)) * 100)


def cell(figs, tgts, measure: Measure, park_id: int | None, month: str) -> Cell:
    key = (measure, park_id, month)
    return Cell(figs.get(key, Decimal(0)), tgts.get(key))


def progress(campaign: Campaign) -> dict:
    """Everything the campaign page and the bulletin show, in one structure."""
    figs, tgts = figures(campaign), targets(campaign)
    parks = reporting_parks()
    month_list = months(campaign)
    return {"figures": figs, "targets": tgts, "parks": parks, "months": month_list,
            "cell": lambda m, p, mo: cell(figs, tgts, m, p, mo)}


# --- targets ----------------------------------------------------------------------------------
def parse_targets(form: dict, campaign: Campaign, park_ids: list[int]) -> tuple[dict, dict]:
    """Read the target grid's inputs `t-<measure>-<park id|all>-<YYYY-MM|all>`.

    Returns (values {Key: Decimal | None}, errors {input name: code})."""
    values, errors = {}, {}
    allowed_months = {month_key(m) for m in months(campaign)} | {""}
    allowed_parks = set(park_ids) | {None}
    for name, raw in form.items():
        if not name.startswith("t-"):
            continue
        try:
            _t, measure_s, park_s, month_s = name.split("-", 3)
            measure = Measure(measure_s)
            park = None if park_s == "all" else int(park_s)
            month = "" if month_s == "all" else month_s
        except ValueError:
            continue
        if park not in allowed_parks or month not in allowed_months:
            continue
        raw = (raw or "").strip()
        if not raw:
            values[(measure, park, month)] = None
            continue
        try:
            value = Decimal(raw)
        except InvalidOperation:
            errors[name] = "number"
            continue
        if not value.is_finite() or value < 0:
            errors[name] = "negative"
        elif value >= Decimal("10000000"):
            errors[name] = "unit"
        else:
            values[(measure, park, month)] = value
    return values, errors


def set_targets(actor, campaign: Campaign, values: dict) -> int:
    """Store the targets (None removes one); audited. Returns the number changed."""
    existing = {(t.measure, t.park_id, t.month_key): t for t in campaign.targets}
    changes = {}
    for (measure, park, month), value in values.items():
        row = existing.get((measure, park, month))
        old = row.value if row else None
        if old == value:
            continue
        label = f"target:{measure.value}:{park or 'all'}:{month or 'all'}"
        changes[label] = [old, value]
        if value is None:
            campaign.targets.remove(row)
        elif row is None:
            first = date.fromisoformat(month + "-01") if month else None
            campaign.targets.append(CampaignTarget(
                measure=measure, park_id=park, park_key=park or 0, month=first,
                month_key=month, value=value))
        else:
            row.value = value
    if changes:
        audit.record(actor, "update", campaign, changes)
    return len(changes)


def save_campaign(actor, data: dict, campaign: Campaign | None = None) -> Campaign:
    errors = {}
    if data["ends_on"] < data["starts_on"]:
        errors["ends_on"] = "period_order"
    if data["min_investment"] < 0:
        errors["min_investment"] = "negative"
    clash = db.session.execute(db.select(Campaign.id).where(
        Campaign.name == data["name"],
        Campaign.id != (campaign.id if campaign else -1))).first()
    if clash:
        errors["name"] = "taken"
    if errors:
        raise CampaignInvalid(errors)
    fields = ("name", "starts_on", "ends_on", "min_investment", "description")
    if campaign is None:
        campaign = Campaign(**{f: data[f] for f in fields})
        db.session.add(campaign)
        audit.record(actor, "create", campaign, {f: [None, data[f]] for f in fields})
        return campaign
    audit.update(actor, campaign, data, fields)
    return campaign


def dashboard_summary(user, today: date):
    """The latest campaign begun by `today`, with its whole-period cells for the user's park
    (admins: all parks): [(measure, Cell)]. None without a campaign. Three queries."""
    from hub import permissions as perm

    campaign = db.session.execute(
        db.select(Campaign).where(Campaign.starts_on <= today)
        .order_by(Campaign.starts_on.desc()).limit(1)).scalar()
    if campaign is None:
        return None
    figs, tgts = figures(campaign), targets(campaign)
    park_id = None if perm.can_oversee_every_park(user) else user.park_id
    return campaign, [(m, cell(figs, tgts, m, park_id, "")) for m in MEASURES]
