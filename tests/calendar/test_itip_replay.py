"""Issue 10 (3 and 9): a calendar client that applies, in order, every iTIP part mailed to one
person ends with exactly the app's occurrences — through series edits, single moves, move-backs,
cancel/reinstate, reminders, deactivation and reactivation.

The client is modelled as a store keyed by (UID, RECURRENCE-ID) that follows RFC 5546: a REQUEST
creates or updates the instance unless it carries a lower SEQUENCE than the one held (or than a
CANCEL already applied); a CANCEL removes it. Mails are the .eml files the scheduler writes.
"""

from datetime import UTC, date, datetime, time, timedelta
from email import message_from_bytes, policy
from pathlib import Path

from flask import current_app
from icalendar import Calendar

from hub.agenda import attendance
from hub.extensions import db
from hub.meetings import occurrences, services
from hub.meetings.models import MeetingStatus
from hub.notify import sender
from hub.notify.models import Channel, Delivery
from tests.agenda.factories import NOW, occurrence_on, series_input

SHANGHAI = services.recurrence.zone("Asia/Shanghai")


class Client:
    """One person's calendar, fed by their mails."""

    def __init__(self, user):
        self.user = user
        self.seen: set[str] = set()
        self.store: dict[tuple[str, datetime], dict] = {}
        self.cancelled: dict[tuple[str, datetime], int] = {}  # SEQUENCE of the applied CANCEL
        self.mails: list = []

    def new_mails(self) -> list:
        outbox = Path(current_app.instance_path) / "outbox"
        files = sorted((p for p in outbox.glob("*.eml") if p.name not in self.seen),
                       key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        out = []
        for path in files:
            self.seen.add(path.name)
            msg = message_from_bytes(path.read_bytes(), policy=policy.default)
            if self.user.email in msg["To"]:
                out.append(msg)
        self.mails.extend(out)
        return out

    def receive(self) -> list:
        """Apply the iTIP parts of the mails that arrived, in order."""
        mails = self.new_mails()
        for msg in mails:
            for method, cal in calendar_parts(msg):
                self.apply(method, cal)
        return mails

    def apply(self, method: str, cal: Calendar) -> None:
        for event in cal.walk("VEVENT"):
            rid = event.decoded("RECURRENCE-ID") if "RECURRENCE-ID" in event else None
            key = (str(event["UID"]), rid.astimezone(UTC) if rid else None)
            seq = int(event.get("SEQUENCE", 0))
            held = self.store.get(key, {}).get("sequence", -1)
            if seq < max(held, self.cancelled.get(key, -1)):
                continue  # older than what the client has
            if method == "CANCEL" or str(event.get("STATUS")) == "CANCELLED":
                self.store.pop(key, None)
                self.cancelled[key] = seq
                continue
            self.store[key] = {"start": event.decoded("DTSTART").astimezone(UTC),
                               "end": event.decoded("DTEND").astimezone(UTC),
                               "location": str(event.get("LOCATION", "")), "sequence": seq}

    def future(self, now: datetime) -> dict:
        return {k: (v["start"], v["end"], v["location"]) for k, v in self.store.items()
                if v["start"] > now}


def calendar_parts(msg) -> list[tuple[str, Calendar]]:
    """Each distinct text/calendar part (the inline alternative repeats the first attachment);
    its `method=` must be the calendar's METHOD."""
    out, seen = [], set()
    for part in msg.walk():
        if part.get_content_type() != "text/calendar":
            continue
        data = part.get_payload(decode=True)
        cal = Calendar.from_ical(data)
        assert part.get_param("method") == str(cal["METHOD"])
        if data not in seen:
            seen.add(data)
            out.append((str(cal["METHOD"]), cal))
    return out


def app_future(series, now: datetime) -> dict:
    db.session.expire_all()
    return {(series.uid, m.rid): (m.starts_at, m.ends_at, m.location)
            for m in services.occurrences(series)
            if m.status is MeetingStatus.SCHEDULED and m.starts_at > now}


def send_all():
    db.session.commit()
    sender.tick()


def series_mails(client: Client, mails: list) -> list:
    return [m for m in mails if m["X-ParkHub-Kind"] == "meeting.series_changed"]


def test_a_calendar_applying_every_mail_in_order_ends_with_the_apps_occurrences(
        app, world, make_series, clock):
    person = world.liling_user
    client = Client(person)

    def check(now):
        client.receive()
        assert client.future(now) == app_future(series, now)

    # 1. a new series: one invitation (REQUEST of every coming occurrence)
    series = make_series()
    send_all()
    mails = client.new_mails()
    assert len(series_mails(client, mails)) == 1
    for msg in mails:
        for method, cal in calendar_parts(msg):
            client.apply(method, cal)
    assert client.future(NOW) == app_future(series, NOW) and len(client.store) >= 10

    # 2. the series moves to 14:00 in another room: ONE mail, REQUESTs keyed by the instance the
    # client holds (RECURRENCE-ID 09:30) with a higher SEQUENCE, the person as ATTENDEE
    first = occurrence_on(series, date(2026, 9, 8))
    rid, seq = first.rid, first.sequence
    services.update_series(world.admin, series, series_input(
        world, start_time=time(14, 0), location="醴陵经开区会议中心"), version=series.version,
        now=NOW)
    send_all()
    mails = client.new_mails()
    assert len(mails) == 1 and mails[0]["X-ParkHub-Kind"] == "meeting.series_changed"
    text = mails[0].get_body(("plain",)).get_content()
    assert "2026-09-08 09:30 → 2026-09-08 14:00" in text and "醴陵经开区会议中心" in text
    [(method, cal)] = calendar_parts(mails[0])
    event = next(e for e in cal.walk("VEVENT")
                 if e.decoded("RECURRENCE-ID").astimezone(UTC) == rid)
    assert method == "REQUEST" and int(event["SEQUENCE"]) > seq
    assert event.decoded("DTSTART") == datetime(2026, 9, 8, 14, 0, tzinfo=SHANGHAI)
    assert str(event["ATTENDEE"]) == f"mailto:{person.email}"
    assert event["ATTENDEE"].params["PARTSTAT"] == "NEEDS-ACTION"
    assert str(event["ORGANIZER"]).startswith("mailto:")
    client.apply(method, cal)
    assert client.future(NOW) == app_future(series, NOW)

    # 3. one occurrence moved by hand, then back; the person's park said it attends
    nov = occurrence_on(series, date(2026, 11, 10))
    attendance.reply(nov, park_id=world.liling.id, attending=True, attendees="王五", reason="",
                     by=person, now=NOW)
    occurrences.move(world.admin, nov, occurrences.MoveInput(
        day=date(2026, 11, 11), start_time=time(9, 0), duration_minutes=90, location="田心",
        online_url=""), version=nov.version)
    send_all()
    mails = client.receive()
    assert client.future(NOW) == app_future(series, NOW)
    [(method, cal)] = calendar_parts(mails[-1])
    assert cal.walk("VEVENT")[0]["ATTENDEE"].params["PARTSTAT"] == "ACCEPTED"
    nov = occurrence_on(series, date(2026, 11, 11))
    occurrences.move(world.admin, nov, occurrences.MoveInput(
        day=date(2026, 11, 10), start_time=time(14, 0), duration_minutes=120,
        location="醴陵经开区会议中心", online_url=""), version=nov.version)
    send_all()
    check(NOW)

    # 4. the reminder a day before the moved series time: the same instance, not a second one
    now = datetime(2026, 9, 7, 14, 1, tzinfo=SHANGHAI).astimezone(UTC)
    clock.move_to(now)
    send_all()
    mails = client.receive()
    assert any(m["X-ParkHub-Kind"] == "meeting.reminder" for m in mails)
    assert client.future(now) == app_future(series, now)

    # 5. the rule changes (2nd Tuesday → 3rd Wednesday): Tuesdays cancelled, Wednesdays added,
    # the protected ones (attendance replied, moved by hand) kept
    services.update_series(world.admin, series, series_input(
        world, start_time=time(14, 0), location="醴陵经开区会议中心",
        rrule="FREQ=MONTHLY;BYDAY=3WE"), version=series.version, now=now)
    send_all()
    mails = series_mails(client, client.receive())
    assert len(mails) == 1
    assert [m for m, _cal in calendar_parts(mails[0])] == ["REQUEST", "CANCEL"]
    assert client.future(now) == app_future(series, now)
    assert any(k[1] == nov.rid for k in app_future(series, now))

    # 6. one occurrence cancelled, then reinstated
    wed = occurrence_on(series, date(2026, 12, 16))
    occurrences.cancel(world.admin, wed, "另行安排", version=wed.version)
    send_all()
    check(now)
    occurrences.reinstate(world.admin, wed, version=wed.version)
    send_all()
    check(now)

    # 7. deactivated: the coming meetings are cancelled, the protected ones stay
    services.set_active(world.admin, series, False, version=series.version, now=now)
    send_all()
    mails = series_mails(client, client.receive())
    assert len(mails) == 1
    assert "CANCEL" in [m for m, _cal in calendar_parts(mails[0])]
    assert client.future(now) == app_future(series, now)
    assert len(app_future(series, now)) == 2  # the moved-back November one and the reinstated

    # 8. reactivated: the instances come back with a SEQUENCE above their CANCEL
    services.set_active(world.admin, series, True, version=series.version, now=now)
    send_all()
    check(now)
    assert len(app_future(series, now)) > 5

    # 9. another time change, and deactivation once more
    services.update_series(world.admin, series, series_input(
        world, start_time=time(15, 30), location="高新区管委会", rrule="FREQ=MONTHLY;BYDAY=3WE"),
        version=series.version, now=now)
    send_all()
    check(now)
    services.set_active(world.admin, series, False, version=series.version, now=now)
    send_all()
    check(now)

    # one message per change and person (in-app and mail), never one per occurrence
    rows = db.session.execute(db.select(Delivery).where(
        Delivery.kind == "meeting.series_changed", Delivery.user_id == person.id)).scalars()
    per_channel = {}
    for row in rows:
        per_channel.setdefault(row.channel, []).append(row)
    assert len(per_channel[Channel.EMAIL]) == len(per_channel[Channel.INAPP]) == 7


def test_reminder_keeps_the_recurrence_id_the_client_holds(app, world, make_series, clock):
    """Before: a series time change re-keyed original_start, and the next reminder's REQUEST
    carried the new RECURRENCE-ID — the client then held two instances."""
    series = make_series()
    first = occurrence_on(series, date(2026, 9, 8))
    rid = first.rid
    services.update_series(world.admin, series, series_input(world, start_time=time(16, 0)),
                           version=series.version, now=NOW)
    db.session.commit()
    first = occurrence_on(series, date(2026, 9, 8))
    assert first.original_start != rid and first.rid == rid
    client = Client(world.jkq_user)
    clock.move_to(first.starts_at - timedelta(minutes=59))
    send_all()
    mails = [m for m in client.new_mails() if m["X-ParkHub-Kind"] == "meeting.reminder"]
    assert mails
    [(method, cal)] = calendar_parts(mails[-1])
    event = cal.walk("VEVENT")[0]
    assert method == "REQUEST"
    assert event.decoded("RECURRENCE-ID").astimezone(UTC) == rid
    assert event.decoded("DTSTART") == datetime(2026, 9, 8, 16, 0, tzinfo=SHANGHAI)
    assert str(event["ATTENDEE"]) == f"mailto:{world.jkq_user.email}"


def app_future_of(user, series, now: datetime) -> dict:
    db.session.expire_all()
    out = {}
    for m in services.occurrences(series):
        parks = {p.id for p in m.parks} | {m.host_park_id}
        if (m.status is MeetingStatus.SCHEDULED and m.starts_at > now
                and (user.park_id in parks or user in m.people)):
            out[(series.uid, m.rid)] = (m.starts_at, m.ends_at, m.location)
    return out


def test_a_park_taken_off_a_series_gets_cancels_and_back_requests(app, world, make_series,
                                                                  clock):
    stays, leaves = Client(world.liling_user), Client(world.jkq_user)
    series = make_series()
    send_all()

    def check():
        for client in (stays, leaves):
            client.receive()
            assert client.future(NOW) == app_future_of(client.user, series, NOW)

    check()
    assert leaves.store
    services.update_series(world.admin, series, series_input(world, parks=[world.liling]),
                           version=series.version, now=NOW)
    send_all()
    check()
    assert not leaves.future(NOW) and stays.future(NOW)
    # nothing changed for the park that stays: its message is skipped, no mail
    assert not series_mails(stays, stays.mails[1:])
    services.update_series(world.admin, series, series_input(
        world, parks=[world.liling, world.jkq], start_time=time(10, 0)),
        version=series.version, now=NOW)
    send_all()
    check()
    assert len(leaves.future(NOW)) == len(stays.future(NOW)) > 5
