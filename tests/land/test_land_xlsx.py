"""The Excel export of the case list: beside the CSV, the same columns, filters, order and
visibility, typed cells, a Chinese file name, and text that never turns into a formula."""

import io
from datetime import date, datetime
from decimal import Decimal
from urllib.parse import quote

from openpyxl import load_workbook

from hub.land.models import CaseStatus
from hub.lists.xlsx import XLSX

HEADERS = ["地块编号", "责任园区", "位置", "面积（亩）", "面积（平方米）", "持有企业", "问题类型",
           "处置方式", "经办人", "办结期限", "状态", "是否逾期", "搁置原因", "更新时间（北京时间）"]
HOSTILE = "=cmd|' /C calc'!A0"


def _sheet(resp) -> list[list]:
    assert resp.status_code == 200
    ws = load_workbook(io.BytesIO(resp.get_data())).active
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_the_list_links_to_the_excel_export_with_its_filters(client, login, make_case, staff_b):
    make_case()
    login(staff_b)
    html = client.get("/cases/?status=disposing&sort=area&dir=asc&page=1").get_data(as_text=True)
    link = html.split('data-testid="export-xlsx"')[0].rsplit('href="', 1)[1].split('"')[0]
    assert link.startswith("/cases/export.xlsx?")
    assert "status=disposing" in link and "sort=area" in link and "page" not in link


def test_xlsx_export(client, login, make_case, make_user, park_a, staff_b):
    assignee = make_user(park=park_a, display_name="张志强")
    make_case(parcel_code="ZZGX-2022-017", area_mu=Decimal("56.3"), assignee_id=assignee.id,
              problem_type="approved_not_supplied", disposal="revitalize",
              status=CaseStatus.DISPOSING, deadline_days=-1, location="天元区黄河南路")
    make_case(parcel_code=HOSTILE, status=CaseStatus.DISPOSED, deadline_days=None)
    login(staff_b)
    resp = client.get("/cases/export.xlsx?sort=parcel&dir=desc")
    assert resp.mimetype == XLSX
    disposition = resp.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and 'filename="land-cases-' in disposition
    assert f"filename*=UTF-8''{quote('土地清理处置案件')}" in disposition
    rows = _sheet(resp)
    assert rows[0] == HEADERS
    assert [r[0] for r in rows[1:]] == ["ZZGX-2022-017", HOSTILE]  # the list's order
    row = dict(zip(rows[0], rows[1], strict=True))
    assert (row["责任园区"], row["位置"], row["经办人"]) == \
        ("田心高科园", "天元区黄河南路", "张志强")
    assert row["面积（亩）"] == 56.3 and round(row["面积（平方米）"], 2) == 37533.33  # numbers
    assert isinstance(row["办结期限"], date)  # a date cell (openpyxl reads it as a datetime)
    assert isinstance(row["更新时间（北京时间）"], datetime)
    assert (row["问题类型"], row["处置方式"], row["状态"], row["是否逾期"]) == \
        ("批而未供", "盘活", "处置中", "是")
    assert rows[2][9] is None and rows[2][10] == "已处置"
    # the formula-like parcel code is a text cell, not a formula
    ws = load_workbook(io.BytesIO(resp.get_data())).active
    assert ws["A3"].data_type == "s" and ws["A3"].quotePrefix
    assert ws["J2"].number_format == 'yyyy"年"m"月"d"日"' and ws.freeze_panes == "A2"
    # the other order and a filter
    assert [r[0] for r in _sheet(client.get("/cases/export.xlsx?sort=parcel&dir=asc"))[1:]] == \
        [HOSTILE, "ZZGX-2022-017"]
    assert [r[0] for r in _sheet(client.get("/cases/export.xlsx?status=disposed"))[1:]] == \
        [HOSTILE]


def test_xlsx_export_shows_what_the_list_shows(client, login, make_case, park_admin_a, staff_b,
                                               admin):
    make_case(parcel_code="KEPT-1")
    gone = make_case(parcel_code="GONE-1")
    login(park_admin_a)
    assert client.post(f"/cases/{gone.id}/delete").status_code == 302
    for user in (staff_b, park_admin_a):
        login(user)
        assert [r[0] for r in _sheet(client.get("/cases/export.xlsx"))[1:]] == ["KEPT-1"]
        # asking for the deleted cases is ignored for non-admins
        assert [r[0] for r in _sheet(client.get("/cases/export.xlsx?deleted=1"))[1:]] == \
            ["KEPT-1"]
    login(admin)
    assert [r[0] for r in _sheet(client.get("/cases/export.xlsx?deleted=1"))[1:]] == ["GONE-1"]


def test_xlsx_export_needs_a_sign_in(client, make_case):
    make_case()
    resp = client.get("/cases/export.xlsx")
    assert resp.status_code == 302 and "/login" in resp.headers["Location"]
