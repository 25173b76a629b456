"""Issue 13 item 1: the bell without waiting for the scheduler, reading an object reads its
notifications, one vocabulary for the two counts, notifications in the reader's language."""

from datetime import timedelta

from hub import events
from hub.extensions import db
from hub.notices import services as notices
from hub.notices.models import Notice, NoticeCategory
from hub.notify import inapp, producers
from hub.notify.models import Channel, DeliveryState, Notification
from tests.notify.n2_world import (
    MEETING_AT,
    NOW,
    at,
    deliveries,
    notifications_of,
    tick_at,
)


def _publish(world, title="关于申报2026年度园区发展专项资金的通知") -> Notice:
    category = db.session.execute(db.select(NoticeCategory).limit(1)).scalar_one()
    notice = Notice(park=world.host, category=category, title=title, body="请各园区按时申报。",
                    author=world.host_admin)
    db.session.add(notice)
    db.session.commit()
    with at(NOW):
        notices.publish(world.host_admin, notice, all_parks=True, audience=[],
                        version=notice.version)
        db.session.commit()
    return notice


def _bell(client, path="/notifications/") -> str | None:
    text = client.get(path).text
    marker = 'data-testid="bell-count">'
    return text.split(marker, 1)[1].split("<", 1)[0] if marker in text else None


def test_a_published_notice_is_in_the_bell_without_a_scheduler_tick(app, world):
    notice = _publish(world)
    [note] = notifications_of(world.other_staff)  # no tick has run
    assert notice.title in note.title and note.url == f"/notices/{notice.id}"
    inapp_rows = deliveries(kind="notice.published", channel=Channel.INAPP)
    assert inapp_rows and {d.state for d in inapp_rows} == {DeliveryState.SENT}
    assert note.delivery_id in {d.id for d in inapp_rows}
    # mail stays with the scheduler
    mails = deliveries(kind="notice.published", channel=Channel.EMAIL)
    assert mails and {d.state for d in mails} == {DeliveryState.PENDING}

    result = tick_at(NOW + timedelta(seconds=30))
    assert result.sent == len(mails)  # only the mails: the in-app rows were settled already
    assert len(notifications_of(world.other_staff)) == 1  # exactly once
    assert db.session.execute(db.select(db.func.count(Notification.id))).scalar_one() == len(
        inapp_rows)


def test_a_rolled_back_publication_leaves_no_notification(app, world):
    category = db.session.execute(db.select(NoticeCategory).limit(1)).scalar_one()
    notice = Notice(park=world.host, category=category, title="草稿", body="",
                    author=world.host_admin)
    db.session.add(notice)
    db.session.commit()
    with at(NOW):
        notices.publish(world.host_admin, notice, all_parks=True, audience=[],
                        version=notice.version)
        assert db.session.execute(db.select(db.func.count(Notification.id))).scalar_one()
        db.session.rollback()
    assert notifications_of(world.other_staff) == []
    assert deliveries(kind="notice.published") == []


def test_a_reminder_due_later_stays_with_the_scheduler(app, world, make_meeting):
    meeting = make_meeting(offsets=(60,))
    with at(NOW):
        events.emit("meeting.created", meeting=meeting, by=world.admin)
        db.session.commit()
    notes = notifications_of(world.other_staff)
    assert [n.kind for n in notes] == ["meeting.created"]  # the invitation, at once
    due = MEETING_AT - timedelta(minutes=60)
    with at(due - timedelta(seconds=30)):  # made ahead of their due time, as the tick does
        producers.run_periodic()
        db.session.commit()
    reminders = deliveries(kind="meeting.reminder", channel=Channel.INAPP)
    assert reminders and {d.state for d in reminders} == {DeliveryState.PENDING}
    assert len(notifications_of(world.other_staff)) == 1
    tick_at(due)
    assert [n.kind for n in notifications_of(world.other_staff)] == [
        "meeting.created", "meeting.reminder"]


def test_reading_the_notice_reads_its_notification(app, client, login, world):
    notice = _publish(world)
    other = _publish(world, title="关于开展安全生产检查的通知")
    login(world.other_staff)
    assert _bell(client) == "2"
    assert client.get(f"/notices/{notice.id}").status_code == 200
    assert _bell(client) == "1"
    read = {n.url: n.read_at is not None for n in notifications_of(world.other_staff)}
    assert read == {f"/notices/{notice.id}": True, f"/notices/{other.id}": False}
    # the page that reads it already shows the lower count
    assert _bell(client, f"/notices/{other.id}") is None
    # someone else's notifications are not touched by my reading
    assert all(n.read_at is None for n in notifications_of(world.third_staff))


def test_opening_the_meeting_reads_its_notifications(app, client, login, world, make_meeting):
    meeting = make_meeting(offsets=(60,))
    with at(NOW):
        events.emit("meeting.created", meeting=meeting, by=world.admin)
        db.session.commit()
    login(world.other_staff)
    assert _bell(client) == "1"
    assert client.get(f"/meetings/{meeting.id}").status_code == 200
    assert _bell(client) is None
    assert inapp.read_object(world.other_staff, "meeting", meeting.id) == 0  # nothing left


def test_the_two_counts_have_their_own_names(app, client, login, world):
    _publish(world)
    login(world.other_staff)
    home = client.get("/").text
    assert "未读政策通知" in home and "未读通知" not in home
    centre = client.get("/notifications/").text
    assert 'data-testid="unread-messages">未读消息：1 条<' in centre
    assert "条未读消息" in centre  # the bell, for screen readers
    world.other_staff.locale = "en"
    db.session.commit()
    home = client.get("/").text
    assert "Unread policy notices" in home
    assert "Unread messages: 1" in client.get("/notifications/").text


def test_a_notification_is_shown_in_the_readers_current_language(app, client, login, world):
    notice = _publish(world)
    [note] = notifications_of(world.other_staff)
    assert set(note.texts) == {"zh_CN", "en"}
    zh_title, en_title = note.texts["zh_CN"][0], note.texts["en"][0]
    assert zh_title != en_title and notice.title in zh_title and notice.title in en_title
    login(world.other_staff)
    page = client.get("/notifications/").text
    assert zh_title in page and en_title not in page
    world.other_staff.locale = "en"
    db.session.commit()
    page = client.get("/notifications/").text
    assert en_title in page and zh_title not in page
    # a notification made before texts existed keeps its one language
    db.session.add(Notification(user_id=world.other_staff.id, kind="notice.published",
                                title="旧的通知", url="/notices/"))
    db.session.commit()
    assert "旧的通知" in client.get("/notifications/").text


def test_opening_the_land_case_reads_its_overdue_notice(app, client, login, world):
    from datetime import UTC, date, datetime
    from decimal import Decimal

    from hub.land.models import CaseStatus, LandCase

    case = LandCase(park_id=world.other.id, parcel_code="TXGK-2022-004", location="栗雨工业园",
                    area_mu=Decimal("35.5"), assignee_id=world.other_staff.id,
                    deadline=date(2026, 6, 5), status=CaseStatus.DISPOSING)
    db.session.add(case)
    db.session.commit()
    tick_at(datetime(2026, 6, 6, 1, 0, tzinfo=UTC))  # 09:00 Shanghai, one day overdue
    [note] = notifications_of(world.other_staff)
    assert note.url == f"/cases/{case.id}" and note.read_at is None
    login(world.other_staff)
    assert _bell(client) == "1"
    assert client.get(f"/cases/{case.id}").status_code == 200
    assert _bell(client) is None
    assert notifications_of(world.other_staff)[0].read_at is not None


def test_a_notification_title_has_no_mail_prefix_and_the_mail_keeps_it(app, world):
    """Inside the platform the 【园区协同平台】 of a mail subject says nothing: the bell's
    titles start with what happened, in each language; the mail's subject keeps the prefix."""
    from hub.notify import render

    notice = _publish(world)
    [note] = notifications_of(world.other_staff)
    assert not note.title.startswith("【"), note.title
    assert "园区协同平台" not in note.title and notice.title in note.title
    for title, _body in note.texts.values():
        assert not title.startswith(("【", "[Park Hub]")) and notice.title in title
    [mail] = [d for d in deliveries(kind="notice.published", channel=Channel.EMAIL)
              if d.user_id == world.other_staff.id]
    assert render.render(mail).subject.startswith("【园区协同平台】")
