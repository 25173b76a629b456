"""One meeting at a time: one-off meetings, and moving, cancelling or re-hosting one occurrence
without touching its series. Plain functions; the caller checks permissions and commits.

Every change of time, place or status bumps `meeting.sequence` (iCalendar SEQUENCE) and emits a
domain event (hub.events) before the commit: meeting.created, meeting.changed, meeting.cancelled.
"""

from dataclasses import dataclass
from datetime import date, time, timedelta

from flask_babel import lazy_gettext as _l

from hub import audit, events
from hub.concurrency import check_version
from hub.domain import DomainError
from hub.extensions import db
from hub.meetings import recurrence
from hub.meetings.models import Meeting, MeetingStatus
from hub.meetings.services import SCHEDULE_FIELDS, bump_sequence


class MeetingError(DomainError):
    """A refused step: `code` is 'cancelled' (already cancelled) or 'not_cancelled'."""

    messages = {
        "cancelled": _l("This meeting is cancelled."),
        "not_cancelled": _l("This meeting is not cancelled."),
    }
    status = 409


@dataclass
class OneOffInput:
    title: str
    description: str
    day: date
    start_time: time
    timezone: str
    duration_minutes: int
    location: str
    online_url: str
    reminder_offsets: list[int]
    agenda_cutoff_hours: int
    host_park_id: int | None
    parks: list
    people: list


@dataclass
class MoveInput:
    day: date
    start_time: time
    duration_minutes: int
    location: str
    online_url: str


def _set_time(meeting: Meeting, day: date, start_time: time, tz: str, minutes: int) -> None:
    old_start = meeting.starts_at
    cutoff_delta = None
    if old_start is not None and meeting.agenda_cutoff is not None:
        cutoff_delta = old_start - meeting.agenda_cutoff
    meeting.timezone = tz
    meeting.starts_at = recurrence.local_start(day, start_time, tz)
    meeting.ends_at = meeting.starts_at + timedelta(minutes=minutes)
    if cutoff_delta is not None:
        meeting.agenda_cutoff = meeting.starts_at - cutoff_delta


def create_one_off(by, data: OneOffInput) -> Meeting:
    meeting = Meeting(
        series_id=None, original_start=None, title=data.title, description=data.description,
        location=data.location, online_url=data.online_url, host_park_id=data.host_park_id,
        reminder_offsets=sorted({int(m) for m in data.reminder_offsets}, reverse=True),
        created_by_id=getattr(by, "id", None), sequence=0, status=MeetingStatus.SCHEDULED,
    )
    _set_time(meeting, data.day, data.start_time, data.timezone, data.duration_minutes)
    meeting.agenda_cutoff = meeting.starts_at - timedelta(hours=data.agenda_cutoff_hours)
    meeting.parks = list(data.parks)
    meeting.people = list(data.people)
    db.session.add(meeting)
    db.session.flush()
    audit.record(by, "create", meeting, {
        "title": [None, meeting.title], "starts_at": [None, meeting.starts_at],
        "location": [None, meeting.location],
        "parks": [None, [p.short_name for p in meeting.parks]]})
    events.emit("meeting.created", meeting=meeting, by=by)
    return meeting


def update_one_off(by, meeting: Meeting, data: OneOffInput, *, version) -> dict:
    """Edit a one-off meeting (everything its form holds). Raises StaleEdit."""
    check_version(meeting, version)
    fields = (*SCHEDULE_FIELDS, "title", "description", "host_park_id", "reminder_offsets",
              "timezone", "agenda_cutoff")
    before = audit.snapshot(meeting, fields)
    before_parks = [p.short_name for p in meeting.parks]
    before_people = sorted(u.display_name for u in meeting.people)
    meeting.title = data.title
    meeting.description = data.description
    meeting.location = data.location
    meeting.online_url = data.online_url
    meeting.host_park_id = data.host_park_id
    meeting.reminder_offsets = sorted({int(m) for m in data.reminder_offsets}, reverse=True)
    _set_time(meeting, data.day, data.start_time, data.timezone, data.duration_minutes)
    meeting.agenda_cutoff = meeting.starts_at - timedelta(hours=data.agenda_cutoff_hours)
    meeting.parks = list(data.parks)
    meeting.people = list(data.people)
    changes = audit.diff(before, meeting)
    if [p.short_name for p in meeting.parks] != before_parks:
        changes["parks"] = [before_parks, [p.short_name for p in meeting.parks]]
    if sorted(u.display_name for u in meeting.people) != before_people:
        changes["people"] = [before_people, sorted(u.display_name for u in meeting.people)]
    if changes:
        bump_sequence(meeting, changes)
        audit.record(by, "update", meeting, changes)
        told = {k: v for k, v in changes.items()
                if k in (*SCHEDULE_FIELDS, "host_park_id")}
        if told:
            events.emit("meeting.changed", meeting=meeting, by=by, changes=told)
    return changes


def move(by, meeting: Meeting, data: MoveInput, *, version) -> dict:
    """Move one meeting in time or place (its series stays as it is). Raises StaleEdit,
    MeetingError('cancelled')."""
    check_version(meeting, version)
    if meeting.is_cancelled:
        raise MeetingError("cancelled")
    before = audit.snapshot(meeting, ("starts_at", "ends_at", "location", "online_url"))
    _set_time(meeting, data.day, data.start_time, meeting.timezone, data.duration_minutes)
    meeting.location = data.location
    meeting.online_url = data.online_url
    changes = audit.diff(before, meeting)
    if changes:
        if meeting.series_id is not None:
            meeting.moved = True
        bump_sequence(meeting, changes)
        audit.record(by, "move", meeting, changes)
        events.emit("meeting.changed", meeting=meeting, by=by, changes=changes)
    return changes


def cancel(by, meeting: Meeting, reason: str, *, version) -> None:
    """Cancel one meeting with a reason. Raises StaleEdit, MeetingError('cancelled')."""
    check_version(meeting, version)
    if meeting.is_cancelled:
        raise MeetingError("cancelled")
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancel_reason = reason
    meeting.sequence = (meeting.sequence or 0) + 1
    audit.record(by, "cancel", meeting, {"status": [MeetingStatus.SCHEDULED,
                                                    MeetingStatus.CANCELLED],
                                         "cancel_reason": ["", reason]})
    events.emit("meeting.cancelled", meeting=meeting, by=by, reason=reason)


def reinstate(by, meeting: Meeting, *, version) -> None:
    """Undo a cancellation (the occurrence stays protected as if moved)."""
    check_version(meeting, version)
    if not meeting.is_cancelled:
        raise MeetingError("not_cancelled")
    meeting.status = MeetingStatus.SCHEDULED
    old_reason, meeting.cancel_reason = meeting.cancel_reason, ""
    if meeting.series_id is not None:
        meeting.moved = True  # keeps its own values from now on
    meeting.sequence = (meeting.sequence or 0) + 1
    changes = {"status": [MeetingStatus.CANCELLED, MeetingStatus.SCHEDULED],
               "cancel_reason": [old_reason, ""]}
    audit.record(by, "reinstate", meeting, changes)
    events.emit("meeting.changed", meeting=meeting, by=by, changes=changes)


def override_host(by, meeting: Meeting, park, *, version) -> dict:
    """Give one occurrence another host park (轮值主持 swap); a series edit keeps it."""
    check_version(meeting, version)
    old = meeting.host_park
    new_id = park.id if park is not None else None
    if meeting.host_park_id == new_id:
        return {}
    meeting.host_park_id = new_id
    meeting.host_park = park
    meeting.host_overridden = True
    changes = {"host_park": [old.short_name if old else None,
                             park.short_name if park else None]}
    audit.record(by, "change_host", meeting, changes)
    events.emit("meeting.changed", meeting=meeting, by=by, changes=changes)
    return changes


def local_parts(meeting: Meeting) -> tuple[date, time, int]:
    """The meeting's local date, start time and duration (for the move form)."""
    local = meeting.starts_at.astimezone(recurrence.zone(meeting.timezone))
    minutes = int((meeting.ends_at - meeting.starts_at).total_seconds() // 60)
    return local.date(), local.time().replace(second=0, microsecond=0), minutes

