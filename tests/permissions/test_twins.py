"""Every visibility rule of hub.permissions is written twice: a predicate on one object and its
SQL twin (a WHERE clause) that lists, searches, feeds, counts and producers use. Here both are
asked about the same generated world, rule by rule, for every kind of viewer (platform admin,
park admin, staff, inactive accounts, an account of an inactive park, nobody signed in): they
must pick exactly the same objects. On SQLite, and on PostgreSQL when configured."""

import itertools
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest
from flask_login import AnonymousUserMixin
from sqlalchemy import select

from hub import permissions as perm
from hub.actions.models import ActionItem
from hub.auth.models import Role, User
from hub.efficiency.models import Enterprise, EvalRound, Figure, RoundStatus
from hub.extensions import db
from hub.land.models import LandCase
from hub.meetings.models import Meeting, MeetingSeries, Minutes, MinutesStatus, SeriesHost
from hub.notices.models import Notice, NoticeCategory, NoticeStatus
from hub.notify.models import Notification
from hub.parks.models import Park, ParkKind
from hub.projects.models import Project, Visit
from hub.talent.models import TalentListing

NOW = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)


def subsets(items):
    return [list(c) for n in range(len(items) + 1) for c in itertools.combinations(items, n)]


@pytest.fixture
def world(app, make_park, make_user):
    """The zone office, three parks (the third one inactive) and their people."""
    zone = make_park("园区办", kind=ParkKind.ZONE)
    parks = [make_park("田心高科园"), make_park("醴陵经开区"), make_park("停用园区", active=False)]
    users = [make_user(park=zone, role=Role.ADMIN),
             make_user(park=zone, role=Role.ADMIN, active=False),
             make_user(park=zone, role=Role.STAFF)]
    for park in parks:
        users += [make_user(park=park, role=Role.PARK_ADMIN),
                  make_user(park=park, role=Role.STAFF),
                  make_user(park=park, role=Role.STAFF, active=False)]

    class World:
        pass

    w = World()
    w.zone, w.parks, w.all_parks, w.users = zone, parks, [zone, *parks], users
    w.viewers = [*users, AnonymousUserMixin()]
    return w


def picked(stmt) -> set:
    return set(db.session.execute(stmt).scalars())


def assert_twins(viewers, objects, predicate, clause, model):
    """For every viewer: the ids the predicate accepts == the ids the clause selects."""
    assert objects, "no generated objects: the test would prove nothing"
    kinds = set()
    for viewer in viewers:
        expected = {o.id for o in objects if predicate(viewer, o)}
        got = picked(select(model.id).where(clause(viewer), model.id.in_([o.id for o in objects])))
        assert got == expected, (viewer, predicate.__name__)
        kinds.add(0 < len(expected) < len(objects))
    assert True in kinds, "no viewer sees only part of the objects: the data is too uniform"


# --- accounts ---------------------------------------------------------------------------------
def test_role_predicates_and_their_account_clauses_agree(world):
    users = db.session.execute(select(User)).scalars().all()
    for predicate, clause in ((perm.is_admin, perm.admin_accounts),
                              (perm.is_park_admin, perm.park_admin_accounts),
                              (perm.signed_in, perm.signed_in_accounts)):
        expected = {u.id for u in users if predicate(u)}
        assert picked(select(User.id).where(clause())) == expected, predicate.__name__
        assert 0 < len(expected) < len(users)


# --- notices ----------------------------------------------------------------------------------
@pytest.fixture
def notices(world):
    category = db.session.execute(select(NoticeCategory)).scalars().first() \
        or NoticeCategory(name="通知")
    author = world.users[0]
    made = []
    for issuer, status, audience, deleted in itertools.product(
            world.all_parks, NoticeStatus, [None, *subsets(world.parks[:2]), [world.parks[2]]],
            (False, True)):
        made.append(Notice(
            park_id=issuer.id, category=category, title=f"通知{len(made)}", author_id=author.id,
            status=status, all_parks=audience is None, audience=audience or [],
            published_at=NOW if status is not NoticeStatus.DRAFT else None,
            deleted_at=NOW if deleted else None))
    db.session.add_all(made)
    db.session.commit()
    return made


def test_can_view_notice_and_notice_visible_agree(world, notices):
    assert_twins(world.viewers, notices, perm.can_view_notice, perm.notice_visible, Notice)


def test_notice_visible_agrees_on_a_subquery_of_notices_as_search_uses_it(world, notices):
    rows = select(Notice.id, Notice.park_id, Notice.status, Notice.all_parks,
                  Notice.deleted_at).subquery().c
    for viewer in world.viewers:
        expected = {n.id for n in notices if perm.can_view_notice(viewer, n)}
        assert picked(select(rows.id).where(perm.notice_visible(viewer, rows))) == expected


def test_notice_audience_includes_and_addressed_to_agree(world, notices):
    expected = {(n.id, p.id) for n in notices for p in world.all_parks
                if perm.notice_audience_includes(n, p.id)}
    pairs = set(db.session.execute(
        select(Notice.id, Park.id).join(Park, perm.addressed_to(Park.id))).all())
    assert pairs == expected
    for park in world.all_parks:  # a park id as a value
        assert picked(select(Notice.id).where(perm.addressed_to(park.id))) == \
            {n for n, p in expected if p == park.id}


# --- land cases and talent listings -----------------------------------------------------------
def test_can_view_shared_and_shared_visible_agree(world):
    cases, listings = [], []
    for park, deleted in itertools.product(world.all_parks, (False, True)):
        cases.append(LandCase(park_id=park.id, parcel_code=f"P{len(cases)}",
                              area_mu=Decimal("1.00"), deleted_at=NOW if deleted else None))
        listings.append(TalentListing(park_id=park.id, title="工程师", field="机械",
                                      enterprise="某公司", contact_person="张三",
                                      expires_on=date(2026, 12, 31),
                                      deleted_at=NOW if deleted else None))
    db.session.add_all(cases + listings)
    db.session.commit()
    for objects, model in ((cases, LandCase), (listings, TalentListing)):
        assert_twins(world.viewers, objects, perm.can_view_shared,
                     lambda user, m=model: perm.shared_visible(user, m), model)


# --- meetings and series ----------------------------------------------------------------------
@pytest.fixture
def meetings(world):
    people = [u for u in world.users if u.park_id == world.parks[1].id][:1] + world.users[:1]
    made = []
    for host, parks, invited in itertools.product(
            [None, *world.all_parks], [*subsets(world.parks[:2]), [world.parks[2]]],
            subsets(people)):
        start = NOW + timedelta(days=len(made))
        made.append(Meeting(title=f"会议{len(made)}", starts_at=start,
                            ends_at=start + timedelta(hours=2),
                            host_park_id=host.id if host else None, parks=parks,
                            people=invited))
    db.session.add_all(made)
    db.session.commit()
    return made


def test_can_view_meeting_and_meeting_visible_agree(world, meetings):
    assert_twins(world.viewers, meetings, perm.can_view_meeting, perm.meeting_visible, Meeting)


def test_is_participant_park_and_park_takes_part_agree(world, meetings):
    expected = {(m.id, p.id) for m in meetings for p in world.all_parks
                if perm.is_participant_park(p.id, m)}
    pairs = set(db.session.execute(
        select(Meeting.id, Park.id).join(Park, perm.park_takes_part(Park.id))).all())
    assert pairs == expected
    for park in world.all_parks:
        assert picked(select(Meeting.id).where(perm.park_takes_part(park.id))) == \
            {m for m, p in expected if p == park.id}


def test_can_view_action_item_and_action_item_visible_agree(world, meetings):
    items = [ActionItem(meeting_id=m.id, text="落实用地指标", owner_park_id=p.id)
             for m, p in itertools.product(meetings[::3], world.all_parks)]
    db.session.add_all(items)
    db.session.commit()
    assert_twins(world.viewers, items, perm.can_view_action_item, perm.action_item_visible,
                 ActionItem)
    # as a land case's linked items use it: in a statement that joins the meetings already
    for viewer in world.viewers:
        expected = {i.id for i in items if perm.can_view_action_item(viewer, i)}
        assert picked(select(ActionItem.id).join(Meeting, Meeting.id == ActionItem.meeting_id)
                      .where(perm.action_item_visible(viewer))) == expected


def test_can_run_meeting_and_meeting_runnable_agree(world, meetings):
    assert_twins(world.viewers, meetings, perm.can_run_meeting, perm.meeting_runnable, Meeting)


def test_can_read_minutes_and_minutes_readable_agree(world, meetings):
    statuses = itertools.cycle(MinutesStatus)
    minutes = [Minutes(meeting_id=m.id, body="纪要", status=next(statuses)) for m in meetings]
    db.session.add_all(minutes)
    db.session.commit()
    assert_twins(world.viewers, minutes, perm.can_read_minutes, perm.minutes_readable, Minutes)
    # as search uses it: on the columns of a subquery of minutes
    latest = select(Minutes.id, Minutes.meeting_id, Minutes.status).subquery().c
    for viewer in world.viewers:
        expected = {m.id for m in minutes if perm.can_read_minutes(viewer, m)}
        assert picked(select(latest.id).where(perm.minutes_readable(viewer, latest))) == expected


def test_can_view_series_and_series_visible_agree(world):
    people = [u for u in world.users if u.park_id == world.parks[0].id][1:2]
    made = []
    for parks, hosts, invited in itertools.product(
            subsets(world.parks[:2]), [[], [world.parks[1]], [world.parks[2], world.zone]],
            subsets(people)):
        series = MeetingSeries(title=f"例会{len(made)}", rrule="FREQ=MONTHLY",
                               start_date=date(2026, 5, 4), start_time=time(9, 30),
                               parks=parks, people=invited)
        series.hosts = [SeriesHost(position=i, park_id=p.id) for i, p in enumerate(hosts)]
        made.append(series)
    db.session.add_all(made)
    db.session.commit()
    assert_twins(world.viewers, made, perm.can_view_series, perm.series_visible, MeetingSeries)


# --- projects, visits, figures ------------------------------------------------------------------
def test_can_view_project_and_project_visible_agree(world):
    made = [Project(park_id=p.id, name=f"项目{i}", investor="某集团", signed_on=date(2026, 1, 5))
            for i, p in enumerate(world.all_parks)]
    db.session.add_all(made)
    db.session.commit()
    assert_twins(world.viewers, made, perm.can_view_project, perm.project_visible, Project)


def test_can_view_visit_and_visit_visible_agree(world):
    made = [Visit(park_id=p.id, visit_on=date(2026, 3, 1), destination="深圳", people="李四",
                  deleted_at=NOW if deleted else None)
            for p, deleted in itertools.product(world.all_parks, (False, True))]
    db.session.add_all(made)
    db.session.commit()
    assert_twins(world.viewers, made, perm.can_view_visit, perm.visit_visible, Visit)


def test_can_view_park_figures_and_figures_visible_agree(world):
    firms = [Enterprise(park_id=p.id, name=f"企业{i}", credit_code=f"91430200MA4L{i:06d}")
             for i, p in enumerate(world.all_parks)]
    db.session.add_all(firms)
    for year, status in zip((2024, 2025), (RoundStatus.OPEN, RoundStatus.PUBLISHED), strict=True):
        rnd = EvalRound(year=year, status=status)
        db.session.add(rnd)
        db.session.flush()
        figures = [Figure(round_id=rnd.id, enterprise_id=f.id, park_id=f.park_id) for f in firms]
        db.session.add_all(figures)
        db.session.commit()
        for viewer in world.viewers:
            expected = {f.id for f in figures if perm.can_view_park_figures(viewer, rnd, f.park_id)}
            got = picked(select(Figure.id).where(Figure.round_id == rnd.id,
                                                 perm.figures_visible(viewer, rnd)))
            assert got == expected, (viewer, status)


# --- notifications ----------------------------------------------------------------------------
def test_can_read_notification_and_notification_visible_agree(world):
    made = [Notification(user_id=u.id, kind="notice.published", title="新通知")
            for u in world.users]
    db.session.add_all(made)
    db.session.commit()
    assert_twins(world.viewers, made, perm.can_read_notification, perm.notification_visible,
                 Notification)
