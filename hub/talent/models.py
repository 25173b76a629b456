"""Talent listings (人才共享): positions a park's enterprise needs, and people or teams offered."""

import enum
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, String, Text, literal
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql.elements import Grouping

from hub.auth.models import User
from hub.extensions import db
from hub.models_base import SoftDeleteMixin, TimestampMixin, VersionedMixin
from hub.parks.models import Park


class ListingKind(enum.Enum):
    DEMAND = "demand"  # 岗位需求: a position a park's enterprise needs
    OFFER = "offer"  # 人才推荐: a person or expert team offered to other parks


class Education(enum.Enum):
    ANY = "any"  # 不限
    COLLEGE = "college"  # 大专
    BACHELOR = "bachelor"  # 本科
    MASTER = "master"  # 硕士
    DOCTOR = "doctor"  # 博士


class ListingStatus(enum.Enum):
    OPEN = "open"  # 开放
    FILLED = "filled"  # 已满足
    CLOSED = "closed"  # 已关闭


KIND_LABELS = {
    ListingKind.DEMAND: _l("Position wanted"),  # 岗位需求
    ListingKind.OFFER: _l("Talent offered"),  # 人才推荐
}
EDUCATION_LABELS = {
    Education.ANY: _l("Any education"),  # 不限
    Education.COLLEGE: _l("College diploma"),  # 大专
    Education.BACHELOR: _l("Bachelor's degree"),  # 本科
    Education.MASTER: _l("Master's degree"),  # 硕士
    Education.DOCTOR: _l("Doctorate"),  # 博士
}
STATUS_LABELS = {
    ListingStatus.OPEN: _l("Open"),  # 开放
    ListingStatus.FILLED: _l("Filled"),  # 已满足
    ListingStatus.CLOSED: _l("Closed"),  # 已关闭
}


class TalentListing(TimestampMixin, SoftDeleteMixin, VersionedMixin, db.Model):
    __tablename__ = "talent_listing"
    __table_args__ = (
        Index("ix_talent_listing_updated_at", "updated_at", "id"),  # search's newest-first walk
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    park_id: Mapped[int] = mapped_column(ForeignKey("park.id"), index=True)
    kind: Mapped[ListingKind] = mapped_column(default=ListingKind.DEMAND)
    title: Mapped[str] = mapped_column(String(200))
    field: Mapped[str] = mapped_column(String(100))
    education: Mapped[Education] = mapped_column(default=Education.ANY)
    headcount: Mapped[int] = mapped_column(default=1)
    enterprise: Mapped[str] = mapped_column(String(200))
    contact_person: Mapped[str] = mapped_column(String(64))
    contact_phone: Mapped[str] = mapped_column(String(32), default="")
    contact_email: Mapped[str] = mapped_column(String(255), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    expires_on: Mapped[date]
    status: Mapped[ListingStatus] = mapped_column(default=ListingStatus.OPEN)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    park: Mapped[Park] = relationship()
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])

    def __str__(self) -> str:
        return self.title

    def is_expired(self, today: date) -> bool:
        return self.expires_on < today


def open_first():
    """The talent list's first sort key: false for open listings, true for the others (so open
    ones come first). The constant goes into the SQL text (literal_execute), so that PostgreSQL
    matches ix_talent_listing_list even in a generic plan of a prepared statement."""
    return TalentListing.status != literal(ListingStatus.OPEN, TalentListing.status.type,
                                           literal_execute=True)


# the talent list (services.list_query): open first, newest first, deleted left out — an index
# walk that stops after a page instead of sorting every listing. The key is written
# (status <> 'open') as PostgreSQL reflects it, so that `flask db check` finds the migration's
# index equal to this one (a CASE expression is reflected over several lines: never equal).
Index("ix_talent_listing_list",
      Grouping(TalentListing.status.op("<>", is_comparison=True)(
          literal(ListingStatus.OPEN, TalentListing.status.type))),
      TalentListing.created_at.desc(), TalentListing.id.desc(),
      postgresql_where=TalentListing.deleted_at.is_(None),
      sqlite_where=TalentListing.deleted_at.is_(None))
# the list filtered by status (ordered newest first only: see services.list_query)
Index("ix_talent_listing_status", TalentListing.status,
      TalentListing.created_at.desc(), TalentListing.id.desc(),
      postgresql_where=TalentListing.deleted_at.is_(None),
      sqlite_where=TalentListing.deleted_at.is_(None))
# the listings not yet expired (the list's default filter and its count): a small index range
Index("ix_talent_listing_live", TalentListing.expires_on,
      postgresql_where=TalentListing.deleted_at.is_(None),
      sqlite_where=TalentListing.deleted_at.is_(None))
