"""/admin/resources/ reads its numbers from the running tallies (hub.dashboard.models.Tally, kept
by database triggers): every park's and the total's numbers equal a GROUP BY recount of the
notice, land_case and talent_listing rows, for today and for days around the month's edges,
after writes through the services and after plain SQL that bypasses them."""

from datetime import date, timedelta

import pytest
from sqlalchemy import case, func, select, text

from hub.extensions import db
from hub.land import services as land
from hub.land.models import CaseStatus, LandCase
from hub.notices import services as notices
from hub.notices.models import Notice, NoticeStatus
from hub.resources import services
from hub.talent import services as talent
from hub.talent.models import ListingStatus, TalentListing
from hub.timeutil import local_today
from tests.lists.test_list_tally import listing_data
from tests.resources.test_resources_overview import category, counts


def _count(condition):
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _grouped(model, columns: dict) -> dict[int, dict[str, int]]:
    stmt = (select(model.park_id, *(_count(c).label(n) for n, c in columns.items()))
            .group_by(model.park_id))
    return {row.park_id: {n: int(getattr(row, n)) for n in columns}
            for row in db.session.execute(stmt)}


def recounted(today: date) -> dict[str, dict[int, dict[str, int]]]:
    """The page's numbers as it counted them before the tallies: one GROUP BY per table."""
    live = Notice.deleted_at.is_(None)
    found = {"notices": _grouped(Notice, {
        "draft": live & (Notice.status == NoticeStatus.DRAFT),
        "published": live & (Notice.status == NoticeStatus.PUBLISHED),
        "withdrawn": live & (Notice.status == NoticeStatus.WITHDRAWN),
        "deleted": Notice.deleted_at.is_not(None)})}
    live = LandCase.deleted_at.is_(None)
    not_disposed = LandCase.status != CaseStatus.DISPOSED
    found["cases"] = _grouped(LandCase, {
        "open": live & not_disposed,
        "overdue": live & not_disposed & (LandCase.deadline < today),
        "disposed": live & (LandCase.status == CaseStatus.DISPOSED),
        "deleted": LandCase.deleted_at.is_not(None)})
    live = TalentListing.deleted_at.is_(None)
    expired = TalentListing.expires_on < today
    found["talent"] = _grouped(TalentListing, {
        "open": live & ~expired & (TalentListing.status == ListingStatus.OPEN),
        "expired": live & expired,
        "deleted": TalentListing.deleted_at.is_not(None)})
    return found


def days_to_check(today: date) -> list[date]:
    first = today.replace(day=1)
    next_first = (first + timedelta(days=32)).replace(day=1)
    return [today, first, next_first - timedelta(days=1), next_first,
            today - timedelta(days=75), today + timedelta(days=75)]


def check(parks) -> int:
    """Compare the overview with the recount on every day of `days_to_check`; the number of
    non-zero counts of `parks` today (so a test sees that its rows are counted at all)."""
    db.session.flush()
    db.session.expire_all()
    today = local_today()
    for day in days_to_check(today):
        want = recounted(day)
        got = services.overview(day)
        totals = {name: dict.fromkeys(cols, 0) for name, cols in services.COLUMNS.items()}
        for row in got.rows:
            expected = {name: {c: want[name].get(row.park.id, {}).get(c, 0) for c in cols}
                        for name, cols in services.COLUMNS.items()}
            assert row.counts == expected, (day, row.park.name)
            for name, cols in expected.items():
                for c, n in cols.items():
                    totals[name][c] += n
        assert got.totals == totals, day
    ids = {p.id for p in parks}
    return sum(1 for row in services.overview(today).rows if row.park.id in ids
               for cols in row.counts.values() for n in cols.values() if n)


@pytest.fixture
def parks(make_park):
    return make_park("田心高科园"), make_park("醴陵经开区")


@pytest.fixture
def actor(make_user, parks):
    return make_user(park=parks[0], role="admin", username="res_admin")


def notice_data(park, title):
    return {"park_id": park.id, "title": title, "category_id": category().id, "body": "正文",
            "all_parks": True, "effective_date": None, "expiry_date": None}


def test_the_numbers_follow_the_services(parks, actor, client, login):
    a, b = parks
    today = local_today()
    assert check(parks) == 0

    made = [notices.create(actor, notice_data(park, f"通知{k}"), [])
            for k, park in enumerate((a, a, b, b))]
    db.session.flush()
    assert check(parks) > 0
    for n in made[:3]:
        notices.publish(actor, n, all_parks=True, audience=[], version=n.version)
    db.session.flush()
    check(parks)
    notices.withdraw(actor, made[1])
    notices.delete(actor, made[2])
    notices.update(actor, made[3], notice_data(a, "通知3"), [], version=made[3].version)
    check(parks)
    notices.restore(actor, made[2])
    notices.delete(actor, made[0])
    check(parks)

    data = {"park_id": a.id, "parcel_code": "RES-1", "area_mu": "2.50", "problem_type": "idle",
            "disposal": "other", "deadline": today - timedelta(days=1)}
    cases = [land.create_case(actor, {**data, "parcel_code": f"RES-{k}", "deadline": day})
             for k, day in enumerate((today - timedelta(days=1), today, None,
                                      today - timedelta(days=60)))]
    check(parks)
    db.session.flush()
    land.update_case(actor, cases[1], {**data, "parcel_code": "RES-1", "park_id": b.id,
                                       "deadline": today - timedelta(days=3)},
                     version=cases[1].version)
    check(parks)
    for step in (CaseStatus.VERIFYING, CaseStatus.DISPOSING, CaseStatus.DISPOSED):
        land.transition(cases[0], step, actor)
    land.delete_case(cases[3], actor)
    check(parks)
    land.restore_case(cases[3], actor)
    land.delete_case(cases[2], actor)
    check(parks)

    listings = [talent.create(actor, listing_data(park, day, f"岗位{k}"))
                for k, (park, day) in enumerate([(a, today), (a, today - timedelta(days=1)),
                                                  (b, today + timedelta(days=40)),
                                                  (b, today - timedelta(days=50))])]
    check(parks)
    db.session.flush()
    talent.update(actor, listings[0], listing_data(b, today + timedelta(days=2), "岗位0"),
                  version=listings[0].version)
    talent.transition(actor, listings[2], ListingStatus.FILLED)
    talent.delete(actor, listings[3])
    check(parks)
    talent.restore(actor, listings[3])
    talent.delete(actor, listings[1])
    check(parks)
    db.session.commit()

    # and the page prints them
    login(actor)
    html = client.get("/admin/resources/").get_data(as_text=True)
    want = recounted(today)
    for park in parks:
        assert counts(html, f"park-{park.id}") == {
            f"{name}-{c}": want[name].get(park.id, {}).get(c, 0)
            for name, cols in services.COLUMNS.items() for c in cols}


def test_the_numbers_follow_plain_sql(parks, actor):
    a, b = parks
    today = local_today()
    n = notices.create(actor, notice_data(a, "SQL通知"), [])
    land.create_case(actor, {"park_id": a.id, "parcel_code": "SQL-1", "area_mu": "1.00",
                             "problem_type": "idle", "disposal": "other",
                             "deadline": today - timedelta(days=2)})
    talent.create(actor, listing_data(a, today, "SQL岗位1"))
    db.session.flush()
    assert check(parks) > 0
    params = {"a": a.id, "b": b.id, "author": actor.id, "cat": n.category_id,
              "past": today - timedelta(days=2), "future": today + timedelta(days=40)}
    statements = [
        "INSERT INTO notice (park_id, category_id, title, body, status, all_parks, author_id,"
        " created_at, updated_at, version, urgency) VALUES (:b, :cat, 'SQL通知2', '', 'draft',"
        " TRUE, :author, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1, 'normal')",
        "UPDATE notice SET status = 'published' WHERE title = 'SQL通知'",
        "UPDATE notice SET park_id = :a WHERE title = 'SQL通知2'",
        "UPDATE notice SET deleted_at = CURRENT_TIMESTAMP WHERE title = 'SQL通知'",
        "UPDATE notice SET status = 'withdrawn' WHERE title = 'SQL通知'",
        "UPDATE notice SET deleted_at = NULL WHERE title = 'SQL通知'",
        "UPDATE notice SET title = 'SQL通知3' WHERE title = 'SQL通知2'",
        "DELETE FROM notice WHERE title = 'SQL通知3'",
        "INSERT INTO land_case (park_id, parcel_code, area_mu, status, deadline, deleted_at,"
        " problem_type, disposal, location, holder, suspend_reason, description, created_at,"
        " updated_at, version) VALUES (:b, 'SQL-2', 3.50, 'registered', :past,"
        " CURRENT_TIMESTAMP, 'idle', 'other', '', '', '', '', CURRENT_TIMESTAMP,"
        " CURRENT_TIMESTAMP, 1)",
        "UPDATE land_case SET deleted_at = NULL WHERE parcel_code = 'SQL-2'",
        "UPDATE land_case SET deleted_at = CURRENT_TIMESTAMP WHERE parcel_code = 'SQL-1'",
        "UPDATE land_case SET park_id = :b WHERE parcel_code = 'SQL-1'",
        "UPDATE land_case SET status = 'disposed' WHERE parcel_code = 'SQL-2'",
        "DELETE FROM land_case_event WHERE case_id IN "
        "(SELECT id FROM land_case WHERE parcel_code = 'SQL-1')",
        "DELETE FROM land_case WHERE parcel_code = 'SQL-1'",
        "UPDATE talent_listing SET deleted_at = CURRENT_TIMESTAMP WHERE title = 'SQL岗位1'",
        "UPDATE talent_listing SET park_id = :b WHERE title = 'SQL岗位1'",
        "UPDATE talent_listing SET deleted_at = NULL, expires_on = :past"
        " WHERE title = 'SQL岗位1'",
        "UPDATE talent_listing SET expires_on = :future, status = 'closed'"
        " WHERE title = 'SQL岗位1'",
        "UPDATE talent_listing SET deleted_at = CURRENT_TIMESTAMP WHERE title = 'SQL岗位1'",
        "DELETE FROM talent_listing WHERE title = 'SQL岗位1'",
    ]
    for sql in statements:
        db.session.execute(text(sql), params)
        check(parks)
