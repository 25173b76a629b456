"""A small world for the dashboard tests, built straight from the models at a fixed time.

Parks: A (田心, the staff user's park), B (醴陵), C (经开区) and the zone office. Now is
2026-09-01 10:00 in Asia/Shanghai (02:00 UTC); "today" is 2026-09-01.
"""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
import time_machine

from hub.actions.models import ActionItem, ActionStatus
from hub.agenda.models import AgendaTopic, Attendance, AttendanceStatus, TopicStatus
from hub.extensions import db
from hub.land.models import CaseStatus, LandCase
from hub.meetings.models import Meeting, MeetingStatus
from hub.notices.models import Notice, NoticeCategory, NoticeRead, NoticeStatus
from hub.parks.models import ParkKind

NOW = datetime(2026, 9, 1, 2, 0, tzinfo=UTC)
TODAY = date(2026, 9, 1)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def login(client, login):
    """The shared `login`, signing out first so a test can switch users."""

    def switch(user, *args, **kwargs):
        client.post("/logout")
        resp = login(user, *args, **kwargs)
        assert resp.status_code == 302
        return resp

    return switch


def meeting(title, host, parks, *, starts_in=timedelta(days=3), cutoff_in=None,
            status=MeetingStatus.SCHEDULED) -> Meeting:
    start = NOW + starts_in
    m = Meeting(title=title, starts_at=start, ends_at=start + timedelta(hours=2), host_park=host,
                parks=list(parks), status=status, location="会议室",
                agenda_cutoff=NOW + cutoff_in if cutoff_in is not None else None)
    db.session.add(m)
    return m


def notice(title, park, author, *, status=NoticeStatus.PUBLISHED, audience=None,
           deleted=False) -> Notice:
    category = db.session.execute(db.select(NoticeCategory).limit(1)).scalar_one()
    n = Notice(title=title, park_id=park.id, category_id=category.id, author_id=author.id,
               body="正文", status=status, all_parks=audience is None,
               audience=list(audience or []),
               published_at=NOW - timedelta(days=1) if status is NoticeStatus.PUBLISHED else None,
               deleted_at=NOW if deleted else None)
    db.session.add(n)
    return n


def action(meeting_, park, text, *, due, status=ActionStatus.NOT_STARTED) -> ActionItem:
    item = ActionItem(meeting=meeting_, owner_park=park, text=text, due_date=due, status=status)
    db.session.add(item)
    return item


def case(park, code, *, deadline, status=CaseStatus.VERIFYING, area="10.50",
         deleted=False) -> LandCase:
    c = LandCase(park_id=park.id, parcel_code=code, area_mu=Decimal(area), deadline=deadline,
                 status=status, location="某地", deleted_at=NOW if deleted else None)
    db.session.add(c)
    return c


@pytest.fixture
def world(app, clock, make_park, make_user):
    w = SimpleNamespace()
    w.zone = make_park("株洲市园区办", short_name="园区办", kind=ParkKind.ZONE)
    w.a = make_park("田心高科园", short_name="田心")
    w.b = make_park("醴陵经开区", short_name="醴陵")
    w.c = make_park("株洲经开区", short_name="经开区")
    w.staff_a = make_user(park=w.a, username="tianxin1", display_name="王建国")
    w.staff_a2 = make_user(park=w.a, username="tianxin2")
    w.staff_b = make_user(park=w.b, username="liling1")
    w.staff_c = make_user(park=w.c, username="jkq1")
    w.admin = make_user(park=w.zone, role="admin", username="admin1")
    for user in (w.staff_a, w.staff_a2, w.staff_b, w.staff_c, w.admin):
        user.locale = "en"  # assert English msgids whatever the translations say

    # meetings
    w.m_joint = meeting("A与C联席会", w.a, [w.a, w.c], starts_in=timedelta(days=2),
                        cutoff_in=timedelta(days=1))
    w.m_declined = meeting("C主持专题会", w.c, [w.a, w.c], starts_in=timedelta(days=5),
                           cutoff_in=timedelta(hours=-1))  # cut-off passed
    w.m_b_only = meeting("醴陵内部会", w.b, [w.b], starts_in=timedelta(days=1),
                         cutoff_in=timedelta(hours=12))
    w.m_cancelled = meeting("已取消的会", w.c, [w.a, w.c], starts_in=timedelta(days=4),
                            status=MeetingStatus.CANCELLED)
    w.m_past = meeting("上月例会", w.c, [w.a, w.b, w.c], starts_in=timedelta(days=-30))
    db.session.flush()
    db.session.add_all([
        Attendance(meeting_id=w.m_joint.id, park_id=w.a.id, status=AttendanceStatus.ATTENDING,
                   attendees="王建国"),
        Attendance(meeting_id=w.m_declined.id, park_id=w.a.id, status=AttendanceStatus.DECLINED,
                   decline_reason="出差"),
        Attendance(meeting_id=w.m_joint.id, park_id=w.c.id, status=AttendanceStatus.DECLINED),
    ])
    for title, status, park in [("议题一", TopicStatus.SUBMITTED, w.a),
                                ("议题二", TopicStatus.ACCEPTED, w.a),
                                ("撤回的议题", TopicStatus.WITHDRAWN, w.a),
                                ("C的议题", TopicStatus.SUBMITTED, w.c)]:
        db.session.add(AgendaTopic(meeting_id=w.m_joint.id, park_id=park.id, title=title,
                                   status=status))

    # notices
    w.n_all = notice("全体园区通知", w.c, w.staff_c)
    w.n_to_a = notice("发给田心的通知", w.zone, w.admin, audience=[w.a])
    w.n_read = notice("田心已读的通知", w.zone, w.admin)
    w.n_to_b = notice("只发醴陵的通知", w.zone, w.admin, audience=[w.b])
    w.n_draft_b = notice("醴陵的草稿", w.b, w.staff_b, status=NoticeStatus.DRAFT)
    w.n_deleted = notice("已删除的通知", w.zone, w.admin, deleted=True)
    db.session.flush()
    db.session.add_all([
        NoticeRead(notice_id=w.n_read.id, user_id=w.staff_a.id, park_id=w.a.id, read_at=NOW),
        NoticeRead(notice_id=w.n_to_b.id, user_id=w.staff_b.id, park_id=w.b.id, read_at=NOW),
        NoticeRead(notice_id=w.n_all.id, user_id=w.staff_b.id, park_id=w.b.id, read_at=NOW),
    ])

    # action items (decisions of the past meeting, which has no minutes row: followed)
    w.act_overdue = action(w.m_past, w.a, "田心逾期事项", due=TODAY - timedelta(days=2),
                           status=ActionStatus.IN_PROGRESS)
    w.act_open = action(w.m_past, w.a, "田心进行中事项", due=TODAY + timedelta(days=10))
    w.act_done = action(w.m_past, w.a, "田心已完成事项", due=TODAY - timedelta(days=5),
                        status=ActionStatus.DONE)
    w.act_b = action(w.m_past, w.b, "醴陵逾期事项", due=TODAY - timedelta(days=1))

    # land cases
    w.case_overdue = case(w.a, "TX-001", deadline=TODAY - timedelta(days=3), area="23.75")
    w.case_disposed = case(w.a, "TX-002", deadline=TODAY - timedelta(days=3),
                           status=CaseStatus.DISPOSED, area="5")
    w.case_future = case(w.a, "TX-003", deadline=TODAY + timedelta(days=30),
                         status=CaseStatus.REGISTERED, area="8")
    w.case_deleted = case(w.a, "TX-004", deadline=TODAY - timedelta(days=3), deleted=True)
    w.case_b = case(w.b, "LL-001", deadline=TODAY - timedelta(days=1),
                    status=CaseStatus.SUSPENDED, area="12")
    db.session.commit()
    return w
