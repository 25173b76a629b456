"""The rounds: the list, opening one, its page, its scheme (versioned) and publishing."""

from decimal import Decimal

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import permissions as perm
from hub import uow
from hub.efficiency import collection, services
from hub.efficiency.forms import RoundForm, SchemeForm
from hub.efficiency.views.common import bp, get_round
from hub.timeutil import local_today


@bp.get("/")
@login_required
def index():
    rounds = services.list_rounds()
    open_rounds = [r for r in rounds if not r.is_published]
    progress = {r.id: collection.progress(r) for r in open_rounds}
    return render_template("efficiency/index.html", rounds=rounds, progress=progress)


@bp.route("/rounds/new", methods=["GET", "POST"])
@login_required
def new_round():
    perm.require(perm.can_manage_evaluation(current_user))
    form = RoundForm()
    if request.method == "GET":
        form.year.data = local_today().year - 1
    if form.validate_on_submit():
        outcome = uow.attempt(lambda: services.open_round(current_user, form.year.data,
                                                          form.deadline.data), form=form)
        if outcome:
            rnd = outcome.value
            flash(_("Round %(year)s opened with the default scheme.", year=rnd.year), "success")
            return redirect(url_for(".round_detail", round_id=rnd.id))
    status = 422 if request.method == "POST" else 200
    return render_template("efficiency/round_form.html", form=form), status


@bp.get("/rounds/<int:round_id>")
@login_required
def round_detail(round_id: int):
    rnd = get_round(round_id)
    rows = collection.progress(rnd)
    if not perm.can_manage_evaluation(current_user):
        rows = [r for r in rows if r[0].id == current_user.park_id] if not rnd.is_published \
            else rows
    return render_template("efficiency/round.html", rnd=rnd, rows=rows)


@bp.route("/rounds/<int:round_id>/scheme", methods=["GET", "POST"])
@login_required
def edit_scheme(round_id: int):
    rnd = get_round(round_id)
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
        outcome = uow.attempt(lambda: services.change_scheme(
            current_user, rnd, form.scheme_data(), form.note.data), form=form)
        if outcome:
            flash(_("Scheme version %(v)s saved; every figure of the round was scored again.",
                    v=outcome.value.version), "success")
            return redirect(url_for(".round_detail", round_id=rnd.id))
    status = 422 if request.method == "POST" else 200
    return render_template("efficiency/scheme_form.html", rnd=rnd, form=form), status


@bp.post("/rounds/<int:round_id>/publish")
@login_required
def publish(round_id: int):
    rnd = get_round(round_id)
    perm.require(perm.can_manage_evaluation(current_user))
    if uow.attempt(lambda: services.publish_round(current_user, rnd)):
        flash(_("Results of %(year)s published.", year=rnd.year), "success")
    return redirect(url_for(".round_detail", round_id=rnd.id))
