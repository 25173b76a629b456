"""The in-app notification centre and the parks' group robot settings: plain functions; the
caller checks permissions and commits."""

from datetime import datetime
from urllib.parse import urlsplit

from flask import g
from sqlalchemy import func, update

from hub import audit
from hub.extensions import db
from hub.notify.models import Channel, Notification, ParkRobot, RobotProvider
from hub.notify.outbox import enqueue
from hub.timeutil import utcnow

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


# --- notifications ----------------------------------------------------------------------------
def list_query(user):
    return (db.select(Notification).where(Notification.user_id == user.id)
            .order_by(Notification.created_at.desc(), Notification.id.desc()))


def unread_count(user) -> int:
    return db.session.execute(
        db.select(func.count(Notification.id))
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))).scalar_one()


def cached_unread_count(user) -> int:
    """Once per request (the bell in the header asks)."""
    if "notify_unread" not in g:
        g.notify_unread = unread_count(user)
    return g.notify_unread


def own_notification(user, notification_id: int) -> Notification | None:
    return db.session.execute(
        db.select(Notification).where(Notification.id == notification_id,
                                      Notification.user_id == user.id)).scalar_one_or_none()


def mark_read(note: Notification, now: datetime | None = None) -> None:
    if note.read_at is None:
        note.read_at = now or utcnow()


def mark_all_read(user, now: datetime | None = None) -> int:
    result = db.session.execute(
        update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=now or utcnow()).execution_options(synchronize_session=False))
    return result.rowcount or 0


def safe_target(url: str) -> str | None:
    """Only site-relative paths are followed (no open redirect)."""
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not url.startswith("/") or url.startswith("//"):
        return None
    return url


# --- group robots -----------------------------------------------------------------------------
def webhook_allowed(url: str) -> bool:
    """https, or http to this machine (a local test server)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    if not parts.hostname:
        return False
    if parts.scheme == "https":
        return True
    return parts.scheme == "http" and parts.hostname in LOCAL_HOSTS


def robot_of(park_id: int) -> ParkRobot | None:
    return db.session.get(ParkRobot, park_id)


def save_robot(actor, park, *, provider: RobotProvider, webhook_url: str | None,
               active: bool) -> dict:
    """Create or change the park's robot. `webhook_url` None or "" keeps the stored one.
    Audited (the webhook URL is a secret: the audit log shows only that it changed)."""
    robot = robot_of(park.id)
    created = robot is None
    if created:
        if not webhook_url:
            raise ValueError("webhook_url required")
        robot = ParkRobot(park_id=park.id, provider=provider, webhook_url=webhook_url,
                          active=active, updated_at=utcnow())
        db.session.add(robot)
        changes = {"provider": [None, provider], "webhook_url": ["", "set"],
                   "active": [None, active]}
    else:
        changes = {}
        if robot.provider is not provider:
            changes["provider"] = [robot.provider, provider]
            robot.provider = provider
        if webhook_url and webhook_url != robot.webhook_url:
            changes["webhook_url"] = ["old", "new"]
            robot.webhook_url = webhook_url
        if robot.active != active:
            changes["active"] = [robot.active, active]
            robot.active = active
    if changes:
        audit.record(actor, "create" if created else "update", robot, changes,
                     summary=park.name)
    return changes


def send_test(actor, park, now: datetime | None = None) -> bool:
    """A test message to the park's robot, sent by the scheduler's next tick."""
    now = now or utcnow()
    made = enqueue("robot.test", channel=Channel.ROBOT, park_id=park.id, object_type="park",
                   object_id=park.id, due_at=now,
                   occurrence_key=f"test-{int(now.timestamp() * 1000)}")
    robot = robot_of(park.id)
    if robot is not None:
        audit.record(actor, "robot_test", robot, {}, summary=park.name)
    return made


def masked(url: str) -> str:
    """What the page shows of a stored webhook: its host and the last 4 characters."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname}/…{url[-4:]}" if parts.hostname else "…"
