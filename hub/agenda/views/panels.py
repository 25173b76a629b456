"""The meeting page's agenda and attendance sections (hub.meetings.panels; declared in
hub.agenda's `declare()`)."""

from hub import permissions as perm
from hub.agenda import attendance as attendance_service
from hub.agenda import services
from hub.agenda.panel import panel_numbers
from hub.agenda.views.common import can_reply, can_submit
from hub.timeutil import utcnow


def agenda_panel(meeting, user):
    if not perm.can_view_meeting(user, meeting):
        return None
    numbers = panel_numbers(meeting)
    now = utcnow()
    return "agenda/_panel.html", {
        "panel_meeting": meeting,
        "accepted": numbers.accepted,
        "waiting": numbers.waiting,
        "tracked_count": numbers.tracked,
        "agenda_open": services.is_open(meeting, now),
        "agenda_cutoff": services.cutoff_of(meeting),
        "may_submit": can_submit(user, meeting) and services.is_open(meeting, now),
        "runs": perm.can_run_meeting(user, meeting),
    }


def attendance_panel(meeting, user):
    if not perm.can_view_meeting(user, meeting):
        return None
    now = utcnow()
    lines = attendance_service.panel_overview(meeting)
    return "agenda/_attendance_panel.html", {
        "panel_meeting": meeting, "lines": lines,
        "replied": sum(1 for ln in lines if ln.replied),
        "may_reply": can_reply(user, meeting) and attendance_service.is_open(meeting, now),
        "may_record": (perm.can_run_meeting(user, meeting) and not meeting.is_cancelled
                       and now >= meeting.starts_at),
        "mine": next((ln for ln in lines if ln.park.id == user.park_id), None),
    }
