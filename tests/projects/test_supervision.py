"""履约监管 page and export: per-park rates from the projects, parks see only their own."""

import csv
import io
from datetime import date
from decimal import Decimal as D

from openpyxl import load_workbook

from hub.extensions import db
from hub.projects.models import Project

from .helpers import PARK_A, PARK_B, make_project


def seed(make_user):
    a, b = make_user(park=PARK_A), make_user(park=PARK_B)
    # A: one project past its deadline, not producing, 6000 of 10000 paid in
    make_project(a, name="逾期项目", signed_on=date(2026, 1, 5), started_on=date(2026, 3, 1),
                 production_deadline=date(2026, 10, 31), contracted_capital=D("10000"),
                 paid_in_capital=D("6000"))
    # A: one producing on time, fully paid in
    make_project(a, name="达产项目", signed_on=date(2026, 1, 5), started_on=date(2026, 2, 1),
                 completed_on=date(2026, 7, 1), producing_on=date(2026, 8, 1),
                 production_deadline=date(2026, 9, 30), contracted_capital=D("5000"),
                 paid_in_capital=D("5000"))
    make_project(b, name="醴陵项目", production_deadline=date(2027, 3, 1))
    return a, b


def test_export_csv_and_xlsx_carry_the_park_rates(client, login, make_user):
    seed(make_user)
    login(make_user(park="株洲市园区办", role="admin"))
    resp = client.get("/projects/supervision?format=csv")
    assert resp.status_code == 200 and resp.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(resp.data.decode("utf-8-sig"))))
    row_a = next(r for r in rows if r[0] == PARK_A)
    # 2 projects; 履约率 2 of 4 due (overdue: production, capital missed; on time: both met);
    # 资金到位率 11000/15000; 投产率 1 of 2; 入园率 2 of 2
    assert row_a[1:6] == ["2", "50.0%", "73.3%", "50.0%", "100.0%"]
    assert row_a[6] == "逾期项目"
    row_b = next(r for r in rows if r[0] == PARK_B)
    assert row_b[1:6] == ["1", "—", "—", "—", "0.0%"]
    book = load_workbook(io.BytesIO(client.get("/projects/supervision?format=xlsx").data))
    values = [list(r) for r in book.active.iter_rows(values_only=True)]
    assert [PARK_A, 2, "50.0%", "73.3%", "50.0%", "100.0%", "逾期项目"] in values


def test_a_park_sees_only_its_own_supervision_row(client, login, make_user):
    a, _b = seed(make_user)
    login(a)
    page = client.get("/projects/supervision").get_data(as_text=True)
    table = page.split('data-testid="supervision"')[1]
    assert PARK_A in table and PARK_B not in table
    # the project behind its commitments links to its page
    behind = db.session.execute(db.select(Project).where(Project.name == "逾期项目")).scalar_one()
    assert f'href="/projects/{behind.id}">逾期项目</a>' in table
    assert "醴陵项目" not in client.get("/projects/supervision?format=csv").data.decode()


def test_campaign_period_out_of_order_is_refused(client, login, make_user):
    login(make_user(park="株洲市园区办", role="admin"))
    resp = client.post("/projects/campaigns/new", data={
        "name": "百日攻坚", "starts_on": "2026-11-30", "ends_on": "2026-08-01",
        "min_investment": "5000"})
    assert resp.status_code == 422
    page = resp.get_data(as_text=True)
    assert 'value="百日攻坚"' in page
    assert "结束日期早于开始日期" in page or "The end is before the start" in page
