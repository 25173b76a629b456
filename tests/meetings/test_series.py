"""Series editing: host rotation and override, exceptions surviving an edit, sequence, the
protector registry, horizon extension, events."""

import re
from datetime import UTC, date, datetime, time, timedelta

import pytest

from hub import events
from hub.audit.models import AuditEntry
from hub.extensions import db
from hub.meetings import occurrences, queries, services
from hub.meetings.models import Meeting, MeetingStatus
from tests.meetings.conftest import NOW, series_input


def rows(series) -> list[Meeting]:
    db.session.expire_all()
    return list(db.session.execute(db.select(Meeting).where(Meeting.series_id == series.id)
                                   .order_by(Meeting.starts_at)).scalars())


def on(series, day: date) -> Meeting:
    [meeting] = [m for m in rows(series) if queries.local_date_of_original(m) == day]
    return meeting


def local_time(meeting) -> time:
    return meeting.starts_at.astimezone(queries.recurrence.zone(meeting.timezone)).time()


@pytest.fixture
def captured(monkeypatch):
    seen = []
    for kind in ("meeting.created", "meeting.changed", "meeting.cancelled"):
        monkeypatch.setitem(events._handlers, kind,
                            [lambda kind=kind, **payload: seen.append((kind, payload))])
    return seen


def test_rotation_counts_rule_dates_from_the_start(make_series):
    series = make_series()  # second Tuesdays from January 2026, hosts 高新区 → 田心 → 经开区
    found = rows(series)
    assert found[0].starts_at == datetime(2026, 1, 13, 1, 30, tzinfo=UTC)
    assert [m.host_park.short_name for m in found[:7]] == [
        "高新区", "田心", "经开区", "高新区", "田心", "经开区", "高新区"]
    # materialized through the horizon: 12 months after "today" (1 June 2026)
    assert series.horizon_until == date(2027, 6, 1)
    assert queries.local_date(found[-1]) == date(2027, 5, 11)


def test_host_override_survives_a_series_edit(make_series, admin, parks, captured):
    series = make_series()
    july = on(series, date(2026, 7, 14))
    assert july.host_park.short_name == "高新区"  # rule date number 6
    occurrences.override_host(admin, july, parks["醴陵"], version=july.version)
    db.session.commit()
    assert captured[-1][0] == "meeting.changed"
    assert captured[-1][1]["changes"] == {"host_park": ["高新区", "醴陵"]}
    services.update_series(admin, series, series_input(series, start_time=time(14, 0)),
                           version=series.version, now=NOW)
    db.session.commit()
    july = on(series, date(2026, 7, 14))
    assert july.host_park.short_name == "醴陵" and july.host_overridden
    assert local_time(july) == time(14, 0)  # the rest follows the series


def test_exceptions_survive_a_time_change(make_series, admin, monkeypatch):
    series = make_series()
    past = on(series, date(2026, 5, 12))
    past_before = (past.starts_at, past.sequence, past.version)
    july = on(series, date(2026, 7, 14))
    occurrences.move(admin, july, occurrences.MoveInput(
        day=date(2026, 7, 16), start_time=time(15, 0), duration_minutes=90,
        location="田心会议室", online_url=""), version=july.version)
    august = on(series, date(2026, 8, 11))
    occurrences.cancel(admin, august, "与防汛会冲突", version=august.version)
    september = on(series, date(2026, 9, 8))
    db.session.commit()
    monkeypatch.setattr(services, "_protectors", [lambda ids: {september.id} & set(ids)])

    services.update_series(admin, series, series_input(series, start_time=time(14, 0),
                                                      location="新会议室"),
                           version=series.version, now=NOW)
    db.session.commit()

    july = on(series, date(2026, 7, 14))
    assert july.moved and queries.local_date(july) == date(2026, 7, 16)
    assert local_time(july) == time(15, 0) and july.location == "田心会议室"
    # re-keyed to the new rule time: its RECURRENCE-ID still replaces the right instance
    assert july.original_start == datetime(2026, 7, 14, 6, 0, tzinfo=UTC)
    august = on(series, date(2026, 8, 11))
    assert august.status is MeetingStatus.CANCELLED and local_time(august) == time(9, 30)
    september = on(series, date(2026, 9, 8))
    assert local_time(september) == time(9, 30) and september.location == "管委会三楼会议室"
    october = on(series, date(2026, 10, 13))
    assert local_time(october) == time(14, 0) and october.location == "新会议室"
    past = on(series, date(2026, 5, 12))
    assert (past.starts_at, past.sequence, past.version) == past_before
    # one meeting per rule date, no duplicates
    days = [queries.local_date_of_original(m) for m in rows(series)]
    assert len(days) == len(set(days))


def test_rule_change_deletes_unprotected_dates_only(make_series, admin):
    series = make_series()
    july = on(series, date(2026, 7, 14))
    occurrences.cancel(admin, july, "改期", version=july.version)
    db.session.commit()
    july_id = july.id
    services.update_series(admin, series, series_input(series, rrule="FREQ=MONTHLY;BYDAY=3TU"),
                           version=series.version, now=NOW)
    db.session.commit()
    days = [queries.local_date_of_original(m) for m in rows(series)]
    assert date(2026, 5, 12) in days  # past: untouched
    assert date(2026, 6, 9) not in days and date(2026, 6, 16) in days
    assert date(2026, 7, 14) in days and date(2026, 7, 21) in days  # cancelled one kept
    assert db.session.get(Meeting, july_id).is_cancelled
    assert date(2026, 8, 11) not in days and date(2026, 8, 18) in days


def test_sequence_rises_with_each_change(make_series, admin, captured):
    series = make_series()
    june = on(series, date(2026, 6, 9))
    assert june.sequence == 0
    occurrences.move(admin, june, occurrences.MoveInput(
        day=date(2026, 6, 10), start_time=time(9, 30), duration_minutes=120,
        location=june.location, online_url=""), version=june.version)
    db.session.commit()
    assert on(series, date(2026, 6, 9)).sequence == 1
    assert captured[-1][0] == "meeting.changed"
    assert set(captured[-1][1]["changes"]) == {"starts_at", "ends_at"}
    june = on(series, date(2026, 6, 9))
    occurrences.cancel(admin, june, "临时取消", version=june.version)
    db.session.commit()
    assert on(series, date(2026, 6, 9)).sequence == 2
    assert captured[-1][0] == "meeting.cancelled" and captured[-1][1]["reason"] == "临时取消"
    october_sequence = on(series, date(2026, 10, 13)).sequence
    assert october_sequence == 0
    services.update_series(admin, series, series_input(series, duration_minutes=90),
                           version=series.version, now=NOW)
    db.session.commit()
    assert on(series, date(2026, 10, 13)).sequence == 1
    assert on(series, date(2026, 6, 9)).sequence == 2  # cancelled: left alone
    assert db.session.execute(db.select(AuditEntry).where(
        AuditEntry.action == "cancel")).scalar_one().changes["cancel_reason"] == ["", "临时取消"]


def test_participants_follow_the_series_on_unprotected_rows(make_series, admin, parks):
    series = make_series()
    services.update_series(admin, series, series_input(
        series, parks=[parks["高新区"], parks["醴陵"]]), version=series.version, now=NOW)
    db.session.commit()
    assert [p.short_name for p in on(series, date(2026, 7, 14)).parks] == ["高新区", "醴陵"]
    assert [p.short_name for p in on(series, date(2026, 5, 12)).parks] == [
        "高新区", "田心", "经开区"]


def test_stale_series_edit_refused(make_series, admin):
    from hub.concurrency import StaleEdit

    series = make_series()
    with pytest.raises(StaleEdit):
        services.update_series(admin, series, series_input(series), version=series.version - 1,
                               now=NOW)


def test_extend_horizons_adds_new_dates_only(make_series, admin):
    series = make_series()
    before = {m.id: (m.starts_at, m.version) for m in rows(series)}
    later = date(2026, 8, 20)
    created = services.extend_horizons(later, now=NOW + timedelta(days=80))
    assert created == 3  # 8 June, 13 July and 10 August 2027
    assert series.horizon_until == date(2027, 8, 20)
    after = rows(series)
    assert {m.id: (m.starts_at, m.version) for m in after if m.id in before} == before
    assert queries.local_date(after[-1]) == date(2027, 8, 10)
    # rule dates number 17, 18, 19 of the rotation 高新区 → 田心 → 经开区
    assert [m.host_park.short_name for m in after][-3:] == ["经开区", "高新区", "田心"]
    assert services.extend_horizons(later, now=NOW + timedelta(days=80)) == 0


def test_deactivate_removes_unprotected_future_meetings(make_series, admin):
    series = make_series()
    july = on(series, date(2026, 7, 14))
    occurrences.cancel(admin, july, "x", version=july.version)
    db.session.commit()
    services.set_active(admin, series, False, now=NOW)
    db.session.commit()
    days = [queries.local_date_of_original(m) for m in rows(series)]
    assert days[-1] == date(2026, 7, 14) and len(days) == 6  # Jan–May past + cancelled July
    assert services.extend_horizons(date(2026, 9, 1)) == 0
    services.set_active(admin, series, True, now=NOW)
    db.session.commit()
    assert len(rows(series)) == 17


def test_cli_extend_horizon(runner, make_series):
    make_series()
    result = runner.invoke(args=["hub", "extend-horizon"])
    assert result.exit_code == 0 and "meeting(s) created" in result.output


def test_series_list_names_the_rotation_in_turn_and_the_parks_by_registration(
        client, login, admin, make_series):
    """The list's host and park columns (read as names, not entities: issue 16)."""
    rotating = make_series(title="轮值例会", park_names=("醴陵", "高新区", "田心"),
                           hosts=("经开区", "高新区", "田心"))
    plain = make_series(title="无轮值例会", park_names=("茶陵",), hosts=())
    login(admin)
    html = client.get("/meetings/series/").get_data(as_text=True)

    def cells(series) -> list[str]:
        row = html.split(f'data-series-id="{series.id}"')[1].split("</tr>")[0]
        return re.findall(r'<td class="small">([^<]*)</td>', row)

    assert cells(rotating) == ["经开区 → 高新区 → 田心", "高新区、田心、醴陵"]
    assert cells(plain) == ["—", "茶陵"]
