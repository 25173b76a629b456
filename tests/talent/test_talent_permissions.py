"""Who may do what with a talent listing: staff of park A never write park B's listings."""

import pytest

from hub.extensions import db
from hub.talent.models import ListingStatus, TalentListing
from hub.timeutil import utcnow

from .helpers import PARK_A, PARK_B, form_data


def reload(listing_id: int) -> TalentListing:
    db.session.expire_all()
    return db.session.get(TalentListing, listing_id)


@pytest.fixture
def listing_a(make_listing):
    return make_listing(park=PARK_A, title="轨道交通装备电气工程师")


@pytest.mark.parametrize("role", ["staff", "park_admin"])
def test_other_park_cannot_write_by_url(client, login, make_user, listing_a, role):
    login(make_user(park=PARK_B, role=role))
    base = f"/talent/{listing_a.id}"
    assert client.get(f"{base}/edit").status_code == 403
    data = form_data(title="改掉的标题", version=str(listing_a.version),
                     park_id=str(listing_a.park_id))
    assert client.post(f"{base}/edit", data=data).status_code == 403
    for to in ("filled", "closed"):
        assert client.post(f"{base}/status", data={"to": to}).status_code == 403
    assert client.post(f"{base}/delete").status_code == 403
    listing = reload(listing_a.id)
    assert listing.title == "轨道交通装备电气工程师"
    assert listing.status is ListingStatus.OPEN
    assert listing.deleted_at is None
    # reading is allowed to every signed-in user
    page = client.get(base)
    assert page.status_code == 200
    assert "轨道交通装备电气工程师" in page.get_data(as_text=True)


def test_other_park_cannot_restore(client, login, make_user, make_listing):
    listing = make_listing(park=PARK_A, deleted_at=utcnow())
    login(make_user(park=PARK_B, role="park_admin"))
    assert client.post(f"/talent/{listing.id}/restore").status_code == 403
    assert reload(listing.id).deleted_at is not None


def test_own_park_admin_cannot_restore(client, login, make_user, make_listing):
    listing = make_listing(park=PARK_A, deleted_at=utcnow())
    login(make_user(park=PARK_A, role="park_admin"))
    assert client.post(f"/talent/{listing.id}/restore").status_code == 403
    assert client.get(f"/talent/{listing.id}").status_code == 403  # deleted: admins only
    assert reload(listing.id).deleted_at is not None


def test_forged_park_id_on_create_is_refused(client, login, make_user, make_park):
    park_a = make_park(PARK_A)
    login(make_user(park=PARK_B))
    resp = client.post("/talent/new", data=form_data(title="伪造园区", park_id=str(park_a.id)))
    assert resp.status_code == 403
    assert db.session.execute(db.select(TalentListing)).first() is None


def test_forged_park_id_on_edit_is_refused(client, login, make_user, make_park, listing_a):
    park_b = make_park(PARK_B)
    login(make_user(park=PARK_A))
    data = form_data(version=str(listing_a.version), park_id=str(park_b.id))
    assert client.post(f"/talent/{listing_a.id}/edit", data=data).status_code == 403
    assert reload(listing_a.id).park_id == listing_a.park_id


def test_staff_creates_for_own_park(client, login, make_user):
    user = make_user(park=PARK_B)
    login(user)
    resp = client.post("/talent/new", data=form_data(title="陶瓷新材料专家团队", kind="offer"))
    assert resp.status_code == 302
    listing = db.session.execute(db.select(TalentListing)).scalar_one()
    assert listing.park_id == user.park_id
    assert listing.created_by_id == user.id
    assert client.get(resp.headers["Location"]).status_code == 200


def test_own_staff_edits_and_changes_status_but_cannot_delete(client, login, make_user,
                                                              listing_a):
    login(make_user(park=PARK_A))
    data = form_data(title="高级电气工程师", version=str(listing_a.version))
    assert client.post(f"/talent/{listing_a.id}/edit", data=data).status_code == 302
    assert client.post(f"/talent/{listing_a.id}/status", data={"to": "filled"}).status_code == 302
    assert client.post(f"/talent/{listing_a.id}/delete").status_code == 403
    listing = reload(listing_a.id)
    assert listing.title == "高级电气工程师"
    assert listing.status is ListingStatus.FILLED
    assert listing.deleted_at is None


def test_own_park_admin_deletes(client, login, make_user, listing_a):
    login(make_user(park=PARK_A, role="park_admin"))
    assert client.post(f"/talent/{listing_a.id}/delete").status_code == 302
    assert reload(listing_a.id).deleted_at is not None


def test_admin_manages_every_park(client, login, make_user, make_park, listing_a):
    park_b = make_park(PARK_B)
    login(make_user(park="株洲市园区办", role="admin"))
    data = form_data(title="管理员修改", version=str(listing_a.version), park_id=str(park_b.id))
    assert client.post(f"/talent/{listing_a.id}/edit", data=data).status_code == 302
    assert client.post(f"/talent/{listing_a.id}/status", data={"to": "closed"}).status_code == 302
    assert client.post(f"/talent/{listing_a.id}/delete").status_code == 302
    listing = reload(listing_a.id)
    assert (listing.title, listing.park_id, listing.status) == ("管理员修改", park_b.id,
                                                                ListingStatus.CLOSED)
    assert listing.deleted_at is not None
    assert client.get(f"/talent/{listing_a.id}").status_code == 200
    assert client.post(f"/talent/{listing_a.id}/restore").status_code == 302
    assert reload(listing_a.id).deleted_at is None


def test_anonymous_is_sent_to_login(client, listing_a):
    assert client.get("/talent/").status_code == 302
    assert client.get(f"/talent/{listing_a.id}").status_code == 302
    assert client.post(f"/talent/{listing_a.id}/delete").status_code == 302
    assert reload(listing_a.id).deleted_at is None
