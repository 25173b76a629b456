"""Stages 签约 → 开工 → 竣工 → 投产: order, no skipping, clear messages, nothing lost, audit."""

from datetime import date

from hub.audit.models import AuditEntry
from hub.extensions import db
from hub.projects.models import Stage

from .helpers import PARK_A, form_data, make_project, projects


def test_a_park_records_a_project_and_its_stages(client, login, make_user):
    user = make_user(park=PARK_A)
    login(user)
    resp = client.post("/projects/new", data=form_data(started_on="2026-08-20"))
    assert resp.status_code == 302
    (project,) = projects()
    assert project.park_id == user.park_id and project.stage is Stage.STARTED
    page = client.get(resp.headers["Location"]).get_data(as_text=True)
    assert "轨道交通配套项目" in page
    resp = client.post(f"/projects/{project.id}/advance", data={"on": "2026-10-01",
                                                                 "note": "主体完工"})
    assert resp.status_code == 302
    db.session.expire_all()
    assert projects()[0].stage is Stage.COMPLETED
    page = client.get(f"/projects/{project.id}").get_data(as_text=True)
    assert "主体完工" in page and "2026-10-01" in page
    audits = db.session.execute(db.select(AuditEntry).where(
        AuditEntry.object_type == "invest_project").order_by(AuditEntry.id)).scalars().all()
    assert [a.action for a in audits] == ["create", "update"]
    assert audits[1].changes["completed_on"] == [None, "2026-10-01"]


def test_started_before_signed_is_refused_with_the_input_kept(client, login, make_user):
    login(make_user(park=PARK_A))
    resp = client.post("/projects/new", data=form_data(signed_on="2026-09-01",
                                                       started_on="2026-08-01"))
    assert resp.status_code == 422
    page = resp.get_data(as_text=True)
    assert "保留我写的备注" in page and 'value="轨道交通配套项目"' in page
    assert "before the previous stage" in page or "早于上一阶段" in page
    assert projects() == []


def test_a_skipped_stage_is_refused(client, login, make_user):
    login(make_user(park=PARK_A))
    resp = client.post("/projects/new", data=form_data(completed_on="2026-09-01"))
    assert resp.status_code == 422
    page = resp.get_data(as_text=True)
    assert 'name="started_on"' in page and "is-invalid" in page
    assert projects() == []


def test_no_signing_date_negative_and_yuan_amounts_are_refused(client, login, make_user):
    login(make_user(park=PARK_A))
    for bad in ({"signed_on": ""}, {"total_investment": "-5"},
                {"total_investment": "120000000"}, {"paid_in_capital": "abc"},
                {"signed_on": "2099-01-01"}):
        resp = client.post("/projects/new", data=form_data(**bad))
        assert resp.status_code == 422, bad
        assert "is-invalid" in resp.get_data(as_text=True)
    assert projects() == []


def test_advance_without_date_or_out_of_order_is_refused(client, login, make_user):
    user = make_user(park=PARK_A)
    project = make_project(user, signed_on=date(2026, 8, 10))
    login(user)
    assert client.post(f"/projects/{project.id}/advance", data={"on": ""}).status_code == 422
    resp = client.post(f"/projects/{project.id}/advance", data={"on": "2026-08-01"})
    assert resp.status_code == 422
    assert "is-invalid" in resp.get_data(as_text=True)
    assert projects()[0].stage is Stage.SIGNED


def test_edit_keeps_the_order_rule(client, login, make_user):
    user = make_user(park=PARK_A)
    project = make_project(user, started_on=date(2026, 8, 20))
    login(user)
    data = form_data(version=str(project.version), park_id=str(user.park_id),
                     signed_on="2026-08-03", started_on="", completed_on="2026-09-01")
    assert client.post(f"/projects/{project.id}/edit", data=data).status_code == 422
    assert projects()[0].completed_on is None


def test_an_edit_on_an_old_version_is_shown_as_a_conflict_with_the_input_kept(
        client, login, make_user):
    user = make_user(park=PARK_A)
    project = make_project(user)
    old_version = project.version
    login(user)
    assert client.post(f"/projects/{project.id}/edit", data=form_data(
        version=str(old_version), name="先保存的名称")).status_code == 302
    resp = client.post(f"/projects/{project.id}/edit", data=form_data(
        version=str(old_version), name="后保存的名称"))
    assert resp.status_code == 422
    page = resp.get_data(as_text=True)
    assert "他人刚刚保存了该项目" in page and 'value="后保存的名称"' in page
    assert projects()[0].name == "先保存的名称"


def test_supervision_without_a_reason_is_refused_with_its_message(client, login, make_user):
    project = make_project(make_user(park=PARK_A))
    login(make_user(park="株洲市园区办", role="admin"))
    resp = client.post(f"/projects/{project.id}/supervise", data={"note": " "},
                       follow_redirects=True)
    assert "请填写督办事由。" in resp.get_data(as_text=True)
    assert projects()[0].supervised_on is None
