"""`.xlsx` export (hub.lists.xlsx) and import (openpyxl) of enterprises and figures; enterprises
also from CSV.

Columns are found by their Chinese header in the first row (the export's own headers), so an
exported file can be edited and uploaded again. An import is all or nothing: every wrong cell is
reported as (row, column, problem) and nothing is saved while any is wrong.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l

from hub.domain import DomainError
from hub.efficiency import collection, creditcode, services, tables
from hub.efficiency.models import Enterprise, EvalRound, Figure, IndustryChain
from hub.efficiency.scoring import FIGURE_FIELDS
from hub.extensions import db
from hub.lists.xlsx import Sheet, workbook

ENTERPRISE_HEADERS = ("企业名称", "统一社会信用代码", "产业链", "县市区", "用地面积（亩）",
                      "规上企业")
FIGURE_HEADERS = {"tax": "税收（万元）", "revenue": "营业收入（万元）",
                  "energy": "综合能耗（吨标煤）", "emission": "主要污染物排放（吨）",
                  "rd": "研发经费（万元）",
                  "employees": "从业人员（人）", "land_mu": "实际用地（亩）"}
YES, NO = "是", "否"


@dataclass
class Report:
    """Problems of an upload: (row number as Excel shows it, column header, code)."""

    errors: list[tuple[int, str, str]] = field(default_factory=list)
    count: int = 0

    def add(self, row: int, column: str, code: str) -> None:
        self.errors.append((row, column, code))


class ImportRefused(DomainError):
    """An upload with problems: nothing of it is kept. The page shows `report`, cell by cell."""

    def __init__(self, report: Report):
        super().__init__("cells", message=_l("Nothing was saved: correct the marked cells."))
        self.report = report

    def field_messages(self) -> list:
        return []  # the report on the page says it, row by row


def all_or_nothing(report: Report) -> Report:
    """`report` when the upload was saved; raises ImportRefused (a rollback) when it has
    problems."""
    if report.errors:
        raise ImportRefused(report)
    return report


def _book(headers, rows) -> bytes:
    return workbook([Sheet("Sheet1", headers, rows)])


def export_tables(tables) -> bytes:
    """One sheet per table (hub.efficiency.analysis.Table), named after it, in the order given."""
    return workbook([Sheet(table.title, table.headers, table.rows) for table in tables])


def _num(value):
    return float(value) if isinstance(value, Decimal) else value


def export_enterprises(stmt) -> bytes:
    """The enterprises of `stmt`, rows of services.enterprise_rows (no entities: with their
    park and chain loaded the rows were three quarters of the export's CPU at scale 10)."""
    return _book(ENTERPRISE_HEADERS, (
        (e.name, e.credit_code, e.chain_name or "", e.county, e.land_mu,
         YES if e.above_size else NO) for e in db.session.execute(stmt)))


FIGURES_HEADERS = ("名次", "企业名称", "统一社会信用代码", "园区", "产业链", "县市区",
                   *FIGURE_HEADERS.values(), "得分", "分类")


def export_figures(rows) -> bytes:
    """A round's figures and results, rows of results.export_select (its columns but the rank,
    in the order given, e.g. by score); decimals become numbers in the writer."""
    return _book(FIGURES_HEADERS, ((i, *row) for i, row in enumerate(rows, start=1)))


def grid_template(enterprises: list[Enterprise], figures: dict[int, Figure]) -> bytes:
    """The park's grid as a workbook: credit code, name and the figure columns."""
    def row(e):
        fig = figures.get(e.id)
        return (e.credit_code, e.name, *(
            _num(getattr(fig, n)) if fig is not None else (_num(e.land_mu) if n == "land_mu"
                                                           else None)
            for n in FIGURE_FIELDS))
    return _book(("统一社会信用代码", "企业名称", *FIGURE_HEADERS.values()),
                 (row(e) for e in enterprises))


def _rows(data: bytes, required: tuple[str, ...], report: Report, filename: str | None = None):
    """(header → column index, [(row number, values)]) or None when the file or headers are
    wrong (reported on row 1). `.xlsx` or CSV (by the file name: hub.efficiency.tables)."""
    try:
        rows = iter(tables.read(data, filename))
    except tables.Unreadable as error:
        report.add(1, "", error.code)
        return None
    header = [str(c).strip() if c is not None else "" for c in next(rows, ())]
    index = {h: i for i, h in enumerate(header) if h}
    missing = [h for h in required if h not in index]
    for h in missing:
        report.add(1, h, "missing_column")
    if missing:
        return None
    body = []
    for n, values in enumerate(rows, start=2):
        if values is None or all(v in (None, "") for v in values):
            continue
        body.append((n, values))
    return index, body


def _text(values, index, header) -> str:
    i = index.get(header)
    value = values[i] if i is not None and i < len(values) else None
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def import_enterprises(actor, park_id: int, data: bytes, filename: str | None = None) -> Report:
    """Add or update (by credit code) the park's enterprises from a workbook or a CSV file
    (by `filename`); the same checks and report for both."""
    report = Report()
    parsed = _rows(data, ENTERPRISE_HEADERS[:2] + ENTERPRISE_HEADERS[4:5], report, filename)
    if parsed is None:
        return report
    index, body = parsed
    chains = {c.name: c.id for c in db.session.execute(db.select(IndustryChain)).scalars()}
    codes = [creditcode.normalize(_text(v, index, "统一社会信用代码")) for _n, v in body]
    existing = {e.credit_code: e for e in db.session.execute(
        db.select(Enterprise).where(Enterprise.credit_code.in_(codes))).scalars()}
    seen: set[str] = set()
    planned = []
    for (n, values), code in zip(body, codes, strict=True):
        name = _text(values, index, "企业名称")
        if not name or len(name) > 200:
            report.add(n, "企业名称", "required" if not name else "too_long")
        problem = creditcode.problem(code)
        if problem:
            report.add(n, "统一社会信用代码", f"code_{problem}")
        elif code in seen:
            report.add(n, "统一社会信用代码", "duplicate_row")
        elif code in existing and existing[code].park_id != park_id:
            report.add(n, "统一社会信用代码", "code_taken")
        seen.add(code)
        chain_name = _text(values, index, "产业链")
        if chain_name and chain_name not in chains:
            report.add(n, "产业链", "unknown_chain")
        try:
            land = Decimal(_text(values, index, "用地面积（亩）").replace(",", ""))
            if not land.is_finite() or land < 0 or land > collection.MAX_LAND_MU:
                raise InvalidOperation
        except InvalidOperation:
            report.add(n, "用地面积（亩）", "land")
            land = None
        above = _text(values, index, "规上企业") or YES
        if above not in (YES, NO):
            report.add(n, "规上企业", "yes_no")
        planned.append((code, {"name": name, "credit_code": code,
                               "chain_id": chains.get(chain_name), "land_mu": land,
                               "county": _text(values, index, "县市区")[:64],
                               "above_size": above == YES}))
    if report.errors:
        return report
    for code, values in planned:
        if code in existing:
            services.update_enterprise(actor, existing[code], values)
        else:
            services.create_enterprise(actor, park_id, values)
    report.count = len(planned)
    return report


def import_figures(actor, rnd: EvalRound, sub, enterprises: list[Enterprise],
                   data: bytes) -> Report:
    """Fill the park's grid from a workbook (rows by credit code) and save it as a draft."""
    report = Report()
    parsed = _rows(data, ("统一社会信用代码", *FIGURE_HEADERS.values()), report)
    if parsed is None:
        return report
    if not collection.can_change(rnd, sub):
        report.add(1, "", "locked")
        return report
    index, body = parsed
    by_code = {e.credit_code: e for e in enterprises}
    stored = collection.figures_of(rnd, sub.park_id)
    formdata = {}
    for ent in enterprises:  # what is stored stays for enterprises the file leaves out
        fig = stored.get(ent.id)
        for name in FIGURE_FIELDS:
            value = getattr(fig, name) if fig is not None else None
            formdata[collection.cell_name(ent.id, name)] = "" if value is None else str(value)
    for n, values in body:
        code = creditcode.normalize(_text(values, index, "统一社会信用代码"))
        ent = by_code.get(code)
        if ent is None:
            report.add(n, "统一社会信用代码", "not_in_park")
            continue
        for name, header in FIGURE_HEADERS.items():
            text = _text(values, index, header)
            _value, error = collection.parse_value(name, text)
            if error:
                report.add(n, header, error)
            formdata[collection.cell_name(ent.id, name)] = text
        report.count += 1
    if report.errors:
        return report
    grid = collection.parse_grid(enterprises, formdata)
    collection.save_grid(actor, rnd, sub, enterprises, grid)
    return report


def export_allocation(rows, domain_label) -> bytes:
    """One row per enterprise and policy line (an enterprise without lines: one row); `rows`:
    hub.efficiency.allocation.allocation's."""
    labels: dict[str, str] = {}  # a domain's label translated once, not per line

    def label(domain: str) -> str:
        if domain not in labels:
            labels[domain] = domain_label(domain)
        return labels[domain]

    def lines():
        for fig, policies in rows:
            base = (fig.enterprise_name, fig.credit_code, fig.park_name, fig.score, fig.grade)
            if not policies:
                yield (*base, "", "")
            for p in policies:
                yield (*base, label(p.domain), p.measure)
    return _book(("企业名称", "统一社会信用代码", "园区", "得分", "分类", "配置领域", "配置措施"),
                 lines())
