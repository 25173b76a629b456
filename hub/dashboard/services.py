"""What the dashboard (/) shows, gathered from the features' own queries and rules.

Every figure comes from the owning feature (meetings.queries, agenda.services/attendance,
notices.reading, actions.services, land.queries), except the counts of action items and land
cases, which come from the running tallies (hub.dashboard.tally: the same numbers, kept by
database triggers). The number of SQL statements is bounded: lists are LIMITed, per-park
figures come from GROUP BY queries, never one query per park or per row.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select, true

from hub import permissions as perm
from hub.actions import listing as action_list
from hub.actions import services as actions
from hub.actions.models import ActionItem
from hub.agenda import attendance
from hub.agenda import services as agenda
from hub.agenda.models import Attendance, AttendanceStatus
from hub.dashboard import statements as st
from hub.dashboard import tally
from hub.extensions import db
from hub.land import queries as land
from hub.land.models import LandCase
from hub.meetings.models import Meeting, MeetingStatus
from hub.notices import reading as notices_read
from hub.parks.models import Park
from hub.parks.queries import active_parks
from hub.timeutil import local_today

LIMIT = 5
READ_RATE_DAYS = 90  # the admins' read rate looks at the notices published in these last days
UNREAD_CAP = 100  # unread notices are counted up to here, shown as "99+" from there


class Reply:
    """My park's attendance reply to a meeting."""

    ATTENDING = "attending"  # 已回执：参会
    DECLINED = "declined"  # 已回执：请假
    PENDING = "pending"  # 未回执
    NONE = "none"  # my park does not take part (e.g. I am invited in person, or an admin)


def reply_of(status: AttendanceStatus | None) -> str:
    if status is AttendanceStatus.ATTENDING:
        return Reply.ATTENDING
    if status is AttendanceStatus.DECLINED:
        return Reply.DECLINED
    return Reply.PENDING


@dataclass
class MeetingLine:
    meeting: Meeting
    reply: str


@dataclass
class AgendaCall:
    meeting: Meeting
    cutoff: datetime
    topics: int  # topics my park has submitted (not withdrawn or deferred)


@dataclass
class ParkRow:
    park: Park
    next_meeting: Meeting | None = None
    reply: str = Reply.NONE
    open_actions: int = 0
    overdue_actions: int = 0
    done_actions: int = 0
    overdue_cases: int = 0
    notices_addressed: int = 0
    notices_read: int = 0

    @property
    def read_rate(self) -> float | None:
        """Share (0–1) of the notices addressed to the park with a reader there."""
        if not self.notices_addressed:
            return None
        return self.notices_read / self.notices_addressed


@dataclass
class AdminView:
    rows: list[ParkRow]
    land_totals: list[land.StatusTotal]
    read_rate_days: int = READ_RATE_DAYS


@dataclass
class Dashboard:
    today: date
    meetings: list[MeetingLine] = field(default_factory=list)
    agenda_calls: list[AgendaCall] = field(default_factory=list)
    agenda_calls_total: int = 0
    unread_total: int = 0  # at most UNREAD_CAP
    unread: list = field(default_factory=list)  # rows: id, title, published_at
    open_actions: int = 0
    overdue_actions: int = 0
    urgent_actions: list = field(default_factory=list)  # rows: id, text, due_date
    overdue_cases_total: int = 0
    overdue_cases: list = field(default_factory=list)  # rows: id, parcel_code, location, …
    admin: AdminView | None = None

    @property
    def unread_label(self) -> str:
        return f"{UNREAD_CAP - 1}+" if self.unread_total >= UNREAD_CAP else str(self.unread_total)


# --- the panels of every user --------------------------------------------------------------------
def next_meetings(user, now: datetime, limit: int = LIMIT) -> list[MeetingLine]:
    """The next `limit` meetings `user` sees (not ended, not cancelled) with my park's reply,
    in one statement: whether my park takes part (permissions.park_takes_part, the SQL twin of
    permissions.is_participant_park) and its reply come as columns, so no meeting's parks,
    series or attendance rows are loaded (4 statements fewer). Built once per shape
    (hub.dashboard.statements)."""
    def build(viewer):
        mine = perm.park_takes_part(viewer.park_id)
        reply = (select(Attendance.status)
                 .where(Attendance.meeting_id == Meeting.id, Attendance.park_id == viewer.park_id)
                 .scalar_subquery())
        return (select(Meeting, mine.label("mine"), reply.label("reply"))
                .where(perm.meeting_visible(viewer), Meeting.ends_at > st.NOW,
                       Meeting.status == MeetingStatus.SCHEDULED)
                .order_by(Meeting.starts_at, Meeting.id).limit(limit))

    stmt = st.once(f"next_meetings_{limit}", user, build)
    return [MeetingLine(m, reply_of(status) if is_mine else Reply.NONE)
            for m, is_mine, status in db.session.execute(
                stmt, st.values(user, now, local_today(now)))]


def agenda_calls(user, params: dict, limit: int = LIMIT) -> tuple[list[AgendaCall], int]:
    """Meetings my park takes part in whose agenda cut-off is still ahead (soonest first, at
    most `limit`), the total number of them (a window count in the same statement), and my
    park's topics on each. Built once per shape."""
    def build(viewer):
        cutoff = func.coalesce(Meeting.agenda_cutoff, Meeting.starts_at)
        return (select(Meeting, func.count().over().label("total"))
                .where(perm.park_takes_part(viewer.park_id),
                       agenda.call_open_clause(st.NOW, st.CALL_UNTIL))
                .order_by(cutoff, Meeting.starts_at, Meeting.id).limit(limit))

    rows = db.session.execute(st.once(f"agenda_calls_{limit}", user, build), params).all()
    if not rows:
        return [], 0
    counts = agenda.live_topic_counts([m.id for m, _ in rows], user.park_id)
    return [AgendaCall(m, agenda.cutoff_of(m), counts.get(m.id, 0)) for m, _ in rows], \
        rows[0].total


def _park_actions(user, params: dict, by_park: dict | None, limit: int = LIMIT):
    """My park's action item counts and its first `limit` open items in the list's order
    (open only: due date, undated last, then newest). Written as `not_done()` and
    "due_date NULLS LAST" so that PostgreSQL walks ix_action_item_park_due and stops after
    `limit` items instead of sorting a park's ~4,000 open items (25 ms at scale 10).
    `by_park`: the counts of every park (admins); without it my park's open and overdue
    counts (hub.dashboard.tally, a few hundred tally rows) ride along as two columns of the
    same statement (no row: no open item, both 0). Built once per shape."""
    def listed(viewer):
        return (action_list.list_query(action_list.ItemFilter(park_id=viewer.park_id), st.TODAY)
                .where(actions.not_done()).order_by(None)
                .order_by(ActionItem.due_date.asc().nulls_last(), ActionItem.id.desc())
                # what the panel shows, as plain rows: no meeting, parks, assignee, land cases
                .with_only_columns(ActionItem.id, ActionItem.text, ActionItem.due_date)
                .limit(limit))

    def with_counts(viewer):
        counts = tally.action_counts_stmt(st.TODAY, viewer.park_id, st.MONTH_START).subquery()
        return (listed(viewer).add_columns(counts.c.open, counts.c.overdue)
                .join(counts, true()))

    if by_park is None:
        urgent = db.session.execute(st.once(f"park_actions_counted_{limit}", user, with_counts),
                                    params).all()
        if not urgent:
            return {"open": 0, "overdue": 0}, []
        return {"open": int(urgent[0].open), "overdue": int(urgent[0].overdue)}, urgent
    counts = by_park.get(user.park_id, {"open": 0, "overdue": 0})
    if not counts["open"]:
        return counts, []
    return counts, db.session.execute(st.once(f"park_actions_{limit}", user, listed),
                                      params).all()


def _park_overdue_cases(user, params: dict, total: int | None = None, limit: int = LIMIT):
    """My park's overdue cases (the first `limit`, soonest deadline first) and their number
    (`total` when the caller has counted them already; else read from the tallies by a scalar
    subquery of the same statement: no row, none overdue). Overdue cases all have a deadline,
    so the order is (deadline, newest): ix_land_case_park_deadline answers the list. Built
    once per shape (the park is added as a parameter: CaseFilter tests its park_id's truth)."""
    def listed(viewer):
        flt = land.CaseFilter(overdue=True, sort="deadline", direction="asc")
        return (land.list_query(flt, st.TODAY).where(LandCase.park_id == viewer.park_id)
                .order_by(None).order_by(LandCase.deadline, LandCase.id.desc()).limit(limit)
                .with_only_columns(LandCase.id, LandCase.parcel_code, LandCase.location,
                                   LandCase.deadline, LandCase.area_mu))  # what the panel shows

    def with_total(viewer):
        total = tally.overdue_cases_stmt(st.TODAY, viewer.park_id, st.MONTH_START)
        return listed(viewer).add_columns(total.scalar_subquery().label("total"))

    if total is None:
        cases = db.session.execute(st.once(f"overdue_cases_counted_{limit}", user, with_total),
                                   params).all()
        return (cases[0].total if cases else 0), cases
    if not total:
        return total, []
    return total, db.session.execute(st.once(f"overdue_cases_{limit}", user, listed),
                                     params).all()


def build(user, now: datetime) -> Dashboard:
    today = local_today(now)
    dash = Dashboard(today=today)
    dash.meetings = next_meetings(user, now)
    params = st.values(user, now, today)
    dash.agenda_calls, dash.agenda_calls_total = agenda_calls(user, params)
    unread = db.session.execute(st.once("unread", user, lambda viewer: (
        notices_read.unread_with_latest_stmt(viewer, UNREAD_CAP, LIMIT))), params).all()
    dash.unread_total, dash.unread = (unread[0].total if unread else 0), unread
    # admins: every park's counts from the tallies (their park table); others: my park's open
    # and overdue items only (they see no "done")
    oversee = perm.can_oversee_every_park(user)
    action_counts = overdue_cases = None
    if oversee:
        action_counts, overdue_cases = tally.park_counts(db.session.execute(st.once(
            "park_counts", user, lambda _: tally.park_counts_stmt(st.TODAY, st.MONTH_START)),
            params))
    counts, dash.urgent_actions = _park_actions(user, params, action_counts)
    dash.open_actions, dash.overdue_actions = counts["open"], counts["overdue"]
    # admins: the overdue cases of every park, counted once for the park table and for mine
    dash.overdue_cases_total, dash.overdue_cases = _park_overdue_cases(
        user, params, None if overdue_cases is None else overdue_cases.get(user.park_id, 0))
    if oversee:
        dash.admin = admin_view(user, now, today, action_counts, overdue_cases)
    return dash


# --- admins: every park side by side -------------------------------------------------------------
def read_rate_since(now: datetime) -> date:
    """The read rate's window: the notices published from this UTC day on (READ_RATE_DAYS
    before `now`'s, whole days: the tallies count notices by publication day)."""
    return (now.astimezone(UTC) - timedelta(days=READ_RATE_DAYS)).date()


def admin_view(user, now: datetime, today: date, action_counts: dict | None = None,
               overdue_cases: dict | None = None) -> AdminView:
    parks = active_parks()
    ids = [p.id for p in parks]
    params = {**st.values(user, now, today), "park_ids": ids,
              "since_day": read_rate_since(now)}
    next_replies = attendance.next_replies(db.session.execute(st.once(
        "next_replies", user, lambda _: attendance.next_reply_stmt(st.PARK_IDS, st.NOW)),
        params)) if ids else {}
    if action_counts is None or overdue_cases is None:
        action_counts, overdue_cases = tally.park_counts(
            db.session.execute(tally.park_counts_stmt(today)))
    read_rates = notices_read.read_rates(db.session.execute(st.once(
        "read_rates", user, lambda _: tally.read_rate_stmt(st.PARK_IDS, st.SINCE_DAY)),
        params), ids) if ids else {}
    rows = []
    for park in parks:
        row = ParkRow(park)
        nxt = next_replies.get(park.id)
        if nxt is not None:
            row.next_meeting, row.reply = nxt.meeting, reply_of(nxt.status)
        counts = action_counts.get(park.id, {})
        row.open_actions = counts.get("open", 0)
        row.overdue_actions = counts.get("overdue", 0)
        row.done_actions = counts.get("done", 0)
        row.overdue_cases = overdue_cases.get(park.id, 0)
        row.notices_addressed, row.notices_read = read_rates.get(park.id, (0, 0))
        rows.append(row)
    return AdminView(rows, tally.case_totals())

