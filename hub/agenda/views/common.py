"""The agenda blueprint and what its route modules share: loading a meeting the user may see,
who may submit topics, change their own or reply for their park, and the template helpers."""

from flask import Blueprint, current_app, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup, escape

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
        "attendance_rows": attendance_rows,
    }


def attendance_rows(lines) -> Markup:
    """The attendance table's <tr>s (hub.agenda.attendance.ParkLine each), as the template's
    loop wrote them, in one pass: a line per participant park (15 at scale 10), a label
    lookup and ~12 Jinja expressions each. Every text escaped here; the badges and fixed texts
    once per page, not once per park (771 -> 646 Python calls for meeting 60's 15 parks at
    scale 10)."""
    labels = translated(ATTENDANCE_LABELS)
    no_reply, absent = _("No reply yet"), _("Absent")  # (Babel does not look inside f-strings)
    no_reply = (f'<span class="badge text-bg-light">{escape(no_reply)}</span></td>'
                '\n      <td class="text-break">')
    absent = f'<span class="text-danger">{escape(absent)}</span>'
    badges: dict = {}  # per reply status
    out = []
    for line in lines:
        row = line.row
        replied = line.replied
        park = line.park
        out.append(f'\n    <tr data-testid="attendance-{park.id}" data-replied='  # an int id
                   f'"{"yes" if replied else "no"}">\n      <td>{escape(park.short_name)}'
                   "</td>\n      <td>")
        if replied:
            attending = line.attending
            status = row.status
            if status not in badges:
                badges[status] = (
                    f'<span class="badge {"text-bg-success" if attending else "text-bg-warning"}'
                    f'">{escape(labels.get(status, status))}</span>\n          </td>'
                    '\n      <td class="text-break">')
            out.append(badges[status])
            out.append(escape("、".join(row.attendees.splitlines())) if attending
                       else escape(row.decline_reason))
        else:
            out.append(no_reply)
        out.append("</td>\n      <td>")
        if line.recorded:
            out.append(f'✔ {escape("、".join(row.actual_attendees.splitlines()))}' if row.present
                       else absent)
        else:
            out.append("—")
        out.append("</td>\n    </tr>\n  ")
    return Markup("".join(out))  # noqa: S704 - every text escaped above


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
