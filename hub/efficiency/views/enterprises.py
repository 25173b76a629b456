"""The enterprise register (企业库): list, export, import, add, edit; the industry chains."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import edge, uow
from hub import permissions as perm
from hub.efficiency import services, xlsx
from hub.efficiency.forms import ChainForm, EnterpriseForm, EnterpriseUploadForm
from hub.efficiency.models import Enterprise
from hub.efficiency.views.common import bp, report_rows, xlsx_response
from hub.extensions import db
from hub.lists.rows import paginate_rows
from hub.parks.queries import reporting_parks
from hub.timeutil import local_today
from hub.validators import choice_labels, choices


def _filters() -> dict:
    return {"park_id": request.args.get("park", type=int),
            "chain_id": request.args.get("chain", type=int),
            "q": (request.args.get("q") or "").strip(),
            "sort": services.ENTERPRISE_SORT.parse(request.args)}


def _upload_form() -> EnterpriseUploadForm:
    form = EnterpriseUploadForm()
    parks = reporting_parks() if perm.is_admin(current_user) else [current_user.park]
    form.park_id.choices = choices((p.id, p.name) for p in parks)
    return form


@bp.get("/enterprises/")
@login_required
def enterprises(upload=None, report=None, status=200):
    filters = _filters()
    page = paginate_rows(services.enterprise_rows(**filters), lambda row: row,
                         page=edge.page_arg(), per_page=30, total_in_page=True)
    parks, chains = services.filter_menus()
    return render_template("efficiency/enterprises.html", page=page,
                           parks=parks, chains=chains,
                           park_id=filters["park_id"], chain_id=filters["chain_id"],
                           q=filters["q"], sort=filters["sort"],
                           upload=upload or _upload_form(), report=report,
                           report_rows=report_rows(report) if report else []), status


@bp.get("/enterprises/export.xlsx")
@login_required
def export_enterprises():
    day = local_today()
    return xlsx_response(xlsx.export_enterprises(services.enterprise_rows(**_filters())),
                         f"enterprises-{day:%Y%m%d}.xlsx", f"企业库-{day:%Y%m%d}.xlsx")


@bp.post("/enterprises/import")
@login_required
def import_enterprises():
    form = _upload_form()
    park_id = form.park_id.data if perm.is_admin(current_user) else current_user.park_id
    _require_park(park_id)
    if not form.validate_on_submit():
        return enterprises(upload=form, status=422)
    outcome = uow.attempt(lambda: xlsx.all_or_nothing(xlsx.import_enterprises(
        current_user, park_id, form.file.data.read(), form.file.data.filename)), form=form)
    if not outcome:
        return enterprises(upload=form, report=getattr(outcome.error, "report", None),
                           status=422)
    flash(_("%(n)d enterprises imported.", n=outcome.value.count), "success")
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


def _save_enterprise(form, action) -> uow.Outcome:
    outcome = uow.attempt(action, form=form,
                          # the same credit code saved by someone else meanwhile
                          integrity=services.EfficiencyError("code_taken", "credit_code"))
    if outcome.stale:
        flash(_("Someone else changed this enterprise meanwhile; check it and save again."),
              "warning")
    return outcome


@bp.route("/enterprises/new", methods=["GET", "POST"])
@login_required
def new_enterprise():
    form = _enterprise_form(None)
    if request.method == "POST":
        _require_park(request.form.get("park_id", type=int))
    if form.validate_on_submit():
        outcome = _save_enterprise(form, lambda: services.create_enterprise(
            current_user, form.park_id.data, form.data))
        if outcome:
            ent = outcome.value
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
    park_id = form.park_id.data if perm.is_admin(current_user) else None
    if form.validate_on_submit() and _save_enterprise(form, lambda: services.update_enterprise(
            current_user, ent, form.data, park_id=park_id)):
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
    if form.validate_on_submit() and uow.attempt(
            lambda: services.add_chain(current_user, form.name.data), form=form):
        flash(_("Industry chain added."), "success")
        return redirect(url_for(".chains"))
    return render_template("efficiency/chains.html", form=form,
                           chains=services.chains(False)), 422 if form.errors else 200
