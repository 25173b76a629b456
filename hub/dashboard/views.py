"""Home (/): the dashboard — my park's meetings, agenda calls, unread notices, action items and
overdue land cases; for admins every park side by side, with server-side SVG charts."""

from flask import Blueprint, render_template
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from hub.dashboard import charts, services
from hub.land.models import STATUS_LABELS as CASE_STATUS_LABELS
from hub.timeutil import utcnow

bp = Blueprint("dashboard", __name__)


@bp.get("/")
@login_required
def index():
    dash = services.build(current_user, utcnow())
    return render_template(
        "dashboard/index.html", dash=dash, Reply=services.Reply,
        charts=admin_charts(dash.admin) if dash.admin is not None else None,
    )


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def admin_charts(admin: services.AdminView) -> dict:
    """The three charts of the admin dashboard, as inline SVG Markup."""
    totals = admin.land_totals
    no_data = _("No data yet.")
    cases_count = charts.bar_chart(
        "chart-cases-count", _("Land cases by status (number)"),
        [charts.Bar(str(CASE_STATUS_LABELS[t.status]), t.count,
                    ngettext("%(num)d case", "%(num)d cases", t.count)) for t in totals],
        desc=_("Number of land cases in each status."), color=charts.BLUE, empty_text=no_data)
    cases_area = charts.bar_chart(
        "chart-cases-area", _("Land cases by status (mu)"),
        [charts.Bar(str(CASE_STATUS_LABELS[t.status]), float(t.area_mu),
                    _("%(area)s mu", area=f"{t.area_mu:.2f}")) for t in totals],
        desc=_("Total area in mu (亩) of the land cases in each status."), color=charts.ORANGE,
        empty_text=no_data)
    rows = [r for r in admin.rows
            if r.done_actions or r.open_actions or r.overdue_actions]
    actions = charts.stacked_bar_chart(
        "chart-actions", _("Action items per park"),
        [charts.Segment(_("Done"), charts.GREEN),
         charts.Segment(_("Open, on time"), charts.BLUE),
         charts.Segment(_("Overdue"), charts.RED)],
        [charts.StackedRow(
            r.park.short_name,
            [r.done_actions, r.open_actions - r.overdue_actions, r.overdue_actions],
            _("%(done)d done / %(open)d open / %(overdue)d overdue",
              done=r.done_actions, open=r.open_actions, overdue=r.overdue_actions))
         for r in rows],
        desc=_("Action items of each owner park: done, open and on time, overdue."),
        empty_text=_("No action items yet."))
    read_rows = [r for r in admin.rows if r.notices_addressed]
    read_rate = charts.bar_chart(
        "chart-read-rate", _("Notice read rate per park"),
        [charts.Bar(r.park.short_name, (r.read_rate or 0) * 100,
                    f"{_percent(r.read_rate)} ({r.notices_read}/{r.notices_addressed})")
         for r in read_rows],
        desc=_("Share of the published notices addressed to each park that someone in the "
               "park has read."),
        color=charts.GREEN, max_value=100, empty_text=_("No published notices yet."))
    return {"cases_count": cases_count, "cases_area": cases_area, "actions": actions,
            "read_rate": read_rate, "percent": _percent}
