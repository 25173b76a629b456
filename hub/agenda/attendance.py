"""Attendance (参会回执): each participant park names its attendees or declines with a reason
(one reply per park, changeable until the meeting starts); after the meeting the host records
who actually came. Plain functions with `now` injected; the caller checks permissions, commits."""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, bindparam, func, select

from hub import audit
from hub import permissions as perm
from hub.agenda.models import Attendance, AttendanceStatus
from hub.domain import DomainError
from hub.extensions import db
from hub.meetings.models import Meeting
from hub.parks.models import Park


class AttendanceError(DomainError):
    """`code`: started (replies close when the meeting starts), cancelled, not_started (actual
    attendance is recorded once the meeting has begun), not_participant."""

    messages = {
        "started": _l("The meeting has started; replies can no longer be changed."),
        "cancelled": _l("This meeting was cancelled."),
        "not_started": _l("Who actually came can be recorded once the meeting has begun."),
        "not_participant": _l("That park does not take part in this meeting."),
    }
    status = 409


def names(text: str) -> list[str]:
    """One attendee per line (also split on the Chinese and Western list commas)."""
    out = []
    for line in (text or "").replace("、", "\n").replace("，", "\n").replace(",", "\n") \
            .splitlines():
        name = line.strip()
        if name and name not in out:
            out.append(name)
    return out


def clean_names(text: str) -> str:
    return "\n".join(names(text))


def participant_parks(meeting: Meeting) -> list[Park]:
    """The host park first, then the participant parks."""
    parks = [meeting.host_park] if meeting.host_park is not None else []
    parks += [p for p in meeting.parks if p.id != meeting.host_park_id]
    return parks


def rows_of(meeting_id: int) -> dict[int, Attendance]:
    return {a.park_id: a for a in db.session.execute(
        _ROWS_OF, {"meeting_id": meeting_id}).scalars()}


# built once (the meeting page asks on every request): see hub.meetings.queries.minutes_for
_ROWS_OF = select(Attendance).where(Attendance.meeting_id == bindparam("meeting_id"))


@dataclass
class ParkLine:
    park: Park
    row: Attendance | None  # or a row of its columns (panel_overview)

    @property
    def replied(self) -> bool:
        return self.row is not None and self.row.status is not None

    @property
    def attending(self) -> bool:
        return self.replied and self.row.status is AttendanceStatus.ATTENDING

    @property
    def recorded(self) -> bool:
        return self.row is not None and self.row.present is not None


def overview(meeting: Meeting) -> list[ParkLine]:
    """Per participant park: its reply (or none yet) and what the host recorded."""
    rows = rows_of(meeting.id)
    return [ParkLine(p, rows.get(p.id)) for p in participant_parks(meeting)]


def panel_overview(meeting: Meeting) -> list[ParkLine]:
    """`overview` for the meeting page's panel, which reads of a reply only what its table shows:
    each line's `row` is a row of those columns (not an `Attendance`), loaded on the session's
    connection without the ORM's path (the page asks on every request; 15 parks at scale 10)."""
    rows = {row.park_id: row for row in db.session.connection().execute(
        _PANEL_ROWS, {"meeting_id": meeting.id})}
    return [ParkLine(p, rows.get(p.id)) for p in participant_parks(meeting)]


# the columns ParkLine and hub.agenda.views.common.attendance_rows read
_PANEL_ROWS = select(Attendance.park_id, Attendance.status, Attendance.attendees,
                     Attendance.decline_reason, Attendance.present, Attendance.actual_attendees
                     ).where(Attendance.meeting_id == bindparam("meeting_id"))


@dataclass
class NextReply:
    meeting: Meeting
    status: AttendanceStatus | None  # None: no reply yet


def next_reply_by_park(park_ids, now: datetime) -> dict[int, NextReply]:
    """Per park: its next scheduled meeting not yet started (as host or participant) and its
    reply, in one query (parks with no such meeting are absent)."""
    ids = list(park_ids)
    if not ids:
        return {}
    return next_replies(db.session.execute(next_reply_stmt(ids, now)))


def next_reply_stmt(park_ids, now):
    """The statement of `next_reply_by_park`; `park_ids` and `now` may be bound parameters
    (an expanding one for the ids) of a statement built once (hub.dashboard.statements)."""
    from hub.meetings.models import MeetingStatus

    ranked = (
        select(Park.id.label("park_id"), Meeting.id.label("meeting_id"),
               func.row_number().over(partition_by=Park.id,
                                      order_by=(Meeting.starts_at, Meeting.id)).label("rn"))
        .select_from(Park).join(Meeting, perm.park_takes_part(Park.id))
        .where(Park.id.in_(park_ids), Meeting.status == MeetingStatus.SCHEDULED,
               Meeting.starts_at > now)
    ).subquery()
    return (
        select(ranked.c.park_id, Meeting, Attendance.status)
        .join(Meeting, Meeting.id == ranked.c.meeting_id)
        .outerjoin(Attendance, and_(Attendance.meeting_id == ranked.c.meeting_id,
                                    Attendance.park_id == ranked.c.park_id))
        .where(ranked.c.rn == 1)
    )


def next_replies(rows) -> dict[int, NextReply]:
    """The rows of `next_reply_stmt` by park."""
    return {park_id: NextReply(meeting, status) for park_id, meeting, status in rows}


def is_open(meeting: Meeting, now: datetime) -> bool:
    return not meeting.is_cancelled and now < meeting.starts_at


def _row(meeting: Meeting, park_id: int) -> Attendance:
    row = db.session.execute(select(Attendance).where(
        Attendance.meeting_id == meeting.id, Attendance.park_id == park_id)).scalar()
    if row is None:
        row = Attendance(meeting_id=meeting.id, park_id=park_id, attendees="",
                         decline_reason="", actual_attendees="")
        db.session.add(row)
    return row


def reply(meeting: Meeting, *, park_id: int, attending: bool, attendees: str, reason: str,
          by, now: datetime) -> Attendance:
    """Record (or change) park `park_id`'s reply. Raises AttendanceError."""
    if meeting.is_cancelled:
        raise AttendanceError("cancelled")
    if now >= meeting.starts_at:
        raise AttendanceError("started")
    if park_id not in {p.id for p in participant_parks(meeting)}:
        raise AttendanceError("not_participant")
    row = _row(meeting, park_id)
    fields = ("status", "attendees", "decline_reason")
    before = audit.snapshot(row, fields)
    if attending:
        row.status = AttendanceStatus.ATTENDING
        row.attendees = clean_names(attendees)
        row.decline_reason = ""
    else:
        row.status = AttendanceStatus.DECLINED
        row.attendees = ""
        row.decline_reason = (reason or "").strip()
    changes = audit.diff(before, row) if before["status"] is not None else {
        k: [None, getattr(row, k)] for k in fields}
    row.replied_by_id = by.id
    row.replied_at = now
    db.session.flush()
    if changes:
        audit.record(by, "reply", row, changes, summary=f"{meeting.title} · {row.park.name}")
    return row


@dataclass
class Presence:
    park_id: int
    present: bool
    actual_attendees: str


def record(meeting: Meeting, entries: list[Presence], *, by, now: datetime) -> dict:
    """The host records who actually came, per participant park. Returns the changes by park."""
    if meeting.is_cancelled:
        raise AttendanceError("cancelled")
    if now < meeting.starts_at:
        raise AttendanceError("not_started")
    allowed = {p.id for p in participant_parks(meeting)}
    all_changes = {}
    for entry in entries:
        if entry.park_id not in allowed:
            raise AttendanceError("not_participant")
        row = _row(meeting, entry.park_id)
        before = audit.snapshot(row, ("present", "actual_attendees"))
        row.present = bool(entry.present)
        row.actual_attendees = clean_names(entry.actual_attendees) if entry.present else ""
        changes = audit.diff(before, row)
        if changes:
            row.recorded_by_id = by.id
            row.recorded_at = now
            db.session.flush()
            audit.record(by, "record_attendance", row, changes,
                         summary=f"{meeting.title} · {row.park.name}")
            all_changes[entry.park_id] = changes
    return all_changes


def who_came(meeting: Meeting) -> list[tuple[str, str]]:
    """(park name, attendees) of the parks that came, by park id: what the host recorded, else
    the reply of a park that said it would attend (the minutes' print view lists them)."""
    out = []
    for row in sorted(rows_of(meeting.id).values(), key=lambda r: r.park_id):
        if row.present is not None:
            if row.present:
                out.append((row.park.name, row.actual_attendees or row.attendees))
        elif row.status is AttendanceStatus.ATTENDING:
            out.append((row.park.name, row.attendees))
    return [(park, " ".join((names or "").split())) for park, names in out]
