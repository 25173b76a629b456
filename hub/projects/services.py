"""Investment projects: the stage rules, edits with their audit, and the four supervision rates.

Stage rules (checked here once, for forms, CLI and demo alike):
- 签约 (signed) needs its date; 开工, 竣工, 投产 follow in this order;
- a stage cannot be recorded without the date of every stage before it (no skipping);
- each date is on or after the one before, and none lies in the future.
Amounts are 万元 (10,000 yuan), never negative; a figure of 10,000,000 万元 (1,000 亿元) or more is
refused as a likely amount typed in yuan.

The four rates of 履约监管 (per project; a park's rate is the same formula over its projects' sums):
- 资金到位率 (capital in place) = paid-in capital ÷ contracted capital. No contracted capital: none.
- 入园率 (entered the park) = 1 when construction has started (开工 date recorded), else 0.
  For a park: started projects ÷ signed projects.
- 投产率 (in production) = 1 when in production (投产 date recorded), 0 when the 投产期限 has passed
  without it, none while the deadline is still ahead (or none is set and not producing).
  For a park: producing projects ÷ projects that are producing or past their deadline.
- 履约率 (commitments kept) = commitments met ÷ commitments due. A project's commitments become
  due at its 投产期限 (or when it goes into production, whichever is first); they are: production
  by the deadline, the contracted capital fully paid in, and, when agreed (> 0), the annual tax
  and output reached. Nothing due: none. For a park: the sums of met and due over its projects.
A project is *behind its commitments* when at least one due commitment is not met.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from hub import audit
from hub import permissions as perm
from hub.attachments import services as attachments
from hub.attachments.models import Attachment
from hub.concurrency import check_version
from hub.domain import InvalidFields
from hub.extensions import db
from hub.lists import sorting
from hub.parks.models import Park
from hub.projects.models import STAGE_FIELDS, STAGES, ProgressEntry, Project, Stage
from hub.timeutil import local_today

OWNER_TYPE = "invest_project"
MAX_AMOUNT = Decimal("10000000")  # 万元: 1,000 亿元
AMOUNTS = ("total_investment", "contracted_capital", "paid_in_capital", "committed_tax",
           "committed_output", "actual_tax", "actual_output")
DATES = ("signed_on", "started_on", "completed_on", "producing_on")
FIELDS = ("park_id", "name", "investor", "industry_chain", *AMOUNTS, *DATES,
          "production_deadline", "notes")


# error codes of the rules → the message shown on the field (also for campaigns and targets)
MESSAGES = {
    "negative": _l("The amount must not be negative."),
    "unit": _l("That is 1,000 亿元 or more: amounts are in 万元 (10,000 yuan), not yuan."),
    "signed_required": _l("Enter the signing date (签约): every project starts there."),
    "skipped": _l("Enter this stage's date first: a later stage cannot be recorded without it."),
    "order": _l("This date is before the previous stage's date."),
    "future": _l("The date must not be in the future."),
    "last_stage": _l("The project is already in production."),
    "date_required": _l("Enter the date of the stage."),
    "note_required": _l("Give the reason for the supervision (督办)."),
    "number": _l("Enter a number."),
    "taken": _l("This name is already used."),
    "period_order": _l("The end is before the start."),
}

# codes of the commitments a project is behind on (Rates.behind)
BEHIND_LABELS = {"production": _l("Not in production by the deadline"),
                 "capital": _l("Capital not fully paid in"), "tax": _l("Agreed tax not reached"),
                 "output": _l("Agreed output not reached")}


class ProjectInvalid(InvalidFields):
    """`errors`: {form field: code of MESSAGES}."""

    messages = MESSAGES


def behind_text(code: str) -> str:
    return str(BEHIND_LABELS[code])


# --- the rules --------------------------------------------------------------------------------
def check(data: dict, today: date) -> dict[str, str]:
    """Field → error code for everything wrong with `data` (empty: all fine)."""
    errors: dict[str, str] = {}
    for name in AMOUNTS:
        value = data.get(name)
        if value is None:
            continue
        if value < 0:
            errors[name] = "negative"
        elif value >= MAX_AMOUNT:
            errors[name] = "unit"
    if not data.get("signed_on"):
        errors["signed_on"] = "signed_required"
    previous = None
    for index, stage in enumerate(STAGES):
        on = data.get(STAGE_FIELDS[stage])
        if on is None:
            continue
        if on > today:
            errors.setdefault(STAGE_FIELDS[stage], "future")
        missing = [s for s in STAGES[:index] if not data.get(STAGE_FIELDS[s])]
        if missing:
            errors.setdefault(STAGE_FIELDS[missing[0]], "skipped")
        if previous is not None and on < previous:
            errors.setdefault(STAGE_FIELDS[stage], "order")
        previous = on
    return errors


def _check_or_raise(data: dict, today: date | None = None) -> None:
    errors = check(data, today or local_today())
    if errors:
        raise ProjectInvalid(errors)


# --- reading ----------------------------------------------------------------------------------
def get_project(project_id: int) -> Project | None:
    return db.session.execute(db.select(Project).options(joinedload(Project.park))
                              .where(Project.id == project_id)).scalar()


def entries_with_files(project: Project) -> tuple[list[ProgressEntry], dict[int, list]]:
    """The project's progress entries, newest first, and {entry id: its attachments}."""
    entries = list(db.session.execute(
        db.select(ProgressEntry).where(ProgressEntry.project_id == project.id)
        .options(selectinload(ProgressEntry.author)).order_by(ProgressEntry.id.desc())).scalars())
    files: dict[int, list] = {}
    for a in db.session.execute(db.select(Attachment).where(
            Attachment.owner_type == "invest_project_entry",
            Attachment.owner_id.in_([e.id for e in entries])).order_by(Attachment.id)).scalars():
        files.setdefault(a.owner_id, []).append(a)
    return entries, files


SORT = sorting.SortSpec({
    "signed": sorting.key(Project.signed_on, first=sorting.DESC),
    "name": sorting.key(Project.name), "park": sorting.key(Project.park_id),
    "investor": sorting.key(Project.investor), "chain": sorting.key(Project.industry_chain),
    "investment": sorting.key(Project.total_investment, first=sorting.DESC),
}, default="signed", tiebreak=(Project.id,))


def list_query(user, *, park_id: int | None = None, stage: str = "", q: str = "",
               sort: sorting.Sort | None = None):
    """The projects `user` may see, newest signing first (or in `sort`'s order)."""
    stmt = (db.select(Project).where(perm.project_visible(user))
            .options(selectinload(Project.park)).order_by(Project.signed_on.desc(), Project.id))
    if park_id:
        stmt = stmt.where(Project.park_id == park_id)
    if stage in {s.value for s in STAGES}:
        stage_e = Stage(stage)
        stmt = stmt.where(getattr(Project, STAGE_FIELDS[stage_e]).is_not(None))
        later = STAGES[STAGES.index(stage_e) + 1:]
        if later:
            stmt = stmt.where(getattr(Project, STAGE_FIELDS[later[0]]).is_(None))
    if q:
        like = f"%{q}%"
        stmt = stmt.where(Project.name.ilike(like) | Project.investor.ilike(like)
                          | Project.industry_chain.ilike(like))
    if sort is not None and not sort.is_default:
        stmt = stmt.order_by(None).order_by(*sort.order_by())
    return stmt


# --- writing ----------------------------------------------------------------------------------
def _state(project: Project) -> dict:
    return {f: getattr(project, f) for f in FIELDS}


def _stage_entries(actor, project: Project, before: dict, note: str = "") -> None:
    for stage in STAGES:
        name = STAGE_FIELDS[stage]
        if getattr(project, name) is not None and before.get(name) != getattr(project, name):
            project.entries.append(ProgressEntry(author_id=actor.id, stage=stage,
                                                 stage_on=getattr(project, name), note=note))


def create(actor, data: dict, *, today: date | None = None) -> Project:
    _check_or_raise(data, today)
    project = Project(created_by_id=actor.id, **{f: data[f] for f in FIELDS if f in data})
    db.session.add(project)
    _stage_entries(actor, project, {})
    db.session.flush()
    audit.record(actor, "create", project,
                 {f: [None, v] for f, v in _state(project).items() if v not in (None, "")})
    return project


def update(actor, project: Project, data: dict, *, version, today: date | None = None) -> dict:
    """Save an edit made on `version`; raises StaleEdit or ProjectInvalid."""
    check_version(project, version)
    merged = {**_state(project), **{k: v for k, v in data.items() if k in FIELDS}}
    _check_or_raise(merged, today)
    before = _state(project)
    for name in FIELDS:
        if name in data:
            setattr(project, name, data[name])
    _stage_entries(actor, project, before)
    changes = audit.diff(before, project)
    if changes:
        audit.record(actor, "update", project, changes)
    return changes


def advance(actor, project: Project, on: date | None, note: str = "", *,
            today: date | None = None) -> Stage:
    """Record the next stage on `on`; raises ProjectInvalid (code on field "on")."""
    stage = project.next_stage
    if stage is None:
        raise ProjectInvalid({"on": "last_stage"})
    if on is None:
        raise ProjectInvalid({"on": "date_required"})
    data = {**_state(project), STAGE_FIELDS[stage]: on}
    errors = check(data, today or local_today())
    if errors:
        raise ProjectInvalid({"on": next(iter(errors.values()))})
    before = _state(project)
    setattr(project, STAGE_FIELDS[stage], on)
    _stage_entries(actor, project, before, note)
    audit.record(actor, "update", project, audit.diff(before, project))
    return stage


def supervise(actor, project: Project, note: str, on: date) -> None:
    """Make the project a 督办 item (note required), or end it (`note` empty and already on)."""
    before = {"supervised_on": project.supervised_on, "supervision_note": project.supervision_note}
    if project.supervised_on is None:
        if not note.strip():
            raise ProjectInvalid({"note": "note_required"})
        project.supervised_on, project.supervision_note = on, note.strip()
        project.entries.append(ProgressEntry(author_id=actor.id, note=f"督办：{note.strip()}"))
    else:
        project.supervised_on, project.supervision_note = None, ""
        project.entries.append(ProgressEntry(author_id=actor.id, note="督办结束"))
    audit.record(actor, "update", project, audit.diff(before, project))


def add_entry(actor, project: Project, note: str, uploads=()) -> ProgressEntry:
    entry = ProgressEntry(author_id=actor.id, note=note)
    project.entries.append(entry)
    db.session.flush()
    saved = attachments.save_all(uploads, "invest_project_entry", entry.id, actor)
    changes = {"note": [None, note]}
    if saved:
        changes["attachments"] = [[], [a.original_name for a in saved]]
    audit.record(actor, "create", entry, changes)
    return entry


# --- 履约监管: the four rates -----------------------------------------------------------------
@dataclass
class Rates:
    """Counts behind the four rates; a rate is None when its denominator is zero."""

    paid_in: Decimal = Decimal("0")
    contracted: Decimal = Decimal("0")
    projects: int = 0
    started: int = 0
    producing: int = 0
    production_due: int = 0
    met: int = 0
    due: int = 0
    behind: list[str] = field(default_factory=list)  # codes of the due commitments not met

    def __iadd__(self, other: "Rates") -> "Rates":
        for name in ("paid_in", "contracted", "projects", "started", "producing",
                     "production_due", "met", "due"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    @staticmethod
    def _ratio(top, bottom) -> Decimal | None:
        return None if not bottom else (Decimal(top) / Decimal(bottom)).quantize(Decimal("0.0001"))

    @property
    def capital_rate(self) -> Decimal | None:  # 资金到位率
        return self._ratio(self.paid_in, self.contracted)

    @property
    def entry_rate(self) -> Decimal | None:  # 入园率
        return self._ratio(self.started, self.projects)

    @property
    def production_rate(self) -> Decimal | None:  # 投产率
        return self._ratio(self.producing, self.production_due)

    @property
    def performance_rate(self) -> Decimal | None:  # 履约率
        return self._ratio(self.met, self.due)

    @property
    def is_behind(self) -> bool:
        return bool(self.behind)


def rates(project: Project, today: date) -> Rates:
    r = Rates(paid_in=project.paid_in_capital or Decimal("0"),
              contracted=project.contracted_capital or Decimal("0"), projects=1,
              started=int(project.started_on is not None),
              producing=int(project.producing_on is not None))
    deadline = project.production_deadline
    deadline_passed = deadline is not None and deadline < today
    r.production_due = int(r.producing == 1 or deadline_passed)
    if not (deadline_passed or r.producing):
        return r
    checks = {"production": project.producing_on is not None and (
        deadline is None or project.producing_on <= deadline)}
    if r.contracted > 0:
        checks["capital"] = r.paid_in >= r.contracted
    if (project.committed_tax or 0) > 0:
        checks["tax"] = (project.actual_tax or 0) >= project.committed_tax
    if (project.committed_output or 0) > 0:
        checks["output"] = (project.actual_output or 0) >= project.committed_output
    r.due = len(checks)
    r.met = sum(checks.values())
    r.behind = [code for code, ok in checks.items() if not ok]
    return r


@dataclass
class ParkSupervision:
    park: object
    totals: Rates
    behind: list  # [(project, Rates)]


# what `rates` and the supervision page read of a project
_SUPERVISED = ("id", "name", "park_id", "supervised_on", "paid_in_capital", "contracted_capital",
               "started_on", "producing_on", "production_deadline", "committed_tax",
               "actual_tax", "committed_output", "actual_output")


class ParkRef(NamedTuple):
    id: int
    name: str


def supervision(user, today: date, park_id: int | None = None) -> list[ParkSupervision]:
    """Per park: the summed rates and the projects behind their commitments (one query), the
    projects as rows of what `rates` and the page read (as entities with their parks the page
    spent more than half its time loading them: bench/results/2026-12-06-s10-profile.md)."""
    stmt = (select(*(getattr(Project, c) for c in _SUPERVISED),
                   Park.name.label("park_name"))
            .join(Park, Park.id == Project.park_id).where(perm.project_visible(user))
            .order_by(Project.park_id, Project.id))
    if park_id:
        stmt = stmt.where(Project.park_id == park_id)
    rows: dict[int, ParkSupervision] = {}
    for project in db.session.execute(stmt):
        row = rows.get(project.park_id)
        if row is None:
            row = rows[project.park_id] = ParkSupervision(
                ParkRef(project.park_id, project.park_name), Rates(), [])
        r = rates(project, today)
        row.totals += r
        if r.is_behind:
            row.behind.append((project, r))
    return sorted(rows.values(), key=lambda s: s.park.id)


def behind_projects(today: date) -> list[tuple[Project, Rates]]:
    """Every project behind its commitments (for the reminders)."""
    stmt = (db.select(Project)
            .where((Project.production_deadline < today) | Project.producing_on.is_not(None))
            .order_by(Project.id))
    out = []
    for project in db.session.execute(stmt).scalars():
        r = rates(project, today)
        if r.is_behind:
            out.append((project, r))
    return out
