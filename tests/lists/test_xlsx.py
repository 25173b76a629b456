"""The one `.xlsx` writer (hub.lists.xlsx): sheets with a bold frozen header, widths that fit
Chinese text, dates as date cells in 北京时间 with a Chinese format, and text that never becomes
a formula (read back with openpyxl)."""

import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from flask_babel import force_locale
from openpyxl import load_workbook

from hub.lists.xlsx import Sheet, workbook

HOSTILE = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "=HYPERLINK(\"x\")"]


def _open(body: bytes):
    return load_workbook(io.BytesIO(body))


def test_several_sheets_with_a_bold_frozen_header(app):
    with app.test_request_context():
        book = _open(workbook([Sheet("按园区", ["园区", "数量"], [["田心高科园", 3]]),
                               ("阅读人/名单", ["园区"], [])]))
    assert book.sheetnames == ["按园区", "阅读人-名单"]  # "/" is not allowed in a sheet name
    ws = book["按园区"]
    assert [[c.value for c in row] for row in ws.iter_rows()] == [["园区", "数量"],
                                                                   ["田心高科园", 3]]
    assert ws["A1"].font.b and ws.freeze_panes == "A2"
    assert book["阅读人-名单"].freeze_panes == "A2" and book["阅读人-名单"]["A1"].value == "园区"


@pytest.mark.parametrize("value", HOSTILE)
def test_formula_like_text_stays_text(app, value):
    with app.test_request_context():
        ws = _open(workbook([("s", ["文本"], [[value]])])).active
    cell = ws["A2"]
    assert cell.value == value  # unchanged: no apostrophe in the value
    assert cell.data_type == "s" and cell.quotePrefix  # a text cell, marked as text for editing


def test_plain_text_numbers_and_control_characters(app):
    with app.test_request_context():
        ws = _open(workbook([("s", ["a", "b", "c", "d"],
                              [["正常文本", Decimal("56.30"), None, "a\x01b\x0bc"]])])).active
    assert ws["A2"].value == "正常文本" and not ws["A2"].quotePrefix
    assert ws["B2"].value == 56.3 and ws["C2"].value is None
    assert ws["D2"].value == "abc"  # characters Excel refuses are dropped, not a 500


def test_dates_and_times_are_date_cells_in_beijing_time(app):
    stamp = datetime(2026, 4, 30, 16, 5, 30, 123456, tzinfo=UTC)  # 北京时间 5月1日 00:05
    with app.test_request_context():
        ws = _open(workbook([("s", ["办结期限", "更新时间", "备注"],
                              [[date(2026, 4, 30), stamp, "x"], [None, None, None]])])).active
    assert ws["A2"].value == datetime(2026, 4, 30) and ws["A2"].number_format == \
        'yyyy"年"m"月"d"日"'
    assert ws["B2"].value == datetime(2026, 5, 1, 0, 5, 30)
    assert ws["B2"].number_format == 'yyyy"年"m"月"d"日" hh:mm'
    # the time column's header names the zone; the date column's does not need to
    assert [c.value for c in ws[1]] == ["办结期限", "更新时间（北京时间）", "备注"]


def test_english_dates_and_a_naive_stored_time(app):
    with app.test_request_context(), force_locale("en"):
        ws = _open(workbook([("s", ["Due", "Updated"],
                              [[date(2026, 4, 30), datetime(2026, 4, 30, 16, 5)]])])).active
    assert ws["A2"].number_format == "yyyy-mm-dd"
    assert ws["B2"].value == datetime(2026, 5, 1, 0, 5)  # naive = UTC, as stored
    assert ws["B1"].value == "Updated (Beijing time)"


def test_column_widths_fit_chinese_text(app):
    with app.test_request_context():
        ws = _open(workbook([("s", ["园区", "编号", "说明"],
                              [["株洲高新区田心高科园", "ZZ-1", "很长" * 50]])])).active
    widths = {col: ws.column_dimensions[col].width for col in "ABC"}
    assert widths["A"] >= 20  # ten Chinese characters are twenty columns wide
    assert widths["B"] < widths["A"]
    assert widths["C"] == 60  # capped


def test_column_widths_whatever_the_order_of_the_rows(app):
    """A text is measured only when it could widen its column: the widths are those of the
    widest text of each column, in any order of the rows (ASCII one column a character, Chinese
    two, at most 60)."""
    rows = [["short", "园区园区园区", "很长" * 50],
            ["a much longer ascii text", "株洲高新区田心", "x"],
            ["mid-length", "株洲", "很长" * 10], ["", "園區ab", None]]
    with app.test_request_context():
        got = set()
        for order in (rows, rows[::-1], rows[1:] + rows[:1]):
            ws = _open(workbook([("s", ["名称", "园区", "说明"], order)])).active
            got.add(tuple(ws.column_dimensions[col].width for col in "ABC"))
    assert got == {(24 + 2, 14 + 2, 60)}
