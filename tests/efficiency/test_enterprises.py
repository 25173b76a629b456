"""Enterprise register: the credit code is checked, messages come in Chinese, typing is kept."""

from hub.efficiency.models import Enterprise
from hub.extensions import db
from tests.efficiency.conftest import code_for


def _form(park_id, **kw):
    data = {"name": "株洲新材料有限公司", "credit_code": code_for(1), "park_id": park_id,
            "chain_id": 0, "county": "天元区", "land_mu": "25.5", "above_size": "y"}
    data.update(kw)
    return data


def test_staff_adds_an_enterprise_of_their_park(client, login, make_user):
    staff = make_user(park="田心高科园")
    login(staff)
    resp = client.post("/efficiency/enterprises/new",
                       data=_form(staff.park_id, credit_code=code_for(1).lower()))
    assert resp.status_code == 302
    ent = db.session.execute(db.select(Enterprise)).scalar_one()
    assert ent.credit_code == code_for(1)  # normalized to capitals
    assert str(ent.land_mu) == "25.50" and ent.above_size and ent.park_id == staff.park_id


def test_wrong_check_character_is_refused_with_a_message_and_nothing_typed_lost(
        client, login, make_user):
    staff = make_user(park="田心高科园")
    login(staff)
    good = code_for(2)
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    resp = client.post("/efficiency/enterprises/new", data=_form(staff.park_id, credit_code=bad))
    assert resp.status_code == 422
    assert "校验码" in resp.text
    assert bad in resp.text and "株洲新材料有限公司" in resp.text
    assert db.session.execute(db.select(Enterprise)).first() is None


def test_duplicate_code_and_negative_land(client, login, make_user, make_enterprise):
    staff = make_user(park="田心高科园")
    existing = make_enterprise("田心高科园")
    login(staff)
    resp = client.post("/efficiency/enterprises/new",
                       data=_form(staff.park_id, credit_code=existing.credit_code))
    assert resp.status_code == 422 and "已登记" in resp.text
    resp = client.post("/efficiency/enterprises/new",
                       data=_form(staff.park_id, land_mu="-1"))
    assert resp.status_code == 422
    assert db.session.execute(db.select(db.func.count()).select_from(Enterprise)).scalar() == 1


def test_edit_own_enterprise(client, login, make_user, make_enterprise):
    staff = make_user(park="田心高科园")
    ent = make_enterprise("田心高科园")
    login(staff)
    resp = client.post(f"/efficiency/enterprises/{ent.id}/edit",
                       data=_form(staff.park_id, credit_code=ent.credit_code, name="新名称"))
    assert resp.status_code == 302
    db.session.expire_all()
    assert db.session.get(Enterprise, ent.id).name == "新名称"
