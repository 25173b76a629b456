"""Joint meetings (hub.meetings), their agenda and attendance (hub.agenda), minutes
(hub.minutes) and action items (hub.actions).

A meeting is seen only by its participants (participant parks, the host park, extra people)
and admins. The host park's park admin and staff run their hosted occurrence.

Rules with SQL twins (every list, month grid, feed, dashboard figure uses them):
- `is_participant_park(park_id, meeting)` / `park_takes_part(park_id)`;
- `can_view_meeting(user, meeting)` / `meeting_visible(user)`;
- `can_view_series(user, series)` / `series_visible(user)`;
- `can_view_action_item(user, item)` / `action_item_visible(user)`;
- `can_run_meeting(user, meeting)` / `meeting_runnable(user)`;
- `can_read_minutes(user, minutes)` / `minutes_readable(user)`;
- `can_review_action_item(user, item)` / `action_item_reviewable(user)` (督办 review).

The clauses that search uses (`meeting_visible`, `minutes_readable`, `action_item_visible`,
`meeting_runnable`) take the entity as an optional argument: the model (default) or the columns
of a subquery of it.
"""

from sqlalchemy import ColumnElement, and_, exists, false, or_, select, true

from hub.actions.models import ActionItem
from hub.meetings.models import (
    Meeting,
    MeetingSeries,
    Minutes,
    MinutesStatus,
    SeriesHost,
    meeting_park,
    meeting_person,
    series_park,
    series_person,
)
from hub.permissions.roles import (
    is_admin,
    is_park_admin,
    is_park_member,
    same_park_id,
    signed_in,
)


# --- taking part ------------------------------------------------------------------------------
def is_participant_park(park_id: int, meeting) -> bool:
    return meeting.host_park_id == park_id or any(p.id == park_id for p in meeting.parks)


def park_takes_part(park_id, meeting=Meeting, *, per_row: bool = False) -> ColumnElement[bool]:
    """The SQL twin of `is_participant_park`: meetings where park `park_id` (a value or a
    column, e.g. Park.id) is the host or a participant.

    `per_row`: for statements that test a few hundred meetings at most (a month): probe the
    participants' primary key per meeting (`OFFSET 0` keeps PostgreSQL from hashing every
    meeting the park takes part in first, 2,800 rows at scale 10 and growing with the data;
    see permissions.notices.addressed_to)."""
    taking_part = select(meeting_park.c.park_id).where(meeting_park.c.meeting_id == meeting.id,
                                                       meeting_park.c.park_id == park_id)
    if per_row:
        taking_part = taking_part.offset(0)
    return or_(meeting.host_park_id == park_id, taking_part.exists())


def is_meeting_participant(user, meeting) -> bool:
    if not signed_in(user):
        return False
    return (is_participant_park(user.park_id, meeting)
            or any(p.id == user.id for p in meeting.people))


# --- seeing -----------------------------------------------------------------------------------
def can_view_meeting(user, meeting) -> bool:
    return is_admin(user) or is_meeting_participant(user, meeting)


def meeting_visible(user, meeting=Meeting, *, per_row: bool = False) -> ColumnElement[bool]:
    """The SQL twin of `can_view_meeting`: admins every meeting; else my park hosts or takes
    part, or I am invited in person (`per_row`: see `park_takes_part`)."""
    if not signed_in(user):
        return false()
    if is_admin(user):
        return true()
    return or_(
        park_takes_part(user.park_id, meeting, per_row=per_row),
        exists().where(meeting_person.c.meeting_id == meeting.id,
                       meeting_person.c.user_id == user.id),
    )


def can_view_series(user, series) -> bool:
    """A series page: admins, and the parks and people taking part (or hosting in turn)."""
    if is_admin(user):
        return True
    if not signed_in(user):
        return False
    return (any(p.id == user.park_id for p in series.parks)
            or any(h.park_id == user.park_id for h in series.hosts)
            or any(u.id == user.id for u in series.people))


def series_visible(user) -> ColumnElement[bool]:
    """The SQL twin of `can_view_series`."""
    if not signed_in(user):
        return false()
    if is_admin(user):
        return true()
    return or_(
        exists().where(series_park.c.series_id == MeetingSeries.id,
                       series_park.c.park_id == user.park_id),
        exists().where(series_person.c.series_id == MeetingSeries.id,
                       series_person.c.user_id == user.id),
        exists().where(SeriesHost.series_id == MeetingSeries.id,
                       SeriesHost.park_id == user.park_id),
    )


# --- running a meeting ------------------------------------------------------------------------
def can_manage_series(user) -> bool:
    """Create and edit series and one-off meetings; move or cancel one occurrence."""
    return is_admin(user)


def is_host(user, meeting) -> bool:
    return (
        is_park_member(user)
        and meeting.host_park_id is not None
        and meeting.host_park_id == user.park_id
    )


def can_run_meeting(user, meeting) -> bool:
    """Order the agenda, record attendance, draft the minutes: the host park, or an admin."""
    return is_admin(user) or is_host(user, meeting)


def meeting_runnable(user, meeting=Meeting) -> ColumnElement[bool]:
    """The SQL twin of `can_run_meeting`: admins every meeting; park members the meetings their
    park hosts."""
    if is_admin(user):
        return true()
    if not is_park_member(user):
        return false()
    return and_(meeting.host_park_id.is_not(None), meeting.host_park_id == user.park_id)


def can_reply_for_park(user, meeting) -> bool:
    """Submit agenda topics and attendance replies for one's own (participant) park."""
    return (
        signed_in(user)
        and not meeting.is_cancelled
        and is_participant_park(user.park_id, meeting)
    )


# --- minutes ----------------------------------------------------------------------------------
def can_edit_minutes(user, minutes) -> bool:
    return not minutes.locked and can_run_meeting(user, minutes.meeting)


def can_confirm_minutes(user, minutes) -> bool:
    return (
        minutes.status is MinutesStatus.CONSULTING
        and is_participant_park(user.park_id, minutes.meeting)
        and not is_host(user, minutes.meeting)
    )


def can_sign_off_minutes(user, minutes) -> bool:
    return is_admin(user) and minutes.status is MinutesStatus.CONSULTING


def can_read_minutes(user, minutes) -> bool:
    """Drafts: the host park and admins; out for comment or published: every participant."""
    if not can_view_meeting(user, minutes.meeting):
        return False
    return minutes.status is not MinutesStatus.DRAFT or can_run_meeting(user, minutes.meeting)


def minutes_readable(user, minutes=Minutes, *, per_row: bool = False) -> ColumnElement[bool]:
    """The SQL twin of `can_read_minutes` (self-contained: the meeting is looked up by id).
    `per_row`: see `_meeting_seen`."""
    if not signed_in(user):
        return false()
    if is_admin(user):
        return true()
    return and_(_meeting_seen(user, minutes.meeting_id, per_row=per_row),
                or_(minutes.status != MinutesStatus.DRAFT,
                    meeting_id_runnable(user, minutes.meeting_id, per_row=per_row)))


def meeting_id_runnable(user, meeting_id, *, per_row: bool = False) -> ColumnElement[bool]:
    """`meeting_runnable` tested on the id `meeting_id` (a column of the outer statement): the
    set of meetings the user runs (`per_row`: a primary-key probe per row, see
    `_meeting_seen`)."""
    if per_row:
        return (select(Meeting.id).where(Meeting.id == meeting_id, meeting_runnable(user))
                .offset(0).exists())
    return meeting_id.in_(select(Meeting.id).where(meeting_runnable(user)).correlate(None))


def _meeting_seen(user, meeting_id, *, per_row: bool = False) -> ColumnElement[bool]:
    """The meeting of id `meeting_id` (a column of the outer statement, never NULL) is one
    `user` (signed in, not an admin) sees: `meeting_visible` tested on the id alone — my park
    hosts it, takes part in it, or I am invited in person — each a set small for one user (the
    meetings my park hosts, by ix_meeting_host_park_id) or a probe by meeting id. Not
    `meeting_id IN (the meetings the user sees)`, nor EXISTS on the meeting with
    `meeting_visible`: PostgreSQL builds that set by reading every meeting (search at scale 30:
    16,700 meetings read to test 5,000 action items).

    `per_row`: for a walk that stops after a few dozen matches (search): a primary-key probe
    per tested row (`OFFSET 0`, see `park_takes_part`) instead of hashing first every meeting
    the park hosts and takes part in (7,500 rows at scale 30, growing with the data)."""
    if per_row:
        def probe(statement):
            return statement.offset(0).exists()

        return or_(
            probe(select(Meeting.id).where(Meeting.id == meeting_id,
                                           Meeting.host_park_id == user.park_id)),
            probe(select(meeting_park.c.park_id).where(meeting_park.c.meeting_id == meeting_id,
                                                       meeting_park.c.park_id == user.park_id)),
            probe(select(meeting_person.c.user_id).where(
                meeting_person.c.meeting_id == meeting_id, meeting_person.c.user_id == user.id)),
        )
    hosted = select(Meeting.id).where(Meeting.host_park_id == user.park_id).correlate(None)
    invited = (select(meeting_person.c.meeting_id)
               .where(meeting_person.c.user_id == user.id).correlate(None))
    return or_(
        meeting_id.in_(hosted),
        exists().where(meeting_park.c.meeting_id == meeting_id,
                       meeting_park.c.park_id == user.park_id),
        meeting_id.in_(invited),
    )


# --- action items -----------------------------------------------------------------------------
def can_view_action_item(user, item) -> bool:
    return (is_admin(user) or same_park_id(user, item.owner_park_id)
            or can_view_meeting(user, item.meeting))


def action_item_visible(user, item=ActionItem, *, per_row: bool = False) -> ColumnElement[bool]:
    """The SQL twin of `can_view_action_item` (a land case's linked items). Self-contained:
    usable whether or not the statement joins Meeting. `per_row`: see `_meeting_seen`."""
    if not signed_in(user):
        return false()
    if is_admin(user):
        return true()
    return or_(item.owner_park_id == user.park_id,
               _meeting_seen(user, item.meeting_id, per_row=per_row))


def can_update_action_item(user, item) -> bool:
    """Progress notes and 未开始/进行中: the owner park's staff; admins."""
    return is_admin(user) or same_park_id(user, item.owner_park_id)


# --- 督办 review (hub.actions.review) -----------------------------------------------------------
# The assigning office (交办单位) of an action item: the office that decided it, i.e. the zone
# admins (园区办), and the park admins of the park that hosted the meeting, unless that park is
# the owner park itself (nobody closes their own item).
def is_action_owner(user, item) -> bool:
    """办结申请, 延期申请: the owner park's own people (not the admins on their behalf)."""
    return is_park_member(user) and same_park_id(user, item.owner_park_id)


def can_review_action_item(user, item) -> bool:
    """销号/退回, 延期 approval, 催办: the assigning office."""
    if is_admin(user):
        return True
    host = item.meeting.host_park_id
    return (is_park_admin(user) and host is not None and user.park_id == host
            and host != item.owner_park_id)


def may_review_action_items(user) -> bool:
    """Someone who may be an assigning office at all (the "awaiting my review" list)."""
    return is_admin(user) or is_park_admin(user)


def action_item_reviewable(user) -> ColumnElement[bool]:
    """The SQL twin of `can_review_action_item` (the items awaiting my review)."""
    if not signed_in(user):
        return false()
    if is_admin(user):
        return true()
    if not is_park_admin(user):
        return false()
    hosted = select(Meeting.id).where(Meeting.host_park_id == user.park_id).correlate(None)
    return and_(ActionItem.meeting_id.in_(hosted), ActionItem.owner_park_id != user.park_id)
