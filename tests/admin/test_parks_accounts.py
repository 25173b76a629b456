"""Managing parks and accounts in the admin area, as the admin and a park admin see it."""

import re

import pytest

from hub.auth.models import Role, User
from hub.extensions import db
from hub.parks.models import Park, ParkKind
from tests.conftest import PASSWORD


@pytest.fixture
def admin(make_park, make_user):
    zone = make_park("株洲市园区办", short_name="园区办", kind=ParkKind.ZONE)
    return make_user(park=zone, role="admin", username="admin")


def reload(model, ident):
    db.session.rollback()
    return db.session.get(model, ident)


def one_time_password(resp) -> str:
    return re.search(r'data-testid="one-time-password">([^<]+)<',
                     resp.get_data(as_text=True)).group(1).strip()


def test_admin_creates_and_edits_a_park(client, login, admin):
    login(admin)
    resp = client.post("/admin/parks/new", data={
        "name": "茶陵经开区", "short_name": "茶陵", "kind": "provincial", "contact_person": "陈静",
    })
    assert resp.status_code == 302
    park = db.session.execute(db.select(Park).where(Park.short_name == "茶陵")).scalar_one()
    assert park.kind is ParkKind.PROVINCIAL
    assert "茶陵经开区" in client.get("/admin/parks/").get_data(as_text=True)

    resp = client.post(f"/admin/parks/{park.id}/edit", data={
        "name": "茶陵经济开发区", "short_name": "茶陵", "kind": "national",
        "contact_person": "陈静",
    })
    assert resp.status_code == 302
    park = reload(Park, park.id)
    assert (park.name, park.kind) == ("茶陵经济开发区", ParkKind.NATIONAL)


def test_duplicate_park_short_name_is_shown_beside_the_field(client, login, admin, make_park):
    make_park("醴陵经开区", short_name="醴陵")
    login(admin)
    resp = client.post("/admin/parks/new", data={
        "name": "另一个园区", "short_name": "醴陵", "kind": "other",
    })
    assert resp.status_code == 200
    page = resp.get_data(as_text=True)
    assert re.search(r'id="short_name"[^>]*>\s*<div class="invalid-feedback">', page)
    assert db.session.execute(db.select(Park).where(Park.name == "另一个园区")).first() is None


def test_deactivated_park_locks_out_its_accounts(app, client, login, admin, make_user):
    staff = make_user(park="渌口经开区")
    login(admin)
    resp = client.post(f"/admin/parks/{staff.park_id}/active", data={"active": "0"})
    assert resp.status_code == 302
    assert reload(Park, staff.park_id).active is False
    other = app.test_client()
    assert login(staff, use_client=other).status_code == 200
    assert other.get("/").status_code == 302

    client.post(f"/admin/parks/{staff.park_id}/active", data={"active": "1"})
    assert login(staff, use_client=other).status_code == 302


def test_admin_cannot_deactivate_own_park(client, login, admin):
    login(admin)
    client.post(f"/admin/parks/{admin.park_id}/active", data={"active": "0"})
    assert reload(Park, admin.park_id).active is True


def test_active_flag_must_be_0_or_1(client, login, admin, make_park):
    park = make_park()
    login(admin)
    assert client.post(f"/admin/parks/{park.id}/active", data={"active": "no"}).status_code == 400
    assert reload(Park, park.id).active is True


def test_admin_creates_an_account_with_a_one_time_password(app, client, login, admin, make_park):
    park = make_park("株洲经开区")
    login(admin)
    resp = client.post("/admin/users/new", data={
        "username": "Jkq_Staff3", "display_name": "赵强", "email": "zq@jkq.example.com",
        "park_id": park.id, "role": "park_admin",
    })
    assert resp.status_code == 200
    password = one_time_password(resp)
    user = db.session.execute(db.select(User).where(User.username == "jkq_staff3")).scalar_one()
    assert (user.park_id, user.role, user.must_change_password) == (park.id, Role.PARK_ADMIN, True)

    fresh = app.test_client()
    resp = login("jkq_staff3", password, use_client=fresh)
    assert resp.headers["Location"] == "/account/password"


def test_duplicate_username_is_refused(client, login, admin, make_user):
    make_user(username="taken")
    login(admin)
    resp = client.post("/admin/users/new", data={
        "username": "Taken", "display_name": "重名", "park_id": admin.park_id, "role": "staff",
    })
    assert resp.status_code == 200
    assert 'id="username"' in resp.get_data(as_text=True)
    assert db.session.execute(db.select(User).where(User.display_name == "重名")).first() is None


def test_park_admin_creates_staff_in_own_park(client, login, make_user):
    park_admin = make_user(park="醴陵经开区", role="park_admin")
    login(park_admin)
    page = client.get("/admin/users/new").get_data(as_text=True)
    assert "醴陵经开区" in page
    resp = client.post("/admin/users/new", data={
        "username": "liling_staff9", "display_name": "新员工", "park_id": park_admin.park_id,
        "role": "staff",
    })
    assert resp.status_code == 200
    user = db.session.execute(db.select(User).where(User.username == "liling_staff9")).scalar_one()
    assert (user.park_id, user.role) == (park_admin.park_id, Role.STAFF)


def test_admin_edits_an_account(client, login, admin, make_user, make_park):
    staff = make_user(park="田心高科园")
    target_park = make_park("株洲高新区")
    login(admin)
    resp = client.post(f"/admin/users/{staff.id}/edit", data={
        "display_name": "王芳", "park_id": target_park.id, "role": "park_admin",
        "phone": "13800000000",
    })
    assert resp.status_code == 302
    user = reload(User, staff.id)
    assert (user.display_name, user.park_id, user.role, user.phone) == (
        "王芳", target_park.id, Role.PARK_ADMIN, "13800000000")


def test_admin_cannot_change_own_role(client, login, admin):
    login(admin)
    resp = client.post(f"/admin/users/{admin.id}/edit", data={
        "display_name": admin.display_name, "park_id": admin.park_id, "role": "staff",
    })
    assert resp.status_code == 200
    assert reload(User, admin.id).role is Role.ADMIN


def test_deactivate_and_reactivate_an_account(app, client, login, make_user):
    park_admin = make_user(park="茶陵经开区", role="park_admin")
    staff = make_user(park="茶陵经开区")
    staff_client = app.test_client()
    login(staff, use_client=staff_client)
    login(park_admin)

    assert client.post(f"/admin/users/{staff.id}/active", data={"active": "0"}).status_code == 302
    assert reload(User, staff.id).active is False
    assert staff_client.get("/").status_code == 302
    assert login(staff, use_client=staff_client).status_code == 200

    client.post(f"/admin/users/{staff.id}/active", data={"active": "1"})
    assert login(staff, PASSWORD, use_client=staff_client).status_code == 302


def test_nobody_deactivates_themselves(client, login, admin):
    login(admin)
    client.post(f"/admin/users/{admin.id}/active", data={"active": "0"})
    assert reload(User, admin.id).active is True
    assert client.get("/").status_code == 200


def test_reset_password_shows_it_once(client, login, admin, make_user):
    staff = make_user()
    login(admin)
    resp = client.post(f"/admin/users/{staff.id}/reset-password")
    password = one_time_password(resp)
    user = reload(User, staff.id)
    assert user.must_change_password is True
    assert user.check_password(password)
    assert not user.check_password(PASSWORD)
    assert password not in client.get("/admin/users/").get_data(as_text=True)
