"""Agenda topics (议题征集) under /meetings/<id>/agenda: submit, edit, withdraw (the submitting
park, until the cut-off), accept, order, defer (the host, admins), a printable agenda."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import permissions as perm
from hub import uow
from hub.agenda import services
from hub.agenda.forms import MoveForm, TopicForm
from hub.agenda.models import AgendaTopic, TopicStatus
from hub.agenda.views.common import bp, can_change_own, can_submit, load_meeting
from hub.domain import DomainError
from hub.extensions import db
from hub.meetings import recurrence
from hub.meetings.models import Meeting
from hub.timeutil import long_date, utcnow


def load_topic(meeting: Meeting, topic_id: int) -> AgendaTopic:
    topic = db.get_or_404(AgendaTopic, topic_id)
    if topic.meeting_id != meeting.id:
        abort(404)
    return topic


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


def refuse(meeting: Meeting, error: DomainError):
    """The agenda page with the refusal above it (409)."""
    return render_page(meeting, status=error.status, error=error.message)


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
        return refuse(meeting, services.AgendaError("closed"))
    form = TopicForm()
    if not form.validate_on_submit():
        return render_page(meeting, form=form, status=422)
    outcome = uow.attempt(lambda: services.submit(
        meeting, _input(form), by=current_user, park_id=current_user.park_id, now=utcnow(),
        late_ok=late_ok, uploads=form.attachments.data), form=form, flash_errors=False)
    if isinstance(outcome.error, services.AgendaError):
        return refuse(meeting, outcome.error)
    if not outcome:  # a rejected upload, shown on the form
        return render_page(meeting, form=form, status=422)
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
        return refuse(meeting, services.AgendaError("not_editable"))
    if not late_ok and not services.is_open(meeting, utcnow()):
        return refuse(meeting, services.AgendaError("closed"))
    form = TopicForm(obj=topic) if request.method == "GET" else TopicForm()
    if request.method == "POST":
        if form.validate_on_submit():
            outcome = uow.attempt(lambda: services.update(
                topic, _input(form), by=current_user, now=utcnow(), late_ok=late_ok,
                uploads=form.attachments.data), form=form, flash_errors=False)
            if isinstance(outcome.error, services.AgendaError):
                return refuse(meeting, outcome.error)
            if outcome:
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
    outcome = uow.attempt(lambda: services.withdraw(
        topic, by=current_user, now=utcnow(),
        late_ok=perm.can_run_meeting(current_user, meeting)), flash_errors=False)
    if not outcome:
        return refuse(meeting, outcome.error)
    flash(_("The topic was withdrawn."), "success")
    return redirect(url_for(".page", meeting_id=meeting.id))


def _host_step(meeting_id: int, topic_id: int, step, done_message):
    meeting = load_meeting(meeting_id)
    perm.require(perm.can_run_meeting(current_user, meeting))
    topic = load_topic(meeting, topic_id)
    outcome = uow.attempt(lambda: step(topic), flash_errors=False)
    if not outcome:
        return refuse(meeting, outcome.error)
    if done_message:
        flash(done_message(outcome.value), "success")
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
    """The meeting's day with its weekday (2027年2月9日 星期二), in the meeting's zone."""
    return long_date(meeting.starts_at.astimezone(recurrence.zone(meeting.timezone)).date())


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
