"""Investment projects (招商项目), 招商 visits, and campaigns (专项行动) with their targets.

Amounts are in 万元 (10,000 yuan). A project's stage is not stored: it is the last of
签约 → 开工 → 竣工 → 投产 whose date is recorded (hub.projects.services checks the order).
"""

import enum
from datetime import date, datetime
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hub.auth.models import User
from hub.dbtypes import UTCDateTime
from hub.extensions import db
from hub.models_base import SoftDeleteMixin, TimestampMixin, VersionedMixin
from hub.parks.models import Park
from hub.timeutil import utcnow


class Stage(enum.Enum):
    SIGNED = "signed"  # 签约
    STARTED = "started"  # 开工
    COMPLETED = "completed"  # 竣工
    PRODUCING = "producing"  # 投产


STAGES = [Stage.SIGNED, Stage.STARTED, Stage.COMPLETED, Stage.PRODUCING]
STAGE_FIELDS = {Stage.SIGNED: "signed_on", Stage.STARTED: "started_on",
                Stage.COMPLETED: "completed_on", Stage.PRODUCING: "producing_on"}
STAGE_LABELS = {
    Stage.SIGNED: _l("Signed"),  # 签约
    Stage.STARTED: _l("Construction started"),  # 开工
    Stage.COMPLETED: _l("Construction completed"),  # 竣工
    Stage.PRODUCING: _l("In production"),  # 投产
}


class Measure(enum.Enum):
    VISITS = "visits"  # 外出招商
    SIGNED = "signed"  # 新签约
    STARTED = "started"  # 新开工
    COMPLETED = "completed"  # 新竣工
    INVESTMENT = "investment"  # 新签约项目总投资（万元）


MEASURE_LABELS = {
    Measure.VISITS: _l("Investment-promotion visits"),  # 外出招商（次）
    Measure.SIGNED: _l("Projects signed"),  # 新签约项目（个）
    Measure.STARTED: _l("Projects started"),  # 新开工项目（个）
    Measure.COMPLETED: _l("Projects completed"),  # 新竣工项目（个）
    Measure.INVESTMENT: _l("Investment signed (10k yuan)"),  # 签约总投资（万元）
}


def stage_of(started_on: date | None, completed_on: date | None,
             producing_on: date | None) -> Stage:
    """The last stage whose date is recorded (签约 always is): a project's or a list row's."""
    if producing_on is not None:
        return Stage.PRODUCING
    if completed_on is not None:
        return Stage.COMPLETED
    if started_on is not None:
        return Stage.STARTED
    return Stage.SIGNED


def money():
    return mapped_column(Numeric(14, 2), default=Decimal("0"))


class Project(TimestampMixin, VersionedMixin, db.Model):
    __tablename__ = "invest_project"

    id: Mapped[int] = mapped_column(primary_key=True)
    park_id: Mapped[int] = mapped_column(ForeignKey("park.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    investor: Mapped[str] = mapped_column(String(200))
    industry_chain: Mapped[str] = mapped_column(String(100), default="")
    total_investment: Mapped[Decimal] = money()  # 总投资（万元）
    signed_on: Mapped[date] = mapped_column(index=True)
    started_on: Mapped[date | None] = mapped_column(index=True)
    completed_on: Mapped[date | None] = mapped_column(index=True)
    producing_on: Mapped[date | None]
    contracted_capital: Mapped[Decimal] = money()  # 合同约定资金（万元）
    paid_in_capital: Mapped[Decimal] = money()  # 实际到位资金（万元）
    production_deadline: Mapped[date | None]  # 投产期限
    committed_tax: Mapped[Decimal] = money()  # 约定年税收（万元）
    committed_output: Mapped[Decimal] = money()  # 约定年产值（万元）
    actual_tax: Mapped[Decimal] = money()  # 实际年税收（万元）
    actual_output: Mapped[Decimal] = money()  # 实际年产值（万元）
    notes: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    # 督办: the zone office follows the project up (its reminders reach the zone office too)
    supervised_on: Mapped[date | None]
    supervision_note: Mapped[str] = mapped_column(Text, default="")

    park: Mapped[Park] = relationship()
    entries: Mapped[list["ProgressEntry"]] = relationship(
        back_populates="project", order_by="ProgressEntry.id.desc()",
        cascade="all, delete-orphan")

    def __str__(self) -> str:
        return self.name

    @property
    def stage(self) -> Stage:
        return stage_of(self.started_on, self.completed_on, self.producing_on)

    @property
    def next_stage(self) -> Stage | None:
        index = STAGES.index(self.stage)
        return STAGES[index + 1] if index + 1 < len(STAGES) else None


class ProgressEntry(db.Model):
    """One line of a project's timeline: a stage reached, or a note (with attachments)."""

    __tablename__ = "invest_project_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("invest_project.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    stage: Mapped[Stage | None]
    stage_on: Mapped[date | None]
    note: Mapped[str] = mapped_column(Text, default="")

    project: Mapped[Project] = relationship(back_populates="entries")
    author: Mapped[User | None] = relationship()


class Visit(SoftDeleteMixin, TimestampMixin, db.Model):
    """招商活动: one outbound investment-promotion visit of a park. A deleted visit stays (with
    `deleted_at`) but leaves the list and the campaign figures."""

    __tablename__ = "invest_visit"

    id: Mapped[int] = mapped_column(primary_key=True)
    park_id: Mapped[int] = mapped_column(ForeignKey("park.id"), index=True)
    visit_on: Mapped[date] = mapped_column(index=True)
    destination: Mapped[str] = mapped_column(String(200))
    people: Mapped[str] = mapped_column(String(300))
    leads: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    park: Mapped[Park] = relationship()


class Campaign(TimestampMixin, db.Model):
    """专项行动 such as 园区项目"百日攻坚": a period and targets; progress is derived."""

    __tablename__ = "invest_campaign"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    min_investment: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal("5000"))
    description: Mapped[str] = mapped_column(Text, default="")

    targets: Mapped[list["CampaignTarget"]] = relationship(
        back_populates="campaign", cascade="all, delete-orphan")


class CampaignTarget(db.Model):
    """A target of a measure: for the whole campaign or one month (`month` = its first day),
    for all parks or one park (`park_id`). Missing rows mean no target."""

    __tablename__ = "invest_campaign_target"
    __table_args__ = (db.UniqueConstraint("campaign_id", "measure", "park_key", "month_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("invest_campaign.id"), index=True)
    measure: Mapped[Measure]
    park_id: Mapped[int | None] = mapped_column(ForeignKey("park.id"))
    month: Mapped[date | None]
    # NULLs are never equal in a unique constraint: these keys stand in (0 / "" = all)
    park_key: Mapped[int] = mapped_column(default=0)
    month_key: Mapped[str] = mapped_column(String(7), default="")
    value: Mapped[Decimal] = mapped_column(Numeric(14, 2))

    campaign: Mapped[Campaign] = relationship(back_populates="targets")


ProgressEntry.__str__ = lambda self: f"#{self.project_id}: {self.note[:80]}"
Visit.__str__ = lambda self: f"{self.visit_on} {self.destination}"
Campaign.__str__ = lambda self: self.name
