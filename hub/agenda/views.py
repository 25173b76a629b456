"""Agenda topics (议题征集) under /meetings/<id>/agenda: submit, edit, withdraw (the submitting
park, until the cut-off), accept, order, defer (the host, admins), a printable agenda.
Attendance routes are in views_attendance.py (same blueprint)."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from hub import permissions as perm
from hub.agenda import services
from hub.agenda.forms import TOPIC_STATUS_BADGES, TOPIC_STATUS_LABELS, MoveForm, TopicForm
from hub.agenda.models import AgendaTopic, TopicStatus
from hub.attachments import services as attachments
from hub.attachments.forms import rejected_message
from hub.extensions import db
from hub.meetings.models import Meeting
from hub.timeutil import utcnow

bp = Blueprint("agenda", __name__, url_prefix="/meetings",
               static_folder="static", static_url_path="/agenda-static")

ERRORS = {
    "closed": _l("The cut-off for agenda topics has passed; topics can no longer be submitted "
                 "or changed. Please contact the host park."),
    "cancelled": _l("This meeting was cancelled."),
    "not_editable": _l("This topic can no longer be changed."),
    "one_off": _l("This is a one-off meeting: there is no next meeting to defer the topic to."),
    "no_next": _l("There is no later scheduled meeting of this series to defer the topic to."),
    "not_accepted": _l("Only topics on the agenda can be ordered."),
}


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
        "topic_status_label": lambda s: TOPIC_STATUS_LABELS.get(s, s),
        "topic_status_badge": lambda s: TOPIC_STATUS_BADGES.get(s, "text-bg-light"),
    }


def load_meeting(meeting_id: int) -> Meeting:
    meeting = db.get_or_404(Meeting, meeting_id)
    perm.require(perm.can_view_meeting(current_user, meeting))
    return meeting


def load_topic(meeting: Meeting, topic_id: int) -> AgendaTopic:
    topic = db.get_or_404(AgendaTopic, topic_id)
    if topic.meeting_id != meeting.id:
        abort(404)
    return topic


def can_submit(user, meeting) -> bool:
    return not meeting.is_cancelled and (perm.can_reply_for_park(user, meeting)
                                         or perm.is_admin(user))


def can_change_own(user, topic) -> bool:
    return (perm.same_park_id(user, topic.park_id)
            and perm.can_reply_for_park(user, topic.meeting))


def render_page(meeting: Meeting, *, form=None, status: int = 200, error: str | None = None):
    user, now = current_user, utcnow()
    topics = services.topics_of(meeting.id)
    runs = perm.can_run_meeting(user, meeting)
    open_ = services.is_open(meeting, now)
    may_submit = can_submit(user, meeting) and (open_ or runs)
    if may_submit and form is None:
        form = TopicForm(formdata=None)
    return render_template(
        "agenda/page.html", meeting=meeting, topics=topics, form=form if may_submit else None,
        runs=runs, is_open=open_, cutoff=services.cutoff_of(meeting), error=error,
        copies=services.deferred_copies([t.id for t in topics
                                         if t.status is TopicStatus.DEFERRED]),
        tracked=services.tracked_items(meeting),
        own=lambda t: can_change_own(user, t) and t.status in services.LIVE and (open_ or runs),
        files=services.attachments_by_topic(topics),
        total_minutes=sum(t.minutes_requested for t in topics
                          if t.status is TopicStatus.ACCEPTED),
    ), status


def refuse(meeting: Meeting, code: str):
    return render_page(meeting, status=409, error=str(ERRORS[code]))


@bp.get("/<int:meeting_id>/agenda")
@login_required
def page(meeting_id: int):
    return render_page(load_meeting(meeting_id))


@bp.post("/<int:meeting_id>/agenda/topics")
@login_required
def submit(meeting_id: int):
    meeting = load_meeting(meeting_id)
    perm.require(can_submit(current_user, meeting))
    late_ok = perm.can_run_meeting(current_user, meeting)
    if not late_ok and not services.is_open(meeting, utcnow()):
        return refuse(meeting, "closed")
    form = TopicForm()
    if not form.validate_on_submit():
        return render_page(meeting, form=form, status=422)
    try:
        services.submit(meeting, _input(form), by=current_user, park_id=current_user.park_id,
                        now=utcnow(), late_ok=late_ok, uploads=form.attachments.data)
    except services.AgendaError as e:
        db.session.rollback()
        return refuse(meeting, e.code)
    except attachments.AttachmentRejected as e:
        db.session.rollback()
        form.attachments.errors = [rejected_message(e)]
        return render_page(meeting, form=form, status=422)
    db.session.commit()
    flash(_("Your topic was submitted."), "success")
    return redirect(url_for(".page", meeting_id=meeting.id))


def _input(form: TopicForm) -> services.TopicInput:
    return services.TopicInput(title=form.title.data, summary=form.summary.data or "",
                               presenter=form.presenter.data or "",
                               minutes_requested=form.minutes_requested.data)


@bp.route("/<int:meeting_id>/agenda/topics/<int:topic_id>/edit", methods=["GET", "POST"])
@login_required
def edit(meeting_id: int, topic_id: int):
    meeting = load_meeting(meeting_id)
    topic = load_topic(meeting, topic_id)
    perm.require(can_change_own(current_user, topic))
    late_ok = perm.can_run_meeting(current_user, meeting)
    if topic.status not in services.LIVE:
        return refuse(meeting, "not_editable")
    if not late_ok and not services.is_open(meeting, utcnow()):
        return refuse(meeting, "closed")
    form = TopicForm(obj=topic) if request.method == "GET" else TopicForm()
    if request.method == "POST":
        if form.validate_on_submit():
            try:
                services.update(topic, _input(form), by=current_user, now=utcnow(),
                                late_ok=late_ok, uploads=form.attachments.data)
            except services.AgendaError as e:
                db.session.rollback()
                return refuse(meeting, e.code)
            except attachments.AttachmentRejected as e:
                db.session.rollback()
                form.attachments.errors = [rejected_message(e)]
            else:
                db.session.commit()
                flash(_("The topic was saved."), "success")
                return redirect(url_for(".page", meeting_id=meeting.id))
        return render_template("agenda/topic_form.html", meeting=meeting, topic=topic,
                               form=form, files=services.topic_attachments(topic)), 422
    return render_template("agenda/topic_form.html", meeting=meeting, topic=topic, form=form,
                           files=services.topic_attachments(topic))


@bp.post("/<int:meeting_id>/agenda/topics/<int:topic_id>/withdraw")
@login_required
def withdraw(meeting_id: int, topic_id: int):
    meeting = load_meeting(meeting_id)
    topic = load_topic(meeting, topic_id)
    perm.require(can_change_own(current_user, topic))
    try:
        services.withdraw(topic, by=current_user, now=utcnow(),
                          late_ok=perm.can_run_meeting(current_user, meeting))
    except services.AgendaError as e:
        db.session.rollback()
        return refuse(meeting, e.code)
    db.session.commit()
    flash(_("The topic was withdrawn."), "success")
    return redirect(url_for(".page", meeting_id=meeting.id))


def _host_step(meeting_id: int, topic_id: int, step, done_message):
    meeting = load_meeting(meeting_id)
    perm.require(perm.can_run_meeting(current_user, meeting))
    topic = load_topic(meeting, topic_id)
    try:
        result = step(topic)
    except services.AgendaError as e:
        db.session.rollback()
        return refuse(meeting, e.code)
    db.session.commit()
    if done_message:
        flash(done_message(result), "success")
    return redirect(url_for(".page", meeting_id=meeting.id) + "#topics")


@bp.post("/<int:meeting_id>/agenda/topics/<int:topic_id>/accept")
@login_required
def accept(meeting_id: int, topic_id: int):
    return _host_step(meeting_id, topic_id, lambda t: services.accept(t, by=current_user),
                      lambda _r: _("The topic is on the agenda."))


@bp.post("/<int:meeting_id>/agenda/topics/<int:topic_id>/unaccept")
@login_required
def unaccept(meeting_id: int, topic_id: int):
    return _host_step(meeting_id, topic_id, lambda t: services.unaccept(t, by=current_user),
                      lambda _r: _("The topic was taken off the agenda."))


@bp.post("/<int:meeting_id>/agenda/topics/<int:topic_id>/defer")
@login_required
def defer(meeting_id: int, topic_id: int):
    return _host_step(
        meeting_id, topic_id, lambda t: services.defer(t, by=current_user),
        lambda copy: _("The topic was deferred to the meeting of %(date)s.",
                       date=_local_date(copy.meeting)))


def _local_date(meeting: Meeting) -> str:
    from hub.meetings import recurrence

    return meeting.starts_at.astimezone(recurrence.zone(meeting.timezone)).strftime("%Y-%m-%d")


@bp.post("/<int:meeting_id>/agenda/topics/<int:topic_id>/move")
@login_required
def move(meeting_id: int, topic_id: int):
    meeting = load_meeting(meeting_id)
    perm.require(perm.can_run_meeting(current_user, meeting))
    load_topic(meeting, topic_id)
    form = MoveForm()
    if not form.validate_on_submit():
        return render_page(meeting, status=422,
                           error=_("Give the new position as a number from 1."))
    return _host_step(meeting_id, topic_id,
                      lambda t: services.move(t, by=current_user, to=form.position.data), None)


@bp.get("/<int:meeting_id>/agenda/print")
@login_required
def print_view(meeting_id: int):
    meeting = load_meeting(meeting_id)
    return render_template("agenda/print.html", meeting=meeting,
                           topics=services.accepted_topics(meeting.id),
                           tracked=services.tracked_items(meeting),
                           local_date=_local_date)


# --- the meeting page's agenda panel ----------------------------------------------------------
def agenda_panel(meeting, user):
    if not perm.can_view_meeting(user, meeting):
        return None
    topics = services.topics_of(meeting.id)
    now = utcnow()
    return "agenda/_panel.html", {
        "panel_meeting": meeting,
        "accepted": [t for t in topics if t.status is TopicStatus.ACCEPTED],
        "waiting": sum(1 for t in topics if t.status is TopicStatus.SUBMITTED),
        "tracked_count": services.tracked_count(meeting),
        "agenda_open": services.is_open(meeting, now),
        "agenda_cutoff": services.cutoff_of(meeting),
        "may_submit": can_submit(user, meeting) and services.is_open(meeting, now),
        "runs": perm.can_run_meeting(user, meeting),
    }



from hub.agenda import views_attendance  # noqa: E402,F401 - routes attach to bp
