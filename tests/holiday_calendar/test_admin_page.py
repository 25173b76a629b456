"""节假日安排 (/admin/holidays/): admins enter 2027's arrangement, see what moves, save; the
Spring Festival meeting moves and its participants are told."""

from datetime import date, time

import pytest

from hub.auth.models import Role
from hub.extensions import db
from hub.holidays.models import HolidayYear, Provenance, Source
from hub.meetings import occurrences, queries
from hub.meetings.models import HolidayPolicy, Meeting
from hub.notify.models import Delivery, Notification

NOTICE_2027 = (
    "一、元旦：2027年1月1日（星期五）至3日（星期日）放假，共3天。\n"
    "二、春节：2月5日（星期五）至13日（星期六）放假调休，共9天。2月14日（星期日）、2月20日（星期六）上班。\n"
    "清明节 2027-04-03 至 2027-04-05\n"
)


def on(series, day: date) -> Meeting:
    return next(m for m in db.session.execute(
        db.select(Meeting).where(Meeting.series_id == series.id)).scalars()
        if queries.local_date_of_original(m) == day)


@pytest.fixture
def tuesdays(make_series, december):
    """Weekly Tuesday 09:30 in 2027 (MOVE): the 9 February meeting falls in 春节."""
    return make_series(rule="FREQ=WEEKLY;BYDAY=TU;COUNT=8", start=date(2027, 1, 5),
                       now=december)


@pytest.fixture
def thursdays(make_series, december):
    """Weekly Thursday (SKIP): 11 February is a working day by law, a holiday by the notice."""
    return make_series(rule="FREQ=WEEKLY;BYDAY=TH;COUNT=8", start=date(2027, 1, 7),
                       policy=HolidayPolicy.SKIP, title="土地清理处置调度会", now=december)


def test_only_admins_open_the_page(client, login, make_user, parks, december):
    assert client.get("/admin/holidays/").status_code == 302  # to the login page
    for role in (Role.STAFF, Role.PARK_ADMIN):
        login(make_user(park=parks["田心"], role=role))
        assert client.get("/admin/holidays/").status_code == 403
        assert client.post("/admin/holidays/2027", data={"text": "春节 2027-02-05"}
                           ).status_code == 403
        client.post("/logout")


def test_years_are_listed_with_their_provenance(client, login, admin, december):
    login(admin)
    page = client.get("/admin/holidays/").get_data(as_text=True)
    row_2026 = page.split('data-year="2026"')[1].split("</tr>")[0]
    row_2027 = page.split('data-year="2027"')[1].split("</tr>")[0]
    assert "官方" in row_2026 and "chinese-calendar 1.11.0" in row_2026
    assert "暂定" in row_2027 and "holidays 0.109" in row_2027 and "春节" in row_2027
    edit = client.get("/admin/holidays/2026").get_data(as_text=True)
    assert "春节 2026-02-15 至 2026-02-23；调休上班 2026-02-14、2026-02-28" in edit


def test_mistakes_are_shown_and_the_text_kept(client, login, admin, december):
    login(admin)
    text = "春节 2027-02-05 至 2027-02-11\n清明节 2027-04-31\n调休上班 2027-02-15"
    page = client.post("/admin/holidays/2027", data={"text": text, "preview": "1"}
                       ).get_data(as_text=True)
    assert "第 2 行" in page and "2027-04-31" in page and "不是有效日期" in page
    assert "第 3 行" in page and "调休上班日应为周六或周日" in page
    assert "清明节 2027-04-31" in page  # the textarea keeps what was typed
    assert 'data-testid="preview"' not in page
    assert db.session.get(HolidayYear, 2027) is None  # nothing stored


def test_preview_then_save_moves_the_spring_festival_meeting_and_tells_people(
        client, login, admin, make_user, parks, tuesdays, thursdays, runner):
    staff = make_user(park=parks["高新区"])  # a participant park of both series
    spring = on(tuesdays, date(2027, 2, 9))
    kept = on(tuesdays, date(2027, 1, 5))
    eleventh = on(thursdays, date(2027, 2, 11))
    # on 暂定 data (by law: 5–10 February) the meeting went to Thursday 11 February
    assert queries.local_date(spring) == date(2027, 2, 11) and spring.holiday_provisional
    assert queries.local_date(eleventh) == date(2027, 2, 11)
    # a hand-moved meeting keeps its day whatever the holidays do
    march = on(tuesdays, date(2027, 2, 23))
    occurrences.move(admin, march, occurrences.MoveInput(
        day=date(2027, 2, 24), start_time=time(9, 30), duration_minutes=120,
        location=march.location, online_url=""), version=march.version)
    db.session.commit()
    before = db.session.execute(db.select(db.func.count(Delivery.id))).scalar()
    login(admin)

    page = client.post("/admin/holidays/2027", data={"text": NOTICE_2027, "preview": "1"}
                       ).get_data(as_text=True)
    assert 'data-testid="preview"' in page
    moves = page.split('data-testid="preview-moves"')[1].split("</table>")[0]
    assert moves.count('data-testid="preview-move"') == 2
    # moved to the 调休 Sunday
    assert "2027年2月11日 星期四 09:30" in moves and "2027年2月14日 星期日 09:30" in moves
    assert "土地清理处置调度会" in moves and "取消" in moves  # the SKIP series' 11 February
    # nothing is saved by a preview
    db.session.expire_all()
    assert queries.local_date(on(tuesdays, date(2027, 2, 9))) == date(2027, 2, 11)
    assert db.session.get(HolidayYear, 2027).provenance is Provenance.PROVISIONAL
    assert db.session.execute(db.select(db.func.count(Delivery.id))).scalar() == before
    token = page.split('name="previewed" type="hidden" value="')[1].split('"')[0]

    response = client.post("/admin/holidays/2027", data={
        "text": NOTICE_2027, "previewed": token, "save": "1"})
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "已保存为官方安排" in page and "已重新安排 2 次会议" in page

    db.session.expire_all()
    year = db.session.get(HolidayYear, 2027)
    assert (year.provenance, year.source) == (Provenance.OFFICIAL, Source.ADMIN)
    assert "二、春节：2月5日（星期五）至13日" in year.notice  # the text as entered is kept
    assert year.planned_hash == year.data_hash
    spring = on(tuesdays, date(2027, 2, 9))
    assert queries.local_date(spring) == date(2027, 2, 14)
    assert not spring.holiday_provisional and "春节" in spring.holiday_note
    assert queries.local_date(on(tuesdays, date(2027, 2, 23))) == date(2027, 2, 24)  # kept
    assert not kept.holiday_provisional  # all of 2027 is official now
    assert all(queries.local_date_of_original(m) != date(2027, 2, 11) for m in
               db.session.execute(db.select(Meeting).where(
                   Meeting.series_id == thursdays.id)).scalars())

    told = db.session.execute(db.select(Delivery).where(
        Delivery.kind == "meeting.series_changed", Delivery.object_id == tuesdays.id,
        Delivery.user_id == staff.id)).scalars().all()
    assert told  # in-app and mail for the participant
    assert runner.invoke(args=["hub", "send-due"]).exit_code == 0
    notes = db.session.execute(db.select(Notification).where(
        Notification.user_id == staff.id,
        Notification.kind == "meeting.series_changed")).scalars().all()
    notes = [n for n in notes if tuesdays.title in n.title]
    assert len(notes) == 1, [n.title for n in notes]  # one message per person and series
    assert "2027-02-14" in notes[0].title + notes[0].body, (notes[0].title, notes[0].body)


def test_save_without_a_matching_preview_only_previews(client, login, admin, tuesdays):
    login(admin)
    page = client.post("/admin/holidays/2027", data={
        "text": NOTICE_2027, "previewed": "stale", "save": "1"}).get_data(as_text=True)
    assert 'data-testid="preview"' in page and "请核对下方预览后再保存" in page
    db.session.expire_all()
    assert db.session.get(HolidayYear, 2027).provenance is Provenance.PROVISIONAL
    assert queries.local_date(on(tuesdays, date(2027, 2, 9))) == date(2027, 2, 11)
