"""亩均效益评价: industry chains, enterprises, evaluation rounds with versioned indicator
schemes, the figures each park reports per enterprise, and each park's submission per round."""

import enum
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hub.auth.models import User
from hub.dbtypes import UTCDateTime
from hub.extensions import db
from hub.models_base import TimestampMixin, VersionedMixin
from hub.parks.models import Park
from hub.timeutil import utcnow

MONEY = Numeric(14, 2)


class RoundStatus(enum.Enum):
    OPEN = "open"  # 填报中: parks report, the zone office reviews
    PUBLISHED = "published"  # 已发布: results visible to every park


class SubmissionStatus(enum.Enum):
    NOT_STARTED = "not_started"  # 未填报
    FILLING = "filling"  # 填报中
    SUBMITTED = "submitted"  # 已提交
    RETURNED = "returned"  # 已退回
    ACCEPTED = "accepted"  # 已审核


class IndustryChain(db.Model):
    """产业链: the configurable list (轨道交通, 航空, 新能源汽车, …)."""

    __tablename__ = "eff_chain"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    sort_order: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)

    def __str__(self) -> str:
        return self.name


class Enterprise(TimestampMixin, VersionedMixin, db.Model):
    """企业库: an enterprise of one park."""

    __tablename__ = "eff_enterprise"

    id: Mapped[int] = mapped_column(primary_key=True)
    park_id: Mapped[int] = mapped_column(ForeignKey("park.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    credit_code: Mapped[str] = mapped_column(String(18), unique=True)
    chain_id: Mapped[int | None] = mapped_column(ForeignKey("eff_chain.id"), index=True)
    county: Mapped[str] = mapped_column(String(64), default="")  # 县市区
    land_mu: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=Decimal(0))
    above_size: Mapped[bool] = mapped_column(default=True)  # 规上

    park: Mapped[Park] = relationship()
    chain: Mapped[IndustryChain | None] = relationship()

    def __str__(self) -> str:
        return self.name


class EvalRound(TimestampMixin, db.Model):
    """评价年度: one evaluation per year; `scheme` is its current indicator scheme."""

    __tablename__ = "eff_round"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(unique=True)
    status: Mapped[RoundStatus] = mapped_column(default=RoundStatus.OPEN)
    deadline: Mapped[date | None]
    scheme_version: Mapped[int] = mapped_column(default=1)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    notice_id: Mapped[int | None] = mapped_column(ForeignKey("notice.id"))

    schemes: Mapped[list["Scheme"]] = relationship(
        back_populates="round", order_by="Scheme.version", cascade="all, delete-orphan")

    def __str__(self) -> str:
        return str(self.year)

    @property
    def is_published(self) -> bool:
        return self.status is RoundStatus.PUBLISHED

    @property
    def scheme(self) -> "Scheme":
        return next(s for s in self.schemes if s.version == self.scheme_version)


class Scheme(db.Model):
    """One version of a round's indicator scheme. A change is a new version; old ones stay."""

    __tablename__ = "eff_scheme"
    __table_args__ = (UniqueConstraint("round_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("eff_round.id"), index=True)
    version: Mapped[int] = mapped_column(default=1)
    # [{"code", "unit", "higher_is_better", "weight", "benchmark"}], numbers as strings
    indicators: Mapped[list] = mapped_column(JSON, default=list)
    thresholds: Mapped[dict] = mapped_column(JSON, default=dict)  # {"A": "90", "B": …, "C": …}
    cap: Mapped[Decimal] = mapped_column(Numeric(6, 2), default=Decimal("1.2"))
    jump_factor: Mapped[Decimal] = mapped_column(Numeric(6, 2), default=Decimal("3"))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    round: Mapped[EvalRound] = relationship(back_populates="schemes")
    created_by: Mapped[User | None] = relationship()


class Figure(TimestampMixin, db.Model):
    """The figures of one enterprise for one round, and the score they make under the scheme
    version `scheme_version` (recomputed when the scheme changes)."""

    __tablename__ = "eff_figure"
    # PostgreSQL also has ix_pg_eff_figure_round_score and …_round_park_score, (round_id[,
    # park_id], score DESC NULLS LAST): the score list's and hero list's order, outside the
    # models because SQLite has no NULLS LAST in an index (migration k1_eff_tallies)
    __table_args__ = (UniqueConstraint("round_id", "enterprise_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("eff_round.id"), index=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("eff_enterprise.id"), index=True)
    park_id: Mapped[int] = mapped_column(ForeignKey("park.id"), index=True)
    tax: Mapped[Decimal | None] = mapped_column(MONEY)  # 税收 万元
    revenue: Mapped[Decimal | None] = mapped_column(MONEY)  # 营业收入 万元
    energy: Mapped[Decimal | None] = mapped_column(MONEY)  # 综合能耗 吨标煤
    emission: Mapped[Decimal | None] = mapped_column(MONEY)  # 主要污染物排放 吨
    rd: Mapped[Decimal | None] = mapped_column(MONEY)  # 研发经费 万元
    employees: Mapped[int | None]  # 从业人员 人
    land_mu: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))  # 实际用地 亩
    score: Mapped[Decimal | None] = mapped_column(Numeric(8, 2))
    grade: Mapped[str | None] = mapped_column(String(1), index=True)
    scheme_version: Mapped[int | None]
    breakdown: Mapped[list] = mapped_column(JSON, default=list)
    flags: Mapped[list] = mapped_column(JSON, default=list)

    enterprise: Mapped[Enterprise] = relationship()
    park: Mapped[Park] = relationship()


class Tally(db.Model):
    """Per round, park and grade, and per county (dim "county") or per industry chain (dim
    "chain", chain_id None: no chain) of the figures' enterprises: how many figures, Σ tax and
    Σ land (the analysis's sums). Derived from eff_figure and eff_enterprise, rewritten with them
    in the same transaction by hub.efficiency.tallies."""

    __tablename__ = "eff_tally"
    __table_args__ = (Index("ix_eff_tally_round_park", "round_id", "park_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("eff_round.id"))
    park_id: Mapped[int] = mapped_column(ForeignKey("park.id"))
    dim: Mapped[str] = mapped_column(String(8))
    county: Mapped[str | None] = mapped_column(String(64))
    chain_id: Mapped[int | None] = mapped_column(ForeignKey("eff_chain.id"))
    grade: Mapped[str | None] = mapped_column(String(1))
    figures: Mapped[int]
    tax: Mapped[Decimal | None] = mapped_column(Numeric(18, 2))
    land: Mapped[Decimal | None] = mapped_column(Numeric(18, 2))


class RatioTally(db.Model):
    """Per round, park and indicator code: Σ of the figures' ratios (value ÷ benchmark, capped;
    4 decimals in Figure.breakdown) as an integer of 1/10,000, and how many. Kept like Tally."""

    __tablename__ = "eff_ratio_tally"
    __table_args__ = (Index("ix_eff_ratio_tally_round_park", "round_id", "park_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("eff_round.id"))
    park_id: Mapped[int] = mapped_column(ForeignKey("park.id"))
    code: Mapped[str] = mapped_column(String(64))
    units: Mapped[int] = mapped_column(BigInteger)
    figures: Mapped[int]


class Submission(TimestampMixin, VersionedMixin, db.Model):
    """One park's report for one round (填报任务)."""

    __tablename__ = "eff_submission"
    __table_args__ = (UniqueConstraint("round_id", "park_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("eff_round.id"), index=True)
    park_id: Mapped[int] = mapped_column(ForeignKey("park.id"), index=True)
    status: Mapped[SubmissionStatus] = mapped_column(default=SubmissionStatus.NOT_STARTED)
    comment: Mapped[str] = mapped_column(Text, default="")  # the zone office's last return note
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    reminded_on: Mapped[date | None]

    round: Mapped[EvalRound] = relationship()
    park: Mapped[Park] = relationship()
    reviewed_by: Mapped[User | None] = relationship()

    def __str__(self) -> str:
        return f"{self.round_id}/{self.park_id}"


class AllocationPolicy(db.Model):
    """要素差别化配置: one policy line applied to the enterprises of a grade, e.g. D · 用能 ·
    "执行差别电价，每千瓦时加价 0.1 元"."""

    __tablename__ = "eff_policy"

    id: Mapped[int] = mapped_column(primary_key=True)
    grade: Mapped[str] = mapped_column(String(1), index=True)
    domain: Mapped[str] = mapped_column(String(16))  # one of services.POLICY_DOMAINS
    measure: Mapped[str] = mapped_column(String(500))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
