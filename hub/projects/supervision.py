"""履约监管: the four rates of a project and of a park, and the projects behind their commitments.

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
from sqlalchemy import (
    ColumnElement,
    Date,
    and_,
    bindparam,
    case,
    func,
    literal,
    not_,
    or_,
    select,
    true,
)

from hub import permissions as perm
from hub.extensions import db
from hub.lists.rows import built_once
from hub.parks.models import Park
from hub.projects.models import Project

# codes of the commitments a project is behind on (Rates.behind)
BEHIND_LABELS = {"production": _l("Not in production by the deadline"),
                 "capital": _l("Capital not fully paid in"), "tax": _l("Agreed tax not reached"),
                 "output": _l("Agreed output not reached")}


def behind_text(code: str) -> str:
    return str(BEHIND_LABELS[code])


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


# --- the same rules in SQL: a park's sums counted by the database ------------------------------
def _amount(column) -> ColumnElement:
    return func.coalesce(column, 0)  # `or Decimal("0")` in `rates`


def _flag(condition) -> ColumnElement[int]:
    return case((condition, 1), else_=0)


def _commitments(today: date):
    """`rates`' rules as SQL: (due now, [(the commitment applies, it is met)]) in `checks`' order:
    production by the deadline, capital, tax, output. None of the expressions is NULL."""
    deadline, producing_on = Project.production_deadline, Project.producing_on
    producing = producing_on.is_not(None)
    deadline_passed = and_(deadline.is_not(None), deadline < today)
    paid_in, contracted = _amount(Project.paid_in_capital), _amount(Project.contracted_capital)
    tax, output = _amount(Project.committed_tax), _amount(Project.committed_output)
    checks = [(true(), and_(producing, or_(deadline.is_(None), producing_on <= deadline))),
              (contracted > 0, paid_in >= contracted),
              (tax > 0, _amount(Project.actual_tax) >= tax),
              (output > 0, _amount(Project.actual_output) >= output)]
    return or_(deadline_passed, producing), checks


def behind_clause(today: date) -> ColumnElement[bool]:
    """The SQL twin of `rates(project, today).is_behind`: a due commitment is not met."""
    due_now, checks = _commitments(today)
    return and_(due_now, or_(*(and_(applies, not_(met)) for applies, met in checks)))


def rate_columns(today: date) -> dict[str, ColumnElement]:
    """The SQL twin of `rates`: {counter of `Rates`: its value for a project row} (sum them over
    a GROUP BY for a park's totals). tests/projects/test_supervision_sql.py checks that they
    equal `rates` project by project and park by park."""
    due_now, checks = _commitments(today)
    return {
        "paid_in": _amount(Project.paid_in_capital),
        "contracted": _amount(Project.contracted_capital),
        "projects": literal(1),
        "started": _flag(Project.started_on.is_not(None)),
        "producing": _flag(Project.producing_on.is_not(None)),
        "production_due": _flag(due_now),
        "met": case((due_now, sum(_flag(and_(applies, met)) for applies, met in checks)),
                    else_=0),
        "due": case((due_now, sum(_flag(applies) for applies, _met in checks)), else_=0),
    }


# --- the page ---------------------------------------------------------------------------------
# projects behind their commitments the page names per park: at scale 10 the zone office's page
# drew thousands, and the rest is one link away (the project list, filtered to the park and to
# the projects behind their commitments)
SHOWN = 30


class ParkRef(NamedTuple):
    id: int
    name: str


@dataclass
class ParkSupervision:
    park: ParkRef
    totals: Rates
    behind_count: int  # the park's projects behind their commitments
    behind: list = field(default_factory=list)  # the first of them: rows (id, name, supervised_on)

    @property
    def more(self) -> int:
        """How many of the projects behind their commitments are not among `behind`."""
        return self.behind_count - len(self.behind)


def overview(user, today: date, limit: int | None = SHOWN) -> list[ParkSupervision]:
    """Per park with projects `user` may see, by park id: the summed counters of the four rates
    and the number of projects behind their commitments (one GROUP BY statement), and the first
    `limit` of those projects by id (one statement; every one with `limit` None, for exports)."""
    totals, first_behind = _statements(perm.project_visible(user),
                                       db.session.get_bind().dialect.name, limit)
    rows: dict[int, ParkSupervision] = {}
    for park_id, name, *sums, behind_count in db.session.execute(totals,
                                                                 {"today": today}).all():
        rows[park_id] = ParkSupervision(ParkRef(park_id, name), Rates(*sums), behind_count)
    if rows:  # no park, no project behind
        # .all(): one fetch, not ~5 Python calls a row of iterating the result (420 rows for
        # the zone office at scale 10)
        for project in db.session.execute(first_behind,
                                          {"today": today, "park_ids": list(rows)}).all():
            rows[project.park_id].behind.append(project)
    return list(rows.values())


# (dialect, limit, the visibility clause's cache key and values) → the two statements of
# `overview`, the day and the parks as bound parameters. Building them (the rules' CASE
# expressions, twice) and their cache keys was ~8,000 Python calls of each view of the page, as
# many as the rest of it for a park (issue 16; bench/results/2026-12-07-s13-summary.md). The
# visibility is still asked of `perm` on every request; an equal clause (the same park, or all)
# gets the statements built from it.
_OVERVIEW: dict = {}


def _statements(visible, dialect: str, limit: int | None):
    return built_once(_OVERVIEW, lambda: _build_statements(visible, dialect, limit),
                      (dialect, limit), (visible,))


def _build_statements(visible, dialect: str, limit: int | None):
    today = bindparam("today", type_=Date)
    columns = rate_columns(today)  # in the order of Rates' fields
    behind = behind_clause(today)
    totals = (select(Park.id, Park.name, *(func.sum(c).label(n) for n, c in columns.items()),
                     func.sum(_flag(behind)).label("behind_count"))
              .select_from(Project).join(Park, Park.id == Project.park_id).where(visible)
              .group_by(Park.id, Park.name).order_by(Park.id))
    return totals, _behind_rows(and_(visible, behind), dialect, limit)


def _behind_rows(where, dialect: str, limit: int | None):
    """SELECT id, name, park_id, supervised_on of the projects `where` picks, by park and id,
    each park's first `limit`. On PostgreSQL an ORDER BY id LIMIT per park (LATERAL) of the
    parks in the bound list `park_ids`: numbering every project behind of a park read all of
    them (3.4 ms for 3,000 projects of a park at scale 30, 0.8 ms so); SQLite has no LATERAL:
    there they are numbered."""
    columns = (Project.id, Project.name, Project.park_id, Project.supervised_on)
    if limit is not None and dialect == "postgresql":
        # the parks as `park.id IN (…)` (an expanding parameter), not a VALUES list: a VALUES
        # list's rows are part of the statement, compiled anew for each page
        first = (select(*columns).where(where, Project.park_id == Park.id)
                 .order_by(Project.id).limit(limit).lateral("first_behind"))
        return (select(first).select_from(Park).join(first, true())
                .where(Park.id.in_(bindparam("park_ids", expanding=True)))
                .order_by(first.c.park_id, first.c.id))
    numbered = (select(*columns, func.row_number().over(partition_by=Project.park_id,
                                                         order_by=Project.id).label("n"))
                .where(where).subquery())
    shown = select(numbered).order_by(numbered.c.park_id, numbered.c.n)
    if limit is not None:
        shown = shown.where(numbered.c.n <= limit)
    return shown


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
