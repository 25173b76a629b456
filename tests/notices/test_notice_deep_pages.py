"""Deep pages of the notice list (hub.notices.deep): the walk that starts at the day the
tally counts up to gives, at every position, the same notices as the plain OFFSET walk, for
staff, park admins and admins, with drafts, withdrawn and deleted notices, notices sent to all
parks and to audiences (the own park in it or not), same-day and same-instant ties, and after
changes by plain SQL and through the services (the tally's triggers follow both)."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select, text

from hub.extensions import db
from hub.notices import deep, listing, services
from hub.notices.models import Notice, NoticeStatus, notice_audience
from hub.notices.services import ListFilter, list_conditions
from tests.notices.notice_helpers import category

BASE = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


def plain(user, flt, offset):
    where = list_conditions(user, flt)
    return list(db.session.execute(select(Notice.id).where(*where)
                                   .order_by(*listing.NEWEST_FIRST)
                                   .offset(offset).limit(listing.PER_PAGE + 1)).scalars())


def walked(user, flt, offset):
    return [row.id for row in listing._deep_rows(user, flt, list_conditions(user, flt), offset)]


def build(world):
    """~70 notices by four parks over five days (several at one instant), every status, some
    deleted, a few published without a publication time; audiences of every kind."""
    parks = [world.a, world.b, world.c, world.zone]
    authors = [world.staff_a, world.staff_b, world.staff_c, world.admin]
    statuses = list(NoticeStatus)
    cat = category().id
    notices = []
    for i in range(72):
        author = authors[i % 4]
        status = statuses[i % len(statuses)] if i % 3 else NoticeStatus.PUBLISHED
        created = BASE + timedelta(days=i % 5, hours=(i % 7) * 3 if i % 4 else 0)
        published = created + timedelta(hours=i % 2) if status is NoticeStatus.PUBLISHED \
            and i % 11 else None
        n = Notice(park_id=author.park_id, category_id=cat, title=f"n{i}", body="",
                   status=status, all_parks=i % 5 == 0, author_id=author.id,
                   published_at=published, created_at=created, updated_at=created)
        if i % 5:
            n.audience = [p for j, p in enumerate(parks) if (i >> j) & 1]
        if i % 9 == 4:
            n.deleted_at = created + timedelta(days=1)
        db.session.add(n)
        notices.append(n)
    db.session.commit()
    return notices


def check(world):
    db.session.expire_all()
    users = [world.staff_a, world.admin_a, world.staff_b, world.staff_c, world.admin]
    for user in users:
        seen = len(db.session.execute(
            select(Notice.id).where(*list_conditions(user, ListFilter()))).all())
        assert seen > 25
        assert deep.start(user, ListFilter(), seen - 1) is not None  # the tally counts it
        for offset in range(0, seen + 3):  # every position, and past the end
            assert walked(user, ListFilter(), offset) == plain(user, ListFilter(), offset), \
                (user.display_name, offset)


def test_deep_walk_equals_offset(world):
    notices = build(world)
    check(world)
    # the tally counts this list: the walk started at a day, not at the top
    assert deep.start(world.staff_a, ListFilter(), 5) is not None
    # changes by plain SQL: publish, delete, restore, move, re-address, re-time
    a, b = notices[1], notices[2]
    db.session.execute(text("UPDATE notice SET status = 'published', published_at = created_at "
                            "WHERE id = :i"), {"i": a.id})
    db.session.execute(text("UPDATE notice SET deleted_at = created_at WHERE id = :i"),
                       {"i": notices[6].id})
    db.session.execute(text("UPDATE notice SET deleted_at = NULL WHERE id = :i"),
                       {"i": notices[4].id})
    db.session.execute(text("UPDATE notice SET park_id = :p WHERE id = :i"),
                       {"p": world.c.id, "i": b.id})
    db.session.execute(text("UPDATE notice SET all_parks = NOT all_parks WHERE id = :i"),
                       {"i": notices[10].id})
    db.session.execute(text("UPDATE notice SET created_at = :t, published_at = NULL "
                            "WHERE id = :i"), {"t": datetime(2026, 2, 1, 9), "i": notices[15].id})
    db.session.execute(notice_audience.delete().where(notice_audience.c.notice_id == notices[3].id))
    db.session.execute(notice_audience.insert().values(notice_id=notices[9].id,
                                                       park_id=world.c.id))
    db.session.execute(text("DELETE FROM notice_audience WHERE notice_id = :i"),
                       {"i": notices[8].id})
    db.session.execute(text("DELETE FROM notice WHERE id = :i"), {"i": notices[8].id})
    db.session.commit()
    check(world)


def test_filters_and_deleted_lists_take_the_plain_walk(world):
    build(world)
    filtered = [ListFilter(status=NoticeStatus.DRAFT), ListFilter(park_id=world.b.id),
                ListFilter(category_id=category().id), ListFilter(deleted=True)]
    for flt in filtered:
        assert deep.start(world.admin, flt, 3) is None
        for offset in (0, 3, 17, 40):
            assert walked(world.admin, flt, offset) == plain(world.admin, flt, offset)
    # a staff member asking for the deleted ones gets the live list, which the tally counts
    assert deep.start(world.staff_b, ListFilter(deleted=True), 3) is not None
    assert walked(world.staff_b, ListFilter(deleted=True), 3) == plain(
        world.staff_b, ListFilter(deleted=True), 3)


def test_deep_walk_follows_the_services(world, make_notice):
    notices = build(world)
    to_all = make_notice(world.staff_b, title="全园区", published=True)
    to_a = make_notice(world.staff_b, title="致田心", audience=[world.a, world.b], published=True)
    draft = make_notice(world.staff_a, title="草稿")
    services.publish(world.admin_a, draft, all_parks=False, audience=[world.a],
                     version=draft.version)
    db.session.commit()
    data = {"park_id": to_a.park_id, "title": to_a.title, "category_id": to_a.category_id,
            "body": "", "all_parks": False, "effective_date": None, "expiry_date": None}
    services.update(world.admin, to_a, data, [world.c], version=to_a.version)
    services.withdraw(world.staff_b, to_all)
    services.delete(world.admin, notices[0])
    services.restore(world.admin, notices[4])
    db.session.commit()
    check(world)
