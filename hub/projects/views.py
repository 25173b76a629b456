"""/projects/: investment projects, 招商 visits, 履约监管. Thin: parse → check → service."""

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.exc import StaleDataError

from hub import permissions as perm
from hub.attachments import services as attachments
from hub.attachments.forms import rejected_message
from hub.attachments.models import Attachment
from hub.concurrency import StaleEdit
from hub.extensions import db
from hub.parks.queries import all_parks
from hub.projects import exports, services
from hub.projects import visits as visits_service
from hub.projects.forms import AdvanceForm, EntryForm, ProjectForm, VisitForm, put_errors
from hub.projects.models import STAGE_LABELS, STAGES, ProgressEntry, Project, Visit
from hub.timeutil import local_today
from hub.validators import choices

bp = Blueprint("projects", __name__, url_prefix="/projects")



@bp.context_processor
def labels():
    return {"stage_label": {k: str(v) for k, v in STAGE_LABELS.items()}.get, "STAGES": STAGES,
            "pct": exports.percent}


def _parks():
    return [(p.id, p.name) for p in all_parks() if p.kind.value != "zone"] or \
        [(p.id, p.name) for p in all_parks()]


def _park_choices(form) -> None:
    if perm.is_admin(current_user):
        form.park_id.choices = choices(_parks())
    else:
        del form.park_id  # a park writes for itself only
    if request.method == "POST":  # a forged park id: 403
        raw = request.form.get("park_id", type=int)
        if raw is not None:
            perm.require(perm.can_write_for_park(current_user, raw))


def _get(project_id: int) -> Project:
    project = db.first_or_404(db.select(Project).options(joinedload(Project.park))
                              .where(Project.id == project_id))
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
    stmt = services.list_query(current_user, park_id=park_id, stage=stage, q=q)
    page = db.paginate(stmt, per_page=25, error_out=False)
    return render_template("projects/index.html", page=page, parks=_parks(), park_id=park_id,
                           stage=stage, q=q, today=local_today())


@bp.route("/new", methods=["GET", "POST"])
@login_required
def create():
    form = ProjectForm()
    _park_choices(form)
    if request.method == "GET" and "park_id" in form:
        form.park_id.data = current_user.park_id
    if form.validate_on_submit():
        try:
            project = services.create(current_user, _data(form))
        except services.ProjectInvalid as error:
            db.session.rollback()
            put_errors(form, error.errors)
        else:
            db.session.commit()
            flash(_("Project “%(name)s” saved.", name=project.name), "success")
            return redirect(url_for(".detail", project_id=project.id))
    status = 422 if request.method == "POST" else 200
    return render_template("projects/form.html", form=form, project=None), status


@bp.get("/<int:project_id>")
@login_required
def detail(project_id: int):
    project = _get(project_id)
    entries = list(db.session.execute(
        db.select(ProgressEntry).where(ProgressEntry.project_id == project.id)
        .options(selectinload(ProgressEntry.author)).order_by(ProgressEntry.id.desc())).scalars())
    files: dict[int, list] = {}
    for a in db.session.execute(db.select(Attachment).where(
            Attachment.owner_type == "invest_project_entry",
            Attachment.owner_id.in_([e.id for e in entries])).order_by(Attachment.id)).scalars():
        files.setdefault(a.owner_id, []).append(a)
    return _detail(project, entries, files, AdvanceForm(), EntryForm())


def _detail(project, entries, files, advance_form, entry_form, status=200):
    today = local_today()
    return render_template(
        "projects/detail.html", project=project, entries=entries, files=files,
        advance_form=advance_form, entry_form=entry_form, rates=services.rates(project, today),
        can_edit=perm.can_edit_project(current_user, project), today=today,
        can_supervise=perm.can_supervise_project(current_user)), status


@bp.route("/<int:project_id>/edit", methods=["GET", "POST"])
@login_required
def edit(project_id: int):
    project = _get(project_id)
    perm.require(perm.can_edit_project(current_user, project))
    form = ProjectForm(obj=project)
    _park_choices(form)
    if request.method == "GET":
        form.version.data = project.version
    if form.validate_on_submit():
        try:
            services.update(current_user, project, _data(form, project), version=form.version.data)
            db.session.commit()
        except services.ProjectInvalid as error:
            db.session.rollback()
            put_errors(form, error.errors)
        except (StaleEdit, StaleDataError):
            db.session.rollback()
            project = _get(project_id)
            form.version.data = project.version
            flash(_("Someone else saved this project meanwhile. Check the values and save "
                    "again to overwrite."), "warning")
        else:
            flash(_("Project “%(name)s” saved.", name=project.name), "success")
            return redirect(url_for(".detail", project_id=project.id))
    status = 200 if request.method == "GET" else 422
    return render_template("projects/form.html", form=form, project=project), status


@bp.post("/<int:project_id>/advance")
@login_required
def advance(project_id: int):
    project = _get(project_id)
    perm.require(perm.can_edit_project(current_user, project))
    form = AdvanceForm()
    if form.validate_on_submit():
        try:
            stage = services.advance(current_user, project, form.on.data, form.note.data or "")
        except services.ProjectInvalid as error:
            db.session.rollback()
            put_errors(form, error.errors)
        else:
            db.session.commit()
            flash(_("Stage recorded: %(stage)s", stage=STAGE_LABELS[stage]), "success")
            return redirect(url_for(".detail", project_id=project.id))
    project = _get(project_id)
    return _detail(project, project.entries, {}, form, EntryForm(), 422)


@bp.post("/<int:project_id>/entries")
@login_required
def add_entry(project_id: int):
    project = _get(project_id)
    perm.require(perm.can_edit_project(current_user, project))
    form = EntryForm()
    if form.validate_on_submit():
        try:
            services.add_entry(current_user, project, form.note.data, form.attachments.data)
        except attachments.AttachmentRejected as error:
            db.session.rollback()
            form.attachments.errors = [rejected_message(error)]
        else:
            db.session.commit()
            flash(_("Progress entry added."), "success")
            return redirect(url_for(".detail", project_id=project.id))
    project = _get(project_id)
    return _detail(project, project.entries, {}, AdvanceForm(), form, 422)


@bp.post("/<int:project_id>/supervise")
@login_required
def supervise(project_id: int):
    project = _get(project_id)
    perm.require(perm.can_supervise_project(current_user))
    try:
        services.supervise(current_user, project, request.form.get("note", "")[:2000],
                           local_today())
    except services.ProjectInvalid:
        db.session.rollback()
        flash(_("Give the reason for the supervision (督办)."), "danger")
    else:
        db.session.commit()
        flash(_("Supervision (督办) updated."), "success")
    return redirect(url_for(".detail", project_id=project.id))


# --- 招商 visits ----------------------------------------------------------------------------
@bp.route("/visits", methods=["GET", "POST"])
@login_required
def visits():
    form = VisitForm()
    _park_choices(form)
    if request.method == "GET" and "park_id" in form:
        form.park_id.data = current_user.park_id
    if form.validate_on_submit():
        data = {k: v for k, v in form.data.items() if k != "csrf_token"}
        data.setdefault("park_id", current_user.park_id)
        visits_service.create(current_user, data)
        db.session.commit()
        flash(_("Visit logged."), "success")
        return redirect(url_for(".visits"))
    stmt = db.select(Visit).options(selectinload(Visit.park)) \
        .where(perm.visit_visible(current_user)).order_by(Visit.visit_on.desc(), Visit.id.desc())
    page = db.paginate(stmt, per_page=25, error_out=False)
    status = 422 if request.method == "POST" else 200
    return render_template("projects/visits.html", form=form, page=page,
                           can_change=perm.can_change_visit), status


def _visit(visit_id: int) -> Visit:
    visit = db.first_or_404(db.select(Visit).where(Visit.id == visit_id, visits_service.live()))
    perm.require(perm.can_change_visit(current_user, visit))
    return visit


@bp.route("/visits/<int:visit_id>/edit", methods=["GET", "POST"])
@login_required
def visit_edit(visit_id: int):
    visit = _visit(visit_id)
    form = VisitForm(obj=visit)
    _park_choices(form)
    if form.validate_on_submit():
        data = {k: v for k, v in form.data.items() if k != "csrf_token"}
        data.setdefault("park_id", visit.park_id)
        if visits_service.update(current_user, visit, data):
            db.session.commit()
            flash(_("Visit saved."), "success")
        else:
            flash(_("Nothing changed."), "info")
        return redirect(url_for(".visits"))
    status = 422 if request.method == "POST" else 200
    return render_template("projects/visit_form.html", form=form, visit=visit), status


@bp.post("/visits/<int:visit_id>/delete")
@login_required
def visit_delete(visit_id: int):
    visit = _visit(visit_id)
    visits_service.delete(current_user, visit)
    db.session.commit()
    flash(_("Visit “%(visit)s” deleted; the campaign figures no longer count it.",
            visit=str(visit)), "success")
    return redirect(url_for(".visits"))


# --- 履约监管 ------------------------------------------------------------------------------
@bp.get("/supervision")
@login_required
def supervision():
    today = local_today()
    rows = services.supervision(current_user, today)
    fmt = request.args.get("format")
    if fmt in ("csv", "xlsx"):
        return _export(rows, fmt)
    return render_template("projects/supervision.html", rows=rows, today=today)


BEHIND_LABELS = {"production": _l("Not in production by the deadline"),
                 "capital": _l("Capital not fully paid in"), "tax": _l("Agreed tax not reached"),
                 "output": _l("Agreed output not reached")}


def _export(rows, fmt: str) -> Response:
    header = [_("Park"), _("Projects"), _("Performance rate (履约率)"),
              _("Capital in place (资金到位率)"), _("In production (投产率)"),
              _("Entered the park (入园率)"), _("Projects behind commitments")]
    table = [[r.park.name, r.totals.projects, exports.percent(r.totals.performance_rate),
              exports.percent(r.totals.capital_rate), exports.percent(r.totals.production_rate),
              exports.percent(r.totals.entry_rate),
              "; ".join(p.name for p, _r in r.behind)] for r in rows]
    if fmt == "csv":
        body, mime = exports.to_csv(header, table), "text/csv; charset=utf-8"
    else:
        body, mime = exports.to_xlsx([(_("Supervision"), header, table)]), exports.XLSX
    return Response(body, mimetype=mime, headers={
        "Content-Disposition": f"attachment; filename=supervision.{fmt}"})


def behind_text(code: str) -> str:
    return str(BEHIND_LABELS[code])


bp.add_app_template_global(behind_text, "behind_text")

from hub.projects import reminders, views_campaigns  # noqa: E402, F401 - routes, producers
