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
    """Deleted rows stay (admins can restore them); lists filter on `deleted_at IS NULL`.

    One behaviour for every feature: deleting sets `deleted_at` and `deleted_by_id`, restoring
    clears both, and doing either a second time changes nothing (a double submit or a stale page
    is no error). Both return the {field: [old, new]} changes, {} when nothing changed; services
    call them through `audit.soft_delete` / `audit.restore`, which record those changes."""

    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    @declared_attr
    def deleted_by_id(cls) -> Mapped[int | None]:
        return mapped_column(ForeignKey("user_account.id"))

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def mark_deleted(self, by_id: int | None) -> dict:
        if self.deleted_at is not None:
            return {}
        now = utcnow()
        changes = {"deleted_at": [None, now], "deleted_by_id": [self.deleted_by_id, by_id]}
        self.deleted_at, self.deleted_by_id = now, by_id
        return changes

    def mark_restored(self) -> dict:
        if self.deleted_at is None:
            return {}
        changes = {"deleted_at": [self.deleted_at, None],
                   "deleted_by_id": [self.deleted_by_id, None]}
        self.deleted_at = self.deleted_by_id = None
        return changes


class VersionedMixin:
    """Optimistic locking: every UPDATE checks and bumps `version` (see hub.concurrency)."""

    version: Mapped[int] = mapped_column(default=1)

    @declared_attr.directive
    def __mapper_args__(cls):
        return {"version_id_col": cls.version}
