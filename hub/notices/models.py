"""Policy notices (政策通知), their categories and read receipts (已读回执)."""

import enum
from datetime import date, datetime

from sqlalchemy import Column, ForeignKey, Index, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hub.auth.models import User
from hub.dbtypes import UTCDateTime
from hub.extensions import db
from hub.models_base import SoftDeleteMixin, TimestampMixin, VersionedMixin
from hub.parks.models import Park
from hub.timeutil import utcnow


class NoticeStatus(enum.Enum):
    DRAFT = "draft"  # 草稿
    PUBLISHED = "published"  # 已发布
    WITHDRAWN = "withdrawn"  # 已撤回


class NoticeUrgency(enum.Enum):
    """紧急程度, as printed on a government document: 平件 (ordinary), 加急, 特急."""

    NORMAL = "normal"  # 平件
    URGENT = "urgent"  # 加急
    EXTRA_URGENT = "extra_urgent"  # 特急

    @property
    def pressing(self) -> bool:
        return self is not NoticeUrgency.NORMAL


class NoticeCategory(db.Model):
    """Admin-managed list: 资金补助, 荣誉共享, 土地, 环保, 人才, 审批, 规划, 其他."""

    __tablename__ = "notice_category"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)

    def __str__(self) -> str:
        return self.name


notice_audience = db.Table(
    "notice_audience",
    Column("notice_id", ForeignKey("notice.id"), primary_key=True),
    Column("park_id", ForeignKey("park.id"), primary_key=True),
    # a park's audience rows: the visibility rule's EXISTS probe, and the read rate per park
    Index("ix_notice_audience_park_id", "park_id", "notice_id"),
)


class Notice(TimestampMixin, SoftDeleteMixin, VersionedMixin, db.Model):
    __tablename__ = "notice"
    __table_args__ = (
        # newest first: search's candidate walk, the dashboard's latest unread (issue 6)
        Index("ix_notice_updated_at", "updated_at", "id"),
        Index("ix_notice_published_at", "published_at", "id"),
        # 文号: unique across the zone when given (several NULLs are fine on both databases)
        Index("uq_notice_doc_number", "doc_number", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    park_id: Mapped[int] = mapped_column(ForeignKey("park.id"), index=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("notice_category.id"))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[NoticeStatus] = mapped_column(default=NoticeStatus.DRAFT)
    all_parks: Mapped[bool] = mapped_column(default=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    effective_date: Mapped[date | None]
    expiry_date: Mapped[date | None]
    doc_number: Mapped[str | None] = mapped_column(String(60))  # 文号, e.g. 株高新管发〔2026〕12号
    urgency: Mapped[NoticeUrgency] = mapped_column(default=NoticeUrgency.NORMAL,
                                                   server_default=NoticeUrgency.NORMAL.value)

    park: Mapped[Park] = relationship()
    category: Mapped[NoticeCategory] = relationship()
    author: Mapped[User] = relationship(foreign_keys=[author_id])
    published_by: Mapped[User | None] = relationship(foreign_keys=[published_by_id])
    audience: Mapped[list[Park]] = relationship(secondary=notice_audience,
                                                order_by=Park.id)

    def __str__(self) -> str:
        return self.title


class NoticeRead(db.Model):
    """One row per user who opened a published notice (the first time)."""

    __tablename__ = "notice_read"
    __table_args__ = (UniqueConstraint("notice_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("notice.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    park_id: Mapped[int] = mapped_column(ForeignKey("park.id"))
    read_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    user: Mapped[User] = relationship()
    park: Mapped[Park] = relationship()


class NoticeSignoff(db.Model):
    """签收: a user of an audience park acknowledged the notice for the whole park (once)."""

    __tablename__ = "notice_signoff"
    __table_args__ = (UniqueConstraint("notice_id", "park_id"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("notice.id"), index=True)
    park_id: Mapped[int] = mapped_column(ForeignKey("park.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    user: Mapped[User] = relationship()
    park: Mapped[Park] = relationship()


class NoticeReminder(db.Model):
    """催阅 / 催签: the publisher reminded one audience park (at most once per park and local
    day: the unique key is the rate limit)."""

    __tablename__ = "notice_reminder"
    __table_args__ = (UniqueConstraint("notice_id", "park_id", "day"),
                      {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("notice.id"), index=True)
    park_id: Mapped[int] = mapped_column(ForeignKey("park.id"))
    by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    to_sign: Mapped[bool] = mapped_column(default=False)  # 催签 (else 催阅)
    day: Mapped[date]  # local day (hub.timeutil.local_today)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    park: Mapped[Park] = relationship()
    by: Mapped[User] = relationship()


# the notice list's order (hub.notices.listing): coalesce(published_at, created_at) DESC, id DESC
# On PostgreSQL it carries the columns of the visibility rule, so that counting and skipping
# (OFFSET) along the list need not read the table (deep page: 144 → 10 ms of SQL at scale 10).
Index("ix_notice_listed", func.coalesce(Notice.published_at, Notice.created_at), Notice.id,
      postgresql_include=["park_id", "status", "all_parks", "deleted_at", "published_at",
                          "created_at"])
# the same order within one category (the list's first filter menu): a category's notices are
# walked alone, by index only on PostgreSQL, instead of every notice's entry of ix_notice_listed
# with a table read each (category_id is not in it): park 9's published notices of a category
# as seen by another park, 87 → 0.6 ms at scale 10 (bench/results/2026-12-06-s6-pages.md)
Index("ix_notice_category_listed", Notice.category_id,
      func.coalesce(Notice.published_at, Notice.created_at), Notice.id,
      postgresql_include=["park_id", "status", "all_parks", "deleted_at", "published_at",
                          "created_at"])
# the list sorted by a column header (hub.notices.listing.sorted_page): each key with the id as
# tie-breaker, walked either way, carrying the visibility rule's columns on PostgreSQL, so that
# a first page walks a few dozen index entries instead of sorting every notice the user may see
# (95–150 ms at scale 10; bench/results/2026-12-06-s6-grow.md). The category key is walked per
# category by id (the category's position is in another table).
_VISIBILITY = ["park_id", "status", "all_parks", "deleted_at"]
Index("ix_notice_title_sort", Notice.title, Notice.id, postgresql_include=_VISIBILITY)
Index("ix_notice_status_sort", Notice.status, Notice.id,
      postgresql_include=[c for c in _VISIBILITY if c != "status"])
Index("ix_notice_park_sort", Notice.park_id, Notice.id,
      postgresql_include=[c for c in _VISIBILITY if c != "park_id"])
Index("ix_notice_category_sort", Notice.category_id, Notice.id, postgresql_include=_VISIBILITY)
