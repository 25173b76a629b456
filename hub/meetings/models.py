"""Joint meetings (联席会议 / 例会): recurring series and their occurrences.

A `Meeting` row is one occurrence: of a series (keyed by series + original start, the iCalendar
RECURRENCE-ID) or a one-off (no series). Agenda topics, attendance, minutes and action items
hang off a Meeting (see hub.agenda, hub.minutes, hub.actions).

The minutes record (会议纪要: text, revisions, the parks' answers) is defined here too, one layer
below hub.minutes (its workflow) and hub.actions: decisions are followed once the minutes are
published, and the minutes page records the decisions, so both need it and neither imports the
other's package for it.
"""

import enum
from datetime import date, datetime, time

from sqlalchemy import (
    JSON,
    Column,
    Date,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
    event,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hub.auth.models import User
from hub.dbtypes import UTCDateTime
from hub.extensions import db
from hub.models_base import TimestampMixin, VersionedMixin
from hub.parks.models import Park
from hub.timeutil import utcnow


class HolidayPolicy(enum.Enum):
    KEEP = "keep"  # hold the meeting even on a statutory holiday
    MOVE = "move"  # move to the next working day (调休 make-up days count as working days)
    SKIP = "skip"  # leave the occurrence out


class MeetingStatus(enum.Enum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"


series_park = Table(
    "meeting_series_park",
    db.metadata,
    Column("series_id", ForeignKey("meeting_series.id", ondelete="CASCADE"), primary_key=True),
    Column("park_id", ForeignKey("park.id"), primary_key=True),
)
series_person = Table(
    "meeting_series_person",
    db.metadata,
    Column("series_id", ForeignKey("meeting_series.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("user_account.id"), primary_key=True),
)
meeting_park = Table(
    "meeting_park",
    db.metadata,
    Column("meeting_id", ForeignKey("meeting.id", ondelete="CASCADE"), primary_key=True),
    Column("park_id", ForeignKey("park.id"), primary_key=True, index=True),
)
meeting_person = Table(
    "meeting_person",
    db.metadata,
    Column("meeting_id", ForeignKey("meeting.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("user_account.id"), primary_key=True, index=True),
)


class SeriesHost(db.Model):
    """One place in a series' host rotation (轮值主持), in order."""

    __tablename__ = "meeting_series_host"

    series_id: Mapped[int] = mapped_column(
        ForeignKey("meeting_series.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(primary_key=True)
    park_id: Mapped[int] = mapped_column(ForeignKey("park.id"))

    park: Mapped[Park] = relationship()


class MeetingSeries(TimestampMixin, VersionedMixin, db.Model):
    __tablename__ = "meeting_series"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    # iCalendar RRULE value without the "RRULE:" prefix, e.g. FREQ=MONTHLY;BYDAY=2TU
    rrule: Mapped[str] = mapped_column(String(500))
    start_date: Mapped[date] = mapped_column(Date)  # local date of the first occurrence
    start_time: Mapped[time] = mapped_column(Time)  # local wall-clock time
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Shanghai")
    duration_minutes: Mapped[int] = mapped_column(default=120)
    location: Mapped[str] = mapped_column(String(255), default="")
    online_url: Mapped[str] = mapped_column(String(500), default="")
    holiday_policy: Mapped[HolidayPolicy] = mapped_column(default=HolidayPolicy.MOVE)
    reminder_offsets: Mapped[list] = mapped_column(JSON, default=lambda: [1440, 60])  # minutes
    agenda_cutoff_hours: Mapped[int] = mapped_column(default=72)
    horizon_until: Mapped[date | None] = mapped_column(Date)  # occurrences exist up to here
    active: Mapped[bool] = mapped_column(default=True)
    # every occurrence added from now on starts at this iCalendar SEQUENCE or above: above the
    # CANCEL sent for an occurrence that was removed (hub.meetings.changes), so a client that
    # applied that CANCEL accepts the REQUEST of the same instance coming back
    ical_sequence: Mapped[int] = mapped_column(default=0, server_default="0")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    parks: Mapped[list[Park]] = relationship(secondary=series_park, order_by=Park.id)
    people: Mapped[list[User]] = relationship(secondary=series_person)
    hosts: Mapped[list[SeriesHost]] = relationship(
        order_by=SeriesHost.position, cascade="all, delete-orphan"
    )

    @property
    def uid(self) -> str:
        return f"series-{self.id}@parkhub"

    def __str__(self) -> str:
        return self.title


class Meeting(TimestampMixin, VersionedMixin, db.Model):
    """One meeting: an occurrence of a series, or a one-off."""

    __tablename__ = "meeting"
    __table_args__ = (
        UniqueConstraint("series_id", "original_start"),
        Index("ix_meeting_starts_at", "starts_at"),
        Index("ix_meeting_ends_at", "ends_at"),  # the dashboard's next meetings (not yet over)
        # the dashboard's agenda calls: meetings whose topic cut-off is ahead
        Index("ix_meeting_agenda_cutoff", text("coalesce(agenda_cutoff, starts_at)")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    series_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting_series.id", ondelete="SET NULL"), index=True
    )
    # the start the rule gave (UTC) before any holiday move or manual move: the RECURRENCE-ID
    original_start: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # the RECURRENCE-ID calendar clients were given: the original start when the row was made,
    # never re-keyed (a series edit may re-key original_start; a client would then hold two
    # instances). Set on insert (below); `rid` falls back to original_start for bulk inserts.
    recurrence_id: Mapped[datetime | None] = mapped_column(UTCDateTime())
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Shanghai")
    location: Mapped[str] = mapped_column(String(255), default="")
    online_url: Mapped[str] = mapped_column(String(500), default="")
    status: Mapped[MeetingStatus] = mapped_column(default=MeetingStatus.SCHEDULED)
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    # moved by hand (time or place): regeneration of the series leaves it alone
    moved: Mapped[bool] = mapped_column(default=False)
    # why the rule's date changed, as facts (kind, holiday, ISO dates: hub.meetings.holiday_notes)
    # written out in the reader's language; holiday_note: the same in the site's language (the
    # audit log's record, and what rows made before the facts were stored show)
    holiday_facts: Mapped[dict | None] = mapped_column(JSON)
    holiday_note: Mapped[str] = mapped_column(String(200), default="")
    # planned on 暂定 holiday data (no State Council notice for that year yet): everybody who
    # sees the meeting is told its date may still change
    holiday_provisional: Mapped[bool] = mapped_column(default=False)
    host_park_id: Mapped[int | None] = mapped_column(ForeignKey("park.id"), index=True)
    host_overridden: Mapped[bool] = mapped_column(default=False)
    agenda_cutoff: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reminder_offsets: Mapped[list] = mapped_column(JSON, default=lambda: [1440, 60])
    sequence: Mapped[int] = mapped_column(default=0)  # iCalendar SEQUENCE, +1 per change
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    series: Mapped[MeetingSeries | None] = relationship()
    host_park: Mapped[Park | None] = relationship()
    parks: Mapped[list[Park]] = relationship(secondary=meeting_park, order_by=Park.id)
    people: Mapped[list[User]] = relationship(secondary=meeting_person)

    @property
    def uid(self) -> str:
        return self.series.uid if self.series_id else f"meeting-{self.id}@parkhub"

    @property
    def rid(self) -> datetime | None:
        """The iCalendar RECURRENCE-ID of a series occurrence (None for a one-off)."""
        if self.series_id is None and self.series is None:
            return None
        return self.recurrence_id or self.original_start

    @property
    def is_cancelled(self) -> bool:
        return self.status is MeetingStatus.CANCELLED

    def __str__(self) -> str:
        return self.title


@event.listens_for(Meeting, "before_insert")
def _keep_recurrence_id(_mapper, _connection, meeting: Meeting) -> None:
    if meeting.recurrence_id is None and meeting.original_start is not None:
        meeting.recurrence_id = meeting.original_start


class CalendarFeed(db.Model):
    """A user's private iCal feed token (/calendar/<token>.ics); renewing replaces it."""

    __tablename__ = "calendar_feed"

    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    user: Mapped[User] = relationship()


# --- minutes: every save kept as a revision; 草稿 → 征求意见 → 签发 (workflow: hub.minutes) ------
class MinutesStatus(enum.Enum):
    DRAFT = "draft"  # 草稿: the host writes
    CONSULTING = "consulting"  # 征求意见: participant parks confirm or comment
    PUBLISHED = "published"  # 签发: signed off by an admin, published and locked


class Minutes(TimestampMixin, db.Model):
    __tablename__ = "meeting_minutes"
    # "are the minutes of these meetings published?" by index only (meeting page, dashboard)
    __table_args__ = (
        Index("ix_meeting_minutes_status", "status", "meeting_id"),
        Index("ix_meeting_minutes_updated_at", "updated_at", "id"),  # search's newest-first walk
    )

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
