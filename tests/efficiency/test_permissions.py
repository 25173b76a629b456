"""Who may see and change what: park A cannot touch park B's enterprises or figures, whatever
URL or form it forges; figures of other parks stay hidden until the round is published."""

from hub.auth.models import Role
from hub.efficiency import collection, services
from hub.efficiency.models import Enterprise, Figure, SubmissionStatus
from hub.extensions import db
from tests.efficiency.conftest import cells, code_for


def test_park_cannot_edit_another_parks_enterprise(client, login, make_user, make_enterprise):
    theirs = make_enterprise("醴陵经开区", name="陶瓷甲")
    me = make_user(park="田心高科园")
    login(me)
    assert client.get(f"/efficiency/enterprises/{theirs.id}/edit").status_code == 403
    resp = client.post(f"/efficiency/enterprises/{theirs.id}/edit", data={
        "name": "改名", "credit_code": theirs.credit_code, "park_id": me.park_id,
        "land_mu": "10", "chain_id": 0})
    assert resp.status_code == 403
    db.session.expire_all()
    assert db.session.get(Enterprise, theirs.id).name == "陶瓷甲"
    # read-only for others: listed, but without an edit link
    page = client.get("/efficiency/enterprises/")
    assert "陶瓷甲" in page.text and f"/enterprises/{theirs.id}/edit" not in page.text


def test_park_cannot_create_an_enterprise_in_another_park(client, login, make_user, make_park):
    other = make_park("醴陵经开区")
    login(make_user(park="田心高科园"))
    resp = client.post("/efficiency/enterprises/new", data={
        "name": "伪造企业", "credit_code": code_for(900), "park_id": other.id, "land_mu": "10",
        "chain_id": 0})
    assert resp.status_code == 403
    assert db.session.execute(db.select(Enterprise)).first() is None


def test_park_cannot_fill_or_see_another_parks_grid(client, login, make_user, make_enterprise,
                                                    make_round):
    rnd = make_round(2025)
    theirs = make_enterprise("醴陵经开区")
    login(make_user(park="田心高科园"))
    url = f"/efficiency/rounds/{rnd.id}/parks/{theirs.park_id}"
    assert client.get(url).status_code == 403
    assert client.post(url, data={**cells(theirs), "action": "submit"}).status_code == 403
    assert db.session.execute(db.select(Figure)).first() is None
    # the detail page of one of their enterprises, before publication
    assert client.get(f"/efficiency/rounds/{rnd.id}/enterprises/{theirs.id}").status_code == 403


def test_forged_cells_of_another_parks_enterprise_are_ignored(client, login, make_user,
                                                              make_enterprise, make_round):
    rnd = make_round(2025)
    mine = make_enterprise("田心高科园")
    theirs = make_enterprise("醴陵经开区")
    login(make_user(park="田心高科园"))
    resp = client.post(f"/efficiency/rounds/{rnd.id}/parks/{mine.park_id}",
                       data={**cells(mine), **cells(theirs), "action": "save"})
    assert resp.status_code == 302
    figs = db.session.execute(db.select(Figure)).scalars().all()
    assert [f.enterprise_id for f in figs] == [mine.id]


def test_only_the_zone_office_reviews_opens_rounds_and_changes_schemes(
        client, login, make_user, make_enterprise, make_round):
    rnd = make_round(2025)
    ent = make_enterprise("田心高科园")
    park_admin = make_user(park="田心高科园", role=Role.PARK_ADMIN)
    sub = collection.get_submission(rnd, ent.park_id)
    sub.status = SubmissionStatus.SUBMITTED
    db.session.commit()
    login(park_admin)
    base = f"/efficiency/rounds/{rnd.id}"
    assert client.post(f"{base}/parks/{ent.park_id}/review",
                       data={"decision": "accept"}).status_code == 403
    assert client.get("/efficiency/rounds/new").status_code == 403
    assert client.get(f"{base}/scheme").status_code == 403
    assert client.post(f"{base}/publish").status_code == 403
    assert client.get("/efficiency/chains").status_code == 403
    db.session.expire_all()
    assert collection.get_submission(rnd, ent.park_id).status is SubmissionStatus.SUBMITTED


def test_results_of_other_parks_only_after_publication(client, login, make_user, make_enterprise,
                                                       make_round, zone_admin):
    rnd = make_round(2025)
    mine = make_enterprise("田心高科园", name="本园企业")
    theirs = make_enterprise("醴陵经开区", name="他园企业")
    for ent in (mine, theirs):
        sub = collection.get_submission(rnd, ent.park_id)
        grid = collection.parse_grid([ent], cells(ent))
        collection.save_grid(zone_admin, rnd, sub, [ent], grid)
    db.session.commit()
    login(make_user(park="田心高科园"))
    scores = client.get(f"/efficiency/rounds/{rnd.id}/scores")
    assert "本园企业" in scores.text and "他园企业" not in scores.text
    assert client.get(f"/efficiency/rounds/{rnd.id}/heroes").status_code == 403
    assert client.get(f"/efficiency/rounds/{rnd.id}/analysis").status_code == 403
    assert client.get(f"/efficiency/rounds/{rnd.id}/enterprises/{mine.id}").status_code == 200

    services.publish_round(zone_admin, rnd)
    db.session.commit()
    scores = client.get(f"/efficiency/rounds/{rnd.id}/scores")
    assert "本园企业" in scores.text and "他园企业" in scores.text
    assert client.get(f"/efficiency/rounds/{rnd.id}/heroes").status_code == 200
    assert client.get(f"/efficiency/rounds/{rnd.id}/analysis").status_code == 200
    assert client.get(f"/efficiency/rounds/{rnd.id}/enterprises/{theirs.id}").status_code == 200
