"""要素差别化配置: the policy lines per grade (zone office) and a round's list."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import permissions as perm
from hub import uow
from hub.efficiency import allocation, xlsx
from hub.efficiency.forms import PolicyForm
from hub.efficiency.models import AllocationPolicy
from hub.efficiency.views.common import bp, domain_label, get_round, xlsx_response
from hub.extensions import db
from hub.validators import choices


@bp.route("/policies", methods=["GET", "POST"])
@login_required
def policies():
    perm.require(perm.can_manage_evaluation(current_user))
    form = PolicyForm()
    form.domain.choices = choices((k, str(v)) for k, v in allocation.POLICY_DOMAINS.items())
    if form.validate_on_submit() and uow.attempt(lambda: allocation.add_policy(
            current_user, form.grade.data, form.domain.data, form.measure.data), form=form):
        flash(_("Policy line added."), "success")
        return redirect(url_for(".policies"))
    return render_template("efficiency/policies.html", form=form,
                           rows=allocation.policies()), 422 if form.errors else 200


@bp.post("/policies/<int:policy_id>/retire")
@login_required
def retire_policy(policy_id: int):
    perm.require(perm.can_manage_evaluation(current_user))
    row = db.get_or_404(AllocationPolicy, policy_id)
    if uow.attempt(lambda: allocation.retire_policy(current_user, row)):
        flash(_("Policy line removed."), "success")
    return redirect(url_for(".policies"))


def _rows(round_id: int):
    rnd = get_round(round_id)
    perm.require(perm.can_view_all_results(current_user, rnd))
    return rnd, allocation.allocation(rnd, perm.figures_visible(current_user, rnd))


@bp.get("/rounds/<int:round_id>/allocation")
@login_required
def allocation_list(round_id: int):
    rnd, rows = _rows(round_id)
    return render_template("efficiency/allocation.html", rnd=rnd, rows=rows)


@bp.get("/rounds/<int:round_id>/allocation.xlsx")
@login_required
def allocation_xlsx(round_id: int):
    rnd, rows = _rows(round_id)
    return xlsx_response(xlsx.export_allocation(rows, domain_label),
                         f"allocation-{rnd.year}.xlsx", f"{rnd.year}年度要素差别化配置清单.xlsx")
