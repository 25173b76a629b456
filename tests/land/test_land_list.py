"""The case list: overdue cases stand out and filter, counts and 亩 per status, sorting,
paging, and the CSV export Excel opens with the Chinese intact."""

import csv
import io
import re
from decimal import Decimal
from urllib.parse import quote

from hub.land.models import CaseStatus


def _rows(html: str) -> list[str]:
    return re.findall(r'data-testid="case-row" data-case="([^"]+)"', html)


def _overdue_rows(html: str) -> set[str]:
    return set(re.findall(r'data-case="([^"]+)" data-overdue="1"', html))


def test_overdue_rows_stand_out_and_filter(client, login, make_case, staff_b):
    make_case(parcel_code="LATE-1", deadline_days=-1, status=CaseStatus.VERIFYING)
    make_case(parcel_code="LATE-SUSP", deadline_days=-30, status=CaseStatus.SUSPENDED,
              suspended_from=CaseStatus.DISPOSING)
    make_case(parcel_code="DONE-LATE", deadline_days=-5, status=CaseStatus.DISPOSED)
    make_case(parcel_code="TODAY", deadline_days=0)
    make_case(parcel_code="NO-DEADLINE", deadline_days=None)
    login(staff_b)
    html = client.get("/cases/").get_data(as_text=True)
    assert set(_rows(html)) == {"LATE-1", "LATE-SUSP", "DONE-LATE", "TODAY", "NO-DEADLINE"}
    assert _overdue_rows(html) == {"LATE-1", "LATE-SUSP"}
    late_row = re.search(r'<tr class="([^"]*)" data-testid="case-row" data-case="LATE-1"', html)
    assert "table-danger" in late_row.group(1)
    assert html.count('data-testid="overdue-badge"') == 2

    html = client.get("/cases/?overdue=1").get_data(as_text=True)
    assert set(_rows(html)) == {"LATE-1", "LATE-SUSP"}
    # the suspended one still shows as suspended, not as something else
    assert 'data-testid="count-suspended">1<' in html
    assert 'data-testid="count-all">2<' in html


def test_overdue_detail_page_badge(client, login, make_case, staff_b):
    late = make_case(deadline_days=-2)
    fine = make_case(deadline_days=2)
    login(staff_b)
    assert 'data-testid="overdue-badge"' in client.get(f"/cases/{late.id}").get_data(as_text=True)
    assert 'data-testid="overdue-badge"' not in client.get(
        f"/cases/{fine.id}").get_data(as_text=True)


def test_counts_and_area_per_status(client, login, make_case, park_b, staff_b):
    make_case(area_mu=Decimal("10.25"))
    make_case(area_mu=Decimal("4.50"))
    make_case(area_mu=Decimal("100.00"), status=CaseStatus.DISPOSED)
    make_case(area_mu=Decimal("7.33"), status=CaseStatus.SUSPENDED)
    make_case(park=park_b, by=staff_b, area_mu=Decimal("1.11"), problem_type="inefficient")
    login(staff_b)
    html = client.get("/cases/").get_data(as_text=True)
    assert 'data-testid="count-registered">3<' in html
    assert 'data-testid="area-registered">15.86<' in html
    assert 'data-testid="count-disposed">1<' in html
    assert 'data-testid="area-disposed">100.00<' in html
    assert 'data-testid="area-suspended">7.33<' in html
    assert 'data-testid="count-verifying">0<' in html
    assert 'data-testid="area-all">123.19<' in html
    # the totals follow the filter
    html = client.get(f"/cases/?park={park_b.id}").get_data(as_text=True)
    assert _rows(html) == ["ZZGX-2022-005"]
    assert 'data-testid="area-registered">1.11<' in html and 'data-testid="count-all">1<' in html
    html = client.get("/cases/?problem=inefficient").get_data(as_text=True)
    assert _rows(html) == ["ZZGX-2022-005"]
    html = client.get("/cases/?status=disposed").get_data(as_text=True)
    assert _rows(html) == ["ZZGX-2022-003"] and 'data-testid="count-all">1<' in html


def test_sorting(client, login, make_case, staff_a):
    make_case(parcel_code="B-2", area_mu=Decimal("30"), deadline_days=10)
    make_case(parcel_code="C-3", area_mu=Decimal("5"), deadline_days=None)
    make_case(parcel_code="A-1", area_mu=Decimal("12"), deadline_days=-3)
    login(staff_a)
    get = lambda q: _rows(client.get(f"/cases/?{q}").get_data(as_text=True))  # noqa: E731
    assert get("sort=area&dir=asc") == ["C-3", "A-1", "B-2"]
    assert get("sort=area&dir=desc") == ["B-2", "A-1", "C-3"]
    assert get("sort=parcel&dir=asc") == ["A-1", "B-2", "C-3"]
    assert get("sort=parcel&dir=desc") == ["C-3", "B-2", "A-1"]
    assert get("sort=deadline&dir=asc") == ["A-1", "B-2", "C-3"]  # no deadline: last
    assert get("sort=deadline&dir=desc") == ["B-2", "A-1", "C-3"]
    assert get("sort=updated&dir=desc") == ["A-1", "C-3", "B-2"]
    assert get("sort=nonsense&dir=sideways") == ["A-1", "C-3", "B-2"]  # falls back


def test_paging(client, login, make_case, staff_a):
    for n in range(23):
        make_case(parcel_code=f"P-{n:02d}")
    login(staff_a)
    first = _rows(client.get("/cases/?sort=parcel&dir=asc").get_data(as_text=True))
    page_two = client.get("/cases/?sort=parcel&dir=asc&page=2").get_data(as_text=True)
    assert len(first) == 20 and _rows(page_two) == ["P-20", "P-21", "P-22"]
    # the pager counts what the filter keeps (the status totals' count)
    assert "共 23 条，第 2 / 2 页" in page_two and 'data-testid="count-all">23<' in page_two
    make_case(parcel_code="P-DONE", status=CaseStatus.DISPOSED)
    html = client.get("/cases/?status=registered").get_data(as_text=True)
    assert "共 23 条，第 1 / 2 页" in html
    html = client.get("/cases/?status=disposed").get_data(as_text=True)
    assert _rows(html) == ["P-DONE"] and "共 1 条" in html and "第 1 /" not in html


def test_csv_export(client, login, make_case, make_user, park_a, staff_b):
    assignee = make_user(park=park_a, display_name="张志强")
    make_case(parcel_code="ZZGX-2022-017", area_mu=Decimal("56.3"), assignee_id=assignee.id,
              problem_type="approved_not_supplied", disposal="revitalize",
              status=CaseStatus.DISPOSING, deadline_days=-1, location="天元区黄河南路")
    make_case(parcel_code="=HYPERLINK(1)", status=CaseStatus.DISPOSED)
    login(staff_b)
    resp = client.get("/cases/export.csv?sort=parcel&dir=desc")
    assert resp.status_code == 200
    assert resp.mimetype == "text/csv"
    body = resp.get_data()
    assert body.startswith(b"\xef\xbb\xbf")
    disposition = resp.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=UTF-8''{quote('土地清理处置案件')}" in disposition
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0] == ["地块编号", "责任园区", "位置", "面积（亩）", "面积（平方米）", "持有企业",
                       "问题类型", "处置方式", "经办人", "办结期限", "状态", "是否逾期", "搁置原因",
                       "更新时间"]
    assert len(rows) == 3
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["地块编号"] == "ZZGX-2022-017"
    assert row["责任园区"] == "田心高科园"
    assert row["位置"] == "天元区黄河南路"
    assert row["面积（亩）"] == "56.30"
    assert row["面积（平方米）"] == "37533.33"
    assert (row["问题类型"], row["处置方式"], row["状态"]) == ("批而未供", "盘活", "处置中")
    assert row["经办人"] == "张志强" and row["是否逾期"] == "是"
    assert rows[2][0] == "'=HYPERLINK(1)"  # no formula injection
    assert rows[2][10] == "已处置"
    # the export follows the filter
    resp = client.get("/cases/export.csv?status=disposed")
    rows = list(csv.reader(io.StringIO(resp.get_data().decode("utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == ["'=HYPERLINK(1)"]
