"""Demo meeting series (`hub seed-demo`): idempotent, keyed by series title.

- 一区三园联席会议: monthly on the second Tuesday 09:30 Asia/Shanghai, all demo parks, rotating
  host 高新区 → 田心 → 经开区 → 醴陵 → 茶陵 → 渌口, started about three months ago (so there are
  past meetings for the minutes demo and a next one open for topics).
- 土地清理处置工作例会: weekly on Thursdays for the 三园 (高新区, 田心, 经开区), 20 meetings.
"""

from datetime import time

from dateutil.relativedelta import relativedelta

from hub import permissions as perm
from hub.auth.models import User
from hub.extensions import db
from hub.meetings import recurrence, services
from hub.meetings.models import HolidayPolicy, MeetingSeries
from hub.parks.models import Park
from hub.parks.queries import by_short_names
from hub.timeutil import local_today, utcnow

JOINT_TITLE = "一区三园联席会议"
LAND_TITLE = "土地清理处置工作例会"
ROTATION = ["高新区", "田心", "经开区", "醴陵", "茶陵", "渌口"]
ALL_PARKS = ["园区办", *ROTATION]
THREE_PARKS = ["高新区", "田心", "经开区"]


def _parks(short_names: list[str]) -> list[Park]:
    found = by_short_names()
    return [found[n] for n in short_names if n in found]


def _exists(title: str) -> bool:
    return db.session.execute(
        db.select(MeetingSeries.id).where(MeetingSeries.title == title)).first() is not None


def seed(now=None) -> None:
    now = now or utcnow()
    today = local_today(now)
    admin = db.session.execute(
        db.select(User).where(perm.admin_accounts()).order_by(User.id)).scalars().first()
    if not _exists(JOINT_TITLE):
        tz = "Asia/Shanghai"
        services.create_series(admin, services.SeriesInput(
            title=JOINT_TITLE,
            description="一区三园定期碰头：通报各园区重点工作，研究土地清理处置、人才共享、政策兑现等"
                        "需要共同决策的事项，跟踪上次会议议定事项的落实情况。",
            rrule=recurrence.build(recurrence.Spec(kind=recurrence.Kind.MONTHLY_NTH, nth=2,
                                                   nth_weekday="TU"), tz),
            start_date=(today - relativedelta(months=3)).replace(day=1),
            start_time=time(9, 30), timezone=tz, duration_minutes=120,
            location="株洲高新区管委会三楼会议室", online_url="",
            holiday_policy=HolidayPolicy.MOVE, reminder_offsets=[1440, 60],
            agenda_cutoff_hours=72, parks=_parks(ALL_PARKS), people=[],
            hosts=_parks(ROTATION),
        ), now=now)
    if not _exists(LAND_TITLE):
        tz = "Asia/Shanghai"
        services.create_series(admin, services.SeriesInput(
            title=LAND_TITLE,
            description="三园土地清理处置（闲置土地、批而未供、供而未用、低效用地）进度碰头。",
            rrule=recurrence.build(recurrence.Spec(kind=recurrence.Kind.WEEKLY,
                                                   weekdays=("TH",), count=20), tz),
            start_date=today - relativedelta(weeks=4),
            start_time=time(15, 0), timezone=tz, duration_minutes=90,
            location="田心高科园管委会二楼会议室", online_url="",
            holiday_policy=HolidayPolicy.SKIP, reminder_offsets=[1440, 60],
            agenda_cutoff_hours=24, parks=_parks(THREE_PARKS), people=[],
            hosts=_parks(THREE_PARKS),
        ), now=now)
    db.session.commit()
