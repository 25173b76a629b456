"""The analysis page's data as tables: one per chart (and the weakest indicator per park), the
same rows the page shows beside each chart and the `.xlsx` export writes (one sheet per table).

No statements of its own beyond hub.efficiency.grouped (a fixed number, whatever the size).
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from flask_babel import gettext as _

from hub.efficiency import grouped, results, services
from hub.efficiency.models import EvalRound
from hub.lists.labels import translated


@dataclass
class Table:
    key: str  # the chart's id: the page's anchor, the export's ?chart=
    title: str
    headers: list[str]
    rows: list[list]  # str, int, Decimal or None (shown as —, an empty cell in .xlsx)


@dataclass
class Analysis:
    rnd: EvalRound
    prev: EvalRound | None
    parks: list[grouped.Row]
    counties: list[grouped.Row]
    chains: list[grouped.Row]
    tables: dict[str, Table]


CHARTS = ("grades-park", "grades-county", "tax-park", "tax-chain", "weakest")


def _grade_table(key: str, title: str, first: str, rows: list[grouped.Row]) -> Table:
    return Table(key, title, [first, *results.GRADES, _("Number of enterprises"),
                              _("Tax per mu (10k yuan/mu)")],
                 [[r.label, *(r.grades[g] for g in results.GRADES), r.count, r.tax_per_mu]
                  for r in rows])


def _change(now: Decimal | None, before: Decimal | None) -> Decimal | None:
    if now is None or not before:
        return None
    return ((now / before - 1) * 100).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _tax_park_table(rnd, prev, parks, prev_parks) -> Table:
    headers = [_("Park"), _("Tax (10k yuan)"), _("Land used (mu)"),
               _("Tax per mu (10k yuan/mu)")]
    if prev is not None:
        headers += [_("Tax per mu %(year)s", year=prev.year), _("Change (%)")]
    rows = []
    for r in parks:
        row = [r.label, r.tax, r.land, r.tax_per_mu]
        if prev is not None:
            before = prev_parks.get(r.label)
            before = before.tax_per_mu if before is not None else None
            row += [before, _change(r.tax_per_mu, before)]
        rows.append(row)
    return Table("tax-park", _("Tax per mu by park (10k yuan/mu)"), headers, rows)


def build(rnd: EvalRound, prev: EvalRound | None) -> Analysis:
    """Every table of the analysis of `rnd`; `prev`: the year before, when the viewer may see
    it (else None: no year-on-year columns)."""
    rows, weakest = grouped.analysis_rows(rnd, prev, _("No chain"))
    parks, counties, chains = rows["park"], rows["county"], rows["chain"]
    prev_parks = {r.label: r for r in rows["prev"]}
    labels = translated(services.INDICATOR_LABELS)  # once per language and process
    tables = [
        _grade_table("grades-park", _("Grades per park"), _("Park"), parks),
        _grade_table("grades-county", _("Grades per county"), _("County / district"), counties),
        _tax_park_table(rnd, prev, parks, prev_parks),
        _grade_table("tax-chain", _("Tax per mu by industry chain (10k yuan/mu)"),
                     _("Industry chain"), chains),
        Table("weakest", _("Weakest indicator"),
              [_("Park"), _("Weakest indicator"), _("Average value ÷ benchmark")],
              [[r.label, labels.get(weakest[r.key][0], weakest[r.key][0]), weakest[r.key][1]]
               if r.key in weakest else [r.label, None, None] for r in parks]),
    ]
    return Analysis(rnd, prev, parks, counties, chains, {t.key: t for t in tables})
