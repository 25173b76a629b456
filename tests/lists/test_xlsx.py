"""The one `.xlsx` writer (hub.lists.xlsx): sheets with a bold frozen header, widths that fit
Chinese text, dates as date cells in 北京时间 with a Chinese format, and text that never becomes
a formula (read back with openpyxl)."""

import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from flask_babel import force_locale
from markupsafe import Markup
from openpyxl import load_workbook

from hub.lists.xlsx import ILLEGAL_CHARACTERS_RE, Sheet, workbook

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
                              [["正常文本", Decimal("56.30"), None, "a\x01b\x0bc"],
                               [True, float("nan"), Decimal("-Infinity"), 10**15]])])).active
    assert ws["A2"].value == "正常文本" and not ws["A2"].quotePrefix
    assert ws["B2"].value == 56.3 and ws["C2"].value is None
    assert ws["D2"].value == "abc"  # characters Excel refuses are dropped, not a 500
    assert [c.value for c in ws[3]] == [True, None, None, 10**15]  # NaN, ∞: empty, not a 500


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


@pytest.mark.parametrize("value", [
    "http://example.com/?q=1", "mailto:a@b.cn", "123", "1e5", "0012", "TRUE", "#N/A",
    "<r>a & b</r>", "<r><t>假的</t></r>", "_x0041_", "第一行\r\n第二行",
    Markup("<b>x</b> &amp; y")])
def test_text_that_looks_like_something_else_stays_that_text(app, value):
    """XlsxWriter's `write` would make links, numbers and formulas of such text, and writes a
    text "<r>…</r>" as raw XML (a "&" there broke the whole file)."""
    with app.test_request_context():
        ws = _open(workbook([("s", ["文本"], [[value, 1]])])).active
    assert ws["A2"].value == str(value) and ws["A2"].data_type == "s"
    assert ws["A2"].hyperlink is None and ws["B2"].value == 1


def test_text_longer_than_a_cell_is_cut_at_excels_limit(app):
    long, wide = "长" * 40_000, "𠀀" * 20_000
    with_cr, marks = "=x\r\n" + "长" * 40_000, "\r" + "&" * 40_000  # as rich-text XML
    tag = "<r>" + "x" * 32_760 + "</r>" + "&" * 10  # "<r>…</r>" once cut: rich-text XML too
    with app.test_request_context():
        ws = _open(workbook([("s", list("abcde"), [[long, wide, with_cr, marks, tag]])])).active
    assert ws["A2"].value == long[:32767]
    assert ws["B2"].value == wide[:16383]  # a character beyond the BMP counts two
    assert with_cr.startswith(ws["C2"].value) and 32_700 < len(ws["C2"].value) <= 32767
    assert ws["C2"].quotePrefix
    assert marks.startswith(ws["D2"].value)  # "&" is "&amp;" in the XML: cut earlier
    assert tag.startswith(ws["E2"].value) and len(ws["E2"].value) > 32_700


def test_illegal_characters_as_openpyxl_defines_them():
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE as OPENPYXL
    chars = [chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000]
    assert [c for c in chars if ILLEGAL_CHARACTERS_RE.match(c)] == \
        [c for c in chars if OPENPYXL.match(c)]


def test_marked_rows_are_tinted_the_header_bold(app):
    with app.test_request_context():
        ws = _open(workbook([Sheet("s", ["园区", "数量", "日期"],
                                   [["田心", 1, date(2026, 1, 2)], ["茶陵", None, None]],
                                   marked={1})])).active
    tinted = [[bool(c.fill.fill_type) and c.fill.fgColor.rgb.endswith("FFF3CD") for c in row]
              for row in ws.iter_rows()]
    assert tinted == [[False] * 3, [False] * 3, [True] * 3]  # the empty cells too
    assert [c.font.b for c in ws[1]] == [True] * 3 and not ws["A2"].font.b
    assert ws["C2"].number_format == 'yyyy"年"m"月"d"日"' and ws["A3"].value == "茶陵"


def test_dates_around_excels_leap_year_1900(app):
    days = [date(1900, 1, 1), date(1900, 2, 28), date(1900, 3, 1), date(9999, 12, 31)]
    stamp = datetime(1900, 2, 28, 16, 30, tzinfo=UTC)  # 北京时间 3月1日 00:30 (+08:06 then)
    with app.test_request_context():
        ws = _open(workbook([("s", ["日期"], [[d] for d in days] + [[stamp]])])).active
    assert [ws.cell(r, 1).value for r in range(2, 6)] == [datetime(d.year, d.month, d.day)
                                                          for d in days]
    assert ws["A6"].value == datetime(1900, 3, 1, 0, 35, 43)


def test_sheet_titles_excel_accepts(app):
    titles = ["统计", "统计", "STATS", "stats", "'引号'", "x" * 40, "x" * 31, "a[1]:b?"]
    with app.test_request_context():
        names = _open(workbook([(t, ["a"], []) for t in titles])).sheetnames
    assert names[:3] == ["统计", "统计 (2)", "STATS"] and names[3].lower() == "stats (2)"
    assert names[4:] == ["引号", "x" * 31, "x" * 27 + " (2)", "a-1--b-"]
    assert len({n.lower() for n in names}) == len(names)


def test_the_cyclic_collector_pauses_while_a_workbook_is_built_and_comes_back(app):
    import gc

    seen = []

    def rows(fail=False):
        seen.append(gc.isenabled())
        if fail:
            raise RuntimeError("a row that cannot be read")
        yield ["正常文本"]

    assert gc.isenabled()
    with app.test_request_context():
        workbook([("s", ["a"], rows())])
        assert seen == [False] and gc.isenabled()
        with pytest.raises(RuntimeError):
            workbook([("s", ["a"], rows(fail=True))])
        assert gc.isenabled()  # on again after a failed export too
        gc.disable()  # switched off by someone else: left off
        try:
            workbook([("s", ["a"], rows())])
            assert not gc.isenabled()
        finally:
            gc.enable()
