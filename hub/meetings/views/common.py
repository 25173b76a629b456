"""The meetings blueprint and what its route modules share: loading a meeting the user may see,
and the template helpers for meeting times, statuses and reminders."""

from flask import Blueprint, abort
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup, escape

from hub import permissions as perm
from hub.lists.labels import translated
from hub.meetings import holiday_notes, queries, recurrence, rule_words
from hub.meetings.forms import HOLIDAY_LABELS, REMINDER_CHOICES, STATUS_LABELS
from hub.meetings.models import Meeting
from hub.timeutil import long_date, zone_label
from hub.validators import choice_labels

bp = Blueprint("meetings", __name__)


def meeting_local(meeting: Meeting, which: str = "starts_at"):
    """A meeting time in the meeting's own time zone."""
    value = getattr(meeting, which)
    return value.astimezone(recurrence.zone(meeting.timezone)) if value else None


def meeting_when(meeting: Meeting) -> str:
    start, end = meeting_local(meeting), meeting_local(meeting, "ends_at")
    text = f"{long_date(start.date())} {start:%H:%M}–"
    text += f"{end:%H:%M}" if end.date() == start.date() else f"{long_date(end.date())} {end:%H:%M}"
    return f"{text} ({zone_label(meeting.timezone)})"


_REMINDER_LABELS = choice_labels(REMINDER_CHOICES)


def reminder_label(minutes: int) -> str:
    known = translated(_REMINDER_LABELS)  # once per language and process (hub.lists.labels)
    if minutes in known:
        return known[minutes]
    if minutes % 1440 == 0:
        return _("%(n)d days before", n=minutes // 1440)
    if minutes % 60 == 0:
        return _("%(n)d hours before", n=minutes // 60)
    return _("%(n)d minutes before", n=minutes)


def select_options(field) -> Markup:
    """A select field's <option>s, the chosen one `selected`: the meeting filter's series menu
    lists every series the user may see (92 at scale 30 for a park's staff), two escapes and
    three lookups per option in Jinja, once per option here."""
    data = field.data
    return Markup("".join(  # noqa: S704 - every value and label escaped here (an int: its digits)
        f'<option {"selected " if c.value == data else ""}value="'
        f'{c.value if type(c.value) is int else escape(c.value)}">{escape(c.label)}</option>'
        for c in field.choices))


@bp.app_context_processor
def meeting_helpers():
    return {
        "meeting_local": meeting_local,
        "meeting_when": meeting_when,
        "meeting_status_label": lambda s: STATUS_LABELS.get(s, s),
        "holiday_policy_label": lambda p: HOLIDAY_LABELS.get(p, p),
        "reminder_label": reminder_label,
        "select_options": select_options,
        "series_words": rule_words.series_words,
        "holiday_note": holiday_notes.text_of,
    }


def load_meeting(meeting_id: int, load=queries.meeting_with_series) -> Meeting:
    """The meeting (with its series: every meeting page shows it), or 403 when the user's park
    takes no part in it."""
    meeting = load(meeting_id)
    if meeting is None:
        abort(404)
    perm.require(perm.can_view_meeting(current_user, meeting))
    return meeting


def stale_message() -> str:
    return _("Someone else changed this meeting meanwhile. Check it and try again.")
