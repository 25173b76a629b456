"""Rows → an `.xlsx` download, for every list that exports one (openpyxl, as hub.efficiency).

    from hub.lists.xlsx import xlsx_response
    return xlsx_response(HEADERS, rows, "action-items-20260101.xlsx", "督办事项-20260101.xlsx")

`rows` is any iterable of sequences (str, int, Decimal, date, datetime, None). Text is always
written as text: a cell such as `=HYPERLINK(...)` stays a string, never a formula. Dates and
numbers stay typed (Excel can sum and sort them). The file name is sent twice, plain ASCII and
UTF-8 (`filename*`), as the CSV exports do (`attachment`).
"""

import io
from datetime import datetime
from decimal import Decimal
from urllib.parse import quote

from flask import Response
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_WIDTH = 60
BOLD = Font(bold=True)


def _value(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)  # Excel has no zones: callers pass local times
    return value


def book(headers, rows, *, sheet: str = "") -> bytes:
    """An .xlsx of one sheet: the header row (bold, frozen), then `rows`."""
    wb = Workbook()
    ws = wb.active
    if sheet:
        ws.title = sheet[:31]
    widths = [len(str(h)) * 2 + 2 for h in headers]
    ws.append([str(h) for h in headers])
    for cell in ws[1]:
        cell.font = BOLD
    ws.freeze_panes = "A2"
    for row in rows:
        ws.append([_value(v) for v in row])
        for i, cell in enumerate(ws[ws.max_row]):
            if isinstance(cell.value, str):
                cell.data_type = TYPE_STRING  # "=..." is text, not a formula
                if i < len(widths):
                    widths[i] = max(widths[i], min(MAX_WIDTH, len(cell.value) * 2))
    for i, width in enumerate(widths):
        ws.column_dimensions[get_column_letter(i + 1)].width = max(10, width)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def attachment(body, content_type: str, ascii_name: str, chinese_name: str) -> Response:
    """A download named `chinese_name` (browsers that read `filename*`) or `ascii_name`."""
    return Response(body, content_type=content_type, headers={
        "Content-Disposition": f"attachment; filename=\"{ascii_name}\"; "
                               f"filename*=UTF-8''{quote(chinese_name)}"})


def xlsx_response(headers, rows, ascii_name: str, chinese_name: str, *,
                  sheet: str = "") -> Response:
    return attachment(book(headers, rows, sheet=sheet), XLSX, ascii_name, chinese_name)
