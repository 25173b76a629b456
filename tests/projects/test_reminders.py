"""Projects behind their commitments and overdue handovers are reminded once a week."""

from datetime import date
from decimal import Decimal as D

from hub.extensions import db
from hub.notify.models import Channel, Delivery
from hub.notify.producers import run_daily
from hub.notify.render import render
from hub.powers.models import PowerItem, PowerMode

from .helpers import PARK_A, make_project


def test_behind_projects_and_overdue_handovers_are_reminded(app, make_user):
    staff = make_user(park=PARK_A)
    boss = make_user(park=PARK_A, role="park_admin")
    make_project(staff, name="逾期未投产项目", signed_on=date(2026, 1, 5),
                 started_on=date(2026, 3, 1),
                 production_deadline=date(2026, 10, 31), contracted_capital=D("100"),
                 paid_in_capital=D("100"))
    make_project(staff, name="按期项目", production_deadline=date(2027, 10, 31))
    db.session.add(PowerItem(name="排水许可", department="市住建局", mode=PowerMode.ENTRUSTED,
                             handover_due=date(2026, 11, 1)))
    db.session.commit()
    run_daily(date(2026, 12, 7))
    run_daily(date(2026, 12, 8))  # same ISO week: nothing new
    db.session.commit()
    rows = list(db.session.execute(db.select(Delivery).where(
        Delivery.channel == Channel.INAPP)).scalars())
    kinds = sorted((d.kind, d.user_id) for d in rows if d.kind in ("project.behind",
                                                                   "power.overdue"))
    assert kinds == [("power.overdue", boss.id), ("project.behind", boss.id)]
    behind = next(d for d in rows if d.kind == "project.behind")
    message = render(behind)
    assert "逾期未投产项目" in message.subject
    overdue = next(d for d in rows if d.kind == "power.overdue")
    assert PARK_A in render(overdue).subject


def test_the_zone_office_makes_a_behind_project_a_supervision_item(client, login, make_user):
    staff = make_user(park=PARK_A)
    boss = make_user(park=PARK_A, role="park_admin")
    zone = make_user(park="株洲市园区办", role="admin")
    project = make_project(staff, name="督办项目", signed_on=date(2026, 1, 5),
                           production_deadline=date(2026, 10, 31))
    login(staff)
    assert client.post(f"/projects/{project.id}/supervise",
                       data={"note": "自己督办"}).status_code == 403
    client.post("/logout")
    login(zone)
    client.post(f"/projects/{project.id}/supervise", data={"note": ""})
    db.session.expire_all()
    assert db.session.get(type(project), project.id).supervised_on is None
    client.post(f"/projects/{project.id}/supervise", data={"note": "逾期未投产，列入督办"})
    page = client.get(f"/projects/{project.id}").get_data(as_text=True)
    assert 'data-testid="supervised"' in page and "逾期未投产，列入督办" in page
    run_daily(date(2026, 12, 7))
    db.session.commit()
    users = set(db.session.execute(db.select(Delivery.user_id).where(
        Delivery.kind == "project.behind", Delivery.channel == Channel.INAPP)).scalars())
    assert users == {boss.id, zone.id}
