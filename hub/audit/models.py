"""The audit log (操作日志): who did what to which object, when, from where.

Every feature writes it, auth included, so it sits below them all: the actor is referred to by
table and class name only (no import of hub.auth at run time)."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hub.dbtypes import UTCDateTime
from hub.extensions import db
from hub.parks.models import Park
from hub.timeutil import utcnow

if TYPE_CHECKING:
    from hub.auth.models import User


class AuditEntry(db.Model):
    __tablename__ = "audit_entry"
    # The log's order (newest first, the id as tie-breaker) alone and within the park and user
    # filters: a page reads its 50 index entries, not every entry of the filter before it
    # sorting them (migration k9_audit_time_indexes). The two composites serve the foreign keys.
    __table_args__ = (
        Index("ix_audit_entry_object", "object_type", "object_id"),
        Index("ix_audit_entry_time", "created_at", "id"),
        Index("ix_audit_entry_park_time", "park_id", "created_at", "id"),
        Index("ix_audit_entry_actor_time", "actor_id", "created_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    park_id: Mapped[int | None] = mapped_column(ForeignKey("park.id"))
    action: Mapped[str] = mapped_column(String(32))
    object_type: Mapped[str] = mapped_column(String(32))
    object_id: Mapped[int | None]
    summary: Mapped[str] = mapped_column(String(255), default="")
    changes: Mapped[dict] = mapped_column(JSON, default=dict)
    ip: Mapped[str | None] = mapped_column(String(45))

    actor: Mapped["User | None"] = relationship("User")
    park: Mapped[Park | None] = relationship()
