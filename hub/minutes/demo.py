"""Demo minutes (`hub seed-demo`): the most recent past 一区三园联席会议 gets signed-off minutes
with decisions owned by different parks (one linked to a demo land case), then progress on three
of those decisions. Idempotent: a meeting that already has minutes is left alone, so are items
with a timeline; without the series or a past occurrence, nothing."""

from datetime import datetime, timedelta

from hub import permissions as perm
from hub.actions import review
from hub.actions import services as actions
from hub.actions.models import ActionItem, ActionStatus
from hub.auth.models import User
from hub.extensions import db
from hub.land.models import LandCase
from hub.meetings.models import ConfirmationStatus, Meeting, MeetingSeries, MeetingStatus
from hub.minutes import services
from hub.parks.models import Park
from hub.seed import DEMO_PARKS
from hub.timeutil import local_today, to_local, utcnow

SERIES_TITLE = "一区三园联席会议"
LAND_CASE_CODE = "ZZGX-2022-017"

BODY = """## 一、会议基本情况

{date}，{title}在{place}召开，由{host}轮值主持。园区办及各园区分管负责同志参加会议。

## 二、会议听取的汇报

会议听取了各园区土地清理处置进展汇报。截至目前，三园共排查闲置土地、批而未供、供而未用和低效用地地块
四十余宗，已处置办结十二宗；高新区黄河南路地块已下发闲置土地认定书，进入收回程序。会议认为，
各园区要对照台账逐宗明确处置方式和时限，对逾期未处置的地块实行挂牌督办。

## 三、研究的事项

1. **资金补助政策共享。** 会议研究了资金补助政策共享事项，同意由园区办牵头汇编各园区现行产业扶持、
   科技创新、人才引进等补助政策，形成“一区三园”政策清单，在平台上统一发布，实现政策互认、信息共享。
2. **荣誉共享。** 各园区获评的省级以上示范园区、特色产业园等荣誉，在对外招商宣传中可共同使用。
3. **人才共享。** 各园区每月更新岗位需求和人才推荐信息，园区办每季度组织一次联合招聘活动。

## 四、议定事项

议定事项及责任园区、完成时限见下表，请各责任园区按时推进，并在平台上及时报送进展。
下次会议将逐项跟踪落实情况。
"""

# (owner park short name, text, due in days from today (None: none), link the land case)
DECISIONS = [
    ("园区办", "汇编一区三园资金补助政策清单，在平台政策通知栏目统一发布。", -7, False),
    ("高新区", "加快推进黄河南路闲置地块（ZZGX-2022-017）收回处置，按月报送进展。", 40, True),
    ("田心", "梳理田心高科园可共享的荣誉清单，报园区办汇总。", -20, False),
    ("经开区", "牵头筹备一区三园第二季度联合招聘活动，拟定岗位需求清单。", 25, False),
]


def demo_meeting(now: datetime | None = None) -> Meeting | None:
    """The most recent past, not cancelled occurrence of the demo series."""
    now = now or utcnow()
    series = db.session.execute(
        db.select(MeetingSeries).where(MeetingSeries.title == SERIES_TITLE)
        .order_by(MeetingSeries.id)).scalars().first()
    if series is None:
        return None
    return db.session.execute(
        db.select(Meeting).where(Meeting.series_id == series.id, Meeting.ends_at < now,
                                 Meeting.status == MeetingStatus.SCHEDULED)
        .order_by(Meeting.starts_at.desc())).scalars().first()


def _user(username: str) -> User | None:
    return db.session.execute(db.select(User).where(User.username == username)).scalar()


def _park_user(park: Park | None, suffix: str = "staff1") -> User | None:
    if park is None:
        return None
    codes = {short: code for code, _name, short, *_ in DEMO_PARKS}
    user = _user(f"{codes.get(park.short_name, '')}_{suffix}")
    return user or db.session.execute(
        db.select(User).where(User.park_id == park.id, User.active.is_(True))
        .order_by(User.id)).scalars().first()


def _case() -> LandCase | None:
    cases = db.session.execute(
        db.select(LandCase).where(LandCase.deleted_at.is_(None)).order_by(LandCase.id)
    ).scalars().all()
    return next((c for c in cases if c.parcel_code == LAND_CASE_CODE), cases[0] if cases else None)


def seed(now: datetime | None = None) -> None:
    now = now or utcnow()
    _seed_minutes(now)
    _seed_progress(now)


def _seed_minutes(now: datetime) -> None:
    meeting = demo_meeting(now)
    if meeting is None or services.minutes_for(meeting) is not None:
        return
    admin = _user("admin") or db.session.execute(
        db.select(User).where(perm.admin_accounts()).order_by(User.id)).scalars().first()
    if admin is None:
        return
    author = _park_user(meeting.host_park) or admin
    local = to_local(meeting.starts_at)
    body = BODY.format(date=f"{local:%Y年%m月%d日}", title=meeting.title,
                       place=meeting.location or "园区办会议室",
                       host=meeting.host_park.name if meeting.host_park else "园区办")
    # the steps a few days apart after the meeting, never in the future
    step = min(timedelta(days=1), (now - meeting.ends_at) / 5)
    at = [meeting.ends_at + step * (n + 1) for n in range(4)]

    draft = body.split("## 三、")[0] + "## 三、研究的事项\n\n（待补充）\n"
    minutes = services.save(meeting, draft, 0, by=author, now=at[0])
    minutes = services.save(meeting, body, 1, by=author, now=at[1])

    parks = {p.short_name: p for p in [*meeting.parks, meeting.host_park] if p is not None}
    today = local_today(now)
    case = _case()
    for short, text, days, link in DECISIONS:
        park = parks.get(short)
        if park is None:
            continue
        assignee = _park_user(park)
        due = today + timedelta(days=days) if days is not None else None
        if due is not None and days < 0:  # overdue, but not due before the meeting itself
            due = min(max(due, local.date()), today - timedelta(days=1))
        actions.create_decision(meeting, actions.DecisionData(
            text=text, owner_park_id=park.id, assignee_id=assignee.id if assignee else None,
            due_date=due, land_case_ids=[case.id] if (link and case) else []), by=author)

    services.send_for_comment(minutes, by=author, now=at[2])
    for i, park in enumerate(p for p in meeting.parks if p.id != meeting.host_park_id):
        user = _park_user(park)
        if user is None or i > 3:  # the last parks have not answered: it shows
            continue
        services.confirm(minutes, park_id=park.id, status=ConfirmationStatus.CONFIRMED,
                         comment="", by=user, now=at[2] + step / 2)
    # the last parks never answered: the office signs off regardless (recorded in the audit)
    services.sign_off(minutes, by=admin, now=at[3], confirmed=True)
    db.session.commit()


APPLY, EXTEND = "apply", "extend"  # 办结申请 (left for review) / 延期申请 (30 days later)

# position of the decision → [(status or APPLY / EXTEND, note)] in order
PROGRESS = {
    1: [(ActionStatus.IN_PROGRESS,
         "已收集高新区、田心、经开区政策文件，醴陵、茶陵、渌口尚未报送。")],
    2: [(ActionStatus.IN_PROGRESS, "已下发闲置土地认定书，企业已签收；正在开展地价评估。"),
        (EXTEND, "地价评估需企业补充历年投入凭证，评估报告预计推迟一个月，申请延期30天。")],
    3: [(ActionStatus.IN_PROGRESS, "已梳理省级以上荣誉7项。"),
        (ActionStatus.DONE, "荣誉清单已报园区办汇总。")],
    4: [(ActionStatus.IN_PROGRESS, "已拟定岗位需求清单初稿，正在征求各园区意见。"),
        (APPLY, "岗位需求清单已定稿，联合招聘活动方案已报园区办，申请销号。")],
}


def _seed_progress(now: datetime) -> None:
    """Progress on the decisions of the signed-off demo minutes (items with a timeline are left
    alone): one in progress and overdue, one in progress with a 延期申请 awaiting a decision,
    one done (销号), one 办结待审 (the office has yet to close it or send it back)."""
    meeting = demo_meeting(now)
    if meeting is None or not services.is_locked(meeting):
        return
    items = db.session.execute(
        db.select(ActionItem).where(ActionItem.meeting_id == meeting.id)
        .order_by(ActionItem.position)).scalars().all()
    for item in items:
        steps = PROGRESS.get(item.position)
        if not steps or item.updates:
            continue
        user = _park_user(item.owner_park)
        if user is None:
            continue
        for n, (status, note) in enumerate(steps):
            at = now - timedelta(hours=6 * (len(steps) - n))
            db.session.flush()
            if status == APPLY:  # 办结申请, left for the zone office to review
                review.apply_completion(item, note=note, version=item.version, by=user, now=at)
                continue
            if status == EXTEND:
                if item.due_date is not None:
                    review.request_extension(item, due=item.due_date + timedelta(days=30),
                                             reason=note, version=item.version, by=user, now=at)
                continue
            if status is ActionStatus.DONE:  # 办结申请, then 销号 by the zone office
                review.apply_completion(item, note=note, version=item.version, by=user, now=at)
                db.session.flush()
                office = _user("admin") or user
                review.close(item, note="", version=item.version, by=office,
                             now=at + timedelta(hours=1))
                continue
            actions.update_progress(item, to=status, note=note, version=item.version, by=user,
                                    now=at)
    db.session.commit()
