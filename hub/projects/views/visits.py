"""招商 visits: log, correct, delete (/projects/visits)."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import permissions as perm
from hub import uow
from hub.extensions import db
from hub.projects import visits as visits_service
from hub.projects.forms import VisitForm
from hub.projects.models import Visit
from hub.projects.views.common import bp, park_choices


@bp.route("/visits", methods=["GET", "POST"])
@login_required
def visits():
    form = VisitForm()
    park_choices(form)
    if request.method == "GET" and "park_id" in form:
        form.park_id.data = current_user.park_id
    if form.validate_on_submit():
        data = {k: v for k, v in form.data.items() if k != "csrf_token"}
        data.setdefault("park_id", current_user.park_id)
        if uow.attempt(lambda: visits_service.create(current_user, data), form=form):
            flash(_("Visit logged."), "success")
            return redirect(url_for(".visits"))
    sort = visits_service.SORT.parse(request.args)
    page = db.paginate(visits_service.list_query(current_user, sort), per_page=25,
                       error_out=False)
    status = 422 if request.method == "POST" else 200
    return render_template("projects/visits.html", form=form, page=page, sort=sort,
                           can_change=perm.can_change_visit), status


def _visit(visit_id: int) -> Visit:
    visit = visits_service.get_live(visit_id) or abort(404)
    perm.require(perm.can_change_visit(current_user, visit))
    return visit


@bp.route("/visits/<int:visit_id>/edit", methods=["GET", "POST"])
@login_required
def visit_edit(visit_id: int):
    visit = _visit(visit_id)
    form = VisitForm(obj=visit)
    park_choices(form)
    if form.validate_on_submit():
        data = {k: v for k, v in form.data.items() if k != "csrf_token"}
        data.setdefault("park_id", visit.park_id)
        outcome = uow.attempt(lambda: visits_service.update(current_user, visit, data),
                              form=form)
        if outcome:
            if outcome.value:
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
    if uow.attempt(lambda: visits_service.delete(current_user, visit)):
        flash(_("Visit “%(visit)s” deleted; the campaign figures no longer count it.",
                visit=str(visit)), "success")
    return redirect(url_for(".visits"))
