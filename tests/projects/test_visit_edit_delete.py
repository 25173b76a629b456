"""Issue 15: a 招商 visit can be corrected and deleted by its own park and the zone office;
the campaign figures follow (they are counted from the visits); every change is audited."""

from datetime import date

from hub.audit.models import AuditEntry
from hub.extensions import db
from hub.projects import campaigns
from hub.projects.models import Measure, Visit

from .helpers import PARK_A, PARK_B
from .test_campaigns import make_campaign

ZONE = "株洲市园区办"


def make_visit(park_id, on=date(2026, 8, 2), destination="深圳") -> Visit:
    v = Visit(park_id=park_id, visit_on=on, destination=destination, people="张三", leads="")
    db.session.add(v)
    db.session.commit()
    return v


def data(**overrides) -> dict:
    out = {"visit_on": "2026-08-02", "destination": "深圳", "people": "张三", "leads": ""}
    out.update(overrides)
    return out


def audit(action: str, visit_id: int) -> list[AuditEntry]:
    return list(db.session.execute(db.select(AuditEntry).where(
        AuditEntry.object_type == "invest_visit", AuditEntry.object_id == visit_id,
        AuditEntry.action == action)).scalars())


def test_the_own_park_corrects_a_visit_and_the_figures_follow(client, login, make_user):
    a = make_user(park=PARK_A)
    campaign = make_campaign()
    v = make_visit(a.park_id)
    assert campaigns.figures(campaign)[(Measure.VISITS, a.park_id, "2026-08")] == 1
    login(a)
    page = client.get("/projects/visits").get_data(as_text=True)
    assert f"/projects/visits/{v.id}/edit" in page and f"/projects/visits/{v.id}/delete" in page
    form = client.get(f"/projects/visits/{v.id}/edit").get_data(as_text=True)
    assert 'value="深圳"' in form and 'value="2026-08-02"' in form
    resp = client.post(f"/projects/visits/{v.id}/edit",
                       data=data(visit_on="2026-09-10", destination="上海", leads="两家意向企业"))
    assert resp.status_code == 302
    db.session.expire_all()
    v = db.session.get(Visit, v.id)
    assert (v.visit_on, v.destination, v.leads) == (date(2026, 9, 10), "上海", "两家意向企业")
    f = campaigns.figures(campaign)
    assert f.get((Measure.VISITS, a.park_id, "2026-08"), 0) == 0
    assert f[(Measure.VISITS, a.park_id, "2026-09")] == 1
    (entry,) = audit("update", v.id)
    assert entry.actor_id == a.id
    assert entry.changes["destination"] == ["深圳", "上海"]
    assert entry.changes["visit_on"] == ["2026-08-02", "2026-09-10"]


def test_bad_input_keeps_what_was_typed_and_changes_nothing(client, login, make_user):
    a = make_user(park=PARK_A)
    v = make_visit(a.park_id)
    login(a)
    for bad in (data(visit_on="", destination="长沙", people="李四"),
                data(visit_on="2026-02-30", destination="长沙", people="李四"),
                data(visit_on="1800-01-01", destination="长沙", people="李四"),
                data(destination="长沙", people="")):
        resp = client.post(f"/projects/visits/{v.id}/edit", data=bad)
        body = resp.get_data(as_text=True)
        assert resp.status_code == 422
        assert 'value="长沙"' in body and "is-invalid" in body
    db.session.expire_all()
    assert db.session.get(Visit, v.id).destination == "深圳"
    assert audit("update", v.id) == []


def test_deleting_a_visit_takes_it_out_of_the_list_and_the_figures(client, login, make_user):
    a = make_user(park=PARK_A)
    campaign = make_campaign()
    keep = make_visit(a.park_id, destination="深圳")
    gone = make_visit(a.park_id, destination="杭州")
    assert campaigns.figures(campaign)[(Measure.VISITS, None, "")] == 2
    login(a)
    page = client.get("/projects/visits").get_data(as_text=True)
    assert "data-confirm=" in page  # the browser asks before it deletes
    resp = client.post(f"/projects/visits/{gone.id}/delete")
    assert resp.status_code == 302
    page = client.get("/projects/visits").get_data(as_text=True)
    assert "杭州" not in page.split('data-testid="visit-list"')[1] and "深圳" in page
    assert campaigns.figures(campaign)[(Measure.VISITS, None, "")] == 1
    db.session.expire_all()
    row = db.session.get(Visit, gone.id)  # soft delete: the row and its data stay
    assert row.deleted_at is not None and row.deleted_by_id == a.id and row.destination == "杭州"
    (entry,) = audit("delete", gone.id)
    assert entry.changes["destination"] == ["杭州", None]
    # a deleted visit is gone for every route
    assert client.post(f"/projects/visits/{gone.id}/delete").status_code == 404
    assert client.get(f"/projects/visits/{gone.id}/edit").status_code == 404
    assert db.session.get(Visit, keep.id).deleted_at is None


def test_another_park_can_neither_edit_nor_delete(client, login, make_user):
    a, b = make_user(park=PARK_A), make_user(park=PARK_B, role="park_admin")
    v = make_visit(a.park_id)
    login(b)
    assert f"/projects/visits/{v.id}/edit" not in client.get("/projects/visits").get_data(
        as_text=True)
    assert client.get(f"/projects/visits/{v.id}/edit").status_code == 403
    assert client.post(f"/projects/visits/{v.id}/edit",
                       data=data(destination="伪造")).status_code == 403
    assert client.post(f"/projects/visits/{v.id}/delete").status_code == 403
    db.session.expire_all()
    v = db.session.get(Visit, v.id)
    assert v.destination == "深圳" and v.deleted_at is None


def test_a_park_cannot_move_its_visit_to_another_park(client, login, make_user):
    a, b = make_user(park=PARK_A), make_user(park=PARK_B)
    v = make_visit(a.park_id)
    login(a)
    resp = client.post(f"/projects/visits/{v.id}/edit", data=data(park_id=str(b.park_id)))
    assert resp.status_code == 403
    db.session.expire_all()
    assert db.session.get(Visit, v.id).park_id == a.park_id


def test_the_zone_office_edits_moves_and_deletes_any_parks_visit(client, login, make_user):
    a, b = make_user(park=PARK_A), make_user(park=PARK_B)
    admin = make_user(park=ZONE, role="admin")
    campaign = make_campaign()
    v = make_visit(a.park_id)
    login(admin)
    resp = client.post(f"/projects/visits/{v.id}/edit", data=data(park_id=str(b.park_id)))
    assert resp.status_code == 302
    f = campaigns.figures(campaign)
    assert f.get((Measure.VISITS, a.park_id, ""), 0) == 0
    assert f[(Measure.VISITS, b.park_id, "")] == 1
    assert client.post(f"/projects/visits/{v.id}/delete").status_code == 302
    assert campaigns.figures(campaign).get((Measure.VISITS, None, ""), 0) == 0
    assert [e.actor_id for e in audit("delete", v.id)] == [admin.id]
