"""Parks (园区). The zone office is itself a park of kind `zone`."""

import enum

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from hub.extensions import db
from hub.models_base import TimestampMixin


class ParkKind(enum.Enum):
    ZONE = "zone"
    NATIONAL = "national"
    PROVINCIAL = "provincial"
    OTHER = "other"


class Park(TimestampMixin, db.Model):
    __tablename__ = "park"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    short_name: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[ParkKind] = mapped_column(default=ParkKind.PROVINCIAL)
    contact_person: Mapped[str] = mapped_column(String(64), default="")
    contact_phone: Mapped[str] = mapped_column(String(32), default="")
    contact_email: Mapped[str] = mapped_column(String(255), default="")
    address: Mapped[str] = mapped_column(String(255), default="")
    active: Mapped[bool] = mapped_column(default=True)

    def __str__(self) -> str:
        return self.name
