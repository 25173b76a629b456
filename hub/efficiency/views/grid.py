"""A park's reporting grid (填报): the figures, save or submit, .xlsx template and import; the
zone office's review (审核: accept or return)."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import permissions as perm
from hub import uow
from hub.efficiency import collection, messages, services, xlsx
from hub.efficiency.forms import GridForm, ReturnForm, UploadForm
from hub.efficiency.models import EvalRound, SubmissionStatus
from hub.efficiency.views.common import bp, get_round, report_rows, xlsx_response
from hub.extensions import db
from hub.parks.models import Park
from hub.validators import choices


def _grid_context(rnd: EvalRound, park: Park):
    perm.require(perm.can_view_park_figures(current_user, rnd, park.id))
    # the report row, created on first sight
    sub = uow.committed(collection.get_submission(rnd, park.id))
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
    rnd, park = get_round(round_id), db.get_or_404(Park, park_id)
    sub, enterprises = _grid_context(rnd, park)
    return _render_grid(rnd, park, sub, enterprises)


@bp.post("/rounds/<int:round_id>/parks/<int:park_id>")
@login_required
def save_grid(round_id: int, park_id: int):
    rnd, park = get_round(round_id), db.get_or_404(Park, park_id)
    perm.require(perm.can_fill_figures(current_user, park.id))
    sub, enterprises = _grid_context(rnd, park)
    form = GridForm()
    grid = collection.parse_grid(enterprises, request.form)
    if not form.validate_on_submit():
        return _render_grid(rnd, park, sub, enterprises, form=form, grid=grid, status=422)
    submitting = request.form.get("action") == "submit"
    outcome = uow.attempt(lambda: collection.save_or_submit(
        current_user, rnd, sub, enterprises, grid, submitting=submitting,
        confirm_flags=form.confirm_flags.data))
    if outcome.stale:  # someone saved or reviewed the report meanwhile
        flash(_("Someone else saved or reviewed this report meanwhile. Nothing of yours was "
                "saved; your input is below — check the status and save again."), "warning")
    if not outcome:
        sub = collection.get_submission(rnd, park.id)
        return _render_grid(rnd, park, sub, enterprises, form=form, grid=grid,
                            status=409 if outcome.stale else 422)
    if flagged := outcome.value:
        flash(_("Saved as a draft, not submitted: %(n)d figures look implausible. Check them, "
                "tick the confirmation and submit again.", n=len(flagged)), "warning")
        return _render_grid(rnd, park, sub, enterprises, form=form, flagged=flagged, status=422)
    flash(_("Report submitted to the zone office.") if submitting else _("Draft saved."),
          "success")
    return redirect(url_for(".grid", round_id=rnd.id, park_id=park.id))


@bp.get("/rounds/<int:round_id>/parks/<int:park_id>/figures.xlsx")
@login_required
def grid_xlsx(round_id: int, park_id: int):
    rnd, park = get_round(round_id), db.get_or_404(Park, park_id)
    _sub, enterprises = _grid_context(rnd, park)
    body = xlsx.grid_template(enterprises, collection.figures_of(rnd, park.id))
    return xlsx_response(body, f"figures-{rnd.year}-{park.id}.xlsx",
                         f"{park.short_name}-{rnd.year}-亩均效益填报.xlsx")


@bp.post("/rounds/<int:round_id>/parks/<int:park_id>/import")
@login_required
def import_grid(round_id: int, park_id: int):
    rnd, park = get_round(round_id), db.get_or_404(Park, park_id)
    perm.require(perm.can_fill_figures(current_user, park.id))
    sub, enterprises = _grid_context(rnd, park)
    upload = UploadForm()
    upload.park_id.choices = choices([(park.id, park.name)])
    if not upload.validate_on_submit():
        return _render_grid(rnd, park, sub, enterprises, upload=upload, status=422)
    outcome = uow.attempt(lambda: xlsx.all_or_nothing(xlsx.import_figures(
        current_user, rnd, sub, enterprises, upload.file.data.read())), form=upload)
    if not outcome:
        sub = collection.get_submission(rnd, park.id)
        return _render_grid(rnd, park, sub, enterprises, upload=upload,
                            report=getattr(outcome.error, "report", None), status=422)
    flash(_("%(n)d rows imported and saved as a draft; check them and submit.",
            n=outcome.value.count), "success")
    return redirect(url_for(".grid", round_id=rnd.id, park_id=park.id))


# --- review -----------------------------------------------------------------------------------
@bp.post("/rounds/<int:round_id>/parks/<int:park_id>/review")
@login_required
def review(round_id: int, park_id: int):
    rnd, park = get_round(round_id), db.get_or_404(Park, park_id)
    perm.require(perm.can_manage_evaluation(current_user))
    sub = collection.get_submission(rnd, park.id)
    form = ReturnForm()
    if not form.validate_on_submit():
        return _render_grid(rnd, park, sub, services.evaluated_enterprises(park.id),
                            return_form=form, status=422)
    if request.form.get("decision") == "accept":
        outcome = uow.attempt(lambda: collection.accept_submission(current_user, sub), form=form)
        done = _("Report of %(park)s accepted.", park=park.name)
    else:
        outcome = uow.attempt(lambda: collection.return_submission(
            current_user, sub, form.comment.data or ""), form=form)
        done = _("Report of %(park)s returned.", park=park.name)
    if not outcome:
        sub = collection.get_submission(rnd, park.id)
        return _render_grid(rnd, park, sub, services.evaluated_enterprises(park.id),
                            return_form=form, status=422)
    flash(done, "success")
    return redirect(url_for(".round_detail", round_id=rnd.id))
