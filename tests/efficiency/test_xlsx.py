""".xlsx import/export: whole-file refusal with a row/column report, round trip."""

import io

from openpyxl import Workbook, load_workbook

from hub.efficiency import xlsx
from hub.efficiency.models import Enterprise, Figure
from hub.extensions import db
from tests.efficiency.conftest import code_for


def _book(rows) -> io.BytesIO:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    return out


def _upload(client, url, rows, **data):
    return client.post(url, data={**data, "file": (_book(rows), "upload.xlsx")},
                       content_type="multipart/form-data")


def test_import_enterprises_all_or_nothing_with_row_and_column(client, login, make_user):
    staff = make_user(park="田心高科园")
    login(staff)
    bad_code = code_for(5)[:17] + ("0" if code_for(5)[17] != "0" else "1")
    rows = [list(xlsx.ENTERPRISE_HEADERS),
            ["株洲甲公司", code_for(1), "轨道交通", "石峰区", 30, "是"],
            ["株洲乙公司", bad_code, "轨道交通", "石峰区", 30, "是"],
            ["株洲丙公司", code_for(3), "不存在的链", "石峰区", -2, "也许"]]
    resp = _upload(client, "/efficiency/enterprises/import", rows, park_id=staff.park_id)
    assert resp.status_code == 422
    report = resp.text[resp.text.index('data-testid="import-report"'):]
    assert "<td>3</td><td>统一社会信用代码</td><td>校验码" in report
    assert "<td>4</td><td>产业链</td>" in report
    assert "<td>4</td><td>用地面积（亩）</td>" in report
    assert "<td>4</td><td>规上企业</td>" in report
    assert db.session.execute(db.select(Enterprise)).first() is None  # row 2 was fine, too

    rows = [rows[0], rows[1], ["株洲乙公司", code_for(2), "", "石峰区", "12.5", "否"]]
    resp = _upload(client, "/efficiency/enterprises/import", rows, park_id=staff.park_id)
    assert resp.status_code == 302
    ents = db.session.execute(db.select(Enterprise).order_by(Enterprise.name)).scalars().all()
    assert [(e.name, str(e.land_mu), e.above_size) for e in ents] == [
        ("株洲乙公司", "12.50", False), ("株洲甲公司", "30.00", True)]


def test_wrong_headers_and_not_a_workbook_are_refused(client, login, make_user):
    staff = make_user(park="田心高科园")
    login(staff)
    resp = _upload(client, "/efficiency/enterprises/import", [["名称", "代码"]],
                   park_id=staff.park_id)
    assert resp.status_code == 422 and "第一行缺少此列" in resp.text
    resp = client.post("/efficiency/enterprises/import", data={
        "park_id": staff.park_id, "file": (io.BytesIO(b"not a zip"), "x.xlsx")},
        content_type="multipart/form-data")
    assert resp.status_code == 422 and "不是 .xlsx" in resp.text


def test_park_cannot_import_into_another_park(client, login, make_user, make_park):
    other = make_park("醴陵经开区")
    login(make_user(park="田心高科园"))
    rows = [list(xlsx.ENTERPRISE_HEADERS), ["株洲甲公司", code_for(1), "", "", 30, "是"]]
    resp = _upload(client, "/efficiency/enterprises/import", rows, park_id=other.id)
    assert resp.status_code in (403, 422)
    assert db.session.execute(db.select(Enterprise)).first() is None


def test_figures_round_trip_through_the_grid_workbook(client, login, make_user, make_enterprise,
                                                      make_round):
    rnd = make_round(2025)
    a, b = make_enterprise("田心高科园"), make_enterprise("田心高科园")
    login(make_user(park="田心高科园"))
    base = f"/efficiency/rounds/{rnd.id}/parks/{a.park_id}"
    wb = load_workbook(io.BytesIO(client.get(base + "/figures.xlsx").data))
    rows = [list(r) for r in wb.active.iter_rows(values_only=True)]
    assert rows[0][:3] == ["统一社会信用代码", "企业名称", "税收（万元）"]
    for row in rows[1:]:
        row[2:8] = [300, 6000, 1200, 12, 180, 200]
    rows[2][3] = "六千"  # revenue of b, not a number
    resp = _upload(client, base + "/import", rows, park_id=a.park_id)
    assert resp.status_code == 422
    assert "<td>3</td><td>营业收入（万元）</td><td>不是数字" in resp.text
    assert db.session.execute(db.select(Figure)).first() is None

    rows[2][3] = 6000
    resp = _upload(client, base + "/import", rows, park_id=a.park_id)
    assert resp.status_code == 302
    figs = db.session.execute(db.select(Figure)).scalars().all()
    assert sorted(str(f.score) for f in figs) == ["52.00", "52.00"]
    page = client.get(base)
    assert "填报中" in page.text

    scores = client.get(f"/efficiency/rounds/{rnd.id}/scores.xlsx")
    sheet = load_workbook(io.BytesIO(scores.data)).active
    assert sheet.cell(1, 1).value == "名次" and sheet.max_row == 3
    listing = client.get("/efficiency/enterprises/export.xlsx")
    sheet = load_workbook(io.BytesIO(listing.data)).active
    assert sheet.max_row == 3 and sheet.cell(2, 2).value in (a.credit_code, b.credit_code)


def test_a_formula_like_enterprise_name_is_exported_as_text(client, login, make_user,
                                                            make_enterprise):
    """The one .xlsx writer (hub.lists.xlsx): the name stays a text cell, value unchanged."""
    hostile = "=cmd|' /C calc'!A0"
    make_enterprise("田心高科园", name=hostile)
    login(make_user(park="田心高科园"))
    sheet = load_workbook(io.BytesIO(
        client.get("/efficiency/enterprises/export.xlsx").data)).active
    assert sheet["A2"].value == hostile and sheet["A2"].data_type == "s"
    assert sheet["A1"].value == "企业名称" and sheet.freeze_panes == "A2"
