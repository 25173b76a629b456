"""The 督办 list's series menu (queries.series_with_items) reads the item's copy of its meeting's
series (action_item.series_id, kept by the database: migration l3_action_item_series). It must
offer exactly the series in whose meetings a park has items, whoever wrote the item (the ORM,
plain SQL) and after an item moves to another meeting or a meeting leaves its series."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import select, text

from hub.actions import queries
from hub.actions.models import ActionItem
from hub.extensions import db
from hub.meetings.models import Meeting, MeetingSeries


def _through_meetings(park_id) -> list[str]:
    """The menu as the meetings say it: the series of the meetings the park has items in."""
    ids = (select(Meeting.series_id).join(ActionItem, ActionItem.meeting_id == Meeting.id)
           .where(ActionItem.owner_park_id == park_id))
    return list(db.session.execute(select(MeetingSeries.title).where(MeetingSeries.id.in_(ids))
                                   .order_by(MeetingSeries.title)).scalars())


def _menu(park_id) -> list[str]:
    return [s.title for s in queries.series_with_items(park_id)]


@pytest.fixture
def series(world):
    made = {}
    for title in ("A 联席会议", "B 土地专题会", "C 人才工作会"):
        made[title[0]] = MeetingSeries(title=title, rrule="FREQ=MONTHLY;BYDAY=2TU",
                                       start_date=date(2026, 1, 13), start_time=time(9, 30))
    db.session.add_all(made.values())
    world.meeting.series = made["A"]
    start = datetime(2026, 5, 12, 1, 30, tzinfo=UTC)
    made["b_meeting"] = Meeting(title="土地专题会", series=made["B"], host_park=world.host,
                                starts_at=start, ends_at=start + timedelta(hours=1),
                                parks=[world.host, world.third])
    made["one_off"] = Meeting(title="临时会议", host_park=world.host, starts_at=start,
                              ends_at=start + timedelta(hours=1), parks=[world.host])
    db.session.add_all([made["b_meeting"], made["one_off"]])
    db.session.commit()
    return made


def test_the_menu_offers_the_series_a_park_has_items_in_however_the_items_were_written(
        world, series):
    db.session.add_all([
        ActionItem(meeting=world.meeting, text="田心的事项", owner_park_id=world.other.id),
        ActionItem(meeting=series["b_meeting"], text="经开区的事项", owner_park_id=world.third.id),
        ActionItem(meeting=series["one_off"], text="临时会议的事项",
                   owner_park_id=world.other.id),
    ])
    db.session.commit()
    # a row written past the app (a bulk load, psql): the database fills its series too
    now = datetime(2026, 5, 1, tzinfo=UTC).replace(tzinfo=None)
    db.session.execute(text(
        "INSERT INTO action_item (meeting_id, position, text, owner_park_id, status, "
        "created_at, updated_at, version) "
        "VALUES (:meeting, 0, '直接写入', :park, 'not_started', :now, :now, 1)"),
        {"meeting": world.meeting.id, "park": world.third.id, "now": now})
    db.session.commit()

    assert _menu(world.other.id) == ["A 联席会议"]
    assert _menu(world.third.id) == ["A 联席会议", "B 土地专题会"]
    assert _menu(world.host.id) == []
    assert _menu(None) == ["A 联席会议", "B 土地专题会"]  # the zone office: every park
    for park in (world.other, world.third, world.host):
        assert _menu(park.id) == _through_meetings(park.id)


def test_the_menu_follows_an_item_to_another_meeting_and_a_meeting_out_of_its_series(
        world, series):
    item = ActionItem(meeting=world.meeting, text="田心的事项", owner_park_id=world.other.id)
    db.session.add(item)
    db.session.commit()
    assert _menu(world.other.id) == ["A 联席会议"]

    item.meeting = series["b_meeting"]
    db.session.commit()
    assert _menu(world.other.id) == ["B 土地专题会"] == _through_meetings(world.other.id)

    # the one way a meeting's series changes: the series goes (ON DELETE SET NULL)
    db.session.execute(text("UPDATE meeting SET series_id = NULL WHERE id = :id"),
                       {"id": series["b_meeting"].id})
    db.session.commit()
    assert _menu(world.other.id) == [] == _through_meetings(world.other.id)
    db.session.execute(text("UPDATE meeting SET series_id = :s WHERE id = :id"),
                       {"s": series["C"].id, "id": series["b_meeting"].id})
    db.session.commit()
    assert _menu(world.other.id) == ["C 人才工作会"] == _through_meetings(world.other.id)


def test_a_parks_list_page_offers_only_its_series(client, world, series, as_user):
    db.session.add_all([
        ActionItem(meeting=world.meeting, text="田心的事项", owner_park_id=world.other.id),
        ActionItem(meeting=series["b_meeting"], text="经开区的事项", owner_park_id=world.third.id),
    ])
    db.session.commit()
    as_user(world.other_staff)
    html = client.get("/meetings/actions/").get_data(as_text=True)
    assert f'value="{series["A"].id}"' in html and "A 联席会议" in html
    assert "B 土地专题会" not in html and "C 人才工作会" not in html


def test_recount_tallies_gives_items_their_meetings_series_back(world, series, runner):
    item = ActionItem(meeting=world.meeting, text="田心的事项", owner_park_id=world.other.id)
    db.session.add(item)
    db.session.commit()
    # a load with row triggers off leaves the copy empty (UPDATE OF series_id fires nothing)
    db.session.execute(text("UPDATE action_item SET series_id = NULL WHERE id = :id"),
                       {"id": item.id})
    db.session.commit()
    assert _menu(world.other.id) == []

    result = runner.invoke(args=["hub", "recount-tallies"])
    assert result.exit_code == 0, result.output
    assert "series of 1 action items corrected" in result.output
    assert _menu(world.other.id) == ["A 联席会议"] == _through_meetings(world.other.id)
    again = runner.invoke(args=["hub", "recount-tallies"])
    assert "series of 0 action items corrected" in again.output
