"""Reading land cases: the filtered list, per-status totals, the timeline, the people a case
can be assigned to, the CSV export."""

import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func
from sqlalchemy.orm import defer, joinedload, selectinload

from hub import edge
from hub.attachments.models import Attachment
from hub.auth.models import User
from hub.csvsafe import SafeWriter
from hub.extensions import db
from hub.land.models import (
    CaseEvent,
    CaseStatus,
    Disposal,
    LandCase,
    ProblemType,
    case_overdue,
    mu_to_m2,
)
from hub.lists import sorting, tally
from hub.parks.models import Park
from hub.timeutil import format_datetime, to_local, zone

# deadline may be empty (those cases come last either way); the others are NOT NULL: no
# "nulls last" key, so an index walks
SORT = sorting.SortSpec({
    "deadline": sorting.key(LandCase.deadline, nullable=True),
    "area": sorting.key(LandCase.area_mu, first=sorting.DESC),
    "updated": sorting.key(LandCase.updated_at, first=sorting.DESC),
    "parcel": sorting.key(LandCase.parcel_code),
}, default="updated", tiebreak=(LandCase.id,))


@dataclass
class CaseFilter:
    park_id: int | None = None
    status: CaseStatus | None = None
    problem_type: ProblemType | None = None
    overdue: bool = False
    deleted: bool = False  # admins: show the deleted cases instead
    sort: str = "updated"
    direction: str = "desc"

    @classmethod
    def from_args(cls, args, *, allow_deleted: bool) -> "CaseFilter":
        def enum_or_none(enum_cls, value):
            try:
                return enum_cls(value) if value else None
            except ValueError:
                return None

        order = SORT.parse(args)
        return cls(
            park_id=edge.query_int("park", args=args) or None,
            status=enum_or_none(CaseStatus, args.get("status")),
            problem_type=enum_or_none(ProblemType, args.get("problem")),
            overdue=args.get("overdue") == "1",
            deleted=allow_deleted and args.get("deleted") == "1",
            sort=order.key,
            direction=order.direction,
        )

    @property
    def order(self) -> sorting.Sort:
        return sorting.Sort(SORT, self.sort, self.direction)


def _where(stmt, flt: CaseFilter, today: date):
    stmt = stmt.where(LandCase.deleted_at.is_not(None) if flt.deleted
                      else LandCase.deleted_at.is_(None))
    if flt.park_id:
        stmt = stmt.where(LandCase.park_id == flt.park_id)
    if flt.status:
        stmt = stmt.where(LandCase.status == flt.status)
    if flt.problem_type:
        stmt = stmt.where(LandCase.problem_type == flt.problem_type)
    if flt.overdue:
        stmt = stmt.where(LandCase.deadline < today, LandCase.status != CaseStatus.DISPOSED)
    return stmt


def list_query(flt: CaseFilter, today: date):
    stmt = (
        _where(db.select(LandCase), flt, today)
        # many-to-one: joined into the same statement (no extra SELECT per page); the long
        # description is not listed (nor exported)
        .options(joinedload(LandCase.park), joinedload(LandCase.assignee),
                 defer(LandCase.description))
        .order_by(*flt.order.order_by())
    )
    return stmt


# what a row of the list shows: columns, not LandCase entities (see ListedCase)
LISTED = (LandCase.id, LandCase.parcel_code, LandCase.location, LandCase.area_mu, LandCase.holder,
          LandCase.problem_type, LandCase.status, LandCase.deadline, LandCase.updated_at,
          LandCase.deleted_at, LandCase.park_id, User.display_name.label("assignee_name"))


def list_rows(flt: CaseFilter, today: date):
    """`list_query`'s cases (same filter and order) as rows of LISTED."""
    stmt = db.select(*LISTED).outerjoin(User, User.id == LandCase.assignee_id)
    return _where(stmt, flt, today).order_by(*flt.order.order_by())


class ListedCase:
    """A row of the case list: the LISTED columns, its park (from `parks`, by id), whether it
    is overdue on `today` (LandCase.is_overdue) and deleted."""

    __slots__ = (*(c.key for c in LISTED), "park", "overdue", "is_deleted")

    def __init__(self, row, parks: dict, today: date):
        for name, value in zip(self.__slots__, row, strict=False):
            setattr(self, name, value)
        self.park = parks.get(self.park_id)
        self.overdue = case_overdue(self.deadline, self.status, today)
        self.is_deleted = self.deleted_at is not None


@dataclass
class StatusTotal:
    status: CaseStatus
    count: int
    area_mu: Decimal


def totals_by_status(flt: CaseFilter, today: date) -> list[StatusTotal]:
    """Count and total 亩 per status of the filtered cases. Filtered by park and status only
    (or not at all), read from the running tallies (hub.lists.tally: one row per park and
    status, however many cases); otherwise one GROUP BY query (count(*), so the index
    ix_land_case_totals answers it alone)."""
    if not (flt.problem_type or flt.overdue or flt.deleted):
        tallied = tally.case_totals(flt.park_id, flt.status.value if flt.status else None)
        return [StatusTotal(s, *_from_tally(tallied.get(s.value, (0, 0)))) for s in CaseStatus]
    stmt = _where(
        db.select(LandCase.status, func.count(), func.sum(LandCase.area_mu)),
        flt, today,
    ).group_by(LandCase.status)
    found = {status: (count, Decimal(str(total or 0)).quantize(Decimal("0.01")))
             for status, count, total in db.session.execute(stmt)}
    return [StatusTotal(s, *found.get(s, (0, Decimal("0.00")))) for s in CaseStatus]


def _from_tally(found: tuple[int, int]) -> tuple[int, Decimal]:
    count, hundredths = found
    return count, (Decimal(hundredths) / 100).quantize(Decimal("0.01"))


def count_query(flt: CaseFilter, today: date):
    """SELECT count(*) of the filtered cases (a scalar subquery in a list's statement)."""
    return _where(db.select(func.count()).select_from(LandCase), flt, today)


def counts_by_park(flt: CaseFilter, today: date) -> dict[int, int]:
    """{park id: number of the filtered cases} in one GROUP BY query (e.g. overdue per park)."""
    stmt = _where(db.select(LandCase.park_id, func.count(LandCase.id)), flt, today) \
        .group_by(LandCase.park_id)
    return dict(db.session.execute(stmt).all())


def timeline(case: LandCase, owner_type: str) -> tuple[list[CaseEvent], dict[int, list]]:
    """The case's timeline, newest first, and {event id: its attachments} (two queries)."""
    events = list(db.session.execute(
        db.select(CaseEvent).where(CaseEvent.case_id == case.id)
        .options(selectinload(CaseEvent.actor))
        .order_by(CaseEvent.created_at.desc(), CaseEvent.id.desc())
    ).scalars())
    files: dict[int, list[Attachment]] = {}
    if events:
        rows = db.session.execute(
            db.select(Attachment).where(Attachment.owner_type == owner_type,
                                        Attachment.owner_id.in_([e.id for e in events]))
            .order_by(Attachment.id)
        ).scalars()
        for a in rows:
            files.setdefault(a.owner_id, []).append(a)
    return events, files


# --- CSV for Excel: UTF-8 with BOM, Chinese headers and labels --------------------------------
CSV_STATUS = {CaseStatus.REGISTERED: "登记", CaseStatus.VERIFYING: "核查",
              CaseStatus.DISPOSING: "处置中", CaseStatus.DISPOSED: "已处置",
              CaseStatus.SUSPENDED: "搁置"}
CSV_PROBLEM = {ProblemType.IDLE: "闲置土地", ProblemType.APPROVED_NOT_SUPPLIED: "批而未供",
               ProblemType.SUPPLIED_NOT_USED: "供而未用", ProblemType.INEFFICIENT: "低效用地",
               ProblemType.OTHER: "其他"}
CSV_DISPOSAL = {Disposal.RECLAIM: "收回", Disposal.REVITALIZE: "盘活", Disposal.TRANSFER: "转让",
                Disposal.SWAP: "置换", Disposal.OTHER: "其他"}
CSV_HEADERS = ["地块编号", "责任园区", "位置", "面积（亩）", "面积（平方米）", "持有企业",
               "问题类型", "处置方式", "经办人", "办结期限", "状态", "是否逾期", "搁置原因",
               "更新时间"]


# what an export row is made of: columns, not LandCase entities (50,000 cases of every park at
# scale 10 took 4.4 s of CPU as entities with their park and assignee)
EXPORTED = (LandCase.parcel_code, Park.name, LandCase.location, LandCase.area_mu, LandCase.holder,
            LandCase.problem_type, LandCase.disposal, User.display_name, LandCase.deadline,
            LandCase.status, LandCase.suspend_reason, LandCase.updated_at)


def export_rows(flt: CaseFilter, today: date):
    """The filtered cases (`list_query`'s filter and order) as export rows (CSV_HEADERS), typed:
    numbers, dates, local times."""
    stmt = (db.select(*EXPORTED).join(Park, Park.id == LandCase.park_id)
            .outerjoin(User, User.id == LandCase.assignee_id))
    stmt = _where(stmt, flt, today).order_by(*flt.order.order_by())
    suspended, tz = CaseStatus.SUSPENDED, zone()
    for (parcel, park, location, area, holder, problem, disposal, assignee, deadline, status,
         reason, updated) in db.session.execute(stmt):
        yield [parcel, park, location, area, mu_to_m2(area), holder, CSV_PROBLEM[problem],
               CSV_DISPOSAL[disposal], assignee or "", deadline, CSV_STATUS[status],
               "是" if case_overdue(deadline, status, today) else "否",
               reason if status is suspended else "", to_local(updated, tz)]


def export_csv(flt: CaseFilter, today: date) -> str:
    """`export_rows` as CSV text: areas with two decimals, dates as 2026-04-30, times as shown
    on the pages; the writer turns None into "" and guards each cell."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = SafeWriter(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADERS)
    tz = zone()
    for row in export_rows(flt, today):  # converted by column: a call per cell was a third
        area, m2, updated = row[3], row[4], row[13]
        row[3] = None if area is None else f"{area:.2f}"
        row[4] = None if m2 is None else f"{m2:.2f}"
        row[13] = format_datetime(updated, tz=tz)
        writer.writerow(row)
    return out.getvalue()
