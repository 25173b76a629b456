"""After a meeting: minutes (会议纪要) with every save kept as a revision, and the sign-off flow
草稿 → 征求意见 → 签发 (published and locked)."""

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hub.auth.models import User
from hub.dbtypes import UTCDateTime
from hub.extensions import db
from hub.meetings.models import Meeting
from hub.models_base import TimestampMixin
from hub.parks.models import Park
from hub.timeutil import utcnow


class MinutesStatus(enum.Enum):
    DRAFT = "draft"  # 草稿: the host writes
    CONSULTING = "consulting"  # 征求意见: participant parks confirm or comment
    PUBLISHED = "published"  # 签发: signed off by an admin, published and locked


class Minutes(TimestampMixin, db.Model):
    __tablename__ = "meeting_minutes"
    # "are the minutes of these meetings published?" by index only (meeting page, dashboard)
    __table_args__ = (Index("ix_meeting_minutes_status", "status", "meeting_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), unique=True
    )
    body: Mapped[str] = mapped_column(Text, default="")  # Markdown, = the latest revision
    revision: Mapped[int] = mapped_column(default=0)  # number of the latest revision
    status: Mapped[MinutesStatus] = mapped_column(default=MinutesStatus.DRAFT)
    sent_for_comment_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    signed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    meeting: Mapped[Meeting] = relationship()
    signed_by: Mapped[User | None] = relationship()
    revisions: Mapped[list["MinutesRevision"]] = relationship(
        back_populates="minutes", order_by="MinutesRevision.number.desc()",
        cascade="all, delete-orphan",
    )

    @property
    def locked(self) -> bool:
        return self.status is MinutesStatus.PUBLISHED


class MinutesRevision(db.Model):
    __tablename__ = "meeting_minutes_revision"
    __table_args__ = (UniqueConstraint("minutes_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    minutes_id: Mapped[int] = mapped_column(ForeignKey("meeting_minutes.id", ondelete="CASCADE"))
    number: Mapped[int]
    body: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    minutes: Mapped[Minutes] = relationship(back_populates="revisions")
    author: Mapped[User | None] = relationship()


class ConfirmationStatus(enum.Enum):
    CONFIRMED = "confirmed"  # 无意见, 确认
    COMMENTED = "commented"  # 有修改意见


class MinutesConfirmation(db.Model):
    """One participant park's answer while the minutes are out for comment (征求意见)."""

    __tablename__ = "meeting_minutes_confirmation"
    __table_args__ = (UniqueConstraint("minutes_id", "park_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    minutes_id: Mapped[int] = mapped_column(ForeignKey("meeting_minutes.id", ondelete="CASCADE"))
    park_id: Mapped[int] = mapped_column(ForeignKey("park.id"))
    status: Mapped[ConfirmationStatus]
    comment: Mapped[str] = mapped_column(Text, default="")
    revision: Mapped[int]  # the revision the park answered to
    by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    park: Mapped[Park] = relationship()
    by: Mapped[User | None] = relationship()
