"""Agenda, minutes, their print views and the 督办 pages say dates with the weekday
(2027年2月9日 星期二) and the meeting's time in 北京时间, as the meeting pages do: no ISO date,
no raw zone name (issue 13, item 9). On the demo world."""

import re
from html import unescape

import pytest

from hub.actions.models import ActionItem
from hub.agenda import demo as agenda_demo
from hub.extensions import db
from hub.minutes import demo as minutes_demo
from hub.seed import seed_demo
from hub.timeutil import utcnow

PASSWORD = "readable-times-1"
ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}")
WEEKDAY = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日 星期[一二三四五六日]")


def visible(html: str) -> str:
    html = re.sub(r"<(script|style|textarea)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.fixture
def demo(app):
    seed_demo(PASSWORD)
    now = utcnow()
    past, coming = minutes_demo.demo_meeting(now), agenda_demo.next_meeting(now)
    items = db.session.execute(db.select(ActionItem).where(
        ActionItem.meeting_id == past.id)).scalars().all()
    asked = next(i for i in items if i.extension_due is not None)
    return past.id, coming.id, asked.id


def test_meeting_work_pages_say_weekday_and_beijing_time(client, login, demo):
    past, coming, asked = demo
    assert login("admin", PASSWORD).status_code == 302
    pages = {
        "agenda": f"/meetings/{coming}/agenda",
        "agenda print": f"/meetings/{coming}/agenda/print",
        "attendance": f"/meetings/{coming}/attendance",
        "minutes": f"/meetings/{past}/minutes",
        "minutes print": f"/meetings/{past}/minutes/print",
        "revisions": f"/meetings/{past}/minutes/revisions",
        "action item": f"/meetings/actions/{asked}",
        "action items": "/meetings/actions/",
        "ledger": "/meetings/actions/ledger",
    }
    for name, url in pages.items():
        resp = client.get(url)
        assert resp.status_code == 200, (name, resp.status_code)
        text = visible(resp.get_data(as_text=True))
        assert not ISO.search(text), (name, ISO.search(text).group(0), url)
        assert "Asia/Shanghai" not in text, name
        assert WEEKDAY.search(text), name
    for url in (pages["agenda"], pages["agenda print"], pages["minutes print"]):
        assert "北京时间" in visible(client.get(url).get_data(as_text=True)), url
