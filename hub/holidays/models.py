"""The holiday calendar (节假日安排): per year the statutory holiday ranges and the 调休 working
days, with where the year's data came from. Meeting planning reads only these tables."""

import enum
from datetime import date

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hub.extensions import db
from hub.models_base import TimestampMixin


class Provenance(enum.Enum):
    OFFICIAL = "official"  # 官方: the State Council's notice (entered, or shipped by a library)
    PROVISIONAL = "provisional"  # 暂定: computed by law, no notice yet


class Source(enum.Enum):
    ADMIN = "admin"  # entered or pasted by the zone office from the notice
    CHINESE_CALENDAR = "chinese_calendar"  # the notices as shipped by chinese-calendar
    HOLIDAYS_LAW = "holidays"  # computed by law by the `holidays` package (暂定)


class HolidayYear(TimestampMixin, db.Model):
    __tablename__ = "holiday_year"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    provenance: Mapped[Provenance]
    source: Mapped[Source]
    source_version: Mapped[str] = mapped_column(String(32), default="")  # the library's version
    notice: Mapped[str] = mapped_column(Text, default="")  # the text as the admin entered it
    # sha256 of the year's ranges and working days; planned_hash: the data the future
    # occurrences were last planned on (the daily job re-plans when they differ)
    data_hash: Mapped[str] = mapped_column(String(64), default="")
    planned_hash: Mapped[str] = mapped_column(String(64), default="")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    ranges: Mapped[list["HolidayRange"]] = relationship(
        order_by="HolidayRange.first_day", cascade="all, delete-orphan")
    workdays: Mapped[list["MakeupWorkday"]] = relationship(
        order_by="MakeupWorkday.day", cascade="all, delete-orphan")

    @property
    def id(self) -> int:  # what the audit log records as the object's id
        return self.year

    @property
    def is_official(self) -> bool:
        return self.provenance is Provenance.OFFICIAL

    def __str__(self) -> str:
        return str(self.year)


class HolidayRange(db.Model):
    """Days off from `first_day` to `last_day` (inclusive), e.g. 春节 2027-02-05 至 2027-02-11.
    A range belongs to the year whose notice lists it (元旦 may start in the December before)."""

    __tablename__ = "holiday_range"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(ForeignKey("holiday_year.year", ondelete="CASCADE"),
                                      index=True)
    name: Mapped[str] = mapped_column(String(64))  # as people write it: 春节, 国庆节…
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)


class MakeupWorkday(db.Model):
    """A 调休 working day: a Saturday or Sunday worked instead of a day off."""

    __tablename__ = "holiday_workday"

    year: Mapped[int] = mapped_column(ForeignKey("holiday_year.year", ondelete="CASCADE"),
                                      primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), default="")  # the holiday it makes up for
