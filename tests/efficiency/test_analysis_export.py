"""Each chart of the analysis page has its table beside it and an .xlsx export of that table;
one workbook holds them all, one sheet per chart."""

import io

from openpyxl import load_workbook

from hub.efficiency import services
from tests.efficiency.test_scheme_and_pages import _fill


def _setup(make_enterprise, make_round, zone_admin):
    rnd = make_round(2025)
    chain = services.chains()[0]
    a = make_enterprise("田心高科园", chain=chain, county="石峰区")
    b = make_enterprise("田心高科园", chain=chain, county="石峰区")
    c = make_enterprise("醴陵经开区", county="醴陵市")
    _fill(zone_admin, rnd, [a, b, c])  # tax 300 and 350 in 田心, 300 in 醴陵; land 50 each
    return rnd, chain


def _table(text, testid):
    part = text[text.index(f'data-testid="{testid}"'):]
    return part[:part.index("</table>")]


def _sheet_rows(ws):
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_every_chart_has_its_table_and_an_export_link(client, login, make_enterprise,
                                                      make_round, zone_admin):
    rnd, chain = _setup(make_enterprise, make_round, zone_admin)
    login(zone_admin)
    page = client.get(f"/efficiency/rounds/{rnd.id}/analysis").text
    for key, testid in (("grades-park", "by-park"), ("grades-county", "by-county"),
                        ("tax-park", "tax-park"), ("tax-chain", "by-chain")):
        # the chart (server-side SVG), then its table, then the link exporting that table
        chart = page.index(f'id="{key}"')
        assert page.rindex("<svg", 0, chart) > page.index(f'id="table-{key}"')
        assert chart < page.index(f'data-testid="{testid}"')
        assert (f'href="/efficiency/rounds/{rnd.id}/analysis.xlsx?chart={key}"'
                in page), key
    tax_park = _table(page, "tax-park")
    # 田心: Σ tax 650, Σ land 100 → 6.50; 醴陵: 300, 50 → 6.00 (no 2024 round: no change column)
    assert "<td>田心高科园</td><td class=\"text-end\">650.00</td>" in tax_park
    assert "6.00" in tax_park and "变化" not in tax_park
    assert "石峰区" in _table(page, "by-county") and chain.name in _table(page, "by-chain")


def test_one_chart_export_is_its_table(client, login, make_enterprise, make_round, zone_admin):
    rnd, _chain = _setup(make_enterprise, make_round, zone_admin)
    login(zone_admin)
    resp = client.get(f"/efficiency/rounds/{rnd.id}/analysis.xlsx?chart=grades-county")
    assert resp.status_code == 200
    assert "attachment" in resp.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(resp.data))
    assert book.sheetnames == ["各县市区分类情况"]
    rows = _sheet_rows(book.active)
    assert rows[0] == ["县市区", "A", "B", "C", "D", "企业数", "亩均税收（万元/亩）"]
    assert sorted(r[0] for r in rows[1:]) == ["石峰区", "醴陵市"]
    shifeng = next(r for r in rows if r[0] == "石峰区")
    assert shifeng[5] == 2 and shifeng[6] == 6.5 and sum(shifeng[1:5]) == 2
    assert client.get(f"/efficiency/rounds/{rnd.id}/analysis.xlsx?chart=nope").status_code \
        == 404


def test_the_whole_export_has_one_sheet_per_table_matching_the_page(
        client, login, make_enterprise, make_round, zone_admin):
    rnd, _chain = _setup(make_enterprise, make_round, zone_admin)
    login(zone_admin)
    book = load_workbook(io.BytesIO(
        client.get(f"/efficiency/rounds/{rnd.id}/analysis.xlsx").data))
    assert len(book.sheetnames) == 5
    assert all("/" not in name and len(name) <= 31 for name in book.sheetnames)
    tax = _sheet_rows(book.worksheets[2])
    assert tax[0][:4] == ["园区", "税收（万元）", "实际用地（亩）", "亩均税收（万元/亩）"]
    assert sorted(tuple(r[:4]) for r in tax[1:]) == [
        ("田心高科园", 650, 100, 6.5), ("醴陵经开区", 300, 50, 6)]
    weakest = _sheet_rows(book.worksheets[4])
    assert {r[1] for r in weakest[1:]} == {"全员劳动生产率"}


def test_parks_cannot_export_the_analysis_of_an_open_round(client, login, make_user,
                                                           make_round):
    rnd = make_round(2025)
    login(make_user(park="田心高科园"))
    assert client.get(f"/efficiency/rounds/{rnd.id}/analysis.xlsx").status_code == 403
    assert client.get(f"/efficiency/rounds/{rnd.id}/analysis.xlsx?chart=tax-park"
                      ).status_code == 403


def test_tax_per_park_table_has_the_year_before_and_the_change(
        client, login, make_enterprise, make_round, zone_admin):
    before = make_round(2024)
    rnd = make_round(2025)
    a = make_enterprise("田心高科园", county="石峰区")
    b = make_enterprise("田心高科园", county="石峰区")
    _fill(zone_admin, before, [a])  # 2024: 300 ÷ 50 = 6.00
    _fill(zone_admin, rnd, [a, b])  # 2025: 650 ÷ 100 = 6.50, +8.3 %
    login(zone_admin)
    page = client.get(f"/efficiency/rounds/{rnd.id}/analysis").text
    tax_park = _table(page, "tax-park")
    assert "2024年亩均税收" in tax_park and "变化（%）" in tax_park
    assert ">6.00</td><td class=\"text-end\">8.30</td>" in tax_park
    book = load_workbook(io.BytesIO(
        client.get(f"/efficiency/rounds/{rnd.id}/analysis.xlsx?chart=tax-park").data))
    assert _sheet_rows(book.active)[1] == ["田心高科园", 650, 100, 6.5, 6, 8.3]
