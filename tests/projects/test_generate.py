"""`hub generate-data` adds projects, visits, a campaign and the empowered items (checked here on
the projects step alone, with two parks)."""

from bench.data.bulk import Bulk
from bench.data.generate import World
from bench.data.projects import generate_projects
from hub.extensions import db
from hub.powers.models import PowerItem
from hub.projects import campaigns
from hub.projects.models import Campaign, Measure, Project, Visit

from .helpers import PARK_A, PARK_B


def test_generated_projects_pages_render(client, login, make_user):
    a, b = make_user(park=PARK_A), make_user(park=PARK_B)
    world = World(scale=1, seed=7, park_ids=[a.park_id, b.park_id],
                  users_by_park={a.park_id: [a.id], b.park_id: [b.id]})
    bulk = Bulk(verbose=False)
    generate_projects(world, bulk)
    bulk.fix_sequences()
    db.session.commit()
    assert db.session.query(Project).count() == 2000
    assert db.session.query(Visit).count() == 4000
    assert db.session.query(PowerItem).count() == 120
    campaign = db.session.execute(db.select(Campaign)).scalar_one()
    figures = campaigns.figures(campaign)
    assert figures[(Measure.SIGNED, None, "")] == sum(
        figures[(Measure.SIGNED, p, "")] for p in world.park_ids)
    login(make_user(park="株洲市园区办", role="admin"))
    for url in ("/projects/", "/projects/supervision", f"/projects/campaigns/{campaign.id}",
                "/powers/", f"/powers/park/{a.park_id}", "/"):
        assert client.get(url).status_code == 200, url
    # the id sequences were moved past the generated ids (PostgreSQL)
    resp = client.post("/projects/visits", data={"park_id": a.park_id, "visit_on": "2026-06-01",
                                                 "destination": "深圳", "people": "张三"})
    assert resp.status_code == 302
    assert db.session.query(Visit).count() == 4001
