"""The project list, a project's page, its edits, stages, progress entries and 督办."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import permissions as perm
from hub import uow
from hub.projects import services, supervision
from hub.projects.forms import AdvanceForm, EntryForm, ProjectForm
from hub.projects.models import STAGE_LABELS, Project
from hub.projects.views.common import bp, park_choices, parks
from hub.timeutil import local_today


def _get(project_id: int) -> Project:
    project = services.get_project(project_id) or abort(404)
    perm.require(perm.can_view_project(current_user, project))
    return project


def _data(form, project: Project | None = None) -> dict:
    data = {k: v for k, v in form.data.items() if k not in ("csrf_token", "version")}
    if "park_id" not in form:
        data["park_id"] = project.park_id if project else current_user.park_id
    for name in services.AMOUNTS:
        if data.get(name) is None and name != "total_investment":
            data[name] = services.Decimal("0")
    return data


@bp.get("/")
@login_required
def index():
    park_id = request.args.get("park", type=int) or None
    stage = request.args.get("stage", "")
    q = request.args.get("q", "").strip()[:100]
    behind = request.args.get("behind") == "1"  # anything else: no such filter
    today = local_today()
    sort = services.SORT.parse(request.args)
    page = services.list_page(current_user, page=None, per_page=25, park_id=park_id,
                              stage=stage, q=q, sort=sort, behind_on=today if behind else None)
    return render_template("projects/index.html", page=page, parks=parks(), park_id=park_id,
                           stage=stage, q=q, behind=behind, today=today, sort=sort)


@bp.route("/new", methods=["GET", "POST"])
@login_required
def create():
    form = ProjectForm()
    park_choices(form)
    if request.method == "GET" and "park_id" in form:
        form.park_id.data = current_user.park_id
    if form.validate_on_submit():
        outcome = uow.attempt(lambda: services.create(current_user, _data(form)), form=form)
        if outcome:
            flash(_("Project “%(name)s” saved.", name=outcome.value.name), "success")
            return redirect(url_for(".detail", project_id=outcome.value.id))
    status = 422 if request.method == "POST" else 200
    return render_template("projects/form.html", form=form, project=None), status


@bp.get("/<int:project_id>")
@login_required
def detail(project_id: int):
    project = _get(project_id)
    entries, files = services.entries_with_files(project)
    return _detail(project, entries, files, AdvanceForm(), EntryForm())


def _detail(project, entries, files, advance_form, entry_form, status=200):
    today = local_today()
    return render_template(
        "projects/detail.html", project=project, entries=entries, files=files,
        advance_form=advance_form, entry_form=entry_form, rates=supervision.rates(project, today),
        can_edit=perm.can_edit_project(current_user, project), today=today,
        can_supervise=perm.can_supervise_project(current_user)), status


@bp.route("/<int:project_id>/edit", methods=["GET", "POST"])
@login_required
def edit(project_id: int):
    project = _get(project_id)
    perm.require(perm.can_edit_project(current_user, project))
    form = ProjectForm(obj=project)
    park_choices(form)
    if request.method == "GET":
        form.version.data = project.version
    if form.validate_on_submit():
        outcome = uow.attempt(lambda: services.update(
            current_user, project, _data(form, project), version=form.version.data), form=form)
        if outcome:
            flash(_("Project “%(name)s” saved.", name=project.name), "success")
            return redirect(url_for(".detail", project_id=project.id))
        if outcome.stale:
            project = _get(project_id)
            form.version.data = project.version
            flash(_("Someone else saved this project meanwhile. Check the values and save "
                    "again to overwrite."), "warning")
    status = 200 if request.method == "GET" else 422
    return render_template("projects/form.html", form=form, project=project), status


@bp.post("/<int:project_id>/advance")
@login_required
def advance(project_id: int):
    project = _get(project_id)
    perm.require(perm.can_edit_project(current_user, project))
    form = AdvanceForm()
    if form.validate_on_submit():
        outcome = uow.attempt(lambda: services.advance(current_user, project, form.on.data,
                                                       form.note.data or ""), form=form)
        if outcome:
            flash(_("Stage recorded: %(stage)s", stage=STAGE_LABELS[outcome.value]), "success")
            return redirect(url_for(".detail", project_id=project.id))
    project = _get(project_id)
    return _detail(project, project.entries, {}, form, EntryForm(), 422)


@bp.post("/<int:project_id>/entries")
@login_required
def add_entry(project_id: int):
    project = _get(project_id)
    perm.require(perm.can_edit_project(current_user, project))
    form = EntryForm()
    if form.validate_on_submit() and uow.attempt(lambda: services.add_entry(
            current_user, project, form.note.data, form.attachments.data), form=form):
        flash(_("Progress entry added."), "success")
        return redirect(url_for(".detail", project_id=project.id))
    project = _get(project_id)
    return _detail(project, project.entries, {}, AdvanceForm(), form, 422)


@bp.post("/<int:project_id>/supervise")
@login_required
def supervise(project_id: int):
    project = _get(project_id)
    perm.require(perm.can_supervise_project(current_user))
    note = request.form.get("note", "")[:2000]
    if uow.attempt(lambda: services.supervise(current_user, project, note,
                                              local_today())):
        flash(_("Supervision (督办) updated."), "success")
    return redirect(url_for(".detail", project_id=project.id))
