"""The agenda blueprint and what its route modules share: loading a meeting the user may see,
who may submit topics, change their own or reply for their park, and the template helpers."""

from flask import Blueprint, current_app, url_for
from flask_login import current_user

from hub import permissions as perm
from hub.agenda.forms import ATTENDANCE_LABELS, TOPIC_STATUS_BADGES, TOPIC_STATUS_LABELS
from hub.extensions import db
from hub.lists.labels import translated
from hub.meetings.models import Meeting

# import name "hub.agenda": the static folder is hub/agenda/static
bp = Blueprint("agenda", "hub.agenda", url_prefix="/meetings",
               static_folder="static", static_url_path="/agenda-static")


def agenda_meeting_url(meeting) -> str:
    """The meeting page (hub.meetings), or the agenda page while that does not exist."""
    if "meetings.detail" not in current_app.view_functions:
        return url_for("agenda.page", meeting_id=meeting.id)
    rule = next(current_app.url_map.iter_rules("meetings.detail"))
    arg = next(iter(rule.arguments), "meeting_id")
    return url_for("meetings.detail", **{arg: meeting.id})


@bp.app_context_processor
def helpers():
    return {
        "agenda_meeting_url": agenda_meeting_url,
        # translated once per language and process, not once per row (hub.lists.labels)
        "topic_status_label": lambda s: translated(TOPIC_STATUS_LABELS).get(s, s),
        "topic_status_badge": lambda s: TOPIC_STATUS_BADGES.get(s, "text-bg-light"),
        "attendance_label": lambda s: translated(ATTENDANCE_LABELS).get(s, s),
    }


def load_meeting(meeting_id: int) -> Meeting:
    meeting = db.get_or_404(Meeting, meeting_id)
    perm.require(perm.can_view_meeting(current_user, meeting))
    return meeting


def can_submit(user, meeting) -> bool:
    return not meeting.is_cancelled and (perm.can_reply_for_park(user, meeting)
                                         or perm.is_admin(user))


def can_change_own(user, topic) -> bool:
    return (perm.same_park_id(user, topic.park_id)
            and perm.can_reply_for_park(user, topic.meeting))


def can_reply(user, meeting) -> bool:
    return perm.can_reply_for_park(user, meeting)
