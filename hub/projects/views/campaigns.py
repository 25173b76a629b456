"""/projects/campaigns/: campaigns, their targets, derived progress and the 进度通报."""

from datetime import date

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import permissions as perm
from hub import uow
from hub.extensions import db
from hub.notices.categories import list_categories
from hub.parks.queries import reporting_parks
from hub.projects import bulletin, campaigns, exports, progress_svg, services
from hub.projects.forms import CampaignForm
from hub.projects.models import MEASURE_LABELS, Campaign
from hub.projects.views.common import bp
from hub.timeutil import local_today


@bp.get("/campaigns")
@login_required
def campaign_list():
    return render_template("projects/campaigns.html", campaigns=campaigns.list_campaigns(),
                           can_manage=perm.can_manage_campaigns(current_user))


@bp.route("/campaigns/new", methods=["GET", "POST"])
@bp.route("/campaigns/<int:campaign_id>/edit", methods=["GET", "POST"])
@login_required
def campaign_form(campaign_id: int | None = None):
    perm.require(perm.can_manage_campaigns(current_user))
    campaign = db.get_or_404(Campaign, campaign_id) if campaign_id else None
    form = CampaignForm(obj=campaign)
    if form.validate_on_submit():
        outcome = uow.attempt(lambda: campaigns.save_campaign(current_user, form.data, campaign),
                              form=form)
        if outcome:
            flash(_("Campaign “%(name)s” saved.", name=outcome.value.name), "success")
            return redirect(url_for(".campaign", campaign_id=outcome.value.id))
    status = 422 if request.method == "POST" else 200
    return render_template("projects/campaign_form.html", form=form, campaign=campaign), status


def _park_rows(parks) -> list:
    return [(None, _("All parks"))] + [(p.id, p.name) for p in parks]


def _month_arg(campaign: Campaign) -> date | None:
    raw = request.args.get("month", "") or request.form.get("month", "")
    for month in campaigns.months(campaign):
        if campaigns.month_key(month) == raw:
            return month
    return None


@bp.get("/campaigns/<int:campaign_id>")
@login_required
def campaign(campaign_id: int):
    campaign = db.get_or_404(Campaign, campaign_id)
    data = campaigns.progress(campaign)
    month = _month_arg(campaign)
    if request.args.get("format") == "xlsx":
        header, rows = bulletin.table(campaign, month)
        body = exports.to_xlsx([(campaigns.month_key(month) or "total", header, rows)])
        return Response(body, mimetype=exports.XLSX, headers={
            "Content-Disposition": f"attachment; filename=campaign-{campaign.id}.xlsx"})
    return render_template(
        "projects/campaign.html", campaign=campaign, data=data, month=month,
        park_rows=_park_rows(data["parks"]),
        own_park=None if perm.is_admin(current_user) else current_user.park_id,
        can_manage=perm.can_manage_campaigns(current_user),
        categories=list_categories(active_only=True))


@bp.route("/campaigns/<int:campaign_id>/targets", methods=["GET", "POST"])
@login_required
def campaign_targets(campaign_id: int):
    perm.require(perm.can_manage_campaigns(current_user))
    campaign = db.get_or_404(Campaign, campaign_id)
    parks = reporting_parks()
    errors: dict[str, str] = {}
    if request.method == "POST":
        values, errors = campaigns.parse_targets(request.form, campaign, [p.id for p in parks])
        if not errors:
            outcome = uow.attempt(lambda: campaigns.set_targets(current_user, campaign, values))
            if outcome:
                flash(_("Targets saved (%(n)d changed).", n=outcome.value), "success")
                return redirect(url_for(".campaign", campaign_id=campaign.id))
        else:
            flash(_("Some targets were not saved: correct the marked fields."), "danger")
    return render_template(
        "projects/targets.html", campaign=campaign, park_rows=_park_rows(parks),
        months=campaigns.months(campaign),
        month_keys=[campaigns.month_key(m) for m in campaigns.months(campaign)],
        stored=campaigns.targets(campaign),
        posted=request.form if request.method == "POST" else None,
        errors={k: services.MESSAGES[v] for k, v in errors.items()}), 422 if errors else 200


@bp.post("/campaigns/<int:campaign_id>/bulletin")
@login_required
def campaign_bulletin(campaign_id: int):
    perm.require(perm.can_manage_campaigns(current_user))
    campaign = db.get_or_404(Campaign, campaign_id)
    month = _month_arg(campaign)
    category = next((c for c in list_categories(active_only=True)
                     if c.id == request.form.get("category_id", type=int)), None)
    if category is None:
        flash(_("Choose a notice category for the bulletin."), "danger")
        return redirect(url_for(".campaign", campaign_id=campaign.id))
    outcome = uow.attempt(lambda: bulletin.publish(current_user, campaign, month, category))
    if not outcome:
        return redirect(url_for(".campaign", campaign_id=campaign.id))
    flash(_("Bulletin published as a notice to all parks."), "success")
    return redirect(url_for("notices.detail", notice_id=outcome.value.id))


@bp.get("/campaigns/progress.svg")
@login_required
def campaign_progress_svg():
    """The latest campaign's bars for the dashboard: all parks for admins, else the own park."""
    summary = campaigns.dashboard_summary(current_user, local_today())
    rows, title = [], _("No campaign yet.")
    if summary is not None:
        campaign, cells = summary
        title = f"{campaign.name} {campaign.starts_on.isoformat()} – {campaign.ends_on.isoformat()}"
        if not perm.is_admin(current_user):
            title += f" · {current_user.park.name}"
        rows = [(str(MEASURE_LABELS[m]), m, c) for m, c in cells if c.target]
    body = progress_svg.render(title, rows, _("No targets set yet."))
    return Response(body, mimetype="image/svg+xml",
                    headers={"Cache-Control": "private, max-age=60"})
