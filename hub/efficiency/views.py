"""/efficiency/: 亩均效益评价. Thin: parse → check (hub.permissions) → service → render.
Rounds, grid and review: views_rounds.py; scores, hero list, analysis: views_results.py."""

from urllib.parse import quote

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from hub import permissions as perm
from hub.efficiency import collection, messages, services, xlsx
from hub.efficiency.forms import ChainForm, EnterpriseForm, EnterpriseUploadForm
from hub.efficiency.models import Enterprise, EvalRound
from hub.extensions import db
from hub.parks.queries import reporting_parks
from hub.timeutil import local_today
from hub.validators import choice_labels, choices

bp = Blueprint("efficiency", __name__, url_prefix="/efficiency")


@bp.context_processor
def labels():
    statuses = messages.status_labels()
    indicators = {k: str(v) for k, v in services.INDICATOR_LABELS.items()}
    grades = {k: str(v) for k, v in services.GRADE_LABELS.items()}
    return {"sub_status_label": lambda s: statuses.get(s, s),
            "sub_status_badge": lambda s: messages.STATUS_BADGES.get(s, "text-bg-light"),
            "indicator_label": lambda c: indicators.get(c, c),
            "grade_label": lambda g: grades.get(g, g or "—"),
            "FIGURE_LABELS": messages.figure_labels(),
            "can_manage": perm.can_manage_evaluation(current_user)}


def apply_error(form, error: services.EfficiencyError) -> None:
    message = messages.error_message(error.code)
    if error.field and form is not None and hasattr(form, error.field):
        getattr(form, error.field).errors.append(message)
    else:
        flash(message, "danger")


@bp.get("/")
@login_required
def index():
    rounds = list(db.session.execute(
        db.select(EvalRound).order_by(EvalRound.year.desc())).scalars())
    open_rounds = [r for r in rounds if not r.is_published]
    progress = {r.id: collection.progress(r) for r in open_rounds}
    return render_template("efficiency/index.html", rounds=rounds, progress=progress)


# --- enterprises ------------------------------------------------------------------------------
def xlsx_response(body: bytes, ascii_name: str, chinese_name: str) -> Response:
    return Response(body, mimetype=XLSX, headers={
        "Content-Disposition": f"attachment; filename=\"{ascii_name}\"; "
                               f"filename*=UTF-8''{quote(chinese_name)}"})


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def report_rows(report) -> list[tuple]:
    return [(row, column, messages.import_message(code)) for row, column, code in report.errors]


def _enterprise_select():
    park_id = request.args.get("park", type=int)
    chain_id = request.args.get("chain", type=int)
    q = (request.args.get("q") or "").strip()
    stmt = (db.select(Enterprise)
            .options(selectinload(Enterprise.park), selectinload(Enterprise.chain))
            .order_by(Enterprise.park_id, Enterprise.name, Enterprise.id))
    if park_id:
        stmt = stmt.where(Enterprise.park_id == park_id)
    if chain_id:
        stmt = stmt.where(Enterprise.chain_id == chain_id)
    if q:
        stmt = stmt.where(Enterprise.name.contains(q) | (Enterprise.credit_code == q.upper()))
    return stmt, park_id, chain_id, q


def _upload_form() -> EnterpriseUploadForm:
    form = EnterpriseUploadForm()
    parks = reporting_parks() if perm.is_admin(current_user) else [current_user.park]
    form.park_id.choices = choices((p.id, p.name) for p in parks)
    return form


@bp.get("/enterprises/")
@login_required
def enterprises(upload=None, report=None, status=200):
    stmt, park_id, chain_id, q = _enterprise_select()
    page = db.paginate(stmt, per_page=30, error_out=False)
    return render_template("efficiency/enterprises.html", page=page,
                           parks=reporting_parks(), chains=services.chains(False),
                           park_id=park_id, chain_id=chain_id, q=q,
                           upload=upload or _upload_form(), report=report,
                           report_rows=report_rows(report) if report else []), status


@bp.get("/enterprises/export.xlsx")
@login_required
def export_enterprises():
    stmt, *_rest = _enterprise_select()
    day = local_today()
    return xlsx_response(xlsx.export_enterprises(stmt), f"enterprises-{day:%Y%m%d}.xlsx",
                         f"企业库-{day:%Y%m%d}.xlsx")


@bp.post("/enterprises/import")
@login_required
def import_enterprises():
    form = _upload_form()
    park_id = form.park_id.data if perm.is_admin(current_user) else current_user.park_id
    _require_park(park_id)
    if not form.validate_on_submit():
        return enterprises(upload=form, status=422)
    report = xlsx.import_enterprises(current_user, park_id, form.file.data.read(),
                                    form.file.data.filename)
    if report.errors:
        db.session.rollback()
        return enterprises(upload=form, report=report, status=422)
    db.session.commit()
    flash(_("%(n)d enterprises imported.", n=report.count), "success")
    return redirect(url_for(".enterprises", park=park_id))


def _enterprise_form(ent: Enterprise | None) -> EnterpriseForm:
    data = None
    if request.method == "GET" and ent is not None:
        data = {"chain_id": ent.chain_id or 0}
    form = EnterpriseForm(obj=ent, data=data)
    parks = reporting_parks() if perm.is_admin(current_user) else [current_user.park]
    form.park_id.choices = choices((p.id, p.name) for p in parks)
    if request.method == "GET" and ent is None:
        form.park_id.data = current_user.park_id
    form.chain_id.choices = choices([(0, _("— none —"))] + [
        (c.id, c.name) for c in services.chains()])
    if ent is not None and ent.chain_id and ent.chain_id not in choice_labels(
            form.chain_id.choices):
        form.chain_id.choices += choices([(ent.chain_id, ent.chain.name)])
    return form


def _require_park(park_id) -> None:
    """A forged park_id may not put an enterprise into another park."""
    perm.require(perm.can_edit_enterprise(current_user, park_id))


def _save_enterprise(form, action):
    try:
        result = action()
        db.session.commit()
    except services.EfficiencyError as error:
        db.session.rollback()
        apply_error(form, error)
        return None
    except IntegrityError:  # the same credit code saved by someone else meanwhile
        db.session.rollback()
        apply_error(form, services.EfficiencyError("code_taken", "credit_code"))
        return None
    except StaleDataError:
        db.session.rollback()
        flash(_("Someone else changed this enterprise meanwhile; check it and save again."),
              "warning")
        return None
    return result


@bp.route("/enterprises/new", methods=["GET", "POST"])
@login_required
def new_enterprise():
    form = _enterprise_form(None)
    if request.method == "POST":
        _require_park(request.form.get("park_id", type=int))
    if form.validate_on_submit():
        ent = _save_enterprise(form, lambda: services.create_enterprise(
            current_user, form.park_id.data, form.data))
        if ent is not None:
            flash(_("Enterprise %(name)s added.", name=ent.name), "success")
            return redirect(url_for(".enterprises", park=ent.park_id))
    status = 422 if request.method == "POST" else 200
    return render_template("efficiency/enterprise_form.html", form=form, ent=None), status


@bp.route("/enterprises/<int:ent_id>/edit", methods=["GET", "POST"])
@login_required
def edit_enterprise(ent_id: int):
    ent = db.get_or_404(Enterprise, ent_id)
    _require_park(ent.park_id)
    form = _enterprise_form(ent)
    if request.method == "POST":
        _require_park(request.form.get("park_id", type=int))
    if form.validate_on_submit():
        def update():
            if perm.is_admin(current_user):
                ent.park_id = form.park_id.data
            services.update_enterprise(current_user, ent, form.data)
            return ent
        if _save_enterprise(form, update) is not None:
            flash(_("Enterprise %(name)s saved.", name=ent.name), "success")
            return redirect(url_for(".enterprises", park=ent.park_id))
    status = 422 if request.method == "POST" else 200
    return render_template("efficiency/enterprise_form.html", form=form, ent=ent), status


# --- industry chains (admin) ------------------------------------------------------------------
@bp.route("/chains", methods=["GET", "POST"])
@login_required
def chains():
    perm.require(perm.can_manage_evaluation(current_user))
    form = ChainForm()
    if form.validate_on_submit():
        try:
            services.add_chain(current_user, form.name.data)
            db.session.commit()
        except services.EfficiencyError as error:
            db.session.rollback()
            apply_error(form, error)
        else:
            flash(_("Industry chain added."), "success")
            return redirect(url_for(".chains"))
    return render_template("efficiency/chains.html", form=form,
                           chains=services.chains(False)), 422 if form.errors else 200


from hub.efficiency import (  # noqa: E402,F401 - routes on bp, the daily reminder
    reminders,
    views_allocation,
    views_results,
    views_rounds,
)
