"""Import of the catalogue from .xlsx (with a row report) and export of the matrix.

The first row names the columns (Chinese or English, any order): 事项名称 / Item,
赋权部门 / Department, 赋权方式 / Mode (直接赋权, 委托行使, 服务前移, 审批直报),
法律依据 / Legal basis, and the optional 交接期限 / Handover due (a date). A row whose
item and department already exist updates that item; every other valid row adds one.
Invalid rows are skipped and reported; the rest is saved.
"""

import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from hub.domain import DomainError
from hub.extensions import db
from hub.powers import services
from hub.powers.models import (
    MODE_LABELS,
    MODE_NAMES,
    STATUS_LABELS,
    HandoverStatus,
    PowerItem,
    PowerMode,
)
from hub.projects.exports import to_xlsx

COLUMNS = {"name": ("事项名称", "item", "name"),
           "department": ("赋权部门", "department", "granting department"),
           "mode": ("赋权方式", "mode", "empowerment mode"),
           "legal_basis": ("法律依据", "legal basis"),
           "handover_due": ("交接期限", "handover due", "handover due (交接期限)")}
MAX_ROWS = 5000


class BadFile(DomainError):
    """Not a readable .xlsx with the required columns; `code` says what failed (for logs)."""

    def __init__(self, detail: str):
        super().__init__(detail, "file", message=_l(
            "This is not an .xlsx file with the columns 事项名称, 赋权部门 and 赋权方式."))


@dataclass
class RowResult:
    row: int
    outcome: str  # created / updated / unchanged / error
    name: str
    message: str = ""


def _mode(value) -> PowerMode | None:
    text = str(value or "").strip()
    if "(" in text and text.endswith(")"):  # an exported English label: "… (直接赋权)"
        text = text.rsplit("(", 1)[1][:-1]
    if text in MODE_NAMES:
        return MODE_NAMES[text]
    try:
        return PowerMode(text.lower())
    except ValueError:
        return None


def _date(value) -> date | str | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        return "bad"


def read(stream) -> list[tuple[int, dict]]:
    try:
        book = load_workbook(io.BytesIO(stream.read()), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise BadFile(str(error)) from None
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [str(c or "").strip().lower() for c in next(rows, ())]
    index = {}
    for key, names in COLUMNS.items():
        for i, title in enumerate(header):
            if title in names:
                index[key] = i
    if "name" not in index or "department" not in index or "mode" not in index:
        raise BadFile("columns")
    out = []
    for number, row in enumerate(rows, start=2):
        if number > MAX_ROWS + 1:
            break
        if not any(c not in (None, "") for c in row):
            continue
        out.append((number, {k: row[i] if i < len(row) else None for k, i in index.items()}))
    return out


def import_catalogue(actor, stream) -> list[RowResult]:
    """Raises BadFile when the file is not a readable .xlsx with the required columns."""
    report = []
    existing = {(i.name, i.department): i
                for i in db.session.execute(db.select(PowerItem)).scalars()}
    for number, raw in read(stream):
        name = str(raw.get("name") or "").strip()
        department = str(raw.get("department") or "").strip()
        mode = _mode(raw.get("mode"))
        due = _date(raw.get("handover_due"))
        problems = []
        if not name or len(name) > 300:
            problems.append(_("the item name is missing or longer than 300 characters"))
        if not department or len(department) > 100:
            problems.append(_("the department is missing or longer than 100 characters"))
        if mode is None:
            problems.append(_("the mode must be 直接赋权, 委托行使, 服务前移 or 审批直报"))
        if due == "bad":
            problems.append(_("the handover due date is not a date (YYYY-MM-DD)"))
        if problems:
            report.append(RowResult(number, "error", name, "; ".join(problems)))
            continue
        item = existing.get((name, department))
        data = {"name": name, "department": department, "mode": mode,
                "legal_basis": str(raw.get("legal_basis") or "").strip(), "handover_due": due}
        for optional in ("legal_basis", "handover_due"):  # a column left out keeps the value
            if optional not in raw and item is not None:
                data[optional] = getattr(item, optional)
        if item is None:
            existing[(name, department)] = services.save_item(actor, data)
            report.append(RowResult(number, "created", name))
        else:
            before = {f: getattr(item, f) for f in services.FIELDS}
            services.save_item(actor, data, item)
            changed = before != {f: getattr(item, f) for f in services.FIELDS}
            report.append(RowResult(number, "updated" if changed else "unchanged", name))
    return report


def export(items: list[PowerItem], parks: list, table: dict) -> bytes:
    """The matrix as a sheet; `table`: services.status_table of the items."""
    header = [_("Item"), _("Granting department"), _("Empowerment mode"), _("Legal basis"),
              _("Handover due (交接期限)"), *[p.name for p in parks]]
    rows = []
    for item in items:
        rows.append([item.name, item.department, str(MODE_LABELS[item.mode]), item.legal_basis,
                     item.handover_due.isoformat() if item.handover_due else ""]
                    + [str(STATUS_LABELS[table.get((item.id, p.id), HandoverStatus.PENDING)])
                       for p in parks])
    return to_xlsx([(_("Empowered items"), header, rows)])
