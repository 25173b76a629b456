"""Per-park counts of the shared resources: one GROUP BY statement per resource."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import case, func

from hub.extensions import db
from hub.land.models import CaseStatus, LandCase
from hub.notices.models import Notice, NoticeStatus
from hub.parks.models import Park
from hub.parks.queries import all_parks
from hub.talent.models import ListingStatus, TalentListing


def _count(condition):
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _grouped(model, columns: dict) -> dict[int, dict[str, int]]:
    """{park_id: {name: count}} for the conditional counts `columns` of `model`."""
    stmt = (db.select(model.park_id, *(_count(c).label(n) for n, c in columns.items()))
            .group_by(model.park_id))
    return {row.park_id: {n: int(getattr(row, n)) for n in columns}
            for row in db.session.execute(stmt)}


def notice_counts() -> dict[int, dict[str, int]]:
    live = Notice.deleted_at.is_(None)
    return _grouped(Notice, {
        "draft": live & (Notice.status == NoticeStatus.DRAFT),
        "published": live & (Notice.status == NoticeStatus.PUBLISHED),
        "withdrawn": live & (Notice.status == NoticeStatus.WITHDRAWN),
        "deleted": Notice.deleted_at.is_not(None),
    })


def case_counts(today: date) -> dict[int, dict[str, int]]:
    live = LandCase.deleted_at.is_(None)
    not_disposed = LandCase.status != CaseStatus.DISPOSED
    return _grouped(LandCase, {
        "open": live & not_disposed,
        "overdue": live & not_disposed & (LandCase.deadline < today),
        "disposed": live & (LandCase.status == CaseStatus.DISPOSED),
        "deleted": LandCase.deleted_at.is_not(None),
    })


def talent_counts(today: date) -> dict[int, dict[str, int]]:
    live = TalentListing.deleted_at.is_(None)
    expired = TalentListing.expires_on < today
    return _grouped(TalentListing, {
        "open": live & ~expired & (TalentListing.status == ListingStatus.OPEN),
        "expired": live & expired,
        "deleted": TalentListing.deleted_at.is_not(None),
    })


@dataclass
class ParkRow:
    park: Park
    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # resource → name → n


@dataclass
class Overview:
    rows: list[ParkRow]
    resources: dict[str, list[str]]  # resource → count names
    totals: dict[str, dict[str, int]]


COLUMNS = {
    "notices": ["draft", "published", "withdrawn", "deleted"],
    "cases": ["open", "overdue", "disposed", "deleted"],
    "talent": ["open", "expired", "deleted"],
}


def overview(today: date) -> Overview:
    found = {"notices": notice_counts(), "cases": case_counts(today),
             "talent": talent_counts(today)}
    resources = COLUMNS
    parks = all_parks()
    rows = []
    totals = {name: dict.fromkeys(cols, 0) for name, cols in resources.items()}
    for park in parks:
        row = ParkRow(park)
        for name, cols in resources.items():
            per_park = found[name].get(park.id, {})
            row.counts[name] = {c: per_park.get(c, 0) for c in cols}
            for c in cols:
                totals[name][c] += row.counts[name][c]
        rows.append(row)
    return Overview(rows, resources, totals)
