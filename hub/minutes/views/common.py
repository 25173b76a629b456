"""The minutes blueprint and what its route modules share: loading a meeting and its minutes,
the minutes page (with the decision form), and the template helpers."""

from flask import Blueprint, abort, current_app, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from hub import permissions as perm
from hub.actions import services as actions
from hub.actions.forms import STATUS_BADGES, STATUS_LABELS, DecisionForm
from hub.auth.queries import assignee_choices
from hub.domain import DomainError
from hub.extensions import db
from hub.lists.labels import translated
from hub.meetings.models import Meeting, Minutes, MinutesStatus
from hub.minutes import services
from hub.minutes.forms import CONFIRMATION_LABELS, ConfirmForm, MinutesForm, SignOffForm
from hub.timeutil import local_today

bp = Blueprint("minutes", __name__, url_prefix="/meetings")

MINUTES_STATUS_LABELS = {
    MinutesStatus.DRAFT: _l("Draft"),  # 草稿
    MinutesStatus.CONSULTING: _l("Out for comment"),  # 征求意见
    MinutesStatus.PUBLISHED: _l("Signed off and published"),  # 已签发
}
MINUTES_STATUS_BADGES = {
    MinutesStatus.DRAFT: "text-bg-secondary",
    MinutesStatus.CONSULTING: "text-bg-warning",
    MinutesStatus.PUBLISHED: "text-bg-success",
}


def meeting_url(meeting) -> str:
    """The meeting page (hub.meetings), or the minutes page while that does not exist."""
    if "meetings.detail" not in current_app.view_functions:
        return url_for("minutes.page", meeting_id=meeting.id)
    rule = next(iter(current_app.url_map.iter_rules("meetings.detail")))
    arg = next(iter(rule.arguments), "meeting_id")
    return url_for("meetings.detail", **{arg: meeting.id})


def case_url(case) -> str:
    if "cases.detail" not in current_app.view_functions:
        return "#"
    return url_for("cases.detail", case_id=case.id)


@bp.app_context_processor
def helpers():
    return {
        "meeting_url": meeting_url,
        "case_url": case_url,
        # translated once per language and process, not at every print (hub.lists.labels)
        "minutes_status_label": lambda s: translated(MINUTES_STATUS_LABELS).get(s, s),
        "minutes_status_badge": lambda s: MINUTES_STATUS_BADGES.get(s, "text-bg-light"),
        "confirmation_label": lambda s: translated(CONFIRMATION_LABELS).get(s, s),
        "action_status_label": lambda s: translated(STATUS_LABELS).get(s, s),
        "action_status_badge": lambda s: STATUS_BADGES.get(s, "text-bg-light"),
    }


def load_meeting(meeting_id: int) -> Meeting:
    meeting = db.get_or_404(Meeting, meeting_id)
    perm.require(perm.can_view_meeting(current_user, meeting))
    return meeting


def load_readable(meeting_id: int) -> tuple[Meeting, Minutes]:
    meeting = load_meeting(meeting_id)
    minutes = services.minutes_for(meeting)
    if minutes is None:
        abort(404)
    perm.require(perm.can_read_minutes(current_user, minutes))
    return meeting, minutes


def decision_form(meeting: Meeting, form: DecisionForm | None = None, extra_cases=()):
    form = form or DecisionForm(formdata=None)
    parks = [meeting.host_park] if meeting.host_park else []
    parks += [p for p in meeting.parks if p.id != meeting.host_park_id]
    cases = actions.pickable_cases(current_user)
    known = {c.id for c in cases}
    cases += [c for c in extra_cases if c.id not in known]
    form.set_choices(parks, assignee_choices([p.id for p in parks]), cases)
    return form


def render_page(meeting: Meeting, minutes: Minutes | None, *, form=None, dform=None, cform=None,
                status: int = 200, error: str | None = None, stale=None, sform=None):
    user = current_user
    can_edit = minutes is None or perm.can_edit_minutes(user, minutes)
    can_edit = can_edit and perm.can_run_meeting(user, meeting) and not meeting.is_cancelled
    if form is None and can_edit:
        form = MinutesForm(formdata=None, obj=minutes) if minutes else MinutesForm(formdata=None)
        form.base_revision.data = str(minutes.revision if minutes else 0)
    can_confirm = minutes is not None and perm.can_confirm_minutes(user, minutes)
    my_answer = None
    if can_confirm and cform is None:
        my_answer = next((a.answer for a in services.answers(minutes)
                          if a.park.id == user.park_id), None)
        cform = ConfirmForm(formdata=None)
        if my_answer:
            cform.status.data = my_answer.status.value
            cform.comment.data = my_answer.comment
    if can_edit and dform is None:
        dform = decision_form(meeting)
    can_sign_off = minutes is not None and perm.can_sign_off_minutes(user, minutes)
    if can_sign_off and sform is None:
        sform = SignOffForm(formdata=None)
    return render_template(
        "minutes/page.html", meeting=meeting, minutes=minutes, form=form if can_edit else None,
        dform=dform if can_edit else None, cform=cform if can_confirm else None,
        can_edit=can_edit, my_answer=my_answer,
        can_send=(minutes is not None and can_edit
                  and minutes.status is MinutesStatus.DRAFT),
        can_sign_off=can_sign_off, sform=sform if can_sign_off else None,
        sign_off_check=services.sign_off_check(minutes) if can_sign_off else None,
        answers=services.answers(minutes) if minutes else [],
        decisions=services.decisions(meeting.id), today=local_today(),
        error=error, stale=stale,
    ), status


def refuse(meeting, minutes, error: DomainError):
    """The minutes page with the refusal above it (409: the minutes' state forbids it)."""
    return render_page(meeting, minutes, status=409, error=error.message)
