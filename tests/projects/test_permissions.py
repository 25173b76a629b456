"""Park A cannot read or change park B's projects or visits, whatever it forges."""

from datetime import date

from hub.extensions import db
from hub.projects.models import Project, Visit

from .helpers import PARK_A, PARK_B, form_data, make_project, projects


def test_another_parks_project_is_closed(client, login, make_user):
    b = make_user(park=PARK_B)
    project = make_project(b, name="醴陵陶瓷项目")
    login(make_user(park=PARK_A))
    assert client.get(f"/projects/{project.id}").status_code == 403
    assert client.get(f"/projects/{project.id}/edit").status_code == 403
    data = form_data(version=str(project.version), name="改名")
    assert client.post(f"/projects/{project.id}/edit", data=data).status_code == 403
    assert client.post(f"/projects/{project.id}/advance",
                       data={"on": "2026-09-01"}).status_code == 403
    assert client.post(f"/projects/{project.id}/entries", data={"note": "x"}).status_code == 403
    assert "醴陵陶瓷项目" not in client.get("/projects/").get_data(as_text=True)
    (stored,) = projects()
    assert stored.name == "醴陵陶瓷项目" and stored.started_on is None and len(stored.entries) == 1


def test_a_forged_park_id_is_refused(client, login, make_user):
    b = make_user(park=PARK_B)
    login(make_user(park=PARK_A))
    resp = client.post("/projects/new", data=form_data(park_id=str(b.park_id)))
    assert resp.status_code == 403
    assert projects() == []
    resp = client.post("/projects/visits", data={"park_id": str(b.park_id),
                                                 "visit_on": "2026-08-02",
                                                 "destination": "深圳", "people": "张三"})
    assert resp.status_code == 403
    assert db.session.execute(db.select(Visit)).first() is None


def test_a_park_cannot_move_its_project_to_another_park(client, login, make_user):
    a, b = make_user(park=PARK_A), make_user(park=PARK_B)
    project = make_project(a)
    login(a)
    data = form_data(version=str(project.version), park_id=str(b.park_id))
    assert client.post(f"/projects/{project.id}/edit", data=data).status_code == 403
    db.session.expire_all()
    assert db.session.get(Project, project.id).park_id == a.park_id


def test_the_zone_office_sees_and_edits_all(client, login, make_user):
    b = make_user(park=PARK_B)
    project = make_project(b, name="醴陵陶瓷项目")
    login(make_user(park="株洲市园区办", role="admin"))
    assert "醴陵陶瓷项目" in client.get("/projects/").get_data(as_text=True)
    resp = client.post(f"/projects/{project.id}/advance", data={"on": "2026-09-01"})
    assert resp.status_code == 302
    assert projects()[0].started_on == date(2026, 9, 1)


def test_only_the_zone_office_manages_campaigns(client, login, make_user):
    login(make_user(park=PARK_A, role="park_admin"))
    assert client.get("/projects/campaigns/new").status_code == 403
    resp = client.post("/projects/campaigns/new", data={
        "name": "x", "starts_on": "2026-08-01", "ends_on": "2026-11-30", "min_investment": "5000"})
    assert resp.status_code == 403


def test_visits_are_logged_for_the_own_park(client, login, make_user):
    a = make_user(park=PARK_A)
    login(a)
    resp = client.post("/projects/visits", data={"visit_on": "2026-08-02",
                                                 "destination": "深圳", "people": "张三",
                                                 "leads": "电子信息企业"})
    assert resp.status_code == 302
    (v,) = db.session.execute(db.select(Visit)).scalars()
    assert v.park_id == a.park_id
    resp = client.post("/projects/visits", data={"visit_on": "", "destination": "长沙",
                                                 "people": ""})
    assert resp.status_code == 422 and 'value="长沙"' in resp.get_data(as_text=True)


def test_progress_attachments_follow_the_project(client, login, make_user):
    import io

    from hub.attachments.models import Attachment

    a, b = make_user(park=PARK_A), make_user(park=PARK_B)
    project = make_project(a)
    login(a)
    resp = client.post(f"/projects/{project.id}/entries",
                       data={"note": "现场照片", "attachments": (io.BytesIO(b"plain text"),
                                                                "进展.txt")},
                       content_type="multipart/form-data")
    assert resp.status_code == 302
    attachment = db.session.execute(db.select(Attachment)).scalar_one()
    assert client.get(f"/attachments/{attachment.id}").status_code == 200
    assert "进展.txt" in client.get(f"/projects/{project.id}").get_data(as_text=True)
    client.post("/logout")
    login(b)
    assert client.get(f"/attachments/{attachment.id}").status_code == 403
