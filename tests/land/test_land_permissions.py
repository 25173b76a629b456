"""Who may do what with a case: every signed-in user reads; the responsible park's staff and
admins change; park admins and admins delete; admins restore. Forged URLs and fields fail."""

from datetime import timedelta

import pytest

from hub.extensions import db
from hub.land.models import CaseEvent, CaseStatus, LandCase

from .conftest import reload


def _form(case, **overrides):
    data = {
        "parcel_code": case.parcel_code, "location": case.location, "area_mu": str(case.area_mu),
        "holder": case.holder, "problem_type": case.problem_type.value,
        "disposal": case.disposal.value, "park_id": case.park_id,
        "assignee_id": case.assignee_id or 0,
        "deadline": case.deadline.isoformat() if case.deadline else "",
        "description": case.description, "note": "", "version": case.version,
    }
    data.update(overrides)
    return data


def _events(case_id):
    return db.session.execute(db.select(db.func.count(CaseEvent.id))
                              .where(CaseEvent.case_id == case_id)).scalar()


def test_other_parks_staff_reads_but_cannot_write(client, login, make_case, staff_b):
    case = make_case(holder="株洲某某新材料有限公司")
    before = (case.location, case.status, case.version, _events(case.id))
    login(staff_b)
    assert "株洲某某新材料有限公司" in client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert f'data-case="{case.parcel_code}"' in client.get("/cases/").get_data(as_text=True)
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert 'data-testid="to-verifying"' not in page and f"/cases/{case.id}/edit" not in page
    assert client.get(f"/cases/{case.id}/edit").status_code == 403
    assert client.post(f"/cases/{case.id}/edit",
                       data=_form(case, location="被篡改")).status_code == 403
    assert client.post(f"/cases/{case.id}/transition",
                       data={"to": "verifying", "note": "x"}).status_code == 403
    assert client.post(f"/cases/{case.id}/notes", data={"note": "越权"}).status_code == 403
    assert client.post(f"/cases/{case.id}/delete").status_code == 403
    case = reload(case)
    assert (case.location, case.status, case.version, _events(case.id)) == before
    assert case.deleted_at is None


def test_other_parks_park_admin_cannot_delete(client, login, make_case, park_admin_b):
    case = make_case()
    login(park_admin_b)
    assert client.post(f"/cases/{case.id}/delete").status_code == 403
    assert client.post(f"/cases/{case.id}/transition", data={"to": "verifying"}).status_code == 403
    assert reload(case).deleted_at is None


def test_staff_cannot_move_own_case_to_another_park(client, login, make_case, staff_a, park_b):
    case = make_case()
    login(staff_a)
    resp = client.post(f"/cases/{case.id}/edit", data=_form(case, park_id=park_b.id))
    assert resp.status_code == 403
    assert reload(case).park_id != park_b.id


def test_staff_cannot_create_for_another_park(client, login, staff_a, park_b):
    login(staff_a)
    resp = client.post("/cases/new", data={
        "parcel_code": "LLJK-2022-099", "location": "醴陵市", "area_mu": "3.00",
        "problem_type": "idle", "disposal": "reclaim", "park_id": park_b.id, "assignee_id": 0})
    assert resp.status_code == 403
    assert db.session.execute(db.select(LandCase)).first() is None


def test_staff_creates_case_for_own_park(client, login, staff_a, park_a):
    login(staff_a)
    resp = client.post("/cases/new", data={
        "parcel_code": "TXGK-2022-004", "location": "石峰区响石岭", "area_mu": "8.6",
        "holder": "株洲某某轨道交通装备有限公司", "problem_type": "inefficient", "disposal": "swap",
        "park_id": park_a.id, "assignee_id": staff_a.id, "note": "首次登记"})
    assert resp.status_code == 302
    case = db.session.execute(db.select(LandCase)).scalar_one()
    assert (case.park_id, case.status, str(case.area_mu), case.assignee_id) == (
        park_a.id, CaseStatus.REGISTERED, "8.60", staff_a.id)
    page = client.get(resp.headers["Location"]).get_data(as_text=True)
    assert "8.60" in page and "5,733.33" in page  # 8.6 亩 in m²
    assert "首次登记" in page


def test_assignee_must_belong_to_responsible_park(client, login, make_case, staff_a, staff_b):
    case = make_case()
    login(staff_a)
    resp = client.post(f"/cases/{case.id}/edit", data=_form(case, assignee_id=staff_b.id))
    assert resp.status_code == 422
    assert reload(case).assignee_id is None
    resp = client.post("/cases/new", data={
        "parcel_code": "TXGK-2022-100", "location": "石峰区", "area_mu": "1",
        "problem_type": "idle", "disposal": "reclaim", "park_id": case.park_id,
        "assignee_id": staff_b.id})
    assert resp.status_code == 422
    assert "TXGK-2022-100" in resp.get_data(as_text=True)  # what was typed stays


def test_admin_reassigns_case_to_another_park(client, login, make_case, admin, park_b, staff_b):
    case = make_case()
    login(admin)
    resp = client.post(f"/cases/{case.id}/edit",
                       data=_form(case, park_id=park_b.id, assignee_id=staff_b.id))
    assert resp.status_code == 302
    case = reload(case)
    assert (case.park_id, case.assignee_id) == (park_b.id, staff_b.id)
    # the reassignment shows on the timeline by name
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "刘丽华" in page and "醴陵经开区" in page


def test_admin_reassigning_park_keeps_assignee_rule(client, login, make_case, admin, staff_a,
                                                    park_b):
    case = make_case(assignee_id=staff_a.id)
    login(admin)
    resp = client.post(f"/cases/{case.id}/edit", data=_form(case, park_id=park_b.id))
    assert resp.status_code == 422
    assert reload(case).park_id != park_b.id


def test_duplicate_parcel_code_in_same_park_refused(client, login, make_case, staff_a, park_b,
                                                    admin):
    first = make_case(parcel_code="ZZGX-2022-017")
    login(staff_a)
    resp = client.post("/cases/new", data=_form(first, version=""))
    assert resp.status_code == 422
    login(admin)
    # the same code in another park is fine
    resp = client.post("/cases/new", data=_form(first, park_id=park_b.id, version=""))
    assert resp.status_code == 302


@pytest.mark.parametrize("role", ["staff", "park_admin"])
def test_delete_rights_in_own_park(client, login, make_case, make_user, park_a, role):
    case = make_case()
    login(make_user(park=park_a, role=role))
    resp = client.post(f"/cases/{case.id}/delete")
    if role == "staff":
        assert resp.status_code == 403
        assert reload(case).deleted_at is None
    else:
        assert resp.status_code == 302
        assert reload(case).deleted_at is not None


ROW = 'data-case="ZZGX-2020-031"'


def test_soft_delete_and_restore(client, login, make_case, park_admin_a, staff_a, staff_b, admin):
    case = make_case(parcel_code="ZZGX-2020-031")
    login(park_admin_a)
    assert client.post(f"/cases/{case.id}/delete").status_code == 302
    assert reload(case).deleted_by_id == park_admin_a.id
    assert ROW not in client.get("/cases/").get_data(as_text=True)
    assert client.post(f"/cases/{case.id}/restore").status_code == 403
    for user in (staff_a, staff_b):
        login(user)
        assert client.get(f"/cases/{case.id}").status_code == 403
        assert client.post(f"/cases/{case.id}/restore").status_code == 403
        assert client.post(f"/cases/{case.id}/transition",
                           data={"to": "verifying", "note": "x"}).status_code == 403
        # a non-admin cannot ask for the deleted list either
        assert ROW not in client.get("/cases/?deleted=1").get_data(as_text=True)
    assert reload(case).deleted_at is not None
    login(admin)
    assert ROW in client.get("/cases/?deleted=1").get_data(as_text=True)
    assert client.post(f"/cases/{case.id}/restore").status_code == 302
    assert reload(case).deleted_at is None
    login(staff_b)
    assert ROW in client.get("/cases/").get_data(as_text=True)


def test_anonymous_is_sent_to_login(client, make_case):
    case = make_case()
    for url in ("/cases/", f"/cases/{case.id}", "/cases/export.csv"):
        resp = client.get(url)
        assert resp.status_code == 302 and "/login" in resp.headers["Location"]
    assert client.post(f"/cases/{case.id}/transition", data={"to": "verifying"}).status_code == 302
    assert reload(case).status is CaseStatus.REGISTERED


def test_deadline_edit_by_own_staff(client, login, make_case, staff_a, today):
    case = make_case(holder="株洲某某电子科技有限公司")
    login(staff_a)
    form = client.get(f"/cases/{case.id}/edit")
    assert form.status_code == 200
    assert "株洲某某电子科技有限公司" in form.get_data(as_text=True)
    assert client.get("/cases/new").status_code == 200
    new_deadline = today + timedelta(days=99)
    resp = client.post(f"/cases/{case.id}/edit",
                       data=_form(case, deadline=new_deadline.isoformat(), note="延期申请已批准"))
    assert resp.status_code == 302
    assert reload(case).deadline == new_deadline


def test_assignee_menu_lists_active_people_of_the_parks_and_keeps_the_current_one(
        client, login, make_case, make_user, admin, staff_a, staff_b, park_a):
    """The zone office chooses among every park's active people ("园区 · 姓名", by park then
    name); a park among its own; an inactive current assignee stays in the menu of its case."""
    leaving = make_user(park=park_a, display_name="离职者", username="leaving")
    case = make_case(assignee_id=leaving.id)
    leaving.active = False
    db.session.commit()

    def menu(page: str) -> list[str]:
        box = page.split('id="assignee_id"')[1].split("</select>")[0]
        return [o.split(">", 1)[1] for o in box.split("</option>")[:-1]]

    login(admin)
    options = menu(client.get("/cases/new").get_data(as_text=True))
    assert "田心 · 王建国" in options and "醴陵 · 刘丽华" in options
    assert options.index("田心 · 王建国") < options.index("醴陵 · 刘丽华")  # by park
    assert "田心 · 离职者" not in options
    client.post("/logout")
    login(staff_a)
    options = menu(client.get("/cases/new").get_data(as_text=True))
    assert "田心 · 王建国" in options and "醴陵 · 刘丽华" not in options
    edit = menu(client.get(f"/cases/{case.id}/edit").get_data(as_text=True))
    assert "田心 · 离职者" in edit
