"""The meeting page's minutes section (hub.meetings.panels; declared in hub.minutes'
`declare()`)."""

from hub import permissions as perm
from hub.meetings import panels
from hub.meetings.models import MinutesStatus
from hub.meetings.queries import minutes_head
from hub.minutes import services


def minutes_panel(meeting, user):
    if not perm.can_view_meeting(user, meeting):
        return None
    minutes = panels.shared(meeting, "minutes", minutes_head)
    readable = minutes is not None and perm.can_read_minutes(user, minutes)
    if minutes is None and not perm.can_run_meeting(user, meeting):
        readable = False
    # the answers show only while the minutes are out for comment (the template's tests, and
    # can_confirm's): one statement less on every other meeting page
    tally = (services.answer_tally(minutes, user.park_id)
             if minutes is not None and minutes.status is MinutesStatus.CONSULTING
             else services.AnswerTally(0, 0, None))
    return "minutes/_panel.html", {
        "minutes": minutes, "panel_meeting": meeting, "readable": readable,
        "can_write": perm.can_run_meeting(user, meeting) and not meeting.is_cancelled
        and (minutes is None or not minutes.locked),
        "can_confirm": minutes is not None and perm.can_confirm_minutes(user, minutes),
        "my_answer": tally.mine, "answered": tally.answered, "to_answer": tally.to_answer,
    }
