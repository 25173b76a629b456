"""The catalogue of empowered items (赋权事项) and each park's handover (交接) of each item."""

import enum
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hub.extensions import db
from hub.models_base import TimestampMixin, VersionedMixin
from hub.parks.models import Park


class PowerMode(enum.Enum):
    DIRECT = "direct"  # 直接赋权
    ENTRUSTED = "entrusted"  # 委托行使
    SERVICE = "service"  # 服务前移
    REPORT = "report"  # 审批直报


MODE_LABELS = {
    PowerMode.DIRECT: _l("Direct empowerment (直接赋权)"),
    PowerMode.ENTRUSTED: _l("Entrusted exercise (委托行使)"),
    PowerMode.SERVICE: _l("Service moved forward (服务前移)"),
    PowerMode.REPORT: _l("Direct reporting for approval (审批直报)"),
}
MODE_NAMES = {"直接赋权": PowerMode.DIRECT, "委托行使": PowerMode.ENTRUSTED,
              "服务前移": PowerMode.SERVICE, "审批直报": PowerMode.REPORT}


class HandoverStatus(enum.Enum):
    PENDING = "pending"  # 待交接
    SIGNED = "signed"  # 已签交接书/协议书
    RUNNING = "running"  # 已承接运行
    DEFERRED = "deferred"  # 暂缓


STATUS_LABELS = {
    HandoverStatus.PENDING: _l("Awaiting handover (待交接)"),
    HandoverStatus.SIGNED: _l("Handover signed (已签交接书/协议书)"),
    HandoverStatus.RUNNING: _l("Taken over and running (已承接运行)"),
    HandoverStatus.DEFERRED: _l("Deferred (暂缓)"),
}
STATUS_COLOURS = {HandoverStatus.PENDING: "secondary", HandoverStatus.SIGNED: "info",
                  HandoverStatus.RUNNING: "success", HandoverStatus.DEFERRED: "warning"}


class PowerItem(TimestampMixin, db.Model):
    __tablename__ = "power_item"
    __table_args__ = (db.UniqueConstraint("name", "department"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    department: Mapped[str] = mapped_column(String(100))  # 赋权部门
    mode: Mapped[PowerMode] = mapped_column(default=PowerMode.ENTRUSTED)
    legal_basis: Mapped[str] = mapped_column(Text, default="")  # 法律依据
    handover_due: Mapped[date | None]  # 交接期限 (overdue handovers are reminded)

    def __str__(self) -> str:
        return self.name


class PowerHandover(TimestampMixin, VersionedMixin, db.Model):
    """One park's handover of one item. No row: the park still awaits it (待交接)."""

    __tablename__ = "power_handover"
    __table_args__ = (db.UniqueConstraint("item_id", "park_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("power_item.id"), index=True)
    park_id: Mapped[int] = mapped_column(ForeignKey("park.id"), index=True)
    status: Mapped[HandoverStatus] = mapped_column(default=HandoverStatus.PENDING)
    signed_on: Mapped[date | None]
    running_on: Mapped[date | None]
    first_case: Mapped[str] = mapped_column(String(300), default="")
    deferred_on: Mapped[date | None]
    reason: Mapped[str] = mapped_column(Text, default="")

    item: Mapped[PowerItem] = relationship()
    park: Mapped[Park] = relationship()

    def __str__(self) -> str:
        return f"{self.item.name} · {self.park.name}" if self.item and self.park else "handover"
