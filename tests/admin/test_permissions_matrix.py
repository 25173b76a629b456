"""Who may open and post every admin route: admin, park admin, staff, anonymous.

The table names each route once with the status each role gets; a refused request leaves the
database (parks, accounts, audit log) as it was.
"""

import pytest
from sqlalchemy import func

from hub.audit.models import AuditEntry
from hub.auth.models import Role, User
from hub.extensions import db
from hub.parks.models import Park, ParkKind

ROLES = ("admin", "park_admin", "staff", "anonymous")
LOGIN = "login"  # anonymous: redirected to the login page
NO = 405  # the route does not take this method, whoever asks

# (method, path, form data, {role: status}); {park} is another park, {staff} a staff member of the
# park admin's own park, {home} the park admin's park id.
NEW_PARK = {"name": "新建园区", "short_name": "新园", "kind": "provincial"}
EDIT_PARK = {"name": "醴陵经开区", "short_name": "醴陵新", "kind": "provincial"}
NEW_USER = {"username": "newcomer", "display_name": "新同事", "park_id": "{home}", "role": "staff"}
EDIT_USER = {"display_name": "改过的名字", "park_id": "{home}", "role": "staff"}

MATRIX = [
    ("GET", "/admin/", None, (200, 200, 403, LOGIN)),
    ("POST", "/admin/", {}, (NO, NO, NO, NO)),
    ("GET", "/admin/parks/", None, (200, 403, 403, LOGIN)),
    ("POST", "/admin/parks/", {}, (NO, NO, NO, NO)),
    ("GET", "/admin/parks/new", None, (200, 403, 403, LOGIN)),
    ("POST", "/admin/parks/new", NEW_PARK, (302, 403, 403, LOGIN)),
    ("GET", "/admin/parks/{park}/edit", None, (200, 403, 403, LOGIN)),
    ("POST", "/admin/parks/{park}/edit", EDIT_PARK, (302, 403, 403, LOGIN)),
    ("GET", "/admin/parks/{park}/active", None, (NO, NO, NO, NO)),
    ("POST", "/admin/parks/{park}/active", {"active": "0"}, (302, 403, 403, LOGIN)),
    ("GET", "/admin/users/", None, (200, 200, 403, LOGIN)),
    ("POST", "/admin/users/", {}, (NO, NO, NO, NO)),
    ("GET", "/admin/users/new", None, (200, 200, 403, LOGIN)),
    ("POST", "/admin/users/new", NEW_USER, (200, 200, 403, LOGIN)),
    ("GET", "/admin/users/{staff}/edit", None, (200, 200, 403, LOGIN)),
    ("POST", "/admin/users/{staff}/edit", EDIT_USER, (302, 302, 403, LOGIN)),
    ("GET", "/admin/users/{staff}/reset-password", None, (NO, NO, NO, NO)),
    ("POST", "/admin/users/{staff}/reset-password", {}, (200, 200, 403, LOGIN)),
    ("GET", "/admin/users/{staff}/active", None, (NO, NO, NO, NO)),
    ("POST", "/admin/users/{staff}/active", {"active": "0"}, (302, 302, 403, LOGIN)),
    ("GET", "/admin/audit/", None, (200, 403, 403, LOGIN)),
    ("POST", "/admin/audit/", {}, (NO, NO, NO, NO)),
]

CASES = [
    pytest.param(method, path, data, role, expected[i], id=f"{role}-{method}-{path}")
    for method, path, data, expected in MATRIX
    for i, role in enumerate(ROLES)
]


@pytest.fixture
def world(make_park, make_user):
    zone = make_park("株洲市园区办", short_name="园区办", kind=ParkKind.ZONE)
    home = make_park("田心高科园", short_name="田心")
    other = make_park("醴陵经开区", short_name="醴陵")
    return {
        "home": home,
        "other": other,
        "admin": make_user(park=zone, role="admin", username="admin"),
        "park_admin": make_user(park=home, role="park_admin", username="tianxin_admin"),
        "peer_admin": make_user(park=home, role="park_admin", username="tianxin_admin2"),
        "staff": make_user(park=home, username="tianxin_staff1"),
        "other_admin": make_user(park=other, role="park_admin", username="liling_admin"),
        "other_staff": make_user(park=other, username="liling_staff1"),
    }


def fill(value, world):
    ids = {"park": world["other"].id, "staff": world["staff"].id, "home": world["home"].id}
    if isinstance(value, dict):
        return {k: fill(v, world) for k, v in value.items()}
    return value.format(**ids)


def state() -> dict:
    """What a refused request must leave untouched."""
    db.session.rollback()
    return {
        "audit": db.session.scalar(db.select(func.count()).select_from(AuditEntry)),
        "parks": [(p.id, p.name, p.short_name, p.active) for p in
                  db.session.execute(db.select(Park).order_by(Park.id)).scalars()],
        "users": [(u.id, u.username, u.display_name, u.park_id, u.role, u.active, u.password_hash)
                  for u in db.session.execute(db.select(User).order_by(User.id)).scalars()],
    }


@pytest.mark.parametrize(("method", "path", "data", "role", "expected"), CASES)
def test_admin_route_matrix(client, login, world, method, path, data, role, expected):
    if role != "anonymous":
        login(world[role])
    before = state()
    url = fill(path, world)
    resp = client.get(url) if method == "GET" else client.post(url, data=fill(data, world))

    if expected == LOGIN:
        assert resp.status_code == 302
        assert resp.headers["Location"].startswith("/login")
    else:
        assert resp.status_code == expected
    if method == "POST":
        after = state()
        if expected in (200, 302):
            assert after["audit"] == before["audit"] + 1  # the change happened and was logged
        else:
            assert after == before


# --- a park admin reaching beyond their own park's staff ------------------------------------------
TARGETS = ["other_staff", "other_admin", "admin", "peer_admin", "park_admin"]
ACTIONS = [
    ("GET", "/admin/users/{id}/edit", None),
    ("POST", "/admin/users/{id}/edit", {"display_name": "被改了", "park_id": None, "role": None}),
    ("POST", "/admin/users/{id}/reset-password", {}),
    ("POST", "/admin/users/{id}/active", {"active": "0"}),
]


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize(("method", "path", "data"), ACTIONS,
                         ids=[f"{m}-{p.split('}/')[1]}" for m, p, _ in ACTIONS])
def test_park_admin_cannot_manage_accounts_beyond_own_staff(client, login, world, target,
                                                            method, path, data):
    victim = world[target]
    login(world["park_admin"])
    before = state()
    url = path.format(id=victim.id)
    if method == "GET":
        resp = client.get(url)
    else:
        if data and "park_id" in data:
            data = {**data, "park_id": victim.park_id, "role": victim.role.value}
        resp = client.post(url, data=data)
    assert resp.status_code in (403, 404)
    assert state() == before


def test_unknown_ids_give_404(client, login, world):
    login(world["admin"])
    assert client.get("/admin/parks/9999/edit").status_code == 404
    assert client.post("/admin/parks/9999/active", data={"active": "0"}).status_code == 404
    assert client.get("/admin/users/9999/edit").status_code == 404
    assert client.post("/admin/users/9999/reset-password").status_code == 404
    assert client.post("/admin/users/9999/active", data={"active": "0"}).status_code == 404


@pytest.mark.parametrize(
    ("park", "role"),
    [("other", "staff"), ("home", "admin"), ("home", "park_admin"), ("other", "park_admin"),
     ("other", "admin")],
)
def test_park_admin_cannot_forge_park_or_role_when_creating(client, login, world, park, role):
    login(world["park_admin"])
    before = state()
    resp = client.post("/admin/users/new", data={
        "username": "forged", "display_name": "伪造", "park_id": world[park].id, "role": role,
    })
    assert resp.status_code in (200, 400, 403)
    assert state() == before
    assert db.session.execute(db.select(User).where(User.username == "forged")).first() is None
    admins = db.session.execute(db.select(User).where(User.role == Role.ADMIN)).scalars().all()
    assert [u.username for u in admins] == ["admin"]


@pytest.mark.parametrize(("park", "role"), [("other", "staff"), ("home", "admin"),
                                            ("home", "park_admin")])
def test_park_admin_cannot_move_or_promote_own_staff(client, login, world, park, role):
    staff = world["staff"]
    login(world["park_admin"])
    before = state()
    resp = client.post(f"/admin/users/{staff.id}/edit", data={
        "display_name": staff.display_name, "park_id": world[park].id, "role": role,
    })
    assert resp.status_code in (200, 400, 403)
    assert state() == before


def test_park_admin_sees_only_own_parks_accounts(client, login, world):
    login(world["park_admin"])
    page = client.get(f"/admin/users/?park={world['other'].id}").get_data(as_text=True)
    assert "tianxin_staff1" in page
    assert "liling_staff1" not in page
    assert "liling_admin" not in page
