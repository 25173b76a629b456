"""Enterprise import from CSV: UTF-8 (with or without BOM) and GBK/GB18030 as Excel saves it, the
same all-or-nothing (row, column, problem) report as the .xlsx import."""

import csv
import io

import pytest

from hub.efficiency import xlsx
from hub.efficiency.models import Enterprise
from hub.extensions import db
from tests.efficiency.conftest import code_for

URL = "/efficiency/enterprises/import"


def _csv(rows, encoding: str) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)  # Excel's line ends
    return out.getvalue().encode(encoding)


def _upload(client, data: bytes, park_id, name="企业.csv"):
    return client.post(URL, data={"park_id": park_id, "file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def _names():
    return [e.name for e in db.session.execute(
        db.select(Enterprise).order_by(Enterprise.name)).scalars()]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gbk", "gb18030"])
def test_csv_in_every_encoding_excel_writes_is_imported(client, login, make_user, encoding):
    staff = make_user(park="田心高科园")
    login(staff)
    rows = [list(xlsx.ENTERPRISE_HEADERS),
            ["株洲甲公司", code_for(1), "轨道交通", "石峰区", "30", "是"],
            ["株洲乙公司", code_for(2), "", "荷塘区", "12.5", "否"]]
    data = _csv(rows, encoding)
    if encoding == "gbk":
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")  # the test really sends GBK bytes
    resp = _upload(client, data, staff.park_id)
    assert resp.status_code == 302, resp.text
    ents = db.session.execute(db.select(Enterprise).order_by(Enterprise.name)).scalars().all()
    assert [(e.name, e.county, str(e.land_mu), e.above_size, e.chain.name if e.chain else None)
            for e in ents] == [("株洲乙公司", "荷塘区", "12.50", False, None),
                               ("株洲甲公司", "石峰区", "30.00", True, "轨道交通")]
    page = client.get(resp.headers["Location"])
    assert "已导入 2 家企业" in page.text, page.text[page.text.find("alert"):][:400]


def test_csv_errors_are_reported_per_cell_and_nothing_is_saved(client, login, make_user):
    staff = make_user(park="田心高科园")
    login(staff)
    bad_code = code_for(5)[:17] + ("0" if code_for(5)[17] != "0" else "1")
    rows = [list(xlsx.ENTERPRISE_HEADERS),
            ["株洲甲公司", code_for(1), "轨道交通", "石峰区", "30", "是"],
            ["株洲乙公司", bad_code, "轨道交通", "石峰区", "30", "是"],
            ["", code_for(1), "不存在的链", "石峰区", "-2", "也许"]]
    resp = _upload(client, _csv(rows, "gbk"), staff.park_id)
    assert resp.status_code == 422
    report = resp.text[resp.text.index('data-testid="import-report"'):]
    assert "<td>3</td><td>统一社会信用代码</td><td>校验码" in report
    assert "<td>4</td><td>企业名称</td>" in report
    assert "<td>4</td><td>统一社会信用代码</td><td>该信用代码在文件中重复出现" in report
    assert "<td>4</td><td>产业链</td>" in report
    assert "<td>4</td><td>用地面积（亩）</td>" in report
    assert "<td>4</td><td>规上企业</td>" in report
    assert _names() == []  # row 2 was fine, too


def test_csv_with_wrong_headers_or_unreadable_bytes_is_refused(client, login, make_user):
    staff = make_user(park="田心高科园")
    login(staff)
    resp = _upload(client, _csv([["名称", "代码"], ["甲", code_for(1)]], "utf-8-sig"),
                   staff.park_id)
    assert resp.status_code == 422
    report = resp.text[resp.text.index('data-testid="import-report"'):]
    assert "<td>1</td><td>统一社会信用代码</td><td>第一行缺少此列" in report
    utf16 = _csv([list(xlsx.ENTERPRISE_HEADERS)], "utf-16")
    resp = _upload(client, utf16, staff.park_id)
    assert resp.status_code == 422 and "不是可读取的 CSV 文件" in resp.text
    resp = _upload(client, b"x", staff.park_id, name="企业.txt")
    assert resp.status_code == 422 and "请上传 .xlsx 工作簿或 .csv 文件" in resp.text
    assert _names() == []


def test_the_same_checks_run_for_both_readers(app, make_user):
    """The CSV and the .xlsx of the same rows give the same report."""
    from openpyxl import Workbook

    staff = make_user(park="田心高科园")
    rows = [list(xlsx.ENTERPRISE_HEADERS), ["甲", "123", "", "", "abc", "是"]]
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    from_xlsx = xlsx.import_enterprises(staff, staff.park_id, out.getvalue(), "a.xlsx")
    from_csv = xlsx.import_enterprises(staff, staff.park_id, _csv(rows, "gbk"), "a.csv")
    assert from_xlsx.errors == from_csv.errors
    assert {column for _row, column, _code in from_csv.errors} == {
        "统一社会信用代码", "用地面积（亩）"}
