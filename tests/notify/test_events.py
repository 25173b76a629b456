"""Events become deliveries for the right people: notices to the audience parks, mails in the
recipient's language with the .ics part, action items overdue with 督办 from day 3."""

from datetime import date, timedelta

from flask_babel import force_locale
from flask_babel import gettext as _
from icalendar import Calendar

from hub.actions.models import ActionItem, ActionStatus
from hub.extensions import db
from hub.meetings import occurrences
from hub.notices import services as notices
from hub.notices.models import Notice, NoticeCategory
from hub.notify.models import Channel
from tests.notify.n2_world import (
    MEETING_AT,
    NOW,
    at,
    deliveries,
    meeting_people,
    notifications_of,
    sent,
    tick_at,
    user_ids,
)


def _calendar_part(message):
    for part in message.walk():
        if part.get_content_type() == "text/calendar":
            return Calendar.from_ical(part.get_payload(decode=True)), part
    return None, None


def _prefix(locale: str) -> str:
    with force_locale(locale):
        return _("[Park Hub]")


def test_notice_published_reaches_exactly_the_audience_parks(app, world):
    category = db.session.execute(db.select(NoticeCategory).limit(1)).scalar_one()
    notice = Notice(park=world.host, category=category, title="关于2026年度资金补助申报的通知",
                    body="请各园区于6月30日前报送。", author=world.host_admin)
    db.session.add(notice)
    db.session.commit()
    with at(NOW):
        notices.publish(world.host_admin, notice, all_parks=False,
                        audience=[world.other, world.third], version=notice.version)
        db.session.commit()
    tick_at(NOW + timedelta(seconds=30))
    got = sent("notice.published")
    assert user_ids(got) == {world.other_admin.id, world.other_staff.id, world.third_staff.id}
    note = notifications_of(world.third_staff)[0]
    assert notice.title in note.title and note.url == f"/notices/{notice.id}"


def test_reminder_mail_in_chinese_with_ics(app, world, make_meeting, smtp_sink, mail_to):
    mail_to(smtp_sink)
    meeting = make_meeting(offsets=(1440,))
    tick_at(MEETING_AT - timedelta(minutes=1440))  # Tue 09:30: "明天 09:30"
    mails = [m["message"] for m in smtp_sink.messages
             if world.other_staff.email in m["rcpt_tos"]]
    assert len(mails) == 1
    mail = mails[0]
    subject = mail["Subject"]
    assert subject.startswith(_prefix("zh_CN")) and meeting.title in subject
    assert "09:30" in subject
    body = mail.get_body(("plain",)).get_content()
    assert "管委会三楼会议室" in body and "株洲高新区" in body
    assert f"http://127.0.0.1:5000/meetings/{meeting.id}" in body
    assert "https://meet.example.test/joint" in body
    cal, part = _calendar_part(mail)
    assert part.get_param("method") == "REQUEST"
    assert cal["METHOD"] == "REQUEST"
    event = cal.walk("VEVENT")[0]
    assert str(event["UID"]) == meeting.uid and str(event["SUMMARY"]) == meeting.title


def test_english_recipient_gets_english_mail(app, world, make_meeting, smtp_sink, mail_to):
    mail_to(smtp_sink)
    world.other_staff.locale = "en"
    db.session.commit()
    make_meeting(offsets=(60,))
    tick_at(MEETING_AT - timedelta(minutes=60))
    by_rcpt = {m["rcpt_tos"][0]: m["message"] for m in smtp_sink.messages}
    english = by_rcpt[world.other_staff.email]
    assert english["Subject"].startswith("[Park Hub] Reminder: today 09:30")
    assert "Meeting reminder" in english.get_body(("plain",)).get_content()
    chinese = by_rcpt[world.third_staff.email]
    assert chinese["Subject"].startswith(_prefix("zh_CN"))
    with force_locale("zh_CN"):
        assert _("today") in chinese["Subject"]


def test_cancellation_mail_carries_method_cancel(app, world, make_meeting, smtp_sink, mail_to):
    mail_to(smtp_sink)
    meeting = make_meeting(offsets=(60,))
    with at(NOW):
        occurrences.cancel(world.admin, meeting, "台风预警，改期另行通知", version=meeting.version)
        db.session.commit()
    tick_at(NOW + timedelta(seconds=30))
    mails = [m["message"] for m in smtp_sink.messages]
    assert len(mails) == len(meeting_people(world))
    mail = mails[0]
    assert "台风预警" in mail.get_body(("plain",)).get_content()
    cal, part = _calendar_part(mail)
    assert part.get_param("method") == "CANCEL" and cal["METHOD"] == "CANCEL"
    assert cal.walk("VEVENT")[0]["STATUS"] == "CANCELLED"
    assert cal.walk("VEVENT")[0]["SEQUENCE"] == meeting.sequence


def _item(world, meeting, due: date) -> ActionItem:
    item = ActionItem(meeting=meeting, text="完成闲置土地核查并报送处置方案",
                      owner_park=world.other, assignee=world.other_staff, due_date=due)
    db.session.add(item)
    db.session.commit()
    return item


def test_action_item_due_soon_then_overdue_daily_and_escalated_on_day_3(
        app, world, make_meeting):
    meeting = make_meeting(MEETING_AT - timedelta(days=30))
    item = _item(world, meeting, date(2026, 6, 10))
    nine = timedelta(hours=1)  # 09:00 Shanghai = 01:00 UTC

    from datetime import UTC, datetime

    def day(d: int):
        return datetime(2026, 6, d, tzinfo=UTC) + nine

    tick_at(day(6))  # 4 days before: nothing
    assert deliveries(kind="action.due_soon") == []
    tick_at(day(7))
    tick_at(day(8))
    assert user_ids(sent("action.due_soon")) == {world.other_staff.id}
    assert len(sent("action.due_soon")) == 1  # once per due date

    tick_at(day(11))  # overdue day 1 and 2: the assignee only
    tick_at(day(12))
    overdue = sent("action.overdue")
    assert [d.user_id for d in overdue] == [world.other_staff.id] * 2

    tick_at(day(13))  # day 3: 督办 — the owner park's park admin and the zone admins too
    third = sent("action.overdue", occurrence_key="2026-06-13")
    assert user_ids(third) == {world.other_staff.id, world.other_admin.id, world.admin.id}
    assert all(d.payload["escalated"] for d in third)
    tick_at(day(13) + timedelta(hours=3))
    assert len(sent("action.overdue", occurrence_key="2026-06-13")) == 3

    item.status = ActionStatus.DONE
    db.session.commit()
    tick_at(day(14))
    assert sent("action.overdue", occurrence_key="2026-06-14") == []


def test_emails_go_only_to_users_with_an_address(app, world, make_meeting):
    world.third_staff.email = ""
    db.session.commit()
    make_meeting(offsets=(60,))
    tick_at(MEETING_AT - timedelta(minutes=60))
    assert world.third_staff.id in user_ids(sent("meeting.reminder"))
    assert world.third_staff.id not in user_ids(sent("meeting.reminder", Channel.EMAIL))


def test_overdue_land_case_goes_to_its_assignee_else_the_park_admin_daily(app, world):
    from datetime import UTC, datetime
    from decimal import Decimal

    from hub.land.models import CaseStatus, LandCase

    mine = LandCase(park_id=world.other.id, parcel_code="TXGK-2022-004", location="栗雨工业园",
                    area_mu=Decimal("35.5"), assignee_id=world.other_staff.id,
                    deadline=date(2026, 6, 5), status=CaseStatus.DISPOSING)
    nobodys = LandCase(park_id=world.third.id, parcel_code="JKQ-2021-011", area_mu=Decimal(12),
                       deadline=date(2026, 6, 5))
    db.session.add_all([mine, nobodys])
    world.third_staff.role = world.third_staff.role.__class__.PARK_ADMIN
    db.session.commit()
    nine = datetime(2026, 6, 6, 1, 0, tzinfo=UTC)  # 6 June 09:00 Shanghai: 1 day overdue
    tick_at(nine)
    tick_at(nine + timedelta(minutes=30))
    got = sent("case.overdue")
    assert {(d.object_id, d.user_id) for d in got} == {
        (mine.id, world.other_staff.id), (nobodys.id, world.third_staff.id)}
    note = notifications_of(world.other_staff)[0]
    assert "TXGK-2022-004" in note.title and note.url == f"/cases/{mine.id}"
    mine.status = CaseStatus.DISPOSED
    db.session.commit()
    tick_at(nine + timedelta(days=1))
    assert {d.object_id for d in sent("case.overdue", occurrence_key="2026-06-07")} == {
        nobodys.id}


def test_a_withdrawn_notice_is_not_delivered(app, world):
    category = db.session.execute(db.select(NoticeCategory).limit(1)).scalar_one()
    notice = Notice(park=world.host, category=category, title="撤回的通知", body="",
                    author=world.host_admin)
    db.session.add(notice)
    db.session.commit()
    with at(NOW):
        notices.publish(world.host_admin, notice, all_parks=True, audience=[],
                        version=notice.version)
        db.session.commit()
        notices.withdraw(world.host_admin, notice)
        db.session.commit()
    tick_at(NOW + timedelta(seconds=30))
    rows = deliveries(kind="notice.published")
    # the bell entries were written with the publication itself; mail is not sent any more
    mails = [d for d in rows if d.channel is not Channel.INAPP]
    assert mails and {d.state.value for d in mails} == {"skipped"}
    assert {d.last_error for d in mails} == {"withdrawn"}
    assert {d.state.value for d in rows if d.channel is Channel.INAPP} == {"sent"}


def test_a_new_one_off_meeting_invites_its_participants_with_ics(
        app, world, smtp_sink, mail_to):
    from datetime import time

    mail_to(smtp_sink)
    with at(NOW):
        meeting = occurrences.create_one_off(world.admin, occurrences.OneOffInput(
            title="三园土地处置专题会", description="", day=date(2026, 6, 9),
            start_time=time(14, 30), timezone="Asia/Shanghai", duration_minutes=90,
            location="田心管委会会议室", online_url="", reminder_offsets=[60],
            agenda_cutoff_hours=48, host_park_id=world.other.id,
            parks=[world.other, world.third], people=[]))
        db.session.commit()
    tick_at(NOW + timedelta(seconds=30))
    invited = sent("meeting.created")
    assert user_ids(invited) == {world.other_admin.id, world.other_staff.id,
                                 world.third_staff.id}
    mail = smtp_sink.messages[0]["message"]
    assert "三园土地处置专题会" in mail["Subject"]
    cal, _part = _calendar_part(mail)
    assert cal["METHOD"] == "REQUEST" and str(cal.walk("VEVENT")[0]["UID"]) == meeting.uid
