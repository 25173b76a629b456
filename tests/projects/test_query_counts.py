"""List pages issue the same number of SQL statements for 3 rows as for 12 (no query per row);
the dashboard shows the campaign's progress bars."""

from contextlib import contextmanager
from datetime import date
from decimal import Decimal as D

from sqlalchemy import event

from hub.extensions import db
from hub.powers.models import HandoverStatus, PowerHandover, PowerItem, PowerMode
from hub.projects import campaigns
from hub.projects.models import Campaign, Measure, Visit

from .helpers import PARK_A, PARK_B, make_project


@contextmanager
def statements():
    seen = []

    def count(conn, cursor, statement, *args):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def add_rows(n: int, users: list, start: int) -> None:
    for i in range(start, start + n):
        user = users[i % len(users)]
        make_project(user, name=f"项目{i}", started_on=date(2026, 8, 20),
                     production_deadline=date(2026, 10, 1))
        db.session.add(Visit(park_id=user.park_id, visit_on=date(2026, 8, 9), destination="深圳",
                             people="张三"))
        item = PowerItem(name=f"事项{i}", department="市住建局", mode=PowerMode.ENTRUSTED)
        db.session.add(item)
        db.session.flush()
        db.session.add(PowerHandover(item_id=item.id, park_id=user.park_id,
                                     status=HandoverStatus.DEFERRED, reason="x",
                                     deferred_on=date(2026, 8, 1)))
    db.session.commit()


PAGES = ["/projects/", "/projects/visits", "/projects/supervision", "/powers/",
         "/projects/campaigns/{c}", "/projects/campaigns/{c}?month=2026-08", "/"]


def counts(client, campaign_id) -> dict:
    out = {}
    for page in PAGES:
        url = page.format(c=campaign_id)
        with statements() as seen:
            assert client.get(url).status_code == 200, url
        out[url] = len(seen)
    return out


def test_no_query_per_row(client, login, make_user):
    users = [make_user(park=PARK_A), make_user(park=PARK_B)]
    admin = make_user(park="株洲市园区办", role="admin")
    campaign = Campaign(name="百日攻坚", starts_on=date(2026, 8, 1), ends_on=date(2026, 11, 30))
    db.session.add(campaign)
    db.session.commit()
    campaigns.set_targets(admin, campaign, {(Measure.SIGNED, None, ""): D(100)})
    db.session.commit()
    add_rows(3, users, 0)
    login(admin)
    few = counts(client, campaign.id)
    add_rows(9, users, 3)
    many = counts(client, campaign.id)
    assert few == many
    page = client.get("/").get_data(as_text=True)
    panel = page.split('data-testid="dashboard-campaign"')[1]
    assert "/projects/campaigns/progress.svg" in panel
    svg = client.get("/projects/campaigns/progress.svg")
    assert svg.mimetype == "image/svg+xml"
    assert "百日攻坚" in svg.get_data(as_text=True)
    assert "12 / 100（12%）" in svg.get_data(as_text=True)
