"""Rounds, schemes, the reporting grid and the review (routes on views.bp)."""

from decimal import Decimal

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from hub import permissions as perm
from hub.efficiency import collection, messages, services, xlsx
from hub.efficiency.forms import GridForm, ReturnForm, RoundForm, SchemeForm, UploadForm
from hub.efficiency.models import EvalRound, SubmissionStatus
from hub.efficiency.views import apply_error, bp, report_rows, xlsx_response
from hub.extensions import db
from hub.parks.models import Park
from hub.timeutil import local_today
from hub.validators import choices


def _round(round_id: int) -> EvalRound:
    return db.get_or_404(EvalRound, round_id)


@bp.route("/rounds/new", methods=["GET", "POST"])
@login_required
def new_round():
    perm.require(perm.can_manage_evaluation(current_user))
    form = RoundForm()
    if request.method == "GET":
        form.year.data = local_today().year - 1
    if form.validate_on_submit():
        try:
            rnd = services.open_round(current_user, form.year.data, form.deadline.data)
            db.session.commit()
        except services.EfficiencyError as error:
            db.session.rollback()
            apply_error(form, error)
        else:
            flash(_("Round %(year)s opened with the default scheme.", year=rnd.year), "success")
            return redirect(url_for(".round_detail", round_id=rnd.id))
    status = 422 if request.method == "POST" else 200
    return render_template("efficiency/round_form.html", form=form), status


@bp.get("/rounds/<int:round_id>")
@login_required
def round_detail(round_id: int):
    rnd = _round(round_id)
    rows = collection.progress(rnd)
    if not perm.can_manage_evaluation(current_user):
        rows = [r for r in rows if r[0].id == current_user.park_id] if not rnd.is_published \
            else rows
    return render_template("efficiency/round.html", rnd=rnd, rows=rows)


@bp.route("/rounds/<int:round_id>/scheme", methods=["GET", "POST"])
@login_required
def edit_scheme(round_id: int):
    rnd = _round(round_id)
    perm.require(perm.can_manage_evaluation(current_user))
    form = SchemeForm()
    if request.method == "GET":
        scheme = rnd.scheme
        for ind in scheme.indicators:
            form[f"weight_{ind['code']}"].data = Decimal(ind["weight"])
            form[f"benchmark_{ind['code']}"].data = Decimal(ind["benchmark"])
            form[f"higher_{ind['code']}"].data = "1" if ind["higher_is_better"] else "0"
        for g in "ABC":
            form[f"threshold_{g}"].data = Decimal(scheme.thresholds[g])
        form.cap.data, form.jump_factor.data = scheme.cap, scheme.jump_factor
    if form.validate_on_submit():
        try:
            row = services.change_scheme(current_user, rnd, form.scheme_data(), form.note.data)
            db.session.commit()
        except services.EfficiencyError as error:
            db.session.rollback()
            apply_error(form, error)
        else:
            flash(_("Scheme version %(v)s saved; every figure of the round was scored again.",
                    v=row.version), "success")
            return redirect(url_for(".round_detail", round_id=rnd.id))
    status = 422 if request.method == "POST" else 200
    return render_template("efficiency/scheme_form.html", rnd=rnd, form=form), status


@bp.post("/rounds/<int:round_id>/publish")
@login_required
def publish(round_id: int):
    rnd = _round(round_id)
    perm.require(perm.can_manage_evaluation(current_user))
    try:
        services.publish_round(current_user, rnd)
        db.session.commit()
    except services.EfficiencyError as error:
        db.session.rollback()
        apply_error(None, error)
    else:
        flash(_("Results of %(year)s published.", year=rnd.year), "success")
    return redirect(url_for(".round_detail", round_id=rnd.id))


# --- the grid ---------------------------------------------------------------------------------
def _grid_context(rnd: EvalRound, park: Park):
    perm.require(perm.can_view_park_figures(current_user, rnd, park.id))
    sub = collection.get_submission(rnd, park.id)
    db.session.commit()  # the report row, created on first sight
    enterprises = services.evaluated_enterprises(park.id)
    return sub, enterprises


def _render_grid(rnd, park, sub, enterprises, *, form=None, grid=None, flagged=(), status=200,
                 return_form=None, upload=None, report=None):
    figures = collection.figures_of(rnd, park.id)
    if grid is None:  # what is stored, as text
        grid = collection.Grid()
        for ent in enterprises:
            fig = figures.get(ent.id)
            grid.raw[ent.id] = {
                name: ("" if fig is None or getattr(fig, name) is None
                       else str(getattr(fig, name)) if name != "land_mu"
                       else str(fig.land_mu))
                for name in collection.FIGURE_FIELDS}
            if fig is None:
                grid.raw[ent.id]["land_mu"] = str(ent.land_mu)
    cell_errors = {key: messages.cell_message(code) for key, code in grid.errors.items()}
    factor = rnd.scheme.jump_factor
    flags = {}
    for fig in figures.values():
        for name, code in fig.flags:
            flags.setdefault((fig.enterprise_id, name), []).append(
                messages.flag_message(code, factor=factor.normalize()))
    editable = perm.can_fill_figures(current_user, park.id) and collection.can_change(rnd, sub)
    return render_template(
        "efficiency/grid.html", rnd=rnd, park=park, sub=sub, enterprises=enterprises,
        grid=grid, cell_errors=cell_errors, flags=flags, figures=figures, editable=editable,
        form=form or GridForm(formdata=None), cell_name=collection.cell_name,
        fields=collection.FIGURE_FIELDS, flagged=flagged,
        can_review=perm.can_manage_evaluation(current_user)
        and sub.status is SubmissionStatus.SUBMITTED,
        return_form=return_form or ReturnForm(formdata=None),
        upload=upload or UploadForm(formdata=None), report=report,
        report_rows=report_rows(report) if report else []), status


@bp.get("/rounds/<int:round_id>/parks/<int:park_id>")
@login_required
def grid(round_id: int, park_id: int):
    rnd, park = _round(round_id), db.get_or_404(Park, park_id)
    sub, enterprises = _grid_context(rnd, park)
    return _render_grid(rnd, park, sub, enterprises)


@bp.post("/rounds/<int:round_id>/parks/<int:park_id>")
@login_required
def save_grid(round_id: int, park_id: int):
    rnd, park = _round(round_id), db.get_or_404(Park, park_id)
    perm.require(perm.can_fill_figures(current_user, park.id))
    sub, enterprises = _grid_context(rnd, park)
    form = GridForm()
    grid = collection.parse_grid(enterprises, request.form)
    if not form.validate_on_submit():
        return _render_grid(rnd, park, sub, enterprises, form=form, grid=grid, status=422)
    submitting = request.form.get("action") == "submit"
    try:
        if submitting:
            flagged = collection.submit(current_user, rnd, sub, enterprises, grid,
                                        confirm_flags=form.confirm_flags.data)
        else:
            collection.save_grid(current_user, rnd, sub, enterprises, grid)
            flagged = []
        db.session.commit()
    except services.EfficiencyError as error:
        db.session.rollback()
        apply_error(None, error)
        sub = collection.get_submission(rnd, park.id)
        return _render_grid(rnd, park, sub, enterprises, form=form, grid=grid, status=422)
    except (IntegrityError, StaleDataError):  # someone saved or reviewed the report meanwhile
        db.session.rollback()
        flash(_("Someone else saved or reviewed this report meanwhile. Nothing of yours was "
                "saved; your input is below — check the status and save again."), "warning")
        sub = collection.get_submission(rnd, park.id)
        return _render_grid(rnd, park, sub, enterprises, form=form, grid=grid, status=409)
    if flagged:
        flash(_("Saved as a draft, not submitted: %(n)d figures look implausible. Check them, "
                "tick the confirmation and submit again.", n=len(flagged)), "warning")
        return _render_grid(rnd, park, sub, enterprises, form=form, flagged=flagged, status=422)
    flash(_("Report submitted to the zone office.") if submitting else _("Draft saved."),
          "success")
    return redirect(url_for(".grid", round_id=rnd.id, park_id=park.id))


@bp.get("/rounds/<int:round_id>/parks/<int:park_id>/figures.xlsx")
@login_required
def grid_xlsx(round_id: int, park_id: int):
    rnd, park = _round(round_id), db.get_or_404(Park, park_id)
    _sub, enterprises = _grid_context(rnd, park)
    body = xlsx.grid_template(enterprises, collection.figures_of(rnd, park.id))
    return xlsx_response(body, f"figures-{rnd.year}-{park.id}.xlsx",
                         f"{park.short_name}-{rnd.year}-亩均效益填报.xlsx")


@bp.post("/rounds/<int:round_id>/parks/<int:park_id>/import")
@login_required
def import_grid(round_id: int, park_id: int):
    rnd, park = _round(round_id), db.get_or_404(Park, park_id)
    perm.require(perm.can_fill_figures(current_user, park.id))
    sub, enterprises = _grid_context(rnd, park)
    upload = UploadForm()
    upload.park_id.choices = choices([(park.id, park.name)])
    if not upload.validate_on_submit():
        return _render_grid(rnd, park, sub, enterprises, upload=upload, status=422)
    report = xlsx.import_figures(current_user, rnd, sub, enterprises, upload.file.data.read())
    if report.errors:
        db.session.rollback()
        sub = collection.get_submission(rnd, park.id)
        return _render_grid(rnd, park, sub, enterprises, upload=upload, report=report,
                            status=422)
    db.session.commit()
    flash(_("%(n)d rows imported and saved as a draft; check them and submit.",
            n=report.count), "success")
    return redirect(url_for(".grid", round_id=rnd.id, park_id=park.id))


# --- review -----------------------------------------------------------------------------------
@bp.post("/rounds/<int:round_id>/parks/<int:park_id>/review")
@login_required
def review(round_id: int, park_id: int):
    rnd, park = _round(round_id), db.get_or_404(Park, park_id)
    perm.require(perm.can_manage_evaluation(current_user))
    sub = collection.get_submission(rnd, park.id)
    form = ReturnForm()
    if not form.validate_on_submit():
        return _render_grid(rnd, park, sub, services.evaluated_enterprises(park.id),
                            return_form=form, status=422)
    try:
        if request.form.get("decision") == "accept":
            collection.accept_submission(current_user, sub)
            done = _("Report of %(park)s accepted.", park=park.name)
        else:
            collection.return_submission(current_user, sub, form.comment.data or "")
            done = _("Report of %(park)s returned.", park=park.name)
        db.session.commit()
    except services.EfficiencyError as error:
        db.session.rollback()
        apply_error(form, error)
        sub = collection.get_submission(rnd, park.id)
        return _render_grid(rnd, park, sub, services.evaluated_enterprises(park.id),
                            return_form=form, status=422)
    flash(done, "success")
    return redirect(url_for(".round_detail", round_id=rnd.id))
