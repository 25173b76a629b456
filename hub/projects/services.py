"""Investment projects: the stage rules, the list, edits with their audit.

Stage rules (checked here once, for forms, CLI and demo alike):
- 签约 (signed) needs its date; 开工, 竣工, 投产 follow in this order;
- a stage cannot be recorded without the date of every stage before it (no skipping);
- each date is on or after the one before, and none lies in the future.
Amounts are 万元 (10,000 yuan), never negative; a figure of 10,000,000 万元 (1,000 亿元) or more is
refused as a likely amount typed in yuan.

The four rates of 履约监管 and the projects behind their commitments: hub.projects.supervision.
"""

from datetime import date
from decimal import Decimal
from typing import NamedTuple

from flask_babel import lazy_gettext as _l
from sqlalchemy import Date, bindparam, func
from sqlalchemy.orm import joinedload, selectinload

from hub import audit
from hub import permissions as perm
from hub.attachments import services as attachments
from hub.attachments.models import Attachment
from hub.concurrency import check_version
from hub.domain import InvalidFields
from hub.extensions import db
from hub.lists import sorting
from hub.lists.rows import built_once, paged, paginate_built
from hub.parks.models import Park
from hub.projects.models import STAGE_FIELDS, STAGES, ProgressEntry, Project, Stage, stage_of
from hub.projects.supervision import behind_clause
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

class ProjectInvalid(InvalidFields):
    """`errors`: {form field: code of MESSAGES}."""

    messages = MESSAGES


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


class Listed(NamedTuple):
    """A row of the project list (no Project or Park entities: 25 of each with their loading
    were ~40 % of the list's Python calls at scale 10, issue 16)."""

    id: int
    name: str
    park_short_name: str
    investor: str
    industry_chain: str
    total_investment: Decimal
    stage: Stage
    signed_on: date


def listed(row) -> Listed:
    return Listed(*row[:6], stage_of(*row[7:10]), row[6])


def list_query(user, *, park_id: int | None = None, stage: str = "", q: str = "",
               behind_on: date | None = None, sort: sorting.Sort | None = None):
    """The projects `user` may see, newest signing first (or in `sort`'s order); with
    `behind_on`, only those behind their commitments on that day (as 履约监管 counts them). As
    rows for `listed`: id, name, park short name, investor, chain, total investment, signed,
    started, completed and producing on."""
    return _list_select(perm.project_visible(user), park_id or None, _stage(stage),
                        f"%{q}%" if q else None, behind_on, sort)


def _stage(stage: str) -> Stage | None:
    return Stage(stage) if stage in {s.value for s in STAGES} else None


def _list_select(visible, park_id, stage: Stage | None, like, behind_on, sort):
    """`list_query`'s statement; `park_id`, `like` and `behind_on`: values or bound parameters,
    None for no such filter."""
    stmt = (db.select(Project.id, Project.name, Park.short_name, Project.investor,
                      Project.industry_chain, Project.total_investment, Project.signed_on,
                      Project.started_on, Project.completed_on, Project.producing_on)
            .join(Park, Park.id == Project.park_id)
            .where(visible).order_by(Project.signed_on.desc(), Project.id))
    if park_id is not None:
        stmt = stmt.where(Project.park_id == park_id)
    if behind_on is not None:
        stmt = stmt.where(behind_clause(behind_on))
    if stage is not None:
        stmt = stmt.where(getattr(Project, STAGE_FIELDS[stage]).is_not(None))
        later = STAGES[STAGES.index(stage) + 1:]
        if later:
            stmt = stmt.where(getattr(Project, STAGE_FIELDS[later[0]]).is_(None))
    if like is not None:
        stmt = stmt.where(Project.name.ilike(like) | Project.investor.ilike(like)
                          | Project.industry_chain.ilike(like))
    if sort is not None and not sort.is_default:
        stmt = stmt.order_by(None).order_by(*sort.order_by())
    return stmt


_LIST_PAGES: dict = {}  # (filters used, order, visibility) → the list page's statements


def list_page(user, *, page: int | None, per_page: int, park_id: int | None = None,
              stage: str = "", q: str = "", behind_on: date | None = None,
              sort: sorting.Sort | None = None):
    """A page of `list_query`'s rows as `Listed`, their total a column of the same statement
    (one statement; a second only past the last page); `page` None: `?page=` read as
    db.paginate reads it. The statements built once per set of filters used, order and
    visibility, the values bound: building them was ~1,000 Python calls of each view (issue
    16; bench/results/2026-12-07-s13-summary.md)."""
    visible = perm.project_visible(user)
    values = {"park_id": park_id or None, "like": f"%{q}%" if q else None, "today": behind_on}
    stage_e = _stage(stage)
    order = None if sort is None or sort.is_default else (sort.key, sort.direction)

    def build():
        bound = {name: None if value is None else
                 bindparam(name, type_=Date) if name == "today" else bindparam(name)
                 for name, value in values.items()}
        stmt = _list_select(visible, bound["park_id"], stage_e, bound["like"], bound["today"],
                            sort)
        count = db.select(func.count()).select_from(stmt.order_by(None).subquery())
        return paged(stmt, count), count

    stmt, count = built_once(
        _LIST_PAGES, build, (*(v is not None for v in values.values()), stage_e, order),
        (visible,))
    return paginate_built(stmt, count, {k: v for k, v in values.items() if v is not None},
                          listed, page=page, per_page=per_page)


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
