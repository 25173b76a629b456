"""Issue 13 leftovers: a meeting moved for a statutory holiday says so in the reader's language,
with long dates (weekday included), from facts stored on the meeting; rows made before the facts
were stored get them from their note (migration i4_holiday_facts)."""

import importlib.util
import re
from datetime import UTC, date, datetime
from pathlib import Path

from flask_babel import force_locale

from hub import create_app
from hub.extensions import db
from hub.meetings import holiday_notes, preview, queries
from hub.meetings.models import HolidayPolicy, Meeting
from tests.conftest import base_config

DECEMBER = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)


def only(series) -> Meeting:
    [meeting] = db.session.execute(db.select(Meeting).where(Meeting.series_id == series.id)
                                   ).scalars()
    return meeting


def note_on(html: str) -> str:
    match = re.search(r'data-testid="holiday-note">([^<]*)<', html)
    assert match, "no holiday note on the page"
    return match.group(1)


def test_the_facts_are_stored(make_series):
    meeting = only(make_series(rule="FREQ=MONTHLY;BYMONTHDAY=6;COUNT=1", start=date(2026, 10, 1)))
    assert meeting.holiday_facts == {"kind": "moved", "holiday": "国庆节",
                                     "old": "2026-10-06", "new": "2026-10-08"}


def test_moved_meeting_page_speaks_the_readers_language(make_series, client, login, admin):
    meeting = only(make_series(rule="FREQ=DAILY;COUNT=1", start=date(2027, 2, 9), now=DECEMBER))
    assert queries.local_date(meeting) == date(2027, 2, 11)
    login(admin)
    zh = note_on(client.get(f"/meetings/{meeting.id}").get_data(as_text=True))
    assert zh == "春节：由 2027年2月9日 星期二 调整至 2027年2月11日 星期四"
    assert not re.search(r"[A-Za-z]|\d{4}-\d{2}", zh)

    client.post("/language", data={"locale": "en", "next": "/"})
    en = note_on(client.get(f"/meetings/{meeting.id}").get_data(as_text=True))
    assert en == "Spring Festival: moved from Tue 9 Feb 2027 to Thu 11 Feb 2027"
    assert not re.search(r"[\u4e00-\u9fff]", en)


def test_meeting_list_and_series_preview_speak_it_too(make_series, app, client, login, admin):
    series = make_series(rule="FREQ=MONTHLY;BYMONTHDAY=6;COUNT=1", start=date(2026, 10, 1))
    login(admin)
    client.post("/language", data={"locale": "en", "next": "/"})
    html = client.get(f"/meetings/series/{series.id}").get_data(as_text=True)
    assert "National Day: moved from Tue 6 Oct 2026 to Thu 8 Oct 2026" in html
    assert "国庆节" not in html
    shape = preview.Shape(rrule=series.rrule, start_date=series.start_date,
                          start_time=series.start_time, timezone=series.timezone,
                          holiday_policy=HolidayPolicy.MOVE, hosts=[])
    with app.test_request_context(), force_locale("zh_CN"):
        [d] = preview.next_dates(shape, now=datetime(2026, 6, 1, tzinfo=UTC))
        assert d.note == "国庆节：由 2026年10月6日 星期二 调整至 2026年10月8日 星期四"


def test_every_kind_renders_in_both_languages(app):
    kinds = {
        "clash_skipped": ("2026年2月23日 星期一 不召开", "Skipped on Mon 23 Feb 2026"),
        "clash_moved": ("由 2026年2月23日 星期一 调整至", "Moved from Mon 23 Feb 2026"),
        "no_free_day": ("劳动节：2026年2月23日 星期一 的会议不召开，一个月内",
                        "Labour Day: skipped on Mon 23 Feb 2026, no free"),
        "skipped": ("劳动节：2026年2月23日 星期一 的会议不召开", "Labour Day: skipped on"),
        "moved_next_free": ("劳动节：由 2026年2月23日 星期一 顺延至下一个空闲工作日 "
                            "2026年2月25日 星期三（2026年2月24日 星期二 已有本系列会议）",
                            "(Tue 24 Feb 2026 already has"),
        "moved": ("劳动节：由 2026年2月23日 星期一 调整至 2026年2月25日 星期三",
                  "Labour Day: moved from Mon 23 Feb 2026 to Wed 25 Feb 2026"),
        "held": ("劳动节：节假日照常召开", "Labour Day: held on the holiday"),
    }
    for kind, (zh, en) in kinds.items():
        facts = {"kind": kind, "holiday": "劳动节", "old": "2026-02-23", "new": "2026-02-25",
                 "taken": "2026-02-24"}
        with app.test_request_context():
            with force_locale("zh_CN"):
                assert zh in holiday_notes.render(facts), kind
            with force_locale("en"):
                assert en in holiday_notes.render(facts), kind


def test_a_row_without_facts_shows_its_stored_note(app):
    old = Meeting(holiday_note="国庆节（National Day）：由 2026-10-06 调整至 2026-10-08")
    with app.test_request_context():
        assert holiday_notes.text_of(old) == old.holiday_note


def _migration():
    path = Path(__file__).parents[2] / "migrations/versions/i4_holiday_facts.py"
    spec = importlib.util.spec_from_file_location("i4_holiday_facts", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_backfill_reads_the_notes_the_planner_wrote():
    facts_of = _migration().facts_of
    start = datetime(2026, 10, 5, 17, 30)  # naive UTC as SQLite gives it: 6 October in Beijing
    assert facts_of("国庆节（National Day）：由 2026-10-06 调整至 2026-10-08", start,
                    "Asia/Shanghai") == {"holiday": "国庆节", "kind": "moved",
                                         "old": "2026-10-06", "new": "2026-10-08"}
    assert facts_of("春节 (Spring Festival): moved from 2026-02-23 to 2026-02-25, the next "
                    "free working day (2026-02-24 already has a meeting of this series)", start,
                    "Asia/Shanghai")["taken"] == "2026-02-24"
    assert facts_of("由 2026-02-24 调整至 2026-02-25：2026-02-24 已有本系列会议", start,
                    "Asia/Shanghai") == {"kind": "clash_moved", "old": "2026-02-24",
                                         "new": "2026-02-25"}
    assert facts_of("国庆节（National Day）：节假日照常召开", "2026-10-05 17:30:00.000000",
                    "Asia/Shanghai") == {"holiday": "国庆节", "kind": "held",
                                         "old": "2026-10-06", "new": "2026-10-06"}
    assert facts_of("something else", start, "Asia/Shanghai") is None


def backfill_round_trip(uri: str, tmp_path) -> None:
    """Meetings saved with notes only, the column dropped and added again: the facts."""
    app = create_app(base_config(uri, tmp_path))
    runner = app.test_cli_runner()
    try:
        assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
        start = datetime(2026, 10, 8, 1, 30, tzinfo=UTC)
        with app.app_context():
            for note in ("国庆节（National Day）：由 2026-10-06 调整至 2026-10-08",
                         "国庆节（National Day）：节假日照常召开", "", "手写的说明"):
                db.session.add(Meeting(title="联席会议", starts_at=start, ends_at=start,
                                       holiday_note=note))
            db.session.commit()
        result = runner.invoke(args=["db", "downgrade", "i3_search_more"])
        assert result.exit_code == 0, result.output
        assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
        with app.app_context():
            found = db.session.execute(db.select(Meeting.holiday_facts)
                                       .order_by(Meeting.id)).scalars().all()
            db.session.remove()
            db.engine.dispose()
        assert found == [
            {"holiday": "国庆节", "kind": "moved", "old": "2026-10-06", "new": "2026-10-08"},
            {"holiday": "国庆节", "kind": "held", "old": "2026-10-08", "new": "2026-10-08"},
            None, None]
    finally:
        with app.app_context():
            db.engine.dispose()


def test_backfill_migration_on_sqlite(tmp_path):
    backfill_round_trip(f"sqlite:///{tmp_path / 'backfill.sqlite3'}", tmp_path)

