"""Demo agenda topics and attendance replies (`hub seed-demo`), idempotent.

On the next upcoming occurrence of 一区三园联席会议 (created by hub.meetings.demo, which runs
first): three topics from different parks, one accepted, and replies from two parks. Nothing
happens when that series or occurrence does not exist, or when the occurrence has topics already.
"""

from datetime import datetime

from sqlalchemy import select

from hub import permissions as perm
from hub.agenda import attendance, services
from hub.agenda.models import AgendaTopic
from hub.auth.models import User
from hub.extensions import db
from hub.meetings.models import Meeting, MeetingSeries, MeetingStatus
from hub.parks.models import Park
from hub.parks.queries import by_short_names
from hub.timeutil import utcnow

SERIES_TITLE = "一区三园联席会议"
TOPICS = [
    # (park short name, staff username, title, summary, presenter, minutes, accepted)
    ("醴陵", "liling_staff1", "关于共享陶瓷产业人才库的议题",
     "醴陵经开区陶瓷产业人才库已收录技师、设计师三百余人。建议向一区三园开放查询，"
     "各园区企业可按需对接，人才推荐通过平台“人才”栏目发布。", "醴陵经开区人才办", 15, True),
    ("经开区", "jkq_staff1", "低效用地盘活进展",
     "通报经开区低效用地清理处置进展：已核查地块 12 宗，拟盘活 5 宗，其中 2 宗需与田心高科园"
     "协调置换，请会议研究。", "株洲经开区国土规划科", 20, False),
    ("田心", "tianxin_staff1", "轨道交通配套企业跨园区用工互助",
     "田心高科园部分轨道交通配套企业阶段性用工紧张，提议建立园区间临时用工互助机制。",
     "田心高科园企业服务局", 10, False),
]
REPLIES = [
    ("高新区", "gxq_staff1", True, "高新区管委会副主任\n招商合作局局长", ""),
    ("醴陵", "liling_staff1", True, "醴陵经开区管委会副主任\n人才办主任", ""),
]


def _user(username: str, park: Park) -> User | None:
    user = db.session.execute(select(User).where(User.username == username)).scalar()
    if user is not None:
        return user
    return db.session.execute(select(User).where(User.park_id == park.id)
                              .order_by(User.id)).scalars().first()


def next_meeting(now: datetime) -> Meeting | None:
    series = db.session.execute(
        select(MeetingSeries).where(MeetingSeries.title == SERIES_TITLE)).scalars().first()
    if series is None:
        return None
    return db.session.execute(
        select(Meeting).where(Meeting.series_id == series.id, Meeting.starts_at > now,
                              Meeting.status == MeetingStatus.SCHEDULED)
        .order_by(Meeting.starts_at).limit(1)).scalar()


def seed(now: datetime | None = None) -> None:
    now = now or utcnow()
    meeting = next_meeting(now)
    if meeting is None:
        return
    has_topics = db.session.execute(
        select(AgendaTopic.id).where(AgendaTopic.meeting_id == meeting.id)).first()
    if has_topics is not None:
        return
    parks = by_short_names()
    admin = db.session.execute(select(User).where(perm.admin_accounts())
                               .order_by(User.id)).scalars().first()
    for short, username, title, summary, presenter, minutes, accepted in TOPICS:
        park = parks.get(short)
        user = _user(username, park) if park else None
        if user is None:
            continue
        topic = services.submit(meeting, services.TopicInput(title, summary, presenter, minutes),
                                by=user, park_id=park.id, now=now, late_ok=True)
        if accepted:
            services.accept(topic, by=admin or user)
    participants = {p.id for p in attendance.participant_parks(meeting)}
    for short, username, attending, names, reason in REPLIES:
        park = parks.get(short)
        user = _user(username, park) if park else None
        if user is None or park.id not in participants:
            continue
        attendance.reply(meeting, park_id=park.id, attending=attending, attendees=names,
                         reason=reason, by=user, now=now)
    db.session.commit()
