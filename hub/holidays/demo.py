"""`hub seed-demo`: fill the holiday table for the planning horizon (官方 from chinese-calendar,
暂定 by law) and re-plan what was planned before; idempotent, commits."""

from hub.holidays import replan
from hub.timeutil import local_today, utcnow


def seed() -> None:
    replan.daily(local_today(utcnow()))
