"""Land disposal cases (土地清理处置) and their timeline."""

import enum
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, Index, Numeric, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hub.auth.models import User
from hub.dbtypes import UTCDateTime
from hub.extensions import db
from hub.models_base import SoftDeleteMixin, TimestampMixin, VersionedMixin
from hub.parks.models import Park
from hub.timeutil import utcnow

SQUARE_METRES_PER_MU = Decimal(10000) / Decimal(15)  # 1 亩 = 666.67 m²


class ProblemType(enum.Enum):
    IDLE = "idle"  # 闲置土地
    APPROVED_NOT_SUPPLIED = "approved_not_supplied"  # 批而未供
    SUPPLIED_NOT_USED = "supplied_not_used"  # 供而未用
    INEFFICIENT = "inefficient"  # 低效用地
    OTHER = "other"  # 其他


class Disposal(enum.Enum):
    RECLAIM = "reclaim"  # 收回
    REVITALIZE = "revitalize"  # 盘活
    TRANSFER = "transfer"  # 转让
    SWAP = "swap"  # 置换
    OTHER = "other"  # 其他


class CaseStatus(enum.Enum):
    REGISTERED = "registered"  # 登记
    VERIFYING = "verifying"  # 核查
    DISPOSING = "disposing"  # 处置中
    DISPOSED = "disposed"  # 已处置
    SUSPENDED = "suspended"  # 搁置


PROBLEM_LABELS = {
    ProblemType.IDLE: _l("Idle land"),  # 闲置土地
    ProblemType.APPROVED_NOT_SUPPLIED: _l("Approved, not supplied"),  # 批而未供
    ProblemType.SUPPLIED_NOT_USED: _l("Supplied, not used"),  # 供而未用
    ProblemType.INEFFICIENT: _l("Inefficiently used land"),  # 低效用地
    ProblemType.OTHER: _l("Other problem"),  # 其他
}
DISPOSAL_LABELS = {
    Disposal.RECLAIM: _l("Reclaim"),  # 收回
    Disposal.REVITALIZE: _l("Revitalize"),  # 盘活
    Disposal.TRANSFER: _l("Transfer"),  # 转让
    Disposal.SWAP: _l("Swap"),  # 置换
    Disposal.OTHER: _l("Other disposal"),  # 其他
}
STATUS_LABELS = {
    CaseStatus.REGISTERED: _l("Registered"),  # 登记
    CaseStatus.VERIFYING: _l("Verifying"),  # 核查
    CaseStatus.DISPOSING: _l("Disposing"),  # 处置中
    CaseStatus.DISPOSED: _l("Disposed"),  # 已处置
    CaseStatus.SUSPENDED: _l("Suspended"),  # 搁置
}
STATUS_BADGES = {
    CaseStatus.REGISTERED: "text-bg-secondary",
    CaseStatus.VERIFYING: "text-bg-info",
    CaseStatus.DISPOSING: "text-bg-primary",
    CaseStatus.DISPOSED: "text-bg-success",
    CaseStatus.SUSPENDED: "text-bg-warning",
}


def case_overdue(deadline: date | None, status: CaseStatus, today: date) -> bool:
    """The overdue rule of a land case (a suspended one counts too), for entities and rows."""
    return deadline is not None and deadline < today and status is not CaseStatus.DISPOSED


def mu_to_m2(area_mu: Decimal | None) -> Decimal | None:
    if area_mu is None:
        return None
    return (Decimal(area_mu) * SQUARE_METRES_PER_MU).quantize(Decimal("0.01"), ROUND_HALF_UP)


class LandCase(TimestampMixin, SoftDeleteMixin, VersionedMixin, db.Model):
    __tablename__ = "land_case"
    __table_args__ = (
        UniqueConstraint("park_id", "parcel_code"),
        Index("ix_land_case_updated_at", "updated_at", "id"),  # search's newest-first walk
        # the case list's per-status totals (queries.totals_by_status), by index only
        Index("ix_land_case_totals", "park_id", "status", "area_mu",
              postgresql_where=text("deleted_at IS NULL"), sqlite_where=text("deleted_at IS NULL")),
        # the dashboard's overdue cases of a park (list and count) without reading the table
        Index("ix_land_case_park_deadline", "park_id", "deadline", "id",
              postgresql_include=["status", "deleted_at"]),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    park_id: Mapped[int] = mapped_column(ForeignKey("park.id"), index=True)
    parcel_code: Mapped[str] = mapped_column(String(64))
    location: Mapped[str] = mapped_column(String(255), default="")
    area_mu: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    holder: Mapped[str] = mapped_column(String(200), default="")
    problem_type: Mapped[ProblemType] = mapped_column(default=ProblemType.IDLE)
    disposal: Mapped[Disposal] = mapped_column(default=Disposal.OTHER)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    deadline: Mapped[date | None]
    status: Mapped[CaseStatus] = mapped_column(default=CaseStatus.REGISTERED, index=True)
    suspended_from: Mapped[CaseStatus | None]
    suspend_reason: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    park: Mapped[Park] = relationship()
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id])
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    deleted_by: Mapped[User | None] = relationship(
        foreign_keys="LandCase.deleted_by_id", viewonly=True
    )
    events: Mapped[list["CaseEvent"]] = relationship(
        back_populates="case", order_by="CaseEvent.id.desc()", cascade="all, delete-orphan"
    )

    def __str__(self) -> str:
        return f"{self.parcel_code} {self.location}".strip()

    @property
    def area_m2(self) -> Decimal | None:
        return mu_to_m2(self.area_mu)

    @property
    def is_open(self) -> bool:
        return self.status is not CaseStatus.DISPOSED

    def is_overdue(self, today: date) -> bool:
        """Deadline passed (local date) and not disposed; a suspended case counts too."""
        return case_overdue(self.deadline, self.status, today)


class CaseEvent(db.Model):
    """One timeline entry (进展): create, edit, transition or a plain progress note."""

    __tablename__ = "land_case_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("land_case.id"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    kind: Mapped[str] = mapped_column(String(16))  # create / edit / transition / note
    from_status: Mapped[CaseStatus | None]
    to_status: Mapped[CaseStatus | None]
    note: Mapped[str] = mapped_column(Text, default="")
    changes: Mapped[dict] = mapped_column(JSON, default=dict)

    case: Mapped[LandCase] = relationship(back_populates="events")
    actor: Mapped[User | None] = relationship()

    def __str__(self) -> str:
        return f"{self.case_id}/{self.id}"
