"""履约监管 (/projects/supervision): the four rates per park and the projects behind their
commitments, as a page (the first of them per park, the rest in the project list) or as .csv and
.xlsx (every one)."""

from flask import Response, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup, escape

from hub.projects import exports
from hub.projects.supervision import overview
from hub.projects.views.common import bp
from hub.timeutil import local_today


@bp.get("/supervision")
@login_required
def supervision():
    today = local_today()
    fmt = request.args.get("format")
    if fmt in ("csv", "xlsx"):  # every project behind its commitments
        return _export(overview(current_user, today, limit=None), fmt)
    rows = overview(current_user, today)
    return render_template("projects/supervision.html", rows=rows, today=today,
                           behind_links=_behind_links)


def _behind_links(projects, url: tuple[str, str], supervised: str) -> Markup:
    """A park's projects behind their commitments as badges linking to each project (`url`:
    hub.ui.url_around's halves), "—" without any: one pass in Python. In the template each link
    cost ~35 Python calls (four attribute and item look-ups, four escapes); the zone office's
    page shows 420 of them at scale 10 (issue 16; bench/results/2026-12-07-s13-summary.md)."""
    if not projects:
        return Markup('<span class="text-muted">—</span>')
    before, after = escape(url[0]), escape(url[1])
    mark = f" · {escape(supervised)}"
    return Markup("".join(  # noqa: S704 - the name and every text escaped here
        f'<a class="badge text-bg-danger text-decoration-none" href="{before}{project_id}{after}">'
        f'{escape(name)}{mark if supervised_on else ""}</a> '
        for project_id, name, _park_id, supervised_on, *_n in projects))  # SQLite: n too


def _export(rows, fmt: str) -> Response:
    header = [_("Park"), _("Projects"), _("Performance rate (履约率)"),
              _("Capital in place (资金到位率)"), _("In production (投产率)"),
              _("Entered the park (入园率)"), _("Projects behind commitments")]
    table = [[r.park.name, r.totals.projects, exports.percent(r.totals.performance_rate),
              exports.percent(r.totals.capital_rate), exports.percent(r.totals.production_rate),
              exports.percent(r.totals.entry_rate),
              "; ".join(p.name for p in r.behind)] for r in rows]
    if fmt == "csv":
        body, mime = exports.to_csv(header, table), "text/csv; charset=utf-8"
    else:
        body, mime = exports.to_xlsx([(_("Supervision"), header, table)]), exports.XLSX
    return Response(body, mimetype=mime, headers={
        "Content-Disposition": f"attachment; filename=supervision.{fmt}"})
