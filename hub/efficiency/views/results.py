"""Scores, one enterprise's make-up, the 亩均英雄榜 and the analysis."""

from decimal import Decimal
from functools import lru_cache
from numbers import Number

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup, escape

from hub import edge, uow
from hub import permissions as perm
from hub.dashboard import charts
from hub.efficiency import analysis, grouped, publishing, results, services, xlsx
from hub.efficiency.models import Enterprise, Tally
from hub.efficiency.views.common import bp, get_round, xlsx_response
from hub.extensions import db
from hub.lists.labels import translated
from hub.lists.xlsx import sheet_title

GRADE_COLORS = {"A": charts.GREEN, "B": charts.BLUE, "C": charts.ORANGE, "D": charts.RED}


def _score_filters() -> dict:
    return {"park_id": request.args.get("park", type=int),
            "chain_id": request.args.get("chain", type=int),
            "grade": request.args.get("grade") or None}


@bp.get("/rounds/<int:round_id>/scores")
@login_required
def scores(round_id: int):
    rnd = get_round(round_id)
    filters = _score_filters()
    page = results.score_page(rnd, perm.figures_visible(current_user, rnd),
                              perm.figures_visible(current_user, rnd, Tally.park_id),
                              page=edge.page_arg(), per_page=30, **filters)
    parks, chains = services.filter_menus()
    return render_template("efficiency/scores.html", rnd=rnd, page=page,
                           parks=parks, chains=chains,
                           park_id=filters["park_id"], chain_id=filters["chain_id"],
                           grade=filters["grade"],
                           all_parks=perm.can_view_all_results(current_user, rnd),
                           score_rows=_score_rows)


def _score_rows(page, link: tuple[str, str]) -> Markup:
    """The rows of a page of scores (results.score_page's), each linked to the
    enterprise's make-up (`link`: hub.ui.url_around's halves), written in one pass in Python:
    in the template a row cost ~65 Python calls (eight escapes, the loop, the label's call;
    issue 16). Grades labelled as the page's grade_label does."""
    before, after = escape(link[0]), escape(link[1])
    labels = translated(services.GRADE_LABELS)
    out = []
    for rank, (ent_id, name, park, chain, score, grade, _total) in enumerate(
            page.items, (page.page - 1) * page.per_page + 1):
        chain = "—" if chain is None else escape(chain)
        score = "—" if score is None else escape(score)
        grade = escape(labels.get(grade, grade)) if grade else "—"
        out.append(f"\n    <tr><td>{rank}</td>\n      <td><a href=\"{before}{ent_id}{after}\">"
                   f"{escape(name)}</a></td>\n      <td>{escape(park)}</td><td>{chain}</td>\n"
                   f'      <td class="text-end">{score}</td><td>{grade}</td></tr>\n  ')
    return Markup("".join(out))  # noqa: S704 - every value escaped above


@bp.get("/rounds/<int:round_id>/scores.xlsx")
@login_required
def scores_xlsx(round_id: int):
    rnd = get_round(round_id)
    rows = db.session.execute(results.export_select(
        rnd, perm.figures_visible(current_user, rnd), **_score_filters()))
    return xlsx_response(xlsx.export_figures(rows), f"scores-{rnd.year}.xlsx",
                         f"{rnd.year}年度亩均效益评价结果.xlsx")


@bp.get("/rounds/<int:round_id>/enterprises/<int:ent_id>")
@login_required
def score_detail(round_id: int, ent_id: int):
    rnd = get_round(round_id)
    ent = db.get_or_404(Enterprise, ent_id)
    perm.require(perm.can_view_park_figures(current_user, rnd, ent.park_id))
    fig = results.figure_of(rnd, ent.id) or abort(404)
    scheme = next((s for s in rnd.schemes if s.version == fig.scheme_version), rnd.scheme)
    return render_template("efficiency/score_detail.html", rnd=rnd, ent=ent, fig=fig,
                           scheme=scheme)


@bp.get("/rounds/<int:round_id>/heroes")
@login_required
def heroes(round_id: int):
    rnd = get_round(round_id)
    perm.require(perm.can_view_all_results(current_user, rnd))
    top = min(max(request.args.get("top", 10, type=int), 1), 100)
    return render_template("efficiency/heroes.html", rnd=rnd, top=top,
                           heroes=results.heroes(rnd, top=top), ranking=_ranking)


def _ranking(heroes: list[results.Hero], testid: str, head: Markup) -> Markup:
    """One table of the hero list (`head`: its header row, translated once per page), written
    in one pass in Python: as a macro each line cost ~50 Python calls (the loop index, five
    attribute look-ups, six escapes), ~80 lines in 20+ tables at scale 10 (issue 16)."""
    out = [f'\n<table class="table table-sm bg-white" data-testid="{escape(testid)}">\n  '
           f"{escape(head)}\n  <tbody>\n  "]
    for i, h in enumerate(heroes, 1):
        chain = "—" if h.chain_name is None else escape(h.chain_name)
        out.append(f"<tr><td>{i}</td><td>{escape(h.enterprise_name)}</td>"
                   f"<td>{escape(h.park_short_name)}</td><td>{chain}</td>"
                   f'<td class="text-end">{escape(h.score)}</td><td>{escape(h.grade)}</td></tr>')
    out.append("\n  </tbody>\n</table>\n")
    return Markup("".join(out))  # noqa: S704 - every value escaped above


@bp.post("/rounds/<int:round_id>/heroes/notice")
@login_required
def hero_notice(round_id: int):
    rnd = get_round(round_id)
    perm.require(perm.can_manage_evaluation(current_user))
    if rnd.notice_id is not None:
        return redirect(url_for("notices.detail", notice_id=rnd.notice_id))
    outcome = uow.attempt(lambda: publishing.draft_hero_notice(current_user, rnd))
    if not outcome:
        return redirect(url_for(".heroes", round_id=rnd.id))
    flash(_("The hero list is a draft notice now, with the list attached; check it and "
            "publish it."), "success")
    return redirect(url_for("notices.detail", notice_id=outcome.value.id))


def _fmt(value) -> str:
    if value is None:
        return "—"
    return f"{Decimal(value):.2f}"


def _grade_chart(chart_id: str, title: str, rows) -> str:
    enterprises = _("%(n)d enterprises")  # translated once, filled in per row
    return _stacked_svg(chart_id, title,
                        tuple((r.label, tuple(r.grades[g] for g in results.GRADES),
                               enterprises % {"n": r.count}) for r in rows),
                        _("No accepted figures yet."))


def _tax_chart(chart_id: str, title: str, rows) -> str:
    return _bar_svg(chart_id, title,
                    tuple((r.label, float(r.tax_per_mu or 0), _fmt(r.tax_per_mu)) for r in rows),
                    _("No accepted figures yet."))


_NONE_CELL = '<td class="text-end">—</td>'


def _cell(v, first: bool) -> str:
    if v is None:
        return "<td>—</td>" if first else _NONE_CELL
    kind = type(v)  # the tables' int, Decimal and str first: no ABC check (Number) for them
    if kind is Decimal or kind is int:
        text = f"{v:.2f}" if kind is Decimal else str(v)  # _fmt's text
        return f"<td>{text}</td>" if first else f'<td class="text-end">{text}</td>'
    if isinstance(v, str):
        return f"<td>{escape(v)}</td>"
    if isinstance(v, Number):
        text = str(v) if isinstance(v, int) and not isinstance(v, bool) else _fmt(v)
        return f"<td>{text}</td>" if first else f'<td class="text-end">{text}</td>'
    return f"<td>{escape(v)}</td>"


def _table(table: analysis.Table, testid: str) -> Markup:
    """One analysis table: numbers right-aligned (but the first column), None as —, decimals
    with two places (digits only, nothing to escape), texts escaped: one pass in Python
    instead of a macro, three Jinja tests and a call per cell."""
    out = [f'\n<table class="table table-sm bg-white" data-testid="{escape(testid)}">\n'
           "  <thead><tr>"]
    for i, h in enumerate(table.headers):
        out.append(f'<th class="text-end">{escape(h)}</th>' if i else f"<th>{escape(h)}</th>")
    out.append("</tr></thead>\n  <tbody>")
    for row in table.rows:
        out.append("<tr>")
        out.extend(_cell(v, not i) for i, v in enumerate(row))
        out.append("</tr>")
    out.append("</tbody>\n</table>\n")
    return Markup("".join(out))  # noqa: S704 - every text escaped above


# The SVG of a chart is a pure function of its texts and numbers: drawn once per distinct input
# (per worker), not on every view of the analysis (the four charts were ~25 % of the page's
# Python time at scale 1, cProfile). The key is every input: a changed figure or language
# draws anew.
@lru_cache(maxsize=64)
def _stacked_svg(chart_id: str, title: str, rows: tuple, empty_text: str) -> str:
    segments = [charts.Segment(g, GRADE_COLORS[g]) for g in results.GRADES]
    return charts.stacked_bar_chart(
        chart_id, title, segments,
        [charts.StackedRow(label, list(values), text) for label, values, text in rows],
        desc=title, empty_text=empty_text)


@lru_cache(maxsize=64)
def _bar_svg(chart_id: str, title: str, bars: tuple, empty_text: str) -> str:
    return charts.bar_chart(chart_id, title, [charts.Bar(*bar) for bar in bars], desc=title,
                            empty_text=empty_text)


def _analysis(round_id: int) -> analysis.Analysis:
    rnd, prev = grouped.round_with_previous(round_id)  # one statement
    if rnd is None:
        abort(404)
    perm.require(perm.can_view_all_results(current_user, rnd))
    if prev is not None and not perm.can_view_all_results(current_user, prev):
        prev = None
    return analysis.build(rnd, prev)


@bp.get("/rounds/<int:round_id>/analysis", endpoint="analysis")
@login_required
def analysis_page(round_id: int):
    data = _analysis(round_id)
    charts_svg = {
        "grades-park": _grade_chart("grades-park", _("Grades per park"), data.parks),
        "grades-county": _grade_chart("grades-county", _("Grades per county"), data.counties),
        "tax-park": _tax_chart("tax-park", _("Tax per mu by park (10k yuan/mu)"), data.parks),
        "tax-chain": _tax_chart("tax-chain", _("Tax per mu by industry chain (10k yuan/mu)"),
                                data.chains)}
    return render_template("efficiency/analysis.html", rnd=data.rnd, tables=data.tables,
                           charts=charts_svg, table=_table)


@bp.get("/rounds/<int:round_id>/analysis.xlsx")
@login_required
def analysis_xlsx(round_id: int):
    """Every table as a sheet of one workbook, or with ?chart=<id> that chart's table alone."""
    data = _analysis(round_id)
    chart = request.args.get("chart")
    year = data.rnd.year
    if chart:
        table = data.tables.get(chart)
        if table is None:
            abort(404)
        return xlsx_response(xlsx.export_tables([table]), f"analysis-{year}-{chart}.xlsx",
                             f"{year}年度亩均效益分析-{sheet_title(table.title)}.xlsx")
    return xlsx_response(xlsx.export_tables(data.tables.values()), f"analysis-{year}.xlsx",
                         f"{year}年度亩均效益分析.xlsx")
