"""Decisions (议定事项) recorded with the minutes become action items followed until done (督办)."""

import enum
from datetime import date, datetime

from sqlalchemy import (
    Column,
    Date,
    FetchedValue,
    ForeignKey,
    Index,
    Table,
    Text,
    literal,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql.elements import Grouping

from hub.auth.models import User
from hub.dbtypes import UTCDateTime
from hub.extensions import db
from hub.land.models import LandCase
from hub.meetings.models import Meeting
from hub.models_base import TimestampMixin, VersionedMixin
from hub.parks.models import Park
from hub.timeutil import utcnow


class ActionStatus(enum.Enum):
    NOT_STARTED = "not_started"  # 未开始
    IN_PROGRESS = "in_progress"  # 进行中
    PENDING_REVIEW = "pending_review"  # 办结待审: the owner applied for completion (办结申请)
    DONE = "done"  # 已完成 / 已销号: closed by the assigning office


class UpdateKind(enum.Enum):
    """What a timeline entry records (督办 workflow, hub.actions.review)."""

    PROGRESS = "progress"  # 进展 (a note and/or a status change by the owner park)
    APPLY = "apply"  # 办结申请
    CLOSE = "close"  # 销号
    RETURN = "return"  # 退回
    REMIND = "remind"  # 催办
    EXTEND_REQUEST = "extend_request"  # 延期申请
    EXTEND_APPROVE = "extend_approve"  # 延期批准
    EXTEND_REJECT = "extend_reject"  # 延期不予批准


action_land_case = Table(
    "action_item_land_case",
    db.metadata,
    Column("action_item_id", ForeignKey("action_item.id", ondelete="CASCADE"), primary_key=True),
    Column("land_case_id", ForeignKey("land_case.id"), primary_key=True, index=True),
)


class ActionItem(TimestampMixin, VersionedMixin, db.Model):
    __tablename__ = "action_item"
    __table_args__ = (
        # open items by meeting: the agenda's "earlier decisions to follow up" count, an index
        # range per earlier meeting instead of a scan of every item (issue 6)
        Index("ix_action_item_open", "meeting_id",
              postgresql_where=text("status <> 'done'"), sqlite_where=text("status <> 'done'")),
        # the dashboard: my park's open items by due date, and the counts per park and status
        Index("ix_action_item_park_due", "owner_park_id", "due_date", "id",
              postgresql_where=text("status <> 'done'"), sqlite_where=text("status <> 'done'")),
        Index("ix_action_item_park_counts", "owner_park_id", "status", "due_date", "meeting_id"),
        Index("ix_action_item_updated_at", "updated_at", "id"),  # search's newest-first walk
        # the 督办台账's counts: the items of the few meetings whose minutes are not published yet,
        # per park and status, by index only (migration l1_action_status_tally)
        Index("ix_action_item_meeting_park_status", "meeting_id", "owner_park_id", "status"),
        # the list's series menu: does a park have items in a series, one probe per series
        # (queries.series_with_items; migration l3_action_item_series)
        Index("ix_action_item_park_series", "owner_park_id", "series_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    # the meeting's series, copied by the database (triggers of migration l3_action_item_series:
    # on every insert and meeting change, and when a meeting's series changes), never written
    # here; no foreign key (the meeting's is the one to trust): a derived column for one index
    series_id: Mapped[int | None] = mapped_column(server_default=FetchedValue())
    position: Mapped[int] = mapped_column(default=0)  # order within the meeting's decisions
    text: Mapped[str] = mapped_column(Text)
    owner_park_id: Mapped[int] = mapped_column(ForeignKey("park.id"), index=True)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    due_date: Mapped[date | None] = mapped_column(Date, index=True)
    status: Mapped[ActionStatus] = mapped_column(default=ActionStatus.NOT_STARTED)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    # 延期申请: the due date the owner park asked for while the request awaits a decision
    extension_due: Mapped[date | None] = mapped_column(Date)
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # the last 催办

    meeting: Mapped[Meeting] = relationship()
    owner_park: Mapped[Park] = relationship()
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id])
    updates: Mapped[list["ActionUpdate"]] = relationship(
        back_populates="item", order_by="ActionUpdate.id.desc()", cascade="all, delete-orphan"
    )
    land_cases: Mapped[list[LandCase]] = relationship(
        secondary=action_land_case, order_by="LandCase.id"
    )


# the item list's order (hub.actions.listing.LIST_ORDER: open first, by due date with the
# undated last, newest first), of a park and of every park: an index walk that stops after a
# page instead of sorting a park's 11,000 items (the zone office's 200,000) at scale 10
# (bench/results/2026-12-07-s11-actions.md). The key is written (status = 'done') as PostgreSQL
# reflects it, so that `flask db check` finds the migration's index equal (as the talent list's).
_DONE_FIRST_KEY = Grouping(ActionItem.status.op("=", is_comparison=True)(
    literal(ActionStatus.DONE, ActionItem.status.type)))
Index("ix_action_item_park_list", ActionItem.owner_park_id, _DONE_FIRST_KEY,
      ActionItem.due_date, ActionItem.id.desc())
Index("ix_action_item_list", _DONE_FIRST_KEY, ActionItem.due_date, ActionItem.id.desc())


class ActionUpdate(db.Model):
    """One progress entry on an action item's timeline."""

    __tablename__ = "action_item_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("action_item.id", ondelete="CASCADE"), index=True
    )
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    from_status: Mapped[ActionStatus | None]
    to_status: Mapped[ActionStatus | None]
    note: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[UpdateKind] = mapped_column(default=UpdateKind.PROGRESS,
                                             server_default=UpdateKind.PROGRESS.value)
    due_from: Mapped[date | None] = mapped_column(Date)  # 延期: the due date before
    due_to: Mapped[date | None] = mapped_column(Date)  # 延期: the date asked for / granted

    item: Mapped[ActionItem] = relationship(back_populates="updates")
    actor: Mapped[User | None] = relationship()
