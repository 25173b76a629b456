"""Notifications: the outbox of deliveries (exactly once), the in-app notification centre,
per-user email preferences, park group robots, and the scheduler heartbeat."""

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hub.auth.models import User
from hub.dbtypes import UTCDateTime
from hub.extensions import db
from hub.parks.models import Park
from hub.timeutil import utcnow


class Channel(enum.Enum):
    INAPP = "inapp"  # the notification centre (bell); always on
    EMAIL = "email"  # SMTP, or .eml files in instance/outbox/ without MAIL_SERVER
    ROBOT = "robot"  # a park's 企业微信 / 钉钉 group robot webhook


class DeliveryState(enum.Enum):
    PENDING = "pending"
    SENDING = "sending"  # claimed by a scheduler until claimed_until
    SENT = "sent"
    FAILED = "failed"  # gave up after the retry limit
    SKIPPED = "skipped"  # no longer relevant (meeting cancelled, moved or already started…)


class Delivery(db.Model):
    """One message to one recipient on one channel. `key` makes creating it twice a no-op:
    kind | object | occurrence key | offset | recipient | channel."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_state_due_at", "state", "due_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(255), unique=True)
    kind: Mapped[str] = mapped_column(String(40))  # e.g. meeting.reminder, notice.published
    channel: Mapped[Channel]
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    park_id: Mapped[int | None] = mapped_column(ForeignKey("park.id"))  # robot deliveries
    object_type: Mapped[str] = mapped_column(String(32))
    object_id: Mapped[int]
    occurrence_key: Mapped[str] = mapped_column(String(64), default="")
    offset_minutes: Mapped[int | None]
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    state: Mapped[DeliveryState] = mapped_column(default=DeliveryState.PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    claimed_by: Mapped[str] = mapped_column(String(100), default="")
    payload: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    failed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # when given up

    user: Mapped[User | None] = relationship()
    park: Mapped[Park | None] = relationship()

    @property
    def message_id(self) -> str:
        return f"<outbox-{self.id}@parkhub>"


class Notification(db.Model):
    """An entry in a user's notification centre. `title` / `body` are in the recipient's
    language when it was made; `texts` holds the same message in every site language
    ({locale: [title, body]}), so it is shown in the reader's current language
    (hub.notify.inapp). Rows made before it existed have no `texts`."""

    __tablename__ = "notification"
    __table_args__ = (Index("ix_notification_user_read", "user_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    delivery_id: Mapped[int | None] = mapped_column(ForeignKey("outbox.id"), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(255))
    body: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(String(500), default="")
    texts: Mapped[dict | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class NotificationPreference(db.Model):
    """Email on or off for one event kind (no row: the kind's default, on)."""

    __tablename__ = "notification_preference"

    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    email: Mapped[bool] = mapped_column(default=True)


class RobotProvider(enum.Enum):
    WECOM = "wecom"  # 企业微信群机器人
    DINGTALK = "dingtalk"  # 钉钉群机器人
    FEISHU = "feishu"  # 飞书群机器人 (also Lark)


class ParkRobot(db.Model):
    """A park's group robot, set by its park admin; receives meeting reminders, series changes
    and new notices."""

    __tablename__ = "park_robot"

    park_id: Mapped[int] = mapped_column(ForeignKey("park.id"), primary_key=True)
    provider: Mapped[RobotProvider] = mapped_column(default=RobotProvider.WECOM)
    webhook_url: Mapped[str] = mapped_column(String(500))
    # 钉钉 加签 / 飞书 签名校验 secret (shown masked; never in the audit log)
    secret: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    park: Mapped[Park] = relationship()


class SchedulerHeartbeat(db.Model):
    """One row per scheduler process (host:pid), updated every tick."""

    __tablename__ = "scheduler_heartbeat"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    mode: Mapped[str] = mapped_column(String(16), default="process")  # process / embedded / cli
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    beat_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_sent: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
