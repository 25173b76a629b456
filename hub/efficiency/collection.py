"""填报 and 审核: a park fills its enterprises' figures for a round (draft, submit), the zone
office returns (with a comment) or accepts. Plain functions; the caller commits.

Parsing a grid never writes: `parse_grid` returns the values and the per-cell problems, and
`save_grid` saves only when there is none, so a refused save loses nothing (the view shows what
was typed) and stores nothing.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from hub import audit
from hub.concurrency import StaleEdit
from hub.efficiency import services
from hub.efficiency.models import (
    Enterprise,
    EvalRound,
    Figure,
    RoundStatus,
    Submission,
    SubmissionStatus,
)
from hub.efficiency.scoring import FIGURE_FIELDS
from hub.extensions import db
from hub.parks.queries import reporting_parks
from hub.timeutil import utcnow

EDITABLE = {SubmissionStatus.NOT_STARTED, SubmissionStatus.FILLING, SubmissionStatus.RETURNED}
MAX_AMOUNT = Decimal("999999999999")  # the column holds 14 digits, 2 after the point
MAX_LAND_MU = Decimal(100000)  # more is square metres typed as 亩
MAX_EMPLOYEES = 1000000


@dataclass
class Grid:
    """What was typed (`raw`) and what it means (`values`), per enterprise id."""

    raw: dict[int, dict[str, str]] = field(default_factory=dict)
    values: dict[int, dict] = field(default_factory=dict)
    errors: dict[tuple[int, str], str] = field(default_factory=dict)  # (ent id, field) → code


def cell_name(enterprise_id: int, name: str) -> str:
    return f"c-{enterprise_id}-{name}"


def parse_value(name: str, text: str):
    """(value, error code). Empty is None; thousands separators are allowed."""
    text = (text or "").strip().replace(",", "").replace("，", "").replace(" ", "")
    if not text:
        return None, None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None, "not_number"
    if not value.is_finite():
        return None, "not_number"
    if value < 0:
        return None, "negative"
    if name == "employees":
        if value != value.to_integral_value():
            return None, "not_whole"
        if value > MAX_EMPLOYEES:
            return None, "too_large"
        return int(value), None
    if name == "land_mu" and value > MAX_LAND_MU:
        return None, "land_unit"
    if value > MAX_AMOUNT:
        return None, "amount_unit"
    if value.as_tuple().exponent < -2:
        return None, "decimals"
    return value, None


def parse_grid(enterprises: list[Enterprise], formdata) -> Grid:
    grid = Grid()
    for ent in enterprises:
        raw, values = {}, {}
        for name in FIGURE_FIELDS:
            raw[name] = formdata.get(cell_name(ent.id, name), "")
            value, error = parse_value(name, raw[name])
            values[name] = value
            if error:
                grid.errors[(ent.id, name)] = error
        grid.raw[ent.id], grid.values[ent.id] = raw, values
    return grid


def get_submission(rnd: EvalRound, park_id: int) -> Submission:
    sub = db.session.execute(
        db.select(Submission).where(Submission.round_id == rnd.id, Submission.park_id == park_id)
    ).scalar()
    if sub is None:
        sub = Submission(round_id=rnd.id, park_id=park_id)
        db.session.add(sub)
        db.session.flush()
    return sub


def figures_of(rnd: EvalRound, park_id: int) -> dict[int, Figure]:
    rows = db.session.execute(
        db.select(Figure).where(Figure.round_id == rnd.id, Figure.park_id == park_id)
    ).scalars()
    return {f.enterprise_id: f for f in rows}


def can_change(rnd: EvalRound, sub: Submission) -> bool:
    return rnd.status is RoundStatus.OPEN and sub.status in EDITABLE


def save_grid(actor, rnd: EvalRound, sub: Submission, enterprises: list[Enterprise],
              grid: Grid) -> None:
    """Save the figures of a grid without errors; score them. Status 未填报 → 填报中."""
    if grid.errors:
        raise services.EfficiencyError("cells")
    if not can_change(rnd, sub):
        raise services.EfficiencyError("locked")
    existing = figures_of(rnd, sub.park_id)
    previous = services.previous_figures(rnd, [e.id for e in enterprises])
    for ent in enterprises:
        fig = existing.get(ent.id)
        if fig is None:
            fig = Figure(round_id=rnd.id, enterprise_id=ent.id, park_id=ent.park_id)
            db.session.add(fig)
        for name, value in grid.values[ent.id].items():
            setattr(fig, name, value)
        services.apply_score(fig, rnd, previous.get(ent.id))
    if sub.status is SubmissionStatus.NOT_STARTED:
        sub.status = SubmissionStatus.FILLING
    sub.updated_at = utcnow()
    audit.record(actor, "save_figures", sub, summary=f"{rnd.year} {sub.park_id}")


def missing_cells(enterprises: list[Enterprise], grid: Grid) -> dict[tuple[int, str], str]:
    return {(ent.id, name): "required" for ent in enterprises for name in FIGURE_FIELDS
            if grid.values[ent.id][name] is None and (ent.id, name) not in grid.errors}


def submit(actor, rnd: EvalRound, sub: Submission, enterprises: list[Enterprise], grid: Grid,
           *, confirm_flags: bool) -> list:
    """Save and submit (填报中/已退回 → 已提交). Every cell must be filled; figures that look
    implausible (flags) need `confirm_flags`. Returns the flags found (empty when submitted)."""
    grid.errors.update(missing_cells(enterprises, grid))
    save_grid(actor, rnd, sub, enterprises, grid)
    db.session.flush()
    flagged = [(f.enterprise_id, name, code) for f in figures_of(rnd, sub.park_id).values()
               for name, code in f.flags]
    if flagged and not confirm_flags:
        return flagged
    before = sub.status
    sub.status = SubmissionStatus.SUBMITTED
    sub.submitted_at = utcnow()
    audit.record(actor, "submit", sub, {"status": [before.value, sub.status.value]},
                 summary=f"{rnd.year} {sub.park_id}")
    return []


def save_or_submit(actor, rnd: EvalRound, sub: Submission, enterprises: list[Enterprise],
                   grid: Grid, *, submitting: bool, confirm_flags: bool) -> list:
    """Save the grid as a draft, or submit it (see `submit`); returns the flags that kept a
    submission a draft. Raises StaleEdit when someone saved or reviewed the report meanwhile."""
    try:
        if submitting:
            flagged = submit(actor, rnd, sub, enterprises, grid, confirm_flags=confirm_flags)
        else:
            save_grid(actor, rnd, sub, enterprises, grid)
            flagged = []
        db.session.flush()
    except (IntegrityError, StaleDataError):
        raise StaleEdit(sub) from None
    return flagged


def return_submission(actor, sub: Submission, comment: str) -> None:
    """退回: the zone office sends a submitted report back with a comment."""
    comment = (comment or "").strip()
    if sub.status is not SubmissionStatus.SUBMITTED:
        raise services.EfficiencyError("not_submitted")
    if not comment:
        raise services.EfficiencyError("comment", "comment")
    sub.status, sub.comment = SubmissionStatus.RETURNED, comment
    sub.reviewed_at, sub.reviewed_by_id = utcnow(), getattr(actor, "id", None)
    audit.record(actor, "return", sub, {"status": ["submitted", "returned"]}, summary=comment[:200])


def accept_submission(actor, sub: Submission) -> None:
    """审核通过."""
    if sub.status is not SubmissionStatus.SUBMITTED:
        raise services.EfficiencyError("not_submitted")
    sub.status = SubmissionStatus.ACCEPTED
    sub.reviewed_at, sub.reviewed_by_id = utcnow(), getattr(actor, "id", None)
    audit.record(actor, "accept", sub, {"status": ["submitted", "accepted"]})


def progress(rnd: EvalRound) -> list[tuple]:
    """(park, status, submission or None, enterprises to report) for every reporting park."""
    parks = reporting_parks()
    subs = {s.park_id: s for s in db.session.execute(
        db.select(Submission).where(Submission.round_id == rnd.id)).scalars()}
    counts = dict(db.session.execute(
        db.select(Enterprise.park_id, db.func.count())
        .where(Enterprise.above_size.is_(True), Enterprise.land_mu >= services.EVALUATED_MIN_MU)
        .group_by(Enterprise.park_id)).all())
    return [(p, subs[p.id].status if p.id in subs else SubmissionStatus.NOT_STARTED,
             subs.get(p.id), counts.get(p.id, 0)) for p in parks]
