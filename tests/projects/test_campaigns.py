"""Campaign figures are derived from the projects and visits; targets; bulletin."""

from datetime import date
from decimal import Decimal as D

from hub.extensions import db
from hub.notices.models import Notice, NoticeStatus
from hub.projects import campaigns
from hub.projects.models import Campaign, Measure, Visit

from .helpers import PARK_A, PARK_B, make_project


def make_campaign() -> Campaign:
    campaign = Campaign(name="百日攻坚", starts_on=date(2026, 8, 1), ends_on=date(2026, 11, 30),
                        min_investment=D("5000"))
    db.session.add(campaign)
    db.session.commit()
    return campaign


def visit(park_id, on):
    db.session.add(Visit(park_id=park_id, visit_on=on, destination="深圳", people="张三"))


def test_figures_count_what_the_projects_and_visits_say(app, make_user):
    a, b = make_user(park=PARK_A), make_user(park=PARK_B)
    campaign = make_campaign()
    make_project(a, total_investment=D("6000"), signed_on=date(2026, 8, 3),
                 started_on=date(2026, 8, 20))
    make_project(a, total_investment=D("12000"), signed_on=date(2026, 7, 1),  # signed before
                 started_on=date(2026, 9, 2), completed_on=date(2026, 9, 28))
    make_project(b, total_investment=D("4999"), signed_on=date(2026, 8, 9))  # too small
    make_project(b, total_investment=D("20000"), signed_on=date(2026, 9, 15))
    for on in (date(2026, 8, 2), date(2026, 8, 30), date(2026, 12, 1)):
        visit(a.park_id, on)
    visit(b.park_id, date(2026, 9, 1))
    db.session.commit()
    f = campaigns.figures(campaign)
    assert f[(Measure.SIGNED, None, "")] == 2
    assert f[(Measure.SIGNED, None, "2026-08")] == 1
    assert f[(Measure.INVESTMENT, None, "")] == D("26000")
    assert f[(Measure.INVESTMENT, b.park_id, "2026-09")] == D("20000")
    assert f[(Measure.STARTED, a.park_id, "")] == 2
    assert f[(Measure.COMPLETED, None, "2026-09")] == 1
    assert f[(Measure.VISITS, a.park_id, "")] == 2  # the December visit is outside
    assert f[(Measure.VISITS, None, "2026-09")] == 1


def test_targets_grid_saves_and_refuses_bad_values(client, login, make_user):
    a = make_user(park=PARK_A)
    campaign = make_campaign()
    login(make_user(park="株洲市园区办", role="admin"))
    resp = client.post(f"/projects/campaigns/{campaign.id}/targets",
                       data={"t-signed-all-all": "100", f"t-signed-{a.park_id}-2026-08": "-3",
                             "t-visits-all-2026-08": "25"})
    assert resp.status_code == 422
    assert 'value="-3"' in resp.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Campaign, campaign.id).targets == []
    resp = client.post(f"/projects/campaigns/{campaign.id}/targets",
                       data={"t-signed-all-all": "100", f"t-signed-{a.park_id}-2026-08": "3",
                             "t-visits-all-2026-08": "25"})
    assert resp.status_code == 302
    db.session.expire_all()
    assert campaigns.targets(db.session.get(Campaign, campaign.id)) == {
        (Measure.SIGNED, None, ""): D("100"), (Measure.SIGNED, a.park_id, "2026-08"): D("3"),
        (Measure.VISITS, None, "2026-08"): D("25")}


def test_monthly_task_met_or_missed_shows_on_the_page(client, login, make_user):
    a = make_user(park=PARK_A)
    campaign = make_campaign()
    campaigns.set_targets(a, campaign, {(Measure.SIGNED, a.park_id, "2026-08"): D("1"),
                                        (Measure.VISITS, a.park_id, "2026-08"): D("2")})
    make_project(a, signed_on=date(2026, 8, 3))
    visit(a.park_id, date(2026, 8, 4))
    db.session.commit()
    login(a)
    page = client.get(f"/projects/campaigns/{campaign.id}?month=2026-08").get_data(as_text=True)
    signed = page.split(f'data-testid="cell-signed-{a.park_id}"')[1].split("</td>")[0]
    visits = page.split(f'data-testid="cell-visits-{a.park_id}"')[1].split("</td>")[0]
    assert "text-bg-success" in signed and "text-bg-danger" in visits


def test_admin_publishes_the_bulletin_with_the_table_attached(client, login, make_user):
    from hub.attachments.services import for_owner

    a = make_user(park=PARK_A)
    campaign = make_campaign()
    make_project(a, signed_on=date(2026, 8, 3), total_investment=D("123400"))
    admin = make_user(park="株洲市园区办", role="admin")
    login(a)
    assert client.post(f"/projects/campaigns/{campaign.id}/bulletin").status_code == 403
    client.post("/logout")
    login(admin)
    from hub.notices.models import NoticeCategory
    category = db.session.execute(db.select(NoticeCategory)).scalars().first()
    resp = client.post(f"/projects/campaigns/{campaign.id}/bulletin",
                       data={"month": "2026-08", "category_id": category.id})
    assert resp.status_code == 302
    notice = db.session.execute(db.select(Notice)).scalars().one()
    assert notice.status is NoticeStatus.PUBLISHED and notice.all_parks
    assert "12.34" in notice.body  # 123,400 万元 = 12.34 亿元
    (xlsx,) = for_owner("notice", notice.id)
    assert xlsx.original_name.endswith("2026-08.xlsx")


def test_figures_equal_the_projects_and_visits_counted_one_by_one(app, make_user):
    """The database counts per park and month (issue 16); the figures are what counting each
    project and visit gives, at the period's edges, the minimum investment and a year's end."""
    import random
    from collections import Counter
    from datetime import UTC, datetime, timedelta

    from hub.projects.models import Project

    users = [make_user(park=PARK_A), make_user(park=PARK_B)]
    campaign = Campaign(name="冬季攻坚", starts_on=date(2025, 11, 15), ends_on=date(2026, 2, 10),
                        min_investment=D("5000"))
    db.session.add(campaign)
    rng = random.Random(16)
    edges = [campaign.starts_on, campaign.ends_on, campaign.starts_on - timedelta(days=1),
             campaign.ends_on + timedelta(days=1), date(2025, 12, 31), date(2026, 1, 1)]

    def day():
        return rng.choice(edges) if rng.random() < 0.3 else (
            date(2025, 10, 1) + timedelta(days=rng.randrange(180)))

    for _ in range(60):
        dates = sorted(day() for _ in range(3))
        steps = rng.randrange(3)
        make_project(rng.choice(users), signed_on=dates[0],
                     started_on=dates[1] if steps >= 1 else None,
                     completed_on=dates[2] if steps >= 2 else None,
                     total_investment=rng.choice([D("4999.99"), D("5000"), D("5000.01"),
                                                  D(rng.randrange(100, 90000)) / 7 * 7]))
    for _ in range(40):
        gone = datetime(2026, 3, 1, tzinfo=UTC) if rng.random() < 0.2 else None
        db.session.add(Visit(park_id=rng.choice(users).park_id, visit_on=day(),
                             destination="长沙", people="李四", deleted_at=gone))
    db.session.commit()

    expected: Counter = Counter()

    def count(measure, park_id, on, amount=D(1)):
        for park in (park_id, None):
            for month in (on.strftime("%Y-%m"), ""):
                expected[(measure, park, month)] += amount

    def inside(on):
        return on is not None and campaign.starts_on <= on <= campaign.ends_on

    for p in db.session.execute(db.select(Project)).scalars():
        if p.total_investment < campaign.min_investment:
            continue
        for measure, on in ((Measure.SIGNED, p.signed_on), (Measure.STARTED, p.started_on),
                            (Measure.COMPLETED, p.completed_on)):
            if inside(on):
                count(measure, p.park_id, on)
                if measure is Measure.SIGNED:
                    count(Measure.INVESTMENT, p.park_id, on, p.total_investment)
    for v in db.session.execute(db.select(Visit)).scalars():
        if inside(v.visit_on) and v.deleted_at is None:
            count(Measure.VISITS, v.park_id, v.visit_on)

    found = campaigns.figures(campaign)
    assert {k: v for k, v in found.items() if v} == dict(expected)
    assert {m for m, _park, _month in expected} == set(Measure)  # every measure was exercised
    assert (Measure.SIGNED, None, "2026-01") in expected  # and a month past the year's end
