"""The list pages' running tallies (the topics of hub.dashboard.models.Tally that hub.lists.tally
reads, kept by database triggers) equal
what the rows themselves give, after writes through the services and after plain SQL that
bypasses them; and the case list's totals and the talent list's count that the pages print
equal a recount of the rows."""

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select, text

from hub.dashboard.models import NO_DAY, Tally
from hub.extensions import db
from hub.land import queries as land
from hub.land import services as land_services
from hub.land.models import CaseStatus, LandCase
from hub.lists.tally import ALL_PARKS
from hub.talent import services as talent
from hub.talent.models import ListingStatus, TalentListing
from hub.timeutil import local_today

TOPICS = ("case", "talent_month", "talent_day")  # what the list pages read


def recounted() -> Counter:
    want: Counter = Counter()
    for c in db.session.execute(select(LandCase)).scalars():
        if c.deleted_at is None:
            want["case", NO_DAY, c.park_id, c.status.value, "n"] += 1
            want["case", NO_DAY, c.park_id, c.status.value, "h"] += int(c.area_mu * 100)
    for t in db.session.execute(select(TalentListing)).scalars():
        if t.deleted_at is None:
            for park in (t.park_id, ALL_PARKS):
                want["talent_month", t.expires_on.replace(day=1), park, t.status.value, "n"] += 1
                want["talent_day", t.expires_on, park, t.status.value, "n"] += 1
    return +want


def stored() -> Counter:
    got: Counter = Counter()
    for row in db.session.execute(select(Tally).where(Tally.topic.in_(TOPICS))).scalars():
        got[row.topic, row.day, row.park_id, row.status, "n"] += row.n
        got[row.topic, row.day, row.park_id, row.status, "h"] += row.hundredths
    return +got


def case_totals_by_hand(park_id, status) -> dict:
    want = {s: [0, Decimal("0.00")] for s in CaseStatus}
    for c in db.session.execute(select(LandCase)).scalars():
        if c.deleted_at is None and (not park_id or c.park_id == park_id) \
                and (status is None or c.status is status):
            want[c.status][0] += 1
            want[c.status][1] += c.area_mu
    return {s: tuple(v) for s, v in want.items()}


def live_by_hand(today, park_id, status) -> int:
    return sum(1 for t in db.session.execute(select(TalentListing)).scalars()
               if t.deleted_at is None and t.expires_on >= today
               and (not park_id or t.park_id == park_id)
               and (not status or t.status.value == status))


def check(parks) -> None:
    db.session.flush()
    db.session.expire_all()
    assert stored() == recounted()
    today = local_today()
    for park in (None, *parks):
        park_id = park.id if park else None
        for status in (None, *CaseStatus):
            got = land.totals_by_status(land.CaseFilter(park_id=park_id, status=status), today)
            assert {t.status: (t.count, t.area_mu) for t in got} == \
                case_totals_by_hand(park_id, status)
        for status in ("", *(s.value for s in ListingStatus)):
            for day in (today, today.replace(day=1), today + timedelta(days=31),
                        date(today.year + 1, 1, 1), today - timedelta(days=400)):
                assert talent.tallied_count(talent.Filters(park_id=park_id, status=status),
                                            day) == live_by_hand(day, park_id, status)


@pytest.fixture
def parks(make_park):
    return make_park("田心高科园"), make_park("醴陵经开区")


@pytest.fixture
def actor(make_user, parks):
    return make_user(park=parks[0], role="admin", username="tally_admin")


def listing_data(park, expires_on, title="电气工程师"):
    return {"park_id": park.id, "kind": "demand", "title": title, "field": "轨道交通装备",
            "education": "bachelor", "headcount": 2, "enterprise": "某公司",
            "contact_person": "李明", "contact_phone": "", "contact_email": "",
            "description": "", "expires_on": expires_on}


def test_tallies_follow_the_services(parks, actor):
    a, b = parks
    today = local_today()
    check(parks)
    data = {"park_id": a.id, "parcel_code": "TX-LIST-1", "area_mu": "12.34",
            "problem_type": "idle", "disposal": "other", "deadline": today}
    case = land_services.create_case(actor, data)
    land_services.create_case(actor, {**data, "parcel_code": "TX-LIST-2", "area_mu": "0.5"})
    check(parks)
    db.session.flush()
    land_services.update_case(actor, case, {**data, "park_id": b.id, "area_mu": "0.07"},
                              version=case.version)
    check(parks)
    for step in (CaseStatus.VERIFYING, CaseStatus.DISPOSING, CaseStatus.DISPOSED):
        land_services.transition(case, step, actor)
        check(parks)
    land_services.delete_case(case, actor)
    check(parks)
    land_services.restore_case(case, actor)
    check(parks)

    made = [talent.create(actor, listing_data(park, day, f"岗位{k}"))
            for k, (park, day) in enumerate([(a, today), (a, today - timedelta(days=1)),
                                              (b, today + timedelta(days=45)),
                                              (b, date(today.year + 1, 2, 28))])]
    check(parks)
    db.session.flush()
    talent.update(actor, made[0], listing_data(b, today + timedelta(days=3), "岗位0"),
                  version=made[0].version)
    check(parks)
    talent.transition(actor, made[2], ListingStatus.FILLED)
    check(parks)
    talent.delete(actor, made[3])
    check(parks)
    talent.restore(actor, made[3])
    check(parks)


def test_tallies_follow_plain_sql(parks, actor):
    a, b = parks
    today = local_today()
    data = {"park_id": a.id, "parcel_code": "JK-LIST-1", "area_mu": "3.33",
            "problem_type": "idle", "disposal": "other", "deadline": None}
    land_services.create_case(actor, data)
    land_services.create_case(actor, {**data, "parcel_code": "JK-LIST-2", "area_mu": "1.01"})
    talent.create(actor, listing_data(a, today, "SQL岗位1"))
    talent.create(actor, listing_data(a, today + timedelta(days=90), "SQL岗位2"))
    check(parks)
    statements = [
        "UPDATE land_case SET deleted_at = CURRENT_TIMESTAMP WHERE parcel_code = 'JK-LIST-1'",
        "UPDATE land_case SET status = 'verifying' WHERE parcel_code = 'JK-LIST-2'",
        "UPDATE land_case SET area_mu = 8.88, park_id = :b WHERE parcel_code = 'JK-LIST-2'",
        "UPDATE land_case SET deleted_at = NULL WHERE parcel_code = 'JK-LIST-1'",
        "DELETE FROM land_case_event WHERE case_id IN "
        "(SELECT id FROM land_case WHERE parcel_code = 'JK-LIST-1')",
        "DELETE FROM land_case WHERE parcel_code = 'JK-LIST-1'",
        "UPDATE talent_listing SET expires_on = :past WHERE title = 'SQL岗位1'",
        "UPDATE talent_listing SET status = 'closed', park_id = :b WHERE title = 'SQL岗位2'",
        "UPDATE talent_listing SET deleted_at = CURRENT_TIMESTAMP WHERE title = 'SQL岗位1'",
        "UPDATE talent_listing SET title = 'SQL岗位3' WHERE title = 'SQL岗位2'",
        "DELETE FROM talent_listing WHERE title = 'SQL岗位3'",
    ]
    for sql in statements:
        db.session.execute(text(sql), {"b": b.id, "past": today - timedelta(days=2)})
        check(parks)
