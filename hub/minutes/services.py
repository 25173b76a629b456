"""Minutes (会议纪要): revisions, the 草稿 → 征求意见 → 签发 workflow, diffs.

Plain functions: no request globals; time comes in as `now` so tests control it. Callers
commit. Events are emitted before the commit (hub.events).

Decisions (议定事项) are ActionItems (hub.actions). They become binding when the minutes are
signed off: `sign_off` emits `action.assigned` for every decision then (decisions cannot be
added afterwards: published minutes are locked).
"""

import difflib
from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l

from hub import audit, events
from hub.actions.models import ActionItem
from hub.auth.models import User
from hub.concurrency import StaleEdit
from hub.domain import DomainError
from hub.extensions import db
from hub.meetings.models import (
    ConfirmationStatus,
    Meeting,
    Minutes,
    MinutesConfirmation,
    MinutesRevision,
    MinutesStatus,
)
from hub.meetings.queries import minutes_for
from hub.parks.models import Park
from hub.timeutil import format_datetime, utcnow

MAX_BODY = 200_000


class MinutesError(DomainError):
    """A workflow step that is not allowed now (409); `code` names why. Two codes belong to a
    form field and are bad input (422): `comment_required`, `unconfirmed`."""

    messages = {
        "locked": _l("These minutes are signed off and published: they and their decisions "
                     "are locked and can no longer be changed."),
        "cancelled": _l("This meeting was cancelled; it has no minutes."),
        "too_long": _l("The minutes are too long."),
        "not_draft": _l("The minutes have already been sent for comment."),
        "empty": _l("Write and save the minutes before sending them for comment."),
        "not_consulting": _l("This is possible only while the minutes are out for comment."),
        "not_a_confirming_park": _l("Only participant parks other than the host confirm the "
                                    "minutes."),
        "comment_required": _l("Please write your comments."),
        "before_meeting": _l("The meeting has not started yet: minutes can be signed off only "
                             "after the meeting's start."),
        "unconfirmed": _l("Some parks have not answered or have open comments: tick the box "
                          "to confirm that you sign off regardless."),
    }
    FIELDS = {"comment_required": "comment", "unconfirmed": "confirm_outstanding"}
    status = 409

    def __init__(self, code: str):
        field = self.FIELDS.get(code)
        super().__init__(code, field, status=422 if field else None)


class StaleRevision(StaleEdit):
    """The form was loaded from revision `base`; someone saved `minutes.revision` since."""

    def __init__(self, minutes: Minutes, base: int):
        super().__init__(minutes)
        self.minutes = minutes
        self.base = base


def summary(meeting: Meeting) -> str:
    return f"{meeting.title} {format_datetime(meeting.starts_at, '%Y-%m-%d')}"[:255]


def minutes_status(meeting: Meeting) -> MinutesStatus | None:
    return db.session.execute(
        db.select(Minutes.status).where(Minutes.meeting_id == meeting.id)
    ).scalar_one_or_none()


def is_locked(meeting: Meeting) -> bool:
    return minutes_status(meeting) is MinutesStatus.PUBLISHED


def decisions(meeting_id: int) -> list[ActionItem]:
    from sqlalchemy.orm import joinedload, selectinload

    return list(db.session.execute(
        db.select(ActionItem).where(ActionItem.meeting_id == meeting_id)
        .options(joinedload(ActionItem.owner_park), joinedload(ActionItem.assignee),
                 selectinload(ActionItem.land_cases))
        .order_by(ActionItem.position, ActionItem.id)
    ).scalars())


# --- saving: every save is a revision -----------------------------------------------------------
def save(meeting: Meeting, body: str, base_revision: int, *, by: User,
         now: datetime | None = None) -> Minutes | None:
    """Save `body` as a new revision; created on the first save.

    Returns the minutes, or None when nothing changed (no empty revision is written).
    Raises MinutesError("locked" / "cancelled") or StaleRevision.
    """
    now = now or utcnow()
    body = (body or "").replace("\r\n", "\n")
    if len(body) > MAX_BODY:
        raise MinutesError("too_long")
    minutes = minutes_for(meeting)
    if minutes is None:
        if meeting.is_cancelled:
            raise MinutesError("cancelled")
        minutes = Minutes(meeting=meeting, body="", revision=0, status=MinutesStatus.DRAFT)
        db.session.add(minutes)
        created = True
    else:
        created = False
    if minutes.locked:
        raise MinutesError("locked")
    if base_revision != minutes.revision:
        raise StaleRevision(minutes, base_revision)
    if not created and body == minutes.body:
        return None
    old = minutes.revision
    minutes.revision = old + 1
    minutes.body = body
    minutes.revisions.append(
        MinutesRevision(number=minutes.revision, body=body, author_id=by.id, created_at=now)
    )
    audit.record(by, "create" if created else "update", minutes,
                 {"revision": [old, minutes.revision]}, summary=summary(meeting))
    return minutes


# --- workflow ---------------------------------------------------------------------------------
def send_for_comment(minutes: Minutes, *, by: User, now: datetime | None = None) -> None:
    """草稿 → 征求意见: the participant parks are asked to confirm or comment."""
    if minutes.status is not MinutesStatus.DRAFT:
        raise MinutesError("not_draft")
    if minutes.revision < 1 or not minutes.body.strip():
        raise MinutesError("empty")
    now = now or utcnow()
    minutes.status = MinutesStatus.CONSULTING
    minutes.sent_for_comment_at = now
    audit.record(by, "send", minutes, {"status": [MinutesStatus.DRAFT, MinutesStatus.CONSULTING],
                                       "revision": [minutes.revision, minutes.revision]},
                 summary=summary(minutes.meeting))
    events.emit("minutes.sent", minutes=minutes, by=by)


def confirm(minutes: Minutes, *, park_id: int, status: ConfirmationStatus, comment: str,
            by: User, now: datetime | None = None) -> MinutesConfirmation:
    """One participant park (not the host) confirms or comments; a new answer replaces the old."""
    meeting = minutes.meeting
    if minutes.status is not MinutesStatus.CONSULTING:
        raise MinutesError("not_consulting")
    if park_id == meeting.host_park_id or park_id not in {p.id for p in meeting.parks}:
        raise MinutesError("not_a_confirming_park")
    comment = (comment or "").strip()
    if status is ConfirmationStatus.COMMENTED and not comment:
        raise MinutesError("comment_required")
    now = now or utcnow()
    answer = db.session.execute(
        db.select(MinutesConfirmation).where(MinutesConfirmation.minutes_id == minutes.id,
                                             MinutesConfirmation.park_id == park_id)
    ).scalar_one_or_none()
    before = audit.snapshot(answer, ("status", "comment", "revision")) if answer else {
        "status": None, "comment": None, "revision": None}
    if answer is None:
        answer = MinutesConfirmation(minutes_id=minutes.id, park_id=park_id, status=status,
                                     comment=comment, revision=minutes.revision)
        db.session.add(answer)
    answer.status = status
    answer.comment = comment
    answer.revision = minutes.revision
    answer.by_id = by.id
    answer.at = now
    changes = {k: [v, getattr(answer, k)] for k, v in before.items()
               if v != getattr(answer, k)} or {"revision": [minutes.revision, minutes.revision]}
    changes["park_id"] = [park_id, park_id]
    audit.record(by, "confirm" if status is ConfirmationStatus.CONFIRMED else "comment",
                 minutes, changes, summary=summary(meeting))
    return answer


@dataclass
class SignOffCheck:
    """What stands against signing off now: the meeting has not started yet (a refusal), and
    participant parks that never answered or answered with comments (the admin must confirm)."""

    not_started: bool
    unanswered: list[Park]
    commented: list["ParkAnswer"]

    @property
    def needs_confirmation(self) -> bool:
        return bool(self.unanswered or self.commented)


def sign_off_check(minutes: Minutes, now: datetime | None = None) -> SignOffCheck:
    now = now or utcnow()
    rows = answers(minutes)
    return SignOffCheck(
        not_started=now < minutes.meeting.starts_at,
        unanswered=[r.park for r in rows if r.answer is None],
        commented=[r for r in rows
                   if r.answer is not None and r.answer.status is ConfirmationStatus.COMMENTED])


def sign_off(minutes: Minutes, *, by: User, now: datetime | None = None,
             confirmed: bool = False) -> None:
    """签发: an admin publishes the minutes; they and their decisions are locked from now on.

    Refused before the meeting's start (`before_meeting`). With participant parks that never
    answered or answered with comments, refused (`unconfirmed`) unless the admin `confirmed`
    signing off regardless; the audit entry then names those parks.

    Every decision with an owner park becomes binding here: `action.assigned` is emitted for
    each one (the decisions cannot change after this)."""
    if minutes.status is not MinutesStatus.CONSULTING:
        raise MinutesError("not_consulting")
    now = now or utcnow()
    check = sign_off_check(minutes, now)
    if check.not_started:
        raise MinutesError("before_meeting")
    if check.needs_confirmation and not confirmed:
        raise MinutesError("unconfirmed")
    minutes.status = MinutesStatus.PUBLISHED
    minutes.signed_by_id = by.id
    minutes.published_at = now
    changes = {
        "status": [MinutesStatus.CONSULTING, MinutesStatus.PUBLISHED],
        "signed_by_id": [None, by.id],
        "published_at": [None, now],
        "revision": [minutes.revision, minutes.revision],
    }
    if check.needs_confirmation:
        changes["outstanding_confirmed"] = [None, True]
        if check.unanswered:
            changes["unanswered_parks"] = [None, "、".join(p.name for p in check.unanswered)]
        if check.commented:
            changes["commented_parks"] = [None, "、".join(r.park.name for r in check.commented)]
    audit.record(by, "publish", minutes, changes, summary=summary(minutes.meeting))
    events.emit("minutes.published", minutes=minutes, by=by)
    for item in decisions(minutes.meeting_id):
        if item.owner_park_id is not None:
            events.emit("action.assigned", item=item, by=by)


# --- reading ----------------------------------------------------------------------------------
@dataclass
class ParkAnswer:
    park: Park
    answer: MinutesConfirmation | None

    def older_revision(self, minutes: Minutes) -> bool:
        return self.answer is not None and self.answer.revision < minutes.revision


def answers(minutes: Minutes) -> list[ParkAnswer]:
    """Every participant park except the host, with its answer (None: not answered yet)."""
    from sqlalchemy.orm import joinedload

    given = {
        a.park_id: a for a in db.session.execute(
            db.select(MinutesConfirmation).where(MinutesConfirmation.minutes_id == minutes.id)
            .options(joinedload(MinutesConfirmation.by))
        ).scalars()
    }
    host = minutes.meeting.host_park_id
    return [ParkAnswer(p, given.get(p.id)) for p in minutes.meeting.parks if p.id != host]


@dataclass
class AnswerTally:
    """The meeting page's view of the answers: how many participant parks (the host aside)
    answered, of how many, and the status of `park_id`'s answer (None: none, or not asked)."""

    answered: int
    to_answer: int
    mine: ConfirmationStatus | None


def answer_tally(minutes: Minutes, park_id: int | None) -> AnswerTally:
    """`answers` counted, in one narrow query (no confirmation objects, no people)."""
    # columns only: run on the session's connection, without the ORM's path
    given = dict(db.session.connection().execute(_ANSWERS, {"minutes_id": minutes.id}).all())
    host = minutes.meeting.host_park_id
    asked = [p.id for p in minutes.meeting.parks if p.id != host]
    return AnswerTally(answered=sum(1 for p in asked if p in given), to_answer=len(asked),
                       mine=given.get(park_id) if park_id in asked else None)


# built once (the meeting page asks on every request): see hub.meetings.queries.minutes_for
_ANSWERS = (db.select(MinutesConfirmation.park_id, MinutesConfirmation.status)
            .where(MinutesConfirmation.minutes_id == db.bindparam("minutes_id")))


def revision(minutes: Minutes, number: int) -> MinutesRevision | None:
    return db.session.execute(
        db.select(MinutesRevision).where(MinutesRevision.minutes_id == minutes.id,
                                         MinutesRevision.number == number)
    ).scalar_one_or_none()


def revision_list(minutes: Minutes) -> list[MinutesRevision]:
    from sqlalchemy.orm import selectinload

    return list(db.session.execute(
        db.select(MinutesRevision).where(MinutesRevision.minutes_id == minutes.id)
        .options(selectinload(MinutesRevision.author))
        .order_by(MinutesRevision.number.desc())
    ).scalars())


@dataclass
class DiffLine:
    kind: str  # "add", "del", "hunk", "same", "head"
    text: str


def diff_lines(old: str, new: str, *, old_label: str, new_label: str) -> list[DiffLine]:
    """A unified diff of two texts, line by line; the template escapes the text."""
    lines = difflib.unified_diff((old or "").splitlines(), (new or "").splitlines(),
                                 fromfile=old_label, tofile=new_label, lineterm="", n=3)
    out = []
    for line in lines:
        if line.startswith(("---", "+++")):
            out.append(DiffLine("head", line))
        elif line.startswith("@@"):
            out.append(DiffLine("hunk", line))
        elif line.startswith("+"):
            out.append(DiffLine("add", line))
        elif line.startswith("-"):
            out.append(DiffLine("del", line))
        else:
            out.append(DiffLine("same", line))
    return out


def meetings_with_minutes_data(meeting_ids: list[int]) -> set[int]:
    """Of `meeting_ids`, those with minutes or decisions: a series edit leaves them alone
    (registered with hub.meetings.services.register_protector)."""
    from sqlalchemy import union

    stmt = union(
        db.select(Minutes.meeting_id).where(Minutes.meeting_id.in_(meeting_ids)),
        db.select(ActionItem.meeting_id).where(ActionItem.meeting_id.in_(meeting_ids)),
    )
    return set(db.session.execute(stmt).scalars())
