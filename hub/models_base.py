"""Mixins shared by the models of every feature."""

from datetime import datetime

from sqlalchemy.orm import Mapped, mapped_column

from hub.dbtypes import UTCDateTime
from hub.timeutil import utcnow


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
