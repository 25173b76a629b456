"""Agenda topics (议题征集): participant parks submit topics until the cut-off; the host accepts,
orders or defers them (a deferred topic is copied to the next occurrence of the series); open
action items of earlier meetings of the series are tracked on the agenda (跟踪上次议定事项).

Plain functions with `now` injected; the caller checks permissions and commits.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, bindparam, func, select
from sqlalchemy.orm import joinedload, selectinload

from hub import audit
from hub.actions.models import ActionItem
from hub.actions.services import open_items_for_series, series_open_clause
from hub.agenda.models import AgendaTopic, Attendance, TopicStatus
from hub.attachments import services as attachments
from hub.attachments.models import Attachment
from hub.domain import DomainError
from hub.extensions import db
from hub.meetings.models import Meeting, MeetingStatus

OWNER_TYPE = "agenda_topic"
TOPIC_FIELDS = ("title", "summary", "presenter", "minutes_requested")
LIVE = (TopicStatus.SUBMITTED, TopicStatus.ACCEPTED)


class AgendaError(DomainError):
    """A refused step. `code`: closed (after the cut-off), cancelled (meeting cancelled),
    not_editable (status no longer allows it), one_off (no series to defer to), no_next (no later
    scheduled occurrence), not_accepted (ordering a topic not on the agenda)."""

    messages = {
        "closed": _l("The cut-off for agenda topics has passed; topics can no longer be "
                     "submitted or changed. Please contact the host park."),
        "cancelled": _l("This meeting was cancelled."),
        "not_editable": _l("This topic can no longer be changed."),
        "one_off": _l("This is a one-off meeting: there is no next meeting to defer the topic "
                      "to."),
        "no_next": _l("There is no later scheduled meeting of this series to defer the topic "
                      "to."),
        "not_accepted": _l("Only topics on the agenda can be ordered."),
    }
    status = 409


@dataclass
class TopicInput:
    title: str
    summary: str
    presenter: str
    minutes_requested: int


# --- cut-off ----------------------------------------------------------------------------------
def cutoff_of(meeting: Meeting) -> datetime:
    """Topics may be submitted until this moment (the meeting's start when no cut-off is set)."""
    return meeting.agenda_cutoff or meeting.starts_at


def is_open(meeting: Meeting, now: datetime) -> bool:
    return not meeting.is_cancelled and now < cutoff_of(meeting)


def open_clause(now: datetime):
    """SQL twin of `is_open`: the meeting is not cancelled and its cut-off is still ahead."""
    return and_(Meeting.status != MeetingStatus.CANCELLED,
                func.coalesce(Meeting.agenda_cutoff, Meeting.starts_at) > now)


# The call for topics (议题征集) goes out this long before a meeting: the agenda call mail, and the
# dashboard's "agenda calls open to my park". Topics may still be sent earlier.
CALL_WINDOW = timedelta(days=14)


def call_open_clause(now: datetime, until=None):
    """The meeting's call for topics is running: within CALL_WINDOW of its start, before the
    cut-off, not cancelled. `until`: now + CALL_WINDOW, given when `now` is a bound parameter
    (hub.dashboard.statements)."""
    return and_(open_clause(now),
                Meeting.starts_at <= (now + CALL_WINDOW if until is None else until))


def live_topic_counts(meeting_ids, park_id: int) -> dict[int, int]:
    """{meeting id: topics park `park_id` has submitted and not withdrawn or deferred}, one
    query."""
    ids = list(meeting_ids)
    if not ids:
        return {}
    stmt = (select(AgendaTopic.meeting_id, func.count(AgendaTopic.id))
            .where(AgendaTopic.meeting_id.in_(ids), AgendaTopic.park_id == park_id,
                   AgendaTopic.status.in_(LIVE))
            .group_by(AgendaTopic.meeting_id))
    return dict(db.session.execute(stmt).all())


# --- reading ----------------------------------------------------------------------------------
def topics_of(meeting_id: int) -> list[AgendaTopic]:
    """All topics of a meeting: accepted ones in agenda order first, then the rest as submitted."""
    rows = db.session.execute(_TOPICS_OF, {"meeting_id": meeting_id}).scalars().all()
    rank = {TopicStatus.ACCEPTED: 0, TopicStatus.SUBMITTED: 1, TopicStatus.DEFERRED: 2,
            TopicStatus.WITHDRAWN: 3}
    return sorted(rows, key=lambda t: (rank[t.status], t.position if t.status is
                                       TopicStatus.ACCEPTED else 0, t.id))


# built once (the meeting page asks on every request): see hub.meetings.queries.minutes_for
_TOPICS_OF = (select(AgendaTopic).where(AgendaTopic.meeting_id == bindparam("meeting_id"))
              .options(joinedload(AgendaTopic.park)).order_by(AgendaTopic.id))


def accepted_topics(meeting_id: int) -> list[AgendaTopic]:
    return [t for t in topics_of(meeting_id) if t.status is TopicStatus.ACCEPTED]


def deferred_copies(topic_ids: list[int]) -> dict[int, AgendaTopic]:
    """{original id: its copy on the later meeting} (with the copy's meeting loaded)."""
    if not topic_ids:
        return {}
    rows = db.session.execute(
        select(AgendaTopic).where(AgendaTopic.deferred_from_id.in_(topic_ids))
        .options(selectinload(AgendaTopic.meeting))).scalars()
    return {t.deferred_from_id: t for t in rows}


def attachments_by_topic(topics: list[AgendaTopic]) -> dict[int, list]:
    """{topic id: its attachments}, including those of the topics it was deferred from (the
    files stay on the first one). A bounded number of queries: one per level of deferral."""
    origin: dict[int, list[int]] = {t.id: [t.id] for t in topics}
    parent = {t.id: t.deferred_from_id for t in topics}
    frontier = {t.id: t.deferred_from_id for t in topics if t.deferred_from_id}
    for _ in range(20):
        if not frontier:
            break
        for tid, up in frontier.items():
            origin[tid].append(up)
        missing = {up for up in frontier.values() if up not in parent}
        if missing:
            rows = db.session.execute(
                select(AgendaTopic.id, AgendaTopic.deferred_from_id)
                .where(AgendaTopic.id.in_(missing))).all()
            parent.update(dict(rows))
        frontier = {tid: parent.get(up) for tid, up in frontier.items() if parent.get(up)}
    wanted = {i for ids in origin.values() for i in ids}
    by_owner: dict[int, list] = {}
    if wanted:
        for a in db.session.execute(
                select(Attachment).where(Attachment.owner_type == OWNER_TYPE,
                                         Attachment.owner_id.in_(wanted))
                .order_by(Attachment.id)).scalars():
            by_owner.setdefault(a.owner_id, []).append(a)
    return {tid: [a for i in reversed(ids) for a in by_owner.get(i, [])]
            for tid, ids in origin.items()}


def topic_attachments(topic: AgendaTopic) -> list:
    return attachments_by_topic([topic])[topic.id]


def tracked_items(meeting: Meeting) -> list:
    """Open action items of earlier meetings of the series (跟踪上次议定事项)."""
    if meeting.series_id is None:
        return []
    return open_items_for_series(meeting.series_id, meeting.starts_at)


def tracked_count(meeting: Meeting) -> int:
    """How many open action items of earlier meetings the agenda tracks (one statement)."""
    if meeting.series_id is None:
        return 0
    # a count: run on the session's connection, without the ORM's path (hub.notify.centre)
    return db.session.connection().execute(
        _TRACKED_COUNT, {"series_id": meeting.series_id, "before": meeting.starts_at}
    ).scalar_one()


_TRACKED_COUNT = (select(func.count()).select_from(ActionItem)
                  .join(Meeting, Meeting.id == ActionItem.meeting_id)
                  .where(series_open_clause(bindparam("series_id"), bindparam("before"))))


# --- submitting parks -------------------------------------------------------------------------
def submit(meeting: Meeting, data: TopicInput, *, by, park_id: int, now: datetime,
           late_ok: bool = False, uploads=()) -> AgendaTopic:
    """A new topic for `park_id`. After the cut-off only with `late_ok` (the host, admins).
    Raises AgendaError, attachments.AttachmentRejected."""
    if meeting.is_cancelled:
        raise AgendaError("cancelled")
    if not late_ok and not is_open(meeting, now):
        raise AgendaError("closed")
    topic = AgendaTopic(meeting_id=meeting.id, park_id=park_id, submitted_by_id=by.id,
                        status=TopicStatus.SUBMITTED, position=0)
    _assign(topic, data)
    db.session.add(topic)
    db.session.flush()
    saved = attachments.save_all(uploads or [], OWNER_TYPE, topic.id, by)
    changes = {f: [None, getattr(topic, f)] for f in TOPIC_FIELDS}
    changes["meeting_id"] = [None, meeting.id]
    if saved:
        changes["attachments"] = [None, [a.original_name for a in saved]]
    audit.record(by, "submit", topic, changes)
    return topic


def _assign(topic: AgendaTopic, data: TopicInput) -> None:
    topic.title = data.title.strip()
    topic.summary = (data.summary or "").strip()
    topic.presenter = (data.presenter or "").strip()
    topic.minutes_requested = int(data.minutes_requested or 0)


def _check_own_change(topic: AgendaTopic, now: datetime, late_ok: bool) -> None:
    if topic.status not in LIVE:
        raise AgendaError("not_editable")
    if topic.meeting.is_cancelled:
        raise AgendaError("cancelled")
    if not late_ok and not is_open(topic.meeting, now):
        raise AgendaError("closed")


def update(topic: AgendaTopic, data: TopicInput, *, by, now: datetime, late_ok: bool = False,
           uploads=()) -> dict:
    """The submitting park edits its topic before the cut-off."""
    _check_own_change(topic, now, late_ok)
    before = audit.snapshot(topic, TOPIC_FIELDS)
    _assign(topic, data)
    changes = audit.diff(before, topic)
    saved = attachments.save_all(uploads or [], OWNER_TYPE, topic.id, by)
    if saved:
        changes["attachments"] = [None, [a.original_name for a in saved]]
    if changes:
        audit.record(by, "update", topic, changes)
    return changes


def withdraw(topic: AgendaTopic, *, by, now: datetime, late_ok: bool = False) -> None:
    _check_own_change(topic, now, late_ok)
    old = topic.status
    topic.status = TopicStatus.WITHDRAWN
    audit.record(by, "withdraw", topic, {"status": [old, TopicStatus.WITHDRAWN]})


# --- the host ---------------------------------------------------------------------------------
def _next_position(meeting_id: int) -> int:
    top = db.session.execute(
        select(func.max(AgendaTopic.position)).where(
            AgendaTopic.meeting_id == meeting_id,
            AgendaTopic.status == TopicStatus.ACCEPTED)).scalar()
    return (top or 0) + 1


def accept(topic: AgendaTopic, *, by) -> None:
    """Put the topic on the agenda, last."""
    if topic.status is not TopicStatus.SUBMITTED:
        raise AgendaError("not_editable")
    topic.position = _next_position(topic.meeting_id)
    topic.status = TopicStatus.ACCEPTED
    audit.record(by, "accept", topic, {"status": [TopicStatus.SUBMITTED, TopicStatus.ACCEPTED],
                                       "position": [None, topic.position]})


def unaccept(topic: AgendaTopic, *, by) -> None:
    """Take the topic off the agenda again (back to submitted)."""
    if topic.status is not TopicStatus.ACCEPTED:
        raise AgendaError("not_accepted")
    topic.status = TopicStatus.SUBMITTED
    _renumber(topic.meeting_id)
    audit.record(by, "update", topic, {"status": [TopicStatus.ACCEPTED, TopicStatus.SUBMITTED]})


def _renumber(meeting_id: int, order: list[AgendaTopic] | None = None) -> None:
    db.session.flush()
    order = order if order is not None else accepted_topics(meeting_id)
    for i, t in enumerate(order, start=1):
        t.position = i


def move(topic: AgendaTopic, *, by, to: int) -> None:
    """Put an accepted topic at 1-based position `to` on the agenda (clamped)."""
    if topic.status is not TopicStatus.ACCEPTED:
        raise AgendaError("not_accepted")
    order = accepted_topics(topic.meeting_id)
    old = order.index(topic) + 1
    to = max(1, min(int(to), len(order)))
    if to == old:
        return
    order.remove(topic)
    order.insert(to - 1, topic)
    _renumber(topic.meeting_id, order)
    audit.record(by, "reorder", topic, {"position": [old, to]})


def next_occurrence(meeting: Meeting) -> Meeting | None:
    """The next scheduled occurrence of the meeting's series after it."""
    if meeting.series_id is None:
        return None
    return db.session.execute(
        select(Meeting).where(Meeting.series_id == meeting.series_id,
                              Meeting.starts_at > meeting.starts_at,
                              Meeting.status == MeetingStatus.SCHEDULED,
                              Meeting.id != meeting.id)
        .order_by(Meeting.starts_at, Meeting.id).limit(1)).scalar()


def defer(topic: AgendaTopic, *, by) -> AgendaTopic:
    """Move the topic on to the next scheduled occurrence of the series (顺延): a copy there
    (submitted, pointing back), the original marked deferred. Raises AgendaError."""
    if topic.status not in LIVE:
        raise AgendaError("not_editable")
    meeting = topic.meeting
    if meeting.series_id is None:
        raise AgendaError("one_off")
    target = next_occurrence(meeting)
    if target is None:
        raise AgendaError("no_next")
    copy = AgendaTopic(meeting_id=target.id, park_id=topic.park_id,
                       submitted_by_id=topic.submitted_by_id, title=topic.title,
                       summary=topic.summary, presenter=topic.presenter,
                       minutes_requested=topic.minutes_requested,
                       status=TopicStatus.SUBMITTED, position=0, deferred_from_id=topic.id)
    db.session.add(copy)
    was_accepted = topic.status is TopicStatus.ACCEPTED
    old = topic.status
    topic.status = TopicStatus.DEFERRED
    if was_accepted:
        _renumber(meeting.id)
    db.session.flush()
    audit.record(by, "defer", topic, {"status": [old, TopicStatus.DEFERRED],
                                      "meeting_id": [meeting.id, target.id]})
    audit.record(by, "create", copy, {"meeting_id": [None, target.id],
                                      "deferred_from_id": [None, topic.id]})
    return copy


# --- protection of occurrences with topics or replies -----------------------------------------
def meetings_with_agenda_data(meeting_ids: list[int]) -> set[int]:
    """Of `meeting_ids`, those with live or deferred topics or an attendance reply: a series
    edit must leave them alone (registered with hub.meetings.services.register_protector)."""
    if not meeting_ids:
        return set()
    topics = select(AgendaTopic.meeting_id).where(
        AgendaTopic.meeting_id.in_(meeting_ids),
        AgendaTopic.status != TopicStatus.WITHDRAWN)
    replies = select(Attendance.meeting_id).where(
        Attendance.meeting_id.in_(meeting_ids),
        db.or_(Attendance.status.is_not(None), Attendance.present.is_not(None)))
    return set(db.session.execute(topics.union(replies)).scalars())
