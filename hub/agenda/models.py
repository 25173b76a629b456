"""Before a meeting: agenda topics (议题征集) and attendance replies (参会回执)."""

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hub.auth.models import User
from hub.dbtypes import UTCDateTime
from hub.extensions import db
from hub.meetings.models import Meeting
from hub.models_base import TimestampMixin
from hub.parks.models import Park


class TopicStatus(enum.Enum):
    SUBMITTED = "submitted"  # 已提交, waiting for the host
    ACCEPTED = "accepted"  # 已列入议程
    DEFERRED = "deferred"  # 顺延: moved on to the next occurrence
    WITHDRAWN = "withdrawn"  # 已撤回 by the submitting park


class AgendaTopic(TimestampMixin, db.Model):
    __tablename__ = "agenda_topic"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    park_id: Mapped[int] = mapped_column(ForeignKey("park.id"), index=True)
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    presenter: Mapped[str] = mapped_column(String(64), default="")
    minutes_requested: Mapped[int] = mapped_column(default=10)
    status: Mapped[TopicStatus] = mapped_column(default=TopicStatus.SUBMITTED)
    position: Mapped[int] = mapped_column(default=0)  # order on the agenda, set by the host
    # a deferred topic is copied to the next occurrence; the copy points back here
    deferred_from_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_topic.id"))

    meeting: Mapped[Meeting] = relationship()
    park: Mapped[Park] = relationship()
    submitted_by: Mapped[User | None] = relationship()


class AttendanceStatus(enum.Enum):
    ATTENDING = "attending"  # 参加
    DECLINED = "declined"  # 请假


class Attendance(db.Model):
    """One participant park's reply, and what the host recorded after the meeting."""

    __tablename__ = "meeting_attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "park_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    park_id: Mapped[int] = mapped_column(ForeignKey("park.id"))
    status: Mapped[AttendanceStatus | None]  # None: no reply yet (host-recorded row only)
    attendees: Mapped[str] = mapped_column(Text, default="")  # names, one per line
    decline_reason: Mapped[str] = mapped_column(Text, default="")
    replied_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    replied_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # recorded by the host after the meeting
    present: Mapped[bool | None]
    actual_attendees: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    meeting: Mapped[Meeting] = relationship()
    park: Mapped[Park] = relationship()
