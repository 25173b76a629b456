"""The dashboard's running tallies (hub.dashboard.models.Tally, kept by database triggers) equal
the counts recomputed from the action items, land cases and minutes, after writes through the
services (decisions, progress, review, minutes, land cases) and after plain SQL that bypasses
them; and the dashboard's figures read from them equal the features' own GROUP BY queries."""

from collections import Counter
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select, text

from hub.actions import ledger, review
from hub.actions import queries as action_queries
from hub.actions import services as actions
from hub.actions.listing import ItemFilter
from hub.actions.models import ActionItem, ActionStatus
from hub.dashboard import tally
from hub.dashboard.models import NO_DAY, Tally
from hub.extensions import db
from hub.land import queries as land
from hub.land import services as land_services
from hub.land.models import CaseStatus, LandCase
from hub.meetings.models import Minutes, MinutesStatus
from hub.minutes import services as minutes_services
from hub.notices import reading
from hub.notices import services as notices
from hub.notices.models import Notice, NoticeRead, NoticeStatus, notice_audience
from tests.dashboard.conftest import NOW, TODAY, action, case, meeting, notice


def recounted() -> Counter:
    """What the tally table must hold, counted in Python from the rows themselves."""
    want: Counter = Counter()
    unpublished = set(db.session.execute(
        select(Minutes.meeting_id).where(Minutes.status != MinutesStatus.PUBLISHED)).scalars())
    for item in db.session.execute(select(ActionItem)).scalars():
        suffix = "_waiting" if item.meeting_id in unpublished else ""
        done = item.status is ActionStatus.DONE
        month = NO_DAY if done or item.due_date is None else item.due_date.replace(day=1)
        status = ("done" if done else "open") + suffix
        want["action_month", month, item.owner_park_id, status, "n"] += 1
        if not done and item.due_date is not None:
            want["action_day", item.due_date, item.owner_park_id, "open" + suffix, "n"] += 1
        want["action_status", NO_DAY, item.owner_park_id, item.status.value, "n"] += 1
    for c in db.session.execute(select(LandCase)).scalars():
        if c.deleted_at is not None:
            continue
        want["case", NO_DAY, c.park_id, c.status.value, "n"] += 1
        want["case", NO_DAY, c.park_id, c.status.value, "h"] += int(c.area_mu * 100)
        if c.status is not CaseStatus.DISPOSED and c.deadline is not None:
            want["case_due_month", c.deadline.replace(day=1), c.park_id, "", "n"] += 1
            want["case_due_day", c.deadline, c.park_id, "", "n"] += 1
    audience = {}
    for notice_id, park_id in db.session.execute(select(notice_audience)):
        audience.setdefault(notice_id, []).append(park_id)
    live = {}
    for n in db.session.execute(select(Notice)).scalars():
        if n.deleted_at is None and n.status is NoticeStatus.PUBLISHED and n.published_at:
            live[n.id] = (n, n.published_at.astimezone(UTC).date())
    for n, day in live.values():
        for park_id in [0] if n.all_parks else audience.get(n.id, []):
            want["notice_to", day, park_id, "", "n"] += 1
    pairs = set(db.session.execute(select(NoticeRead.notice_id, NoticeRead.park_id)).all())
    for notice_id, park_id in pairs:
        if notice_id in live and (live[notice_id][0].all_parks
                                  or park_id in audience.get(notice_id, [])):
            want["notice_read", live[notice_id][1], park_id, "", "n"] += 1
    return +want  # without zeros


TOPICS = ("action_month", "action_day", "case", "case_due_month", "case_due_day", "notice_to",
          "notice_read", "action_status")  # the dashboard's and the 督办台账's (the talent
# topics are the talent list's)


def stored() -> Counter:
    got: Counter = Counter()
    for row in db.session.execute(select(Tally).where(Tally.topic.in_(TOPICS))).scalars():
        got[row.topic, row.day, row.park_id, row.status, "n"] += row.n
        got[row.topic, row.day, row.park_id, row.status, "h"] += row.hundredths
    return +got


def ledger_counts(stmt) -> Counter:
    """{(park, status): count, (park, "late"): overdue} of a ledger count statement."""
    got: Counter = Counter()
    for park_id, _name, _short, status, count, overdue in db.session.execute(stmt):
        got[park_id, getattr(status, "value", status)] += int(count)
        got[park_id, "late"] += int(overdue)
    return +got


def check(world) -> None:
    db.session.flush()
    db.session.expire_all()
    assert stored() == recounted()
    for today in (TODAY, TODAY.replace(day=1), date(2026, 9, 30), date(2026, 10, 3),
                  TODAY + timedelta(days=400), TODAY - timedelta(days=400)):
        want = action_queries.counts_by_park(today)
        got = {p: c for p, c in tally.action_counts_by_park(today).items() if any(c.values())}
        assert got == want, today
        want_cases = land.counts_by_park(land.CaseFilter(overdue=True), today)
        got_cases = {p: n for p, n in tally.overdue_cases_by_park(today).items() if n}
        assert got_cases == want_cases, today
        both = tally.park_counts(db.session.execute(tally.park_counts_stmt(today)))
        assert ({p: c for p, c in both[0].items() if any(c.values())},
                {p: n for p, n in both[1].items() if n}) == (want, want_cases)
        for park in (world.a, world.b, world.c):
            one = db.session.execute(tally.action_counts_stmt(today, park.id)).first()
            counts = want.get(park.id, {"open": 0, "overdue": 0, "done": 0})
            assert (tuple(one[1:]) if one else (0, 0, 0)) == (
                counts["open"], counts["overdue"], counts["done"])
            assert db.session.execute(tally.overdue_cases_stmt(today, park.id)).scalar_one() \
                == want_cases.get(park.id, 0)
        for park_id in (None, world.a.id, world.b.id, world.c.id):  # 督办台账's counts
            assert ledger_counts(ledger._tallied(park_id, today)) == ledger_counts(
                ledger._counted(ItemFilter(park_id=park_id), today)), (today, park_id)
    assert tally.case_totals() == land.totals_by_status(land.CaseFilter(), TODAY)
    ids = [p.id for p in (world.zone, world.a, world.b, world.c)]
    for since in (TODAY - timedelta(days=90), TODAY - timedelta(days=1), TODAY):
        start = datetime(since.year, since.month, since.day, tzinfo=UTC)
        assert reading.read_rates(db.session.execute(tally.read_rate_stmt(ids, since)), ids) \
            == reading.read_rate_by_park(ids, since=start), since


def test_tallies_follow_the_services(world):
    check(world)
    host = meeting("田心醴陵协调会", world.a, [world.a, world.b], starts_in=timedelta(days=-3))
    db.session.flush()
    minutes = minutes_services.save(host, "纪要草稿", 0, by=world.admin)  # draft: not followed
    made = []
    for k, due in enumerate([None, TODAY - timedelta(days=1), TODAY, TODAY + timedelta(days=40),
                             date(2026, 8, 31), date(2025, 12, 31)]):
        made.append(actions.create_decision(host, actions.DecisionData(
            text=f"事项{k}", owner_park_id=world.a.id, due_date=due), by=world.admin))
    check(world)
    item = made[1]
    actions.update_decision(item, actions.DecisionData(
        text="改到醴陵", owner_park_id=world.b.id, due_date=date(2026, 7, 15)),
        version=item.version, by=world.admin)
    check(world)
    actions.delete_decision(made[2], by=world.admin)
    check(world)

    minutes.status, minutes.published_at = MinutesStatus.PUBLISHED, NOW
    check(world)  # published: followed now
    actions.update_progress(made[3], to=ActionStatus.IN_PROGRESS, note="", version=made[3].version,
                            by=world.staff_a)
    db.session.flush()
    review.apply_completion(made[4], note="已完成", version=made[4].version, by=world.staff_a)
    db.session.flush()
    review.close(made[4], note="销号", version=made[4].version, by=world.admin)
    check(world)

    data = {"park_id": world.a.id, "parcel_code": "TX-TALLY-1", "area_mu": "12.34",
            "problem_type": "idle", "disposal": "other", "deadline": TODAY - timedelta(days=3)}
    new = land_services.create_case(world.admin, data)
    check(world)
    db.session.flush()
    land_services.update_case(world.admin, new, {**data, "park_id": world.b.id,
                                                 "area_mu": "0.07", "deadline": "2026-09-15"},
                              version=new.version)
    check(world)
    for step in (CaseStatus.VERIFYING, CaseStatus.DISPOSING, CaseStatus.DISPOSED):
        land_services.transition(new, step, world.admin)
        db.session.flush()
        check(world)
    land_services.delete_case(new, world.admin)
    check(world)
    land_services.restore_case(new, world.admin)
    check(world)


def test_tallies_follow_plain_sql(world):
    """Writes that bypass the services (imports, fixtures, repairs by hand) are counted too."""
    host = meeting("经开区专题会", world.c, [world.c, world.a], starts_in=timedelta(days=-20))
    for k in range(4):
        action(host, world.c, f"经开区事项{k}", due=TODAY - timedelta(days=k * 20))
    case(world.c, "JK-TALLY-1", deadline=TODAY - timedelta(days=1), area="3.33")
    case(world.c, "JK-TALLY-2", deadline=None, area="1.01", status=CaseStatus.DISPOSING)
    db.session.flush()
    check(world)
    statements = [
        "UPDATE action_item SET status = 'done' WHERE text = '经开区事项0'",
        "UPDATE action_item SET due_date = NULL WHERE text = '经开区事项1'",
        "UPDATE action_item SET owner_park_id = :a WHERE text = '经开区事项2'",
        "INSERT INTO meeting_minutes (meeting_id, body, revision, status, created_at, "
        "updated_at) VALUES (:m, '', 1, 'consulting', :now, :now)",
        "UPDATE action_item SET meeting_id = :past WHERE text = '经开区事项3'",
        "UPDATE meeting_minutes SET status = 'published' WHERE meeting_id = :m",
        "UPDATE meeting_minutes SET status = 'draft' WHERE meeting_id = :m",
        "DELETE FROM action_item WHERE text = '经开区事项1'",
        "DELETE FROM meeting_minutes WHERE meeting_id = :m",
        "UPDATE land_case SET deleted_at = CURRENT_TIMESTAMP WHERE parcel_code = 'JK-TALLY-1'",
        "UPDATE land_case SET deadline = :day, status = 'verifying' "
        "WHERE parcel_code = 'JK-TALLY-2'",
        "UPDATE land_case SET area_mu = 8.88, park_id = :a WHERE parcel_code = 'JK-TALLY-2'",
        "DELETE FROM land_case WHERE parcel_code = 'JK-TALLY-1'",
    ]
    params = {"a": world.a.id, "m": host.id, "past": world.m_past.id,
              "day": TODAY - timedelta(days=30), "now": NOW.replace(tzinfo=None)}
    for sql in statements:
        db.session.execute(text(sql), {k: v for k, v in params.items() if f":{k}" in sql})
        check(world)


def test_statements_built_once_serve_each_user_their_own_park(client, login, world):
    """The dashboard's statements are built once per shape (hub.dashboard.statements) and
    reused: users of different parks and roles, one after the other, each see their own."""
    from tests.dashboard.test_dashboard import dashboard, section

    for _ in range(2):
        html_a = dashboard(client, login, world.staff_a)
        html_b = dashboard(client, login, world.staff_b)
        html_admin = dashboard(client, login, world.admin)
        assert world.act_overdue.text in section(html_a, "panel-actions")
        assert world.act_b.text not in section(html_a, "panel-actions")
        assert world.act_b.text in section(html_b, "panel-actions")
        assert world.act_overdue.text not in section(html_b, "panel-actions")
        assert world.case_overdue.parcel_code in section(html_a, "panel-cases")
        assert world.case_b.parcel_code not in section(html_a, "panel-cases")
        assert world.case_b.parcel_code in section(html_b, "panel-cases")
        assert 'data-testid="overdue-cases-count">1<' in section(html_b, "panel-cases")
        assert world.n_to_b.title not in section(html_a, "panel-notices")
        assert world.n_to_a.title not in section(html_b, "panel-notices")
        assert world.n_to_a.title in section(html_a, "panel-notices")
        assert 'data-testid="admin-parks"' in html_admin
        assert 'data-testid="admin-parks"' not in html_a


def test_read_rate_tallies_follow_notices_audiences_and_receipts(world):
    check(world)
    draft = notice("草稿通知", world.zone, world.admin, status=NoticeStatus.DRAFT,
                   audience=[world.a])
    db.session.flush()
    check(world)
    notices.publish(world.admin, draft, all_parks=False, audience=[world.a, world.b],
                    version=draft.version)
    check(world)
    for user in (world.staff_a, world.staff_a2, world.staff_c):  # C is not in the audience
        reading.record_read(user, draft)
        check(world)
    draft.audience = [world.b, world.c]  # A leaves the audience, C (who read it) joins
    check(world)
    notices.withdraw(world.admin, draft, version=draft.version)
    check(world)
    draft.status, draft.withdrawn_at = NoticeStatus.PUBLISHED, None
    check(world)
    notices.delete(world.admin, draft)
    check(world)
    notices.restore(world.admin, draft)
    check(world)
    statements = [
        "UPDATE notice SET all_parks = :true WHERE id = :n",
        "DELETE FROM notice_read WHERE notice_id = :n AND user_id = :a2",
        "UPDATE notice SET published_at = :then WHERE id = :n",
        "UPDATE notice SET all_parks = :false WHERE id = :n",
        "INSERT INTO notice_audience (notice_id, park_id) VALUES (:n, :a)",
        "UPDATE notice_read SET park_id = :b WHERE notice_id = :n AND user_id = :c",
        "DELETE FROM notice_audience WHERE notice_id = :n AND park_id = :b",
        "DELETE FROM notice_read WHERE notice_id = :n",
        "DELETE FROM notice_audience WHERE notice_id = :n",
        "DELETE FROM notice WHERE id = :n",
        "DELETE FROM notice_read WHERE notice_id = :all",
    ]
    params = {"n": draft.id, "a": world.a.id, "b": world.b.id, "a2": world.staff_a2.id,
              "c": world.staff_c.id, "true": True, "false": False, "all": world.n_all.id,
              "then": (NOW - timedelta(days=40)).replace(tzinfo=None)}
    for sql in statements:
        db.session.execute(text(sql), {k: v for k, v in params.items() if f":{k}" in sql})
        check(world)
