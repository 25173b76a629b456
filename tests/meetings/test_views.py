"""What users see and may do on the meeting pages."""

from datetime import date

import pytest
import time_machine

from hub import events
from hub.auth.models import Role
from hub.extensions import db
from hub.meetings import occurrences, queries
from hub.meetings.models import Meeting, MeetingSeries, MeetingStatus
from tests.meetings.conftest import NOW


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def series(make_series):
    return make_series()  # 高新区, 田心, 经开区; second Tuesdays 09:30 from January 2026


def meeting_on(series, day) -> Meeting:
    return next(m for m in db.session.execute(
        db.select(Meeting).where(Meeting.series_id == series.id)).scalars()
        if queries.local_date_of_original(m) == day)


SERIES_FORM = {
    "title": "三园例会", "description": "", "kind": "weekly", "weekdays": ["TH"], "nth": "2",
    "nth_weekday": "TU", "monthday": "15", "custom_rrule": "", "interval": "1",
    "start_date": "2026-06-01", "end_kind": "count", "until": "", "count": "4",
    "holiday_policy": "move", "hosts": "高新区 → 田心", "start_time": "15:00",
    "duration_minutes": "90", "timezone": "Asia/Shanghai", "location": "田心会议室",
    "online_url": "https://meet.example.com/abc", "reminders": ["1440", "60"],
    "agenda_cutoff_hours": "48",
}


def test_participant_sees_the_meeting_and_outsider_gets_403(client, login, make_user,
                                                           parks, series):
    july = meeting_on(series, date(2026, 7, 14))
    login(make_user(park=parks["田心"]))
    page = client.get(f"/meetings/{july.id}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "2026年7月14日 星期二 09:30–11:30 (北京时间)" in text
    assert "株洲高新区" in text  # rule date number 6: 高新区 hosts
    assert 'data-testid="host-form"' not in text
    client.post("/logout")
    login(make_user(park=parks["醴陵"]))
    assert client.get(f"/meetings/{july.id}").status_code == 403
    assert client.get(f"/meetings/series/{series.id}").status_code == 403
    listing = client.get("/meetings/").get_data(as_text=True)
    assert f'data-meeting-id="{july.id}"' not in listing
    month = client.get("/meetings/month?y=2026&m=7").get_data(as_text=True)
    assert f'data-meeting-id="{july.id}"' not in month


def test_extra_person_sees_the_meeting(client, login, make_user, parks, make_series):
    guest = make_user(park=parks["茶陵"])
    series = make_series(people=[guest])
    login(guest)
    july = meeting_on(series, date(2026, 7, 14))
    assert client.get(f"/meetings/{july.id}").status_code == 200
    assert f'data-meeting-id="{july.id}"' in client.get("/meetings/").get_data(as_text=True)


@pytest.mark.parametrize("role", [Role.STAFF, Role.PARK_ADMIN])
def test_only_admins_manage(client, login, make_user, parks, series, role):
    july = meeting_on(series, date(2026, 7, 14))
    login(make_user(park=parks["高新区"], role=role))  # even the host park
    for url in ("/meetings/series/new", f"/meetings/series/{series.id}/edit", "/meetings/new",
                f"/meetings/{july.id}/move", f"/meetings/{july.id}/cancel"):
        assert client.get(url).status_code == 403, url
        assert client.post(url, data={}).status_code == 403, url
    assert client.post(f"/meetings/{july.id}/host",
                       data={"host_park_id": parks["高新区"].id}).status_code == 403
    assert client.post(f"/meetings/series/{series.id}/deactivate",
                       data={"version": series.version}).status_code == 403
    db.session.expire_all()
    assert not meeting_on(series, date(2026, 7, 14)).is_cancelled


def test_admin_creates_a_series_with_the_builder(client, login, admin, parks):
    login(admin)
    data = dict(SERIES_FORM, parks=[parks["高新区"].id, parks["田心"].id])
    response = client.post("/meetings/series/new", data=data)
    assert response.status_code == 302
    series = db.session.execute(db.select(MeetingSeries)).scalar_one()
    assert series.rrule == "FREQ=WEEKLY;BYDAY=TH;COUNT=4"
    assert series.reminder_offsets == [1440, 60]
    assert [h.park.short_name for h in series.hosts] == ["高新区", "田心"]
    found = list(db.session.execute(db.select(Meeting).order_by(Meeting.starts_at)).scalars())
    assert [queries.local_date(m) for m in found] == [date(2026, 6, 4), date(2026, 6, 11),
                                                      date(2026, 6, 18), date(2026, 6, 25)]
    assert [m.host_park.short_name for m in found] == ["高新区", "田心", "高新区", "田心"]
    page = client.get(f"/meetings/series/{series.id}").get_data(as_text=True)
    assert page.count('data-testid="occurrence-row"') == 4
    # the edit form shows the builder fields back
    edit = client.get(f"/meetings/series/{series.id}/edit").get_data(as_text=True)
    assert 'value="高新区 → 田心"' in edit


@pytest.mark.parametrize("changes, field_text", [
    ({"kind": "custom", "custom_rrule": "FREQ=HOURLY", "end_kind": "never"}, "HOURLY"),
    ({"kind": "custom", "custom_rrule": "FREQ=WEEKLY;BYDAY=ZZ", "end_kind": "never"}, "RRULE"),
    ({"online_url": "javascript:alert(1)"}, "https://"),
    ({"hosts": "高新区, 火星园"}, "火星园"),
    ({"weekdays": []}, "weekday"),
    ({"timezone": "Mars/Olympus"}, "is-invalid"),  # a select: only the listed zones
])
def test_invalid_series_form_422_keeps_input(client, login, admin, parks, changes, field_text):
    login(admin)
    data = dict(SERIES_FORM, parks=[parks["高新区"].id], **changes)
    response = client.post("/meetings/series/new", data=data)
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "invalid-feedback" in text and field_text in text
    assert 'value="三园例会"' in text
    assert db.session.execute(db.select(MeetingSeries)).first() is None


def test_admin_moves_cancels_and_overrides_host(client, login, admin, parks, series):
    login(admin)
    july = meeting_on(series, date(2026, 7, 14))
    response = client.post(f"/meetings/{july.id}/move", data={
        "day": "2026-07-15", "start_time": "14:00", "duration_minutes": "60",
        "location": "田心会议室", "online_url": "", "version": july.version})
    assert response.status_code == 302
    db.session.expire_all()
    july = db.session.get(Meeting, july.id)
    assert july.moved and july.sequence == 1 and july.location == "田心会议室"
    text = client.get(f"/meetings/{july.id}").get_data(as_text=True)
    assert "2026年7月15日 星期三 14:00–15:00 (北京时间)" in text
    response = client.post(f"/meetings/{july.id}/host",
                           data={"host_park_id": parks["醴陵"].id, "version": july.version})
    assert response.status_code == 302
    db.session.expire_all()
    july = db.session.get(Meeting, july.id)
    assert july.host_park.short_name == "醴陵" and july.host_overridden
    assert client.post(f"/meetings/{july.id}/cancel",
                       data={"reason": "", "version": july.version}).status_code == 422
    response = client.post(f"/meetings/{july.id}/cancel",
                           data={"reason": "与市政府会议冲突", "version": july.version})
    assert response.status_code == 302
    text = client.get(f"/meetings/{july.id}").get_data(as_text=True)
    assert 'data-testid="cancel-reason">与市政府会议冲突' in text


def test_stale_move_409(client, login, admin, series):
    login(admin)
    july = meeting_on(series, date(2026, 7, 14))
    response = client.post(f"/meetings/{july.id}/move", data={
        "day": "2026-07-15", "start_time": "14:00", "duration_minutes": "60",
        "location": "别处", "online_url": "", "version": july.version - 1})
    assert response.status_code == 409
    assert 'value="别处"' in response.get_data(as_text=True)


def test_one_off_meeting(client, login, admin, parks, monkeypatch):
    seen = []
    monkeypatch.setitem(events._handlers, "meeting.created",
                        [lambda **payload: seen.append(payload)])
    login(admin)
    response = client.post("/meetings/new", data={
        "title": "环保平台专题会", "description": "", "day": "2026-06-20", "start_time": "10:00",
        "duration_minutes": "60", "timezone": "Asia/Shanghai", "location": "经开区",
        "online_url": "", "parks": [parks["经开区"].id], "host_park_id": parks["经开区"].id,
        "reminders": ["60"], "agenda_cutoff_hours": "24"})
    assert response.status_code == 302
    meeting = db.session.execute(db.select(Meeting)).scalar_one()
    assert meeting.series_id is None and meeting.uid == f"meeting-{meeting.id}@parkhub"
    assert seen and seen[0]["meeting"].id == meeting.id
    assert queries.local_date(meeting) == date(2026, 6, 20)
    text = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "环保平台专题会" in text and "2026年6月20日 星期六 10:00–11:00" in text


def test_month_view_places_meetings_on_their_days(client, login, make_user, parks, series,
                                                  make_series):
    other = make_series(title="醴陵专题会", park_names=("醴陵",), hosts=("醴陵",),
                        rule="FREQ=MONTHLY;BYMONTHDAY=20")
    login(make_user(park=parks["田心"]))
    text = client.get("/meetings/month?y=2026&m=7").get_data(as_text=True)
    july = meeting_on(series, date(2026, 7, 14))
    cell = text.split('data-date="2026-07-14"')[1].split("</td>")[0]
    assert f'data-meeting-id="{july.id}"' in cell
    assert "醴陵专题会" not in text
    assert text.count('data-testid="month-meeting"') == 1
    # Monday first: the grid of July 2026 starts on Monday 29 June
    assert text.index('data-date="2026-06-29"') < text.index('data-date="2026-07-01"')
    assert "y=2026&amp;m=8" in text and "y=2026&amp;m=6" in text
    # filter by park: 田心 staff asking for 醴陵's meetings sees none
    filtered = client.get(f"/meetings/month?y=2026&m=7&park={parks['醴陵'].id}")
    assert 'data-testid="month-meeting"' not in filtered.get_data(as_text=True)
    assert other.id


def test_list_tabs_and_filters(client, login, admin, series, make_series, parks):
    other = make_series(title="醴陵专题会", park_names=("醴陵",), hosts=("醴陵",),
                        rule="FREQ=MONTHLY;BYMONTHDAY=20")
    login(admin)
    upcoming = client.get("/meetings/").get_data(as_text=True)
    assert upcoming.count('data-testid="meeting-row"') == 20  # one page
    past = client.get("/meetings/?when=past").get_data(as_text=True)
    assert "2026年5月12日 星期二 09:30" in past and "2026年7月14日" not in past
    july = meeting_on(series, date(2026, 7, 14))
    other_june = meeting_on(other, date(2026, 6, 20))
    only = client.get(f"/meetings/?series={other.id}").get_data(as_text=True)
    assert f'data-meeting-id="{other_june.id}"' in only
    assert f'data-meeting-id="{july.id}"' not in only
    by_park = client.get(f"/meetings/?park={parks['田心'].id}").get_data(as_text=True)
    assert f'data-meeting-id="{other_june.id}"' not in by_park
    assert f'data-meeting-id="{july.id}"' in by_park


def test_provisional_holiday_warning_for_everybody(client, login, admin, make_user, parks,
                                                   series):
    """Issue 10, observation 1: staff saw no warning on dates planned without holiday data.
    2027 has no State Council notice (暂定): every viewer is told, on the meeting page, the
    series page, the list and the month view, in Chinese and in English."""
    january = meeting_on(series, date(2027, 1, 12))
    june = meeting_on(series, date(2026, 6, 9))
    assert january.holiday_provisional and not june.holiday_provisional
    staff = make_user(park=parks["田心"])
    for user in (admin, staff):
        login(user)
        for url in (f"/meetings/{january.id}", f"/meetings/series/{series.id}",
                    "/meetings/"):
            text = client.get(url).get_data(as_text=True)
            assert 'data-testid="holiday-provisional"' in text, url
            assert "2027年节假日为暂定" in text, url
        month = client.get("/meetings/month?y=2027&m=1").get_data(as_text=True)
        assert 'data-testid="month-provisional"' in month and "暂定" in month
        text = client.get(f"/meetings/{june.id}").get_data(as_text=True)
        assert 'data-testid="holiday-provisional"' not in text
        client.post("/logout")
    login(staff)
    client.post("/language", data={"locale": "en", "next": "/"})
    english = client.get(f"/meetings/{january.id}")
    assert "Provisional: the 2027 holidays are computed by law" in english.get_data(as_text=True)


def test_series_edit_through_the_form_keeps_a_moved_meeting(client, login, admin, series):
    july = meeting_on(series, date(2026, 7, 14))
    occurrences.move(admin, july, occurrences.MoveInput(
        day=date(2026, 7, 16), start_time=july.starts_at.time(), duration_minutes=120,
        location="别处", online_url=""), version=july.version)
    db.session.commit()
    login(admin)
    form = client.get(f"/meetings/series/{series.id}/edit").get_data(as_text=True)
    assert 'value="2"' in form
    data = dict(SERIES_FORM, title=series.title, kind="monthly_nth", nth="2",
                nth_weekday="TU", end_kind="never", count="", start_date="2026-01-01",
                start_time="10:00", hosts="高新区, 田心, 经开区", version=series.version,
                parks=[p.id for p in series.parks])
    response = client.post(f"/meetings/series/{series.id}/edit", data=data)
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Meeting, july.id).location == "别处"
    assert meeting_on(series, date(2026, 8, 11)).location == "田心会议室"
    stale = client.post(f"/meetings/series/{series.id}/edit",
                        data=dict(data, version=series.version - 1))
    assert stale.status_code == 409


def test_month_view_entry_shows_time_title_host_and_cancellation(client, login, make_user,
                                                                  parks, series):
    july, august = meeting_on(series, date(2026, 7, 14)), meeting_on(series, date(2026, 8, 11))
    host = july.host_park.short_name
    august.status = MeetingStatus.CANCELLED
    db.session.commit()
    login(make_user(park=parks["田心"]))

    def entry(year, month, day):
        text = client.get(f"/meetings/month?y={year}&m={month}").get_data(as_text=True)
        cell = text.split(f'data-date="{day}"')[1].split("</td>")[0]
        return cell.split('data-testid="month-meeting"')[1]

    shown = entry(2026, 7, "2026-07-14")
    assert f'href="/meetings/{july.id}"' in shown and "09:30 一区三园联席会议" in shown
    assert f"· {host}" in shown and "line-through" not in shown
    cancelled = entry(2026, 8, "2026-08-11")
    assert f'href="/meetings/{august.id}"' in cancelled
    assert 'class="text-decoration-line-through text-danger"' in cancelled


def test_reinstating_a_meeting_that_is_not_cancelled_is_refused(client, login, admin, series):
    """Two tabs: the admin reinstates a cancelled meeting in one, then again in the other. The
    second click must say the meeting is not cancelled, never report a success."""
    login(admin)
    july = meeting_on(series, date(2026, 7, 14))
    client.post(f"/meetings/{july.id}/cancel", data={"reason": "冲突", "version": july.version})
    db.session.expire_all()
    version = db.session.get(Meeting, july.id).version
    first = client.post(f"/meetings/{july.id}/reinstate", data={"version": version},
                        follow_redirects=True).get_data(as_text=True)
    assert "已恢复会议：一区三园联席会议" in first
    db.session.expire_all()
    july = db.session.get(Meeting, july.id)
    assert july.status is MeetingStatus.SCHEDULED
    sequence = july.sequence

    second = client.post(f"/meetings/{july.id}/reinstate", data={"version": july.version},
                         follow_redirects=True)
    text = second.get_data(as_text=True)
    assert second.status_code == 200
    assert "已恢复会议" not in text
    assert "此会议未被取消。" in text and "alert-danger" in text
    db.session.expire_all()
    assert db.session.get(Meeting, july.id).sequence == sequence
