"""Time helpers: everything is stored in UTC and shown in HUB_TIMEZONE."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import current_app


def utcnow() -> datetime:
    return datetime.now(UTC)


def zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["HUB_TIMEZONE"])


def to_local(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(zone())


def local_day_start_utc(day: date) -> datetime:
    """The first instant of a local calendar day, in UTC."""
    return datetime(day.year, day.month, day.day, tzinfo=zone()).astimezone(UTC)


def format_datetime(value: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    local = to_local(value)
    return local.strftime(fmt) if local else ""
