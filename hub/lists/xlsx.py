"""The one `.xlsx` writer of the app's exports (XlsxWriter; openpyxl only reads uploads): one or
several sheets of a header row and rows, and the download response.

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

Text is written with `write_string` only (never `write`, which turns "=…" into formulas and
"http…" into links); control characters Excel refuses are dropped, an empty text is an empty
cell, a text longer than Excel's 32,767 characters is cut there. Two XlsxWriter quirks handled
in `_text`: it writes a text of the form "<r>…</r>" as raw rich-text XML (a user's "<r>a & b</r>"
would corrupt the file) and a CR as `_x000D_` (which readers other than Excel, openpyxl among
them, show as such): those few texts go as one escaped rich-text run, CR as `&#13;`.
"""

import gc
import io
import re
import threading
import unicodedata
from collections.abc import Callable, Collection, Iterable, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import cache
from math import isfinite
from typing import NamedTuple
from urllib.parse import quote

from flask import Response
from flask_babel import get_locale
from flask_babel import gettext as _
from xlsxwriter import Workbook

from hub.csvsafe import FORMULA_STARTS
from hub.timeutil import to_local, zone, zone_label

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MIN_WIDTH, MAX_WIDTH = 8, 60
TINT = "#FFF3CD"  # Bootstrap's warning tint, of the rows in `marked`
SHEET_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", "-"))
# the characters Excel refuses in a cell, as openpyxl's ILLEGAL_CHARACTERS_RE (tab, LF, CR kept)
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
EPOCH = datetime(1899, 12, 30)  # Excel's day 0, counted back from 1900-03-01
CELL_MAX = 32767  # characters in a cell (UTF-16 units): XlsxWriter cuts there and returns -2
RUN_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
FORMATS = {  # (date, datetime) number formats by language
    "zh": ('yyyy"年"m"月"d"日"', 'yyyy"年"m"月"d"日" hh:mm'),
    "en": ("yyyy-mm-dd", "yyyy-mm-dd hh:mm"),
}
# a cell's kind × its row's style → the XlsxWriter format (one object per pair, made once)
TEXT, QUOTED, NUMBER, DATE, DATETIME = range(5)
PLAIN, MARKED, HEADER = range(3)
ROW_STYLES = ({}, {"bg_color": TINT, "pattern": 1}, {"bold": True})
Serial = Callable[[date], float]  # a date's or datetime's number in Excel (`_serials`)


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
WIDE = 1 << 30  # the `known` width of a full column: no text there is measured


def sheet_title(title) -> str:
    """Excel refuses []:*?/\\ in a sheet's name, an apostrophe at either end and more than 31
    characters (UTF-16 units)."""
    name = str(title).translate(SHEET_FORBIDDEN)[:31]
    while len(name.encode("utf-16-le")) > 62:  # characters beyond the BMP count two
        name = name[:-1]
    return name.strip("'")


def _unique(name: str, taken: set[str]) -> str:
    """`name`, or `name (2)`… if a sheet already has it (Excel ignores the case)."""
    number, unique = 1, name
    while unique.lower() in taken:
        number += 1
        suffix = f" ({number})"
        unique = sheet_title(name[:31 - len(suffix)] + suffix)
    taken.add(unique.lower())
    return unique


def _styles(book: Workbook) -> list[list]:
    """The formats by [row style][kind]: None where the cell needs none (a plain number)."""
    dates, times = FORMATS.get(locale.language if (locale := get_locale()) else "zh",
                               FORMATS["en"])
    kinds = ({}, {"quote_prefix": True}, {}, {"num_format": dates}, {"num_format": times})
    return [[book.add_format({**kind, **style}) if kind or style else None for kind in kinds]
            for style in ROW_STYLES]


def _serials(tz) -> Serial:
    """Excel's serial number of a date or datetime (in `tz`'s wall time), each value converted
    once per workbook (XlsxWriter's write_datetime took a fifth of the 督办台账's export: its
    dates repeat, the meeting's and the due dates)."""
    @cache
    def serial(value: date) -> float:
        if isinstance(value, datetime):
            value = to_local(value, tz).replace(tzinfo=None, microsecond=0)
        else:
            value = datetime(value.year, value.month, value.day)
        # day 1 is 1900-01-01; from 1900-03-01 on one day more (Excel's 1900 has a 29 February)
        delta = value - (EPOCH if value >= datetime(1900, 3, 1) else EPOCH + timedelta(days=1))
        return delta.days + delta.seconds / 86400
    return serial


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _cut(value: str) -> str:
    """`value` cut to Excel's CELL_MAX UTF-16 units (XlsxWriter would cut it the same, but only
    after `_text` looked at its end)."""
    if len(value) <= CELL_MAX // 2 or _units(value) <= CELL_MAX:
        return value
    return value.encode("utf-16-le")[:2 * CELL_MAX].decode("utf-16-le", "ignore")  # no half pair


def _run(value: str) -> str:
    """`value` as the XML of one rich-text run, cut where the XML would pass CELL_MAX (where
    XlsxWriter would cut it, breaking the XML)."""
    run, size = [], 40  # <r><t xml:space="preserve"></t></r>
    for char in value:
        size += len(xml := RUN_ESCAPES.get(char, char)) + (char > "\uffff")
        if size > CELL_MAX:
            break
        run.append(xml)
    return "".join(run)


def _text(ws, row: int, column: int, value: str, formats: list) -> None:
    fmt = formats[QUOTED if value.startswith(FORMULA_STARTS) else TEXT]
    if not value:
        ws.write_blank(row, column, None, fmt)
    elif "\r" in value or (value.startswith("<r>") and value.endswith("</r>")):
        ws.write_string(row, column, f'<r><t xml:space="preserve">{_run(value)}</t></r>', fmt)
    else:
        ws.write_string(row, column, value, fmt)


def _put(ws, row: int, column: int, value, formats: list, serial: Serial, known: int) -> int:
    """Write `value` by the rules above; returns the width it needs, or 0 for a text that
    cannot be wider than `known` (its column's so far): measuring every character of every
    text took a fifth of an 11,000-row export (the 督办台账's, scale 10)."""
    if type(value) is not str:
        if value is None:
            if formats[TEXT] is not None:  # a marked row: its empty cells are tinted too
                ws.write_blank(row, column, None, formats[TEXT])
            return 0
        if isinstance(value, bool):
            ws.write_boolean(row, column, value, formats[NUMBER])
            return len(str(value))
        if isinstance(value, int | float | Decimal):
            value = float(value) if isinstance(value, Decimal) else value
            if isinstance(value, float) and not isfinite(value):  # NaN, ±∞: empty, as before
                return _put(ws, row, column, None, formats, serial, known)
            ws.write_number(row, column, value, formats[NUMBER])
            return len(str(value))
        if isinstance(value, date):  # a date cell: its serial number with a date format
            timed = isinstance(value, datetime)
            ws.write_number(row, column, serial(value), formats[DATETIME if timed else DATE])
            return DATETIME_WIDTH if timed else DATE_WIDTH
        value = str(value)  # a str subclass (Markup) as plain text too
    if not value.isprintable() and ILLEGAL_CHARACTERS_RE.search(value):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    value = _cut(value)
    _text(ws, row, column, value, formats)
    return text_width(value) if 2 * len(value) > known else 0


def _fill(ws, sheet: Sheet, styles: list[list], serial: Serial) -> None:
    headers = [str(h) for h in sheet.headers]
    widths = [text_width(h) for h in headers]
    timed: set[int] = set()  # columns holding a datetime: their header names the zone
    marked = set(sheet.marked)
    plain, tinted = styles[PLAIN], styles[MARKED]
    for number, row in enumerate(sheet.rows):
        formats = tinted if number in marked else plain
        for column, value in enumerate(row):
            if column >= len(widths):
                widths.append(0)
            known = widths[column]
            width = _put(ws, number + 1, column, value, formats, serial,
                         known if known < FULL_WIDTH else WIDE)
            if width > known:
                widths[column] = width
            if width == DATETIME_WIDTH and isinstance(value, datetime):
                timed.add(column)
    for column in timed:  # the rows are in XlsxWriter's memory: the header can come last
        if column < len(headers):
            headers[column] = _("%(header)s (%(zone)s)", header=headers[column],
                                zone=zone_label())
            widths[column] = max(widths[column], text_width(headers[column]))
    for column, header in enumerate(headers):
        _text(ws, 0, column, _cut(ILLEGAL_CHARACTERS_RE.sub("", header)), styles[HEADER])
    ws.freeze_panes(1, 0)
    for column, width in enumerate(widths):
        # in pixels of Calibri 11's 7-pixel digit: the file says exactly `width` characters
        ws.set_column_pixels(column, column, 7 * min(MAX_WIDTH, max(MIN_WIDTH, width + 2)))


_pausing, _pause_lock, _was_enabled = 0, threading.Lock(), True


@contextmanager
def _cyclic_gc_paused():
    """Python's cyclic garbage collector off while a workbook is built, on again when the last
    of the threads building one is done. XlsxWriter keeps a tuple per cell, and each collection
    walked them all: a quarter of the writer's time (the zone office's 197,696-item 督办台账 at
    scale 10: 11.4 → 8.6 s; a park's 10,864 items: 0.66 → 0.49 s; bench/results/
    2026-12-07-s12-summary.md). Process-wide: meanwhile other threads' reference cycles wait
    for the next collection (everything else is still freed at once, by reference counting)."""
    global _pausing, _was_enabled
    with _pause_lock:
        if not _pausing:
            _was_enabled = gc.isenabled()  # left off if someone else had switched it off
        _pausing += 1
        gc.disable()
    try:
        yield
    finally:
        with _pause_lock:
            _pausing -= 1
            if not _pausing and _was_enabled:
                gc.enable()


def workbook(sheets: Iterable[Sheet | tuple]) -> bytes:
    """An .xlsx of `sheets` in order: Sheet(title, headers, rows[, marked]) or plain tuples."""
    with _cyclic_gc_paused():
        return _build(sheets)


def _build(sheets: Iterable[Sheet | tuple]) -> bytes:
    out = io.BytesIO()
    # in memory, not constant_memory: as fast on the 督办台账 (scale 10), a smaller file (its
    # park, status and meeting texts repeat: shared strings) and the header can come last
    book = Workbook(out, {"in_memory": True, "strings_to_numbers": False,
                          "strings_to_formulas": False, "strings_to_urls": False})
    styles, serial, taken = _styles(book), _serials(zone()), set()
    for sheet in sheets:
        sheet = Sheet(*sheet)
        name = _unique(sheet_title(sheet.title) or f"Sheet{len(taken) + 1}", taken)
        _fill(book.add_worksheet(name), sheet, styles, serial)
    book.close()  # a workbook without sheets gets an empty one
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
