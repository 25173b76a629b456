"""Mixins shared by the models of every feature."""

from datetime import datetime

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from hub.dbtypes import UTCDateTime
from hub.timeutil import utcnow


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class SoftDeleteMixin:
    """Deleted rows stay (admins can restore them); lists filter on `deleted_at IS NULL`."""

    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    @declared_attr
    def deleted_by_id(cls) -> Mapped[int | None]:
        return mapped_column(ForeignKey("user_account.id"))

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class VersionedMixin:
    """Optimistic locking: every UPDATE checks and bumps `version` (see hub.concurrency)."""

    version: Mapped[int] = mapped_column(default=1)

    @declared_attr.directive
    def __mapper_args__(cls):
        return {"version_id_col": cls.version}
