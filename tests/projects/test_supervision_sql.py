"""履约监管 counted by the database: the SQL twin of `rates` gives the same counters project by
project and park by park (edge dates included); the page names the first projects behind their
commitments per park and links to the rest in the project list, filtered to them."""

import csv
import io
import itertools
from datetime import date, timedelta
from decimal import Decimal as D

from sqlalchemy import select

from hub.extensions import db
from hub.projects import supervision
from hub.projects.models import Project
from hub.timeutil import local_today

from .helpers import PARK_A, PARK_B

TODAY = date(2026, 12, 1)
DAY = timedelta(days=1)
COUNTERS = ("paid_in", "contracted", "projects", "started", "producing", "production_due", "met",
            "due")


def add(park_id: int, name: str, **kw) -> Project:
    base = {"investor": "投资方", "signed_on": date(2026, 1, 5), "contracted_capital": D("0"),
            "paid_in_capital": D("0"), "committed_tax": D("0"), "committed_output": D("0"),
            "actual_tax": D("0"), "actual_output": D("0")}
    project = Project(park_id=park_id, name=name, **{**base, **kw})
    db.session.add(project)
    return project


def varied(park_ids: list[int]) -> None:
    """Projects over the rules' edges: the deadline yesterday, today, tomorrow, long past or
    none; production before, on, after the deadline or none; capital none, short by a fen,
    exact, over; tax and output not agreed, short by a fen, exactly reached."""
    deadlines = [None, TODAY - 400 * DAY, TODAY - DAY, TODAY, TODAY + DAY]
    producing = [None, -DAY, 0 * DAY, DAY]  # relative to the deadline (or to TODAY - 30)
    capital = [(D("0"), D("0")), (D("0"), D("500")), (D("1000"), D("999.99")),
               (D("1000"), D("1000")), (D("1000"), D("1200.50"))]
    agreed = [(D("0"), D("0")), (D("300"), D("299.99")), (D("300"), D("300")),
              (D("300"), D("450"))]
    for i, (deadline, offset, (contracted, paid)) in enumerate(
            itertools.product(deadlines, producing, capital)):
        tax, output = agreed[i % 4], agreed[(i // 4) % 4]
        producing_on = None if offset is None else (deadline or TODAY - 30 * DAY) + offset
        add(park_ids[i % len(park_ids)], f"项目{i}", production_deadline=deadline,
            producing_on=producing_on, started_on=date(2026, 2, 1) if i % 3 else None,
            contracted_capital=contracted, paid_in_capital=paid,
            committed_tax=tax[0], actual_tax=tax[1], committed_output=output[0],
            actual_output=output[1])
    db.session.commit()


def test_sql_counters_equal_the_python_rules_project_by_project(make_user):
    a, b = make_user(park=PARK_A), make_user(park=PARK_B)
    varied([a.park_id, b.park_id])
    columns = supervision.rate_columns(TODAY)
    stmt = select(Project, *(c.label(n) for n, c in columns.items()),
                  supervision.behind_clause(TODAY).label("behind"))
    rows = db.session.execute(stmt).all()
    assert len(rows) == 100
    behind = 0
    for row in rows:
        expected = supervision.rates(row.Project, TODAY)
        assert {n: getattr(row, n) for n in COUNTERS} == \
            {n: getattr(expected, n) for n in COUNTERS}, row.Project.name
        assert bool(row.behind) is expected.is_behind, row.Project.name
        behind += expected.is_behind
    assert 0 < behind < len(rows)  # both kinds are there


def test_a_parks_totals_and_behind_projects_equal_the_python_rules(make_user):
    a, b = make_user(park=PARK_A), make_user(park=PARK_B)
    admin = make_user(park="株洲市园区办", role="admin")
    varied([a.park_id, b.park_id])
    projects = db.session.execute(select(Project).order_by(Project.id)).scalars().all()
    rows = supervision.overview(admin, TODAY, limit=None)
    assert [r.park.name for r in rows] == [PARK_A, PARK_B]
    for row in rows:
        mine = [p for p in projects if p.park_id == row.park.id]
        expected = supervision.Rates()
        for p in mine:
            expected += supervision.rates(p, TODAY)
        assert {n: getattr(row.totals, n) for n in COUNTERS} == \
            {n: getattr(expected, n) for n in COUNTERS}
        assert (row.totals.performance_rate, row.totals.capital_rate,
                row.totals.production_rate, row.totals.entry_rate) == \
            (expected.performance_rate, expected.capital_rate, expected.production_rate,
             expected.entry_rate)
        late = [p.id for p in mine if supervision.rates(p, TODAY).is_behind]
        assert [p.id for p in row.behind] == late and row.behind_count == len(late)
        assert row.more == 0
    # the page's bound: the first `limit` of them by id, the count still whole
    bounded = supervision.overview(admin, TODAY, limit=3)
    assert [[p.id for p in r.behind] for r in bounded] == [[p.id for p in r.behind[:3]]
                                                           for r in rows]
    assert [r.more for r in bounded] == [r.behind_count - 3 for r in rows]
    # a park sees its own row only
    assert [r.park.name for r in supervision.overview(a, TODAY)] == [PARK_A]


def seed_many(park_id: int, behind: int) -> None:
    today = local_today()
    for i in range(behind):  # past the deadline, not producing
        add(park_id, f"逾期{i:02d}", production_deadline=today - 10 * DAY)
    add(park_id, "按期项目", production_deadline=today + 100 * DAY, signed_on=today)  # listed first
    db.session.commit()


def test_the_page_names_the_first_behind_projects_and_links_to_the_rest(client, login,
                                                                          make_user):
    a, b = make_user(park=PARK_A), make_user(park=PARK_B)
    seed_many(a.park_id, supervision.SHOWN + 2)
    seed_many(b.park_id, 1)
    login(make_user(park="株洲市园区办", role="admin"))
    page = client.get("/projects/supervision").get_data(as_text=True)
    row_a, row_b = (page.split(f"<td>{name}</td>")[1].split("</tr>")[0] for name in (PARK_A,
                                                                                      PARK_B))
    assert row_a.count("badge text-bg-danger") == supervision.SHOWN
    assert ">逾期00<" in row_a and f">逾期{supervision.SHOWN - 1:02d}<" in row_a
    assert f">逾期{supervision.SHOWN:02d}<" not in row_a
    link = f'href="/projects/?park={a.park_id}&amp;behind=1"'
    assert link in row_a and "另有 2 个项目，在项目列表中查看全部" in row_a
    assert 'data-testid="behind-more"' not in row_b and ">逾期00<" in row_b
    # the link's list: every project behind its commitments, and only those
    listed = client.get(f"/projects/?park={a.park_id}&behind=1").get_data(as_text=True)
    assert "按期项目" not in listed and "page=2" in listed  # 25 a page
    assert 'name="behind" value="1" id="f-behind" checked' in listed
    second = client.get(f"/projects/?park={a.park_id}&behind=1&page=2").get_data(as_text=True)
    shown = [f"逾期{i:02d}" for i in range(supervision.SHOWN + 2)
             if f">逾期{i:02d}</a>" in listed + second]
    assert len(shown) == supervision.SHOWN + 2
    assert "按期项目" in client.get(f"/projects/?park={a.park_id}").get_data(as_text=True)
    # the export still names every one
    export = client.get("/projects/supervision?format=csv").data.decode("utf-8-sig")
    names = next(r for r in csv.reader(io.StringIO(export)) if r[0] == PARK_A)[6].split("; ")
    assert names == [f"逾期{i:02d}" for i in range(supervision.SHOWN + 2)]


def test_the_behind_filter_takes_only_its_one_value_and_keeps_to_the_users_park(client, login,
                                                                                  make_user):
    a, b = make_user(park=PARK_A), make_user(park=PARK_B)
    seed_many(a.park_id, 1)
    seed_many(b.park_id, 1)
    login(a)
    mine = client.get("/projects/?behind=1").get_data(as_text=True)
    assert "逾期00" in mine and "按期项目" not in mine
    other = client.get(f"/projects/?park={b.park_id}&behind=1").get_data(as_text=True)
    assert "逾期00" not in other and "按期项目" not in other
    for junk in ("yes", "0", "1%27", ""):
        unfiltered = client.get(f"/projects/?behind={junk}").get_data(as_text=True)
        assert "按期项目" in unfiltered and 'id="f-behind" checked' not in unfiltered
