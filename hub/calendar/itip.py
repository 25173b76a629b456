"""iTIP parts of the meeting mails: the recipient as ATTENDEE, and the REQUEST / CANCEL calendars
of a series change (hub.meetings.changes). Built from the blocks of hub.calendar.services.
"""

from dataclasses import dataclass
from datetime import datetime

from icalendar import Event, vCalAddress, vText
from icalendar.parser import Contentline
from sqlalchemy import select

from hub.agenda.models import Attendance
from hub.calendar.services import (
    _calendar,
    _finish,
    _language,
    _organizer,
    _times,
    _zone,
    occurrence_event,
)
from hub.extensions import db
from hub.meetings.models import Meeting
from hub.timeutil import utcnow

PARTSTAT = {"attending": "ACCEPTED", "declined": "DECLINED"}


def address(user, reply: str | None = None) -> vCalAddress | None:
    """`user` as an ATTENDEE whose park replied `reply` ("attending", "declined" or None);
    None for a user without an email address (an ATTENDEE is a calendar address)."""
    email = (getattr(user, "email", None) or "").strip()
    if not email:
        return None
    attendee = vCalAddress(f"mailto:{email}")
    attendee.params["CN"] = vText(user.display_name or user.username)
    attendee.params["CUTYPE"] = vText("INDIVIDUAL")
    attendee.params["ROLE"] = vText("REQ-PARTICIPANT")
    attendee.params["PARTSTAT"] = vText(PARTSTAT.get(reply or "", "NEEDS-ACTION"))
    return attendee


def replies_of(meeting_ids: list[int]) -> dict[tuple[int, int], str]:
    """{(meeting id, park id): "attending" / "declined"} of the parks' attendance replies."""
    if not meeting_ids:
        return {}
    rows = db.session.execute(
        select(Attendance.meeting_id, Attendance.park_id, Attendance.status)
        .where(Attendance.meeting_id.in_(meeting_ids), Attendance.status.is_not(None))).all()
    return {(m, p): status.value for m, p, status in rows}


def attendee_of(user, meeting_ids: list[int]) -> dict[int, vCalAddress]:
    """`user` as the ATTENDEE of each of `meeting_ids` (one query): PARTSTAT from the attendance
    reply (参会回执) of the user's park — ACCEPTED, DECLINED, else NEEDS-ACTION. Empty for a user
    without an email address."""
    if address(user) is None:
        return {}
    replies = replies_of(meeting_ids)
    return {mid: address(user, replies.get((mid, user.park_id))) for mid in meeting_ids}


def attendee_line(user, reply: str | None = None) -> bytes | None:
    """The ATTENDEE content line of `address(user, reply)`, folded, written directly (building
    it through icalendar costs ≈ 0.5 ms, and a reminder fan-out puts one in per recipient)."""
    email = (getattr(user, "email", None) or "").strip()
    if not email:
        return None
    name = " ".join(str(user.display_name or user.username).split()).replace('"', "'")
    line = (f'ATTENDEE;CN="{name}";CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;'
            f'PARTSTAT={PARTSTAT.get(reply or "", "NEEDS-ACTION")}:mailto:{email}')
    return Contentline(line).to_ical()  # folded at 75 octets, UTF-8


def with_attendee(ics: bytes, line: bytes | None) -> bytes:
    """`ics` with the ATTENDEE `line` (attendee_line) added to each VEVENT, so that a calendar
    built once serves every recipient."""
    if line is None:
        return ics
    return ics.replace(b"END:VEVENT\r\n", line + b"\r\nEND:VEVENT\r\n")


@dataclass(frozen=True)
class RemovedInstance:
    """An occurrence that no longer exists (its row is gone): what its CANCEL needs."""

    uid: str
    rid: datetime
    sequence: int  # the CANCEL's SEQUENCE: above the last one sent for the instance
    title: str
    starts_at: datetime
    ends_at: datetime
    timezone: str
    location: str = ""


def _cancel_event(item: RemovedInstance, *, stamp: datetime, organizer: vCalAddress,
                  attendee: vCalAddress | None) -> Event:
    tz = _zone(item.timezone)
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", stamp)
    event.add("sequence", item.sequence)
    event.add("recurrence-id", item.rid.astimezone(tz))
    _times(event, item.starts_at, item.ends_at, tz)
    event.add("summary", item.title)
    if item.location:
        event.add("location", item.location)
    event.add("organizer", organizer)
    if attendee is not None:
        event.add("attendee", attendee)
    event.add("status", "CANCELLED")
    return event


def series_itip(requests: list[Meeting], cancels: list[RemovedInstance], *,
                locale: str | None = None,
                attendees: dict[int, vCalAddress] | None = None,
                attendee: vCalAddress | None = None) -> list[tuple[str, bytes]]:
    """The iTIP parts of a series change: [("REQUEST", ics)] with a VEVENT per meeting of
    `requests` (a cancelled one goes into the CANCEL part instead), then [("CANCEL", ics)] with a
    VEVENT per cancelled meeting and per removed instance. Either part is left out when empty.
    `attendees` maps a meeting id to its ATTENDEE; `attendee` is used for removed instances."""
    attendees = attendees or {}
    stamp, organizer = utcnow(), _organizer()
    live = [m for m in requests if not m.is_cancelled]
    dead = [m for m in requests if m.is_cancelled]
    parts: list[tuple[str, bytes]] = []
    with _language(locale):
        if live:
            cal = _calendar("REQUEST")
            for meeting in live:
                cal.add_component(occurrence_event(meeting, stamp=stamp, organizer=organizer,
                                                   attendee=attendees.get(meeting.id)))
            parts.append(("REQUEST", _finish(cal, [m.starts_at for m in live]
                                             + [m.rid or m.starts_at for m in live])))
        if dead or cancels:
            cal = _calendar("CANCEL")
            for meeting in dead:
                cal.add_component(occurrence_event(meeting, stamp=stamp, organizer=organizer,
                                                   attendee=attendees.get(meeting.id)))
            for item in cancels:
                cal.add_component(_cancel_event(item, stamp=stamp, organizer=organizer,
                                                attendee=attendee))
            parts.append(("CANCEL", _finish(
                cal, [m.starts_at for m in dead] + [c.starts_at for c in cancels]
                + [c.rid for c in cancels])))
    return parts
