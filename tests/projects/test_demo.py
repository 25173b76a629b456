"""`hub seed-demo` tells the seed's story: 百日攻坚's first month as the seed reports it."""

from decimal import Decimal as D

from hub.extensions import db
from hub.powers.models import PowerHandover, PowerItem
from hub.projects import campaigns
from hub.projects.models import Campaign, Measure, Project


def test_demo_campaign_first_month_matches_the_seed(runner, client, login):
    assert runner.invoke(args=["hub", "seed-demo"]).exit_code == 0
    counts = (db.session.query(Project).count(), db.session.query(PowerItem).count(),
              db.session.query(PowerHandover).count())
    campaign = db.session.execute(db.select(Campaign)).scalar_one()
    figures = campaigns.figures(campaign)
    august = {m: figures[(m, None, "2026-08")] for m in Measure}
    assert august == {Measure.VISITS: 48, Measure.SIGNED: 45, Measure.STARTED: 26,
                      Measure.COMPLETED: 22, Measure.INVESTMENT: D("956500")}  # 95.65 亿元
    targets = campaigns.targets(campaign)
    assert targets[(Measure.VISITS, None, "")] == targets[(Measure.SIGNED, None, "")] == 100
    assert all(campaigns.cell(figures, targets, m, None, "2026-08").met
               for m in (Measure.VISITS, Measure.SIGNED, Measure.STARTED, Measure.COMPLETED))
    assert runner.invoke(args=["hub", "seed-demo"]).exit_code == 0
    assert (db.session.query(Project).count(), db.session.query(PowerItem).count(),
            db.session.query(PowerHandover).count()) == counts
    login("admin", "parkhub-demo")
    page = client.get(f"/projects/campaigns/{campaign.id}?month=2026-08").get_data(as_text=True)
    assert "95.65" in page
    assert client.get("/projects/supervision").status_code == 200
    assert "企业投资项目备案" in client.get("/powers/").get_data(as_text=True)
