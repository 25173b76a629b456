"""A full day in the month view: at most four meetings in its cell, else three and a link
"另有 N 场会议" to the list of that day's meetings (?day=YYYY-MM-DD)."""

import html
from datetime import date, time

import pytest
import time_machine

from hub.extensions import db
from hub.meetings import occurrences
from tests.meetings.conftest import NOW

DAY = date(2026, 6, 15)  # a Monday; NOW is 1 June 2026


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def one_off(admin, parks):
    def make(title, day=DAY, at=time(9, 0), park_names=("田心",)):
        meeting = occurrences.create_one_off(admin, occurrences.OneOffInput(
            title=title, description="", day=day, start_time=at, timezone="Asia/Shanghai",
            duration_minutes=60, location="管委会", online_url="", reminder_offsets=[],
            agenda_cutoff_hours=24, host_park_id=parks[park_names[0]].id,
            parks=[parks[n] for n in park_names], people=[]))
        db.session.commit()
        return meeting

    return make


def cell_of(text: str, day: date) -> str:
    return text.split(f'data-date="{day.isoformat()}"')[1].split("</td>")[0]


def more_href(cell: str) -> str:
    link = cell.split('data-testid="month-more"')[1]
    return html.unescape(link.split('href="')[1].split('"')[0])


def rows(text: str) -> list[str]:
    return [part.split('"')[0] for part in text.split('data-meeting-id="')[1:]]


def test_a_day_with_five_meetings_shows_three_and_links_to_all_five(client, login, make_user,
                                                                      parks, one_off):
    # created out of order: the cell shows the first three by start time
    made = {hour: one_off(f"会议{hour}", at=time(hour, 0)) for hour in (14, 9, 16, 10, 11)}
    login(make_user(park=parks["田心"]))
    text = client.get("/meetings/month?y=2026&m=6").get_data(as_text=True)
    cell = cell_of(text, DAY)
    assert rows(cell) == [str(made[h].id) for h in (9, 10, 11)]
    assert "会议14" not in cell and "会议16" not in cell
    assert "另有 2 场会议" in cell
    assert text.count('data-testid="month-more"') == 1

    day_list = client.get(more_href(cell))
    assert day_list.status_code == 200
    listed = day_list.get_data(as_text=True)
    assert rows(listed) == [str(made[h].id) for h in (9, 10, 11, 14, 16)]
    assert "2026年6月15日 星期一的会议" in listed
    assert 'data-testid="day-clear"' in listed
    back = listed.split('data-testid="day-month"')[1].split('href="')[1].split('"')[0]
    assert "y=2026" in back and "m=6" in back


def test_a_day_with_exactly_four_meetings_shows_them_all(client, login, make_user, parks,
                                                         one_off):
    made = [one_off(f"会议{hour}", at=time(hour, 0)) for hour in (9, 10, 11, 14)]
    login(make_user(park=parks["田心"]))
    text = client.get("/meetings/month?y=2026&m=6").get_data(as_text=True)
    cell = cell_of(text, DAY)
    assert rows(cell) == [str(m.id) for m in made]
    assert 'data-testid="month-more"' not in text and "另有" not in text


def test_the_more_link_keeps_the_month_views_filter(client, login, make_user, parks, one_off):
    tianxin = [one_off(f"田心会议{hour}", at=time(hour, 0), park_names=("田心", "高新区"))
               for hour in (8, 9, 10, 11, 12)]
    gaoxin = one_off("高新区专题会", at=time(7, 0), park_names=("高新区",))
    login(make_user(park=parks["高新区"]))
    text = client.get(f"/meetings/month?y=2026&m=6&park={parks['田心'].id}").get_data(
        as_text=True)
    cell = cell_of(text, DAY)
    assert "另有 2 场会议" in cell and f'data-meeting-id="{gaoxin.id}"' not in cell
    href = more_href(cell)
    assert f"park={parks['田心'].id}" in href and "day=2026-06-15" in href
    listed = client.get(href).get_data(as_text=True)
    assert rows(listed) == [str(m.id) for m in tianxin]
    # the series/park form of the day list keeps the day
    assert 'name="day" value="2026-06-15"' in listed
    unfiltered = client.get("/meetings/?day=2026-06-15").get_data(as_text=True)
    assert rows(unfiltered) == [str(gaoxin.id), *(str(m.id) for m in tianxin)]


def test_the_day_list_holds_past_and_upcoming_meetings_of_that_day_only(client, login, admin,
                                                                       one_off):
    morning = one_off("早会", day=date(2026, 6, 1), at=time(8, 0))  # ended before NOW
    evening = one_off("晚会", day=date(2026, 6, 1), at=time(23, 30))
    one_off("次日会", day=date(2026, 6, 2), at=time(0, 0))  # the next day in Shanghai
    one_off("前日会", day=date(2026, 5, 31), at=time(23, 59))
    login(admin)
    for when in ("", "&when=past", "&when=upcoming"):
        text = client.get(f"/meetings/?day=2026-06-01{when}").get_data(as_text=True)
        assert rows(text) == [str(morning.id), str(evening.id)], when
    # without a day: the tabs as before
    upcoming = client.get("/meetings/").get_data(as_text=True)
    assert str(morning.id) not in rows(upcoming) and 'data-testid="day-filter"' not in upcoming


def test_the_day_list_pages_keep_the_day(client, login, admin, one_off):
    for minute in range(0, 50, 2):  # 25 meetings: two pages of 20
        one_off(f"会议{minute}", at=time(9, minute))
    one_off("另一天", day=date(2026, 6, 16))
    login(admin)
    first = client.get("/meetings/?day=2026-06-15").get_data(as_text=True)
    assert len(rows(first)) == 20
    second = client.get("/meetings/?day=2026-06-15&page=2").get_data(as_text=True)
    assert len(rows(second)) == 5 and "另一天" not in second
    pages = [html.unescape(part.split('"')[0]) for part in first.split('href="')[1:]
             if "page=2" in part.split('"')[0]]
    assert pages and all("day=2026-06-15" in href for href in pages)


def test_staff_do_not_see_another_parks_meetings_in_the_day_list(client, login, make_user,
                                                                 parks, one_off):
    own = one_off("田心例会", at=time(9, 0))
    one_off("田心次日会", day=date(2026, 6, 16))  # visible, another day
    others = [one_off(f"醴陵会议{hour}", at=time(hour, 0), park_names=("醴陵",))
              for hour in (10, 11, 12, 13, 14)]
    login(make_user(park=parks["田心"]))
    listed = client.get("/meetings/?day=2026-06-15").get_data(as_text=True)
    assert rows(listed) == [str(own.id)]
    assert "醴陵会议" not in listed
    asked = client.get(f"/meetings/?day=2026-06-15&park={parks['醴陵'].id}").get_data(
        as_text=True)
    assert rows(asked) == [] and "醴陵会议" not in asked
    month = client.get("/meetings/month?y=2026&m=6").get_data(as_text=True)
    assert 'data-testid="month-more"' not in month and str(others[0].id) not in rows(month)


@pytest.mark.parametrize("day", [
    "garbage", "2026-13-45", "2026-02-30", "0000-01-01", "0001-01-01", "9999-12-31",
    "2026-6-15", "20260615", "2026-W25-1", "2026-06-15T00:00", " 2026-06-15", "٢٠٢٦-٠٦-١٥",
    "2026-06-15\x00", "9" * 5000, "-2026-06-15", "", "%00",
])
def test_hostile_day_values_show_the_normal_list(client, login, admin, one_off, day):
    today = one_off("今日会", day=date(2026, 6, 15))
    login(admin)
    response = client.get("/meetings/", query_string={"day": day})
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert 'data-testid="day-filter"' not in text and 'data-testid="meeting-filter"' in text
    assert rows(text) == [str(today.id)]  # the upcoming tab, as without a day


def test_english_wording(client, login, make_user, parks, one_off):
    for hour in (8, 9, 10, 11, 12, 13):
        one_off(f"会议{hour}", at=time(hour, 0))
    login(make_user(park=parks["田心"]))
    client.post("/language", data={"locale": "en", "next": "/"})
    cell = cell_of(client.get("/meetings/month?y=2026&m=6").get_data(as_text=True), DAY)
    assert ">3 more meetings</a>" in cell
    listed = client.get(more_href(cell)).get_data(as_text=True)
    assert "Meetings on Mon 15 Jun 2026" in listed
    assert "Back to June 2026" in listed and "Show all days" in listed
