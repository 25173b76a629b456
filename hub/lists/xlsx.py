"""The one `.xlsx` writer of the app's exports (openpyxl): one or several sheets of a header row
and rows, and the download response.

    from hub.lists.xlsx import Sheet, workbook, xlsx_response
    return xlsx_response(HEADERS, rows, "action-items-20260101.xlsx", "督办事项-20260101.xlsx")
    body = workbook([Sheet(_("By park"), headers, rows, marked={0, 3}), Sheet(...)])

Every sheet: the header row bold and frozen; columns as wide as their text (a Chinese character
counts twice, at most MAX_WIDTH); rows listed in `marked` tinted (e.g. the parks that have not
read). Cells keep their type: numbers (Decimal as float) and dates stay numbers and dates that
Excel sums and sorts. A datetime (aware, or naive UTC as stored) is written as a real date cell
in HUB_TIMEZONE's wall time, since Excel has no time zones; its column header says which zone
(更新时间（北京时间）). Date formats follow the language: 2026年4月30日 / 2026-04-30.

Formula injection, one policy for every export: text is written as a text cell with its value
unchanged, never as a formula, and text that starts like a formula (`=`, `+`, `-`, `@`, tab, CR:
hub.csvsafe.FORMULA_STARTS) also gets Excel's own "quote prefix" flag, so that it stays text even
when someone edits the cell. Why not the CSV guard's leading apostrophe: a CSV has no types, so
there the apostrophe is the only way; in `.xlsx` the apostrophe would become part of the value
(shown, sorted, exported again as `'=…`), while a typed text cell is already inert.
"""

import io
import unicodedata
from collections.abc import Collection, Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import NamedTuple
from urllib.parse import quote

from flask import Response
from flask_babel import get_locale
from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, TYPE_STRING
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from hub.csvsafe import FORMULA_STARTS
from hub.timeutil import to_local, zone_label

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MIN_WIDTH, MAX_WIDTH = 8, 60
BOLD = Font(bold=True)
MARKED = PatternFill("solid", fgColor="FFF3CD")  # Bootstrap's warning tint
SHEET_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", "-"))
FORMATS = {  # (date, datetime) number formats by language
    "zh": ('yyyy"年"m"月"d"日"', 'yyyy"年"m"月"d"日" hh:mm'),
    "en": ("yyyy-mm-dd", "yyyy-mm-dd hh:mm"),
}


class Sheet(NamedTuple):
    title: str
    headers: Sequence
    rows: Iterable[Sequence]
    marked: Collection[int] = ()  # indexes of `rows` to tint


def text_width(text: str) -> int:
    """How many Excel columns-widths `text` takes: wide (CJK) characters count two."""
    if text.isascii():  # no wide characters
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


DATE_WIDTH, DATETIME_WIDTH = text_width("2026年12月31日"), text_width("2026年12月31日 23:59")
# a column at least this wide gets MAX_WIDTH whatever else it holds (`_fill`: width + 2)
FULL_WIDTH = MAX_WIDTH - 2


def sheet_title(title) -> str:
    """Excel refuses []:*?/\\ in a sheet's name and more than 31 characters."""
    return str(title).translate(SHEET_FORBIDDEN)[:31]


def _formats() -> tuple[str, str]:
    locale = get_locale()
    return FORMATS.get(locale.language if locale else "zh", FORMATS["en"])


def _put(cell, value, formats: tuple[str, str], known: int = 0) -> int:
    """Write `value` into `cell` by the rules above; returns the width it needs, or 0 for a
    text that cannot be wider than `known` (its column's so far): measuring every character
    of every text took a fifth of an 11,000-row export (the 督办台账's, scale 10)."""
    if isinstance(value, Decimal):
        value = float(value)
    elif isinstance(value, datetime):
        local = to_local(value).replace(tzinfo=None, microsecond=0)
        cell.value, cell.number_format = local, formats[1]
        return DATETIME_WIDTH
    elif isinstance(value, date):
        cell.value, cell.number_format = value, formats[0]
        return DATE_WIDTH
    elif value is not None and not isinstance(value, int | float):
        value = ILLEGAL_CHARACTERS_RE.sub("", str(value))  # control characters Excel refuses
        cell.value, cell.data_type = value, TYPE_STRING  # text, even "=…": never a formula
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
        return text_width(value) if 2 * len(value) > known else 0
    cell.value = value
    return 0 if value is None else len(str(value))


def _fill(ws, sheet: Sheet, formats: tuple[str, str]) -> None:
    headers = [str(h) for h in sheet.headers]
    ws.append(headers)
    widths = [text_width(h) for h in headers]
    timed: set[int] = set()  # columns holding a datetime: their header names the zone
    marked = set(sheet.marked)
    for number, row in enumerate(sheet.rows):
        for column, value in enumerate(row, start=1):
            cell = ws.cell(number + 2, column)
            if column > len(widths):
                widths.append(0)
            known = widths[column - 1]
            width = _put(cell, value, formats, known if known < FULL_WIDTH else 1 << 30)
            if number in marked:
                cell.fill = MARKED
            if isinstance(value, datetime):
                timed.add(column)
            widths[column - 1] = max(known, width)
    for column in timed:
        if column <= len(headers):
            cell = ws.cell(1, column)
            cell.value = _("%(header)s (%(zone)s)", header=cell.value, zone=zone_label())
            widths[column - 1] = max(widths[column - 1], text_width(cell.value))
    for cell in ws[1]:
        cell.font = BOLD
    ws.freeze_panes = "A2"
    for column, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = min(MAX_WIDTH,
                                                                    max(MIN_WIDTH, width + 2))


def workbook(sheets: Iterable[Sheet | tuple]) -> bytes:
    """An .xlsx of `sheets` in order: Sheet(title, headers, rows[, marked]) or plain tuples."""
    wb = Workbook()
    wb.remove(wb.active)
    formats = _formats()
    for sheet in sheets:
        sheet = Sheet(*sheet)
        _fill(wb.create_sheet(sheet_title(sheet.title) or None), sheet, formats)
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
    """A one-sheet workbook of `headers` and `rows` as a download."""
    return workbook_response([Sheet(sheet or "Sheet1", headers, rows)], ascii_name, chinese_name)


def workbook_response(sheets: Iterable[Sheet | tuple], ascii_name: str,
                      chinese_name: str) -> Response:
    return attachment(workbook(sheets), XLSX, ascii_name, chinese_name)
