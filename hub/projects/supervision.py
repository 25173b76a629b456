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
from sqlalchemy import select

from hub import permissions as perm
from hub.extensions import db
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
