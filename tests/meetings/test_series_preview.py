"""The series form's preview of the next dates (POST /meetings/series/preview): what it shows is
what saving the form creates — the same dates, the same holiday moves and notes, the same
hosts; a bad form gives messages, never a 500; a refused submit shows the preview too."""

import html
import re
from datetime import date

import pytest
import time_machine

from hub.auth.models import Role
from hub.extensions import db
from hub.meetings import queries
from hub.meetings.models import Meeting, MeetingSeries
from tests.meetings.conftest import NOW
from tests.meetings.test_views import SERIES_FORM

ITEM = re.compile(r'data-testid="preview-date" data-day="([\d-]*)" data-rule-date="([\d-]+)"'
                  r'(.*?)</li>', re.S)
NOTE = re.compile(r'data-testid="preview-note">(.*?)</div>', re.S)
HOST = re.compile(r"主持园区：(\S+?)</span>")


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def shown(text: str) -> list[tuple]:
    out = []
    for day, rule_date, rest in ITEM.findall(text):
        note = NOTE.search(rest)
        host = HOST.search(rest)
        out.append((date.fromisoformat(rule_date), date.fromisoformat(day) if day else None,
                    html.unescape(note.group(1).strip()) if note else "",
                    host.group(1) if host else "", "preview-provisional" in rest))
    return out


def created(series_id: int) -> list[tuple]:
    db.session.expire_all()
    rows = db.session.execute(db.select(Meeting).where(Meeting.series_id == series_id)
                              .order_by(Meeting.original_start)).scalars()
    return [(queries.local_date_of_original(m), queries.local_date(m), m.holiday_note,
             m.host_park.short_name if m.host_park else "", m.holiday_provisional)
            for m in rows if m.original_start > NOW][:8]


# the 6th of each month: 6 October is National Day (moved to the 8th), 2027 is 暂定 data
SIXTH = dict(SERIES_FORM, kind="monthly_day", monthday="6", end_kind="never", count="",
             start_time="09:30", weekdays=[])


def test_preview_shows_what_the_save_creates(client, login, admin, parks):
    login(admin)
    data = dict(SIXTH, parks=[parks["高新区"].id, parks["田心"].id])
    response = client.post("/meetings/series/preview", data=data)
    assert response.status_code == 200
    dates = shown(response.get_data(as_text=True))
    assert len(dates) == 8
    october = dates[4]
    assert october[:2] == (date(2026, 10, 6), date(2026, 10, 8))
    assert "国庆节" in october[2] and "2026年10月8日 星期四" in october[2]
    assert [d[3] for d in dates[:3]] == ["高新区", "田心", "高新区"]
    assert dates[7][0] == date(2027, 1, 6) and dates[7][4]  # planned on provisional data
    assert not dates[0][4]
    assert client.post("/meetings/series/new", data=data).status_code == 302
    series = db.session.execute(db.select(MeetingSeries)).scalar_one()
    assert created(series.id) == dates


def test_edit_preview_equals_the_saved_edit(client, login, admin, parks, make_series):
    series = make_series()  # second Tuesdays from January 2026; 高新区 → 田心 → 经开区
    login(admin)
    data = dict(SIXTH, hosts="经开区, 田心", version=series.version,
                parks=[p.id for p in series.parks])
    response = client.post(f"/meetings/series/{series.id}/preview", data=data)
    assert response.status_code == 200
    dates = shown(response.get_data(as_text=True))
    assert dates[0][0] == date(2026, 6, 6) and dates[4][1] == date(2026, 10, 8)
    assert client.post(f"/meetings/series/{series.id}/edit", data=data).status_code == 302
    assert created(series.id) == dates


@pytest.mark.parametrize("changes, message", [
    ({"kind": "custom", "custom_rrule": "FREQ=HOURLY"}, "HOURLY"),
    ({"kind": "weekly", "weekdays": []}, "星期"),
    ({"hosts": "高新区, 火星园"}, "火星园"),
    ({"start_date": "2026-13-45"}, "preview-errors"),
    ({"kind": "bogus"}, "preview-errors"),
    ({"interval": "0"}, "preview-errors"),
])
def test_bad_input_gives_messages(client, login, admin, parks, changes, message):
    login(admin)
    response = client.post("/meetings/series/preview", data=dict(SIXTH, **changes))
    assert response.status_code == 200  # the fragment says what to correct
    text = response.get_data(as_text=True)
    assert "preview-errors" in text and message in text
    assert 'data-testid="preview-date"' not in text


def test_the_messages_name_only_what_the_dates_depend_on(client, login, admin, parks):
    """A new form: no title typed yet and no start time. The preview asks for the start time
    (Chinese punctuation), not for the title, which the dates do not depend on."""
    login(admin)
    response = client.post("/meetings/series/preview",
                           data=dict(SIXTH, title="", location="", start_time=""))
    text = response.get_data(as_text=True)
    assert "preview-errors" in text
    errors = re.search(r'data-testid="preview-errors">(.*?)</div>', text, re.S).group(1)
    assert "开始时间：" in errors
    assert "标题" not in errors


def test_the_time_zone_picker_reads_beijing_time(client, login, admin):
    login(admin)
    text = client.get("/meetings/series/new").get_data(as_text=True)
    assert re.search(r'<option selected value="Asia/Shanghai">北京时间（Asia/Shanghai）</option>',
                     text)
    assert '<option value="Asia/Urumqi">Asia/Urumqi</option>' in text


def test_only_the_chosen_kind_counts(client, login, admin, parks):
    """Without the script every builder is sent: the other kinds' fields are ignored."""
    login(admin)
    data = dict(SIXTH, weekdays=["XX"], nth="abc", custom_rrule="garbage",
                parks=[parks["高新区"].id])
    assert client.post("/meetings/series/preview", data=data).status_code == 200
    assert client.post("/meetings/series/new", data=data).status_code == 302
    assert db.session.execute(db.select(MeetingSeries)).scalar_one().rrule == \
        "FREQ=MONTHLY;BYMONTHDAY=6"


def test_a_refused_submit_shows_the_preview(client, login, admin, parks):
    login(admin)
    response = client.post("/meetings/series/new", data=dict(SIXTH, title=""))
    assert response.status_code == 422
    dates = shown(response.get_data(as_text=True))
    assert len(dates) == 8 and dates[4][1] == date(2026, 10, 8)


def test_staff_may_not_preview(client, login, make_user, parks):
    login(make_user(park=parks["高新区"], role=Role.PARK_ADMIN))
    assert client.post("/meetings/series/preview", data=SIXTH).status_code == 403


def test_the_rule_reads_in_words_where_the_series_shows(client, login, admin, parks):
    login(admin)
    data = dict(SERIES_FORM, parks=[parks["高新区"].id])  # Thursdays 15:00, four meetings
    assert client.post("/meetings/series/new", data=data).status_code == 302
    series = db.session.execute(db.select(MeetingSeries)).scalar_one()
    meeting = db.session.execute(db.select(Meeting)).scalars().first()
    for url in (f"/meetings/series/{series.id}", "/meetings/series/",
                f"/meetings/{meeting.id}"):
        text = client.get(url).get_data(as_text=True)
        assert "每周四 15:00，共4次" in text, url
        assert "FREQ=" not in text, url
