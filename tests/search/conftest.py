"""Factories for the three searched kinds, writing rows directly (search only reads them)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from hub.actions.models import ActionItem
from hub.extensions import db
from hub.land.models import LandCase
from hub.meetings.models import Meeting, Minutes, MinutesStatus
from hub.notices.models import Notice, NoticeCategory, NoticeStatus
from hub.parks.models import Park
from hub.search import services
from hub.talent.models import TalentListing
from hub.timeutil import utcnow


@pytest.fixture
def found(app):
    """found(user, q, kind) → ids of `kind` ("notice", "case", "talent") `user` finds with `q`."""

    def find(user, q, kind) -> list[int]:
        (group,) = services.search(user, q, kinds=[kind], limit=100).groups
        return sorted(hit.id for hit in group.hits)

    return find


@pytest.fixture
def park(make_park):
    """park("A") → the park 园区A (created once)."""
    return lambda short: make_park(f"园区{short}", short_name=short)


@pytest.fixture
def make_notice(app, park, make_user):
    authors: dict[int, object] = {}

    def make(title="通知", body="", *, park_: str | Park = "A", status="published",
             audience: list[str] | None = None, deleted=False) -> Notice:
        owner = park_ if isinstance(park_, Park) else park(park_)
        if owner.id not in authors:
            authors[owner.id] = make_user(park=owner)
        category = db.session.execute(db.select(NoticeCategory)).scalars().first()
        if category is None:  # PostgreSQL tests empty every table, the seeded categories too
            category = NoticeCategory(name="资金补助")
            db.session.add(category)
            db.session.flush()
        status = NoticeStatus(status)
        notice = Notice(
            park_id=owner.id, category_id=category.id, title=title, body=body, status=status,
            all_parks=audience is None, author_id=authors[owner.id].id,
            audience=[park(p) for p in audience or []],
            published_at=utcnow() if status is not NoticeStatus.DRAFT else None,
            deleted_at=utcnow() if deleted else None,
        )
        db.session.add(notice)
        db.session.commit()
        return notice

    return make


@pytest.fixture
def make_case(app, park):
    counter = {"n": 0}

    def make(*, parcel_code=None, location="", holder="", description="",
             park_: str = "A", deleted=False) -> LandCase:
        counter["n"] += 1
        case = LandCase(
            park_id=park(park_).id, parcel_code=parcel_code or f"DK-{counter['n']:04d}",
            location=location, holder=holder, description=description,
            area_mu=Decimal("10.50"), deleted_at=utcnow() if deleted else None,
        )
        db.session.add(case)
        db.session.commit()
        return case

    return make


@pytest.fixture
def make_listing(app, park):
    def make(title="岗位", *, description="", enterprise="某企业", field="其他", park_: str = "A",
             deleted=False) -> TalentListing:
        listing = TalentListing(
            park_id=park(park_).id, title=title, description=description, enterprise=enterprise,
            field=field, contact_person="张三", expires_on=date.today() + timedelta(days=90),
            deleted_at=utcnow() if deleted else None,
        )
        db.session.add(listing)
        db.session.commit()
        return listing

    return make


@pytest.fixture
def staff(make_user, park):
    """staff("A") → a new staff account of park A."""
    return lambda short, **kw: make_user(park=park(short), **kw)


@pytest.fixture
def admin(make_user, park):
    return make_user(park=park("Z"), role="admin")


@pytest.fixture
def item_with_note(app, park, make_user):
    """An item of park C's, from a meeting hosted by A with B taking part, minutes published,
    whose text does not hold the note's words; `note` adds a progress note."""
    def make(status="published", owner="C", text="推进标准厂房建设"):
        start = utcnow() - timedelta(days=3)
        meeting = Meeting(title="园区联席会议", starts_at=start, ends_at=start + timedelta(hours=2),
                          host_park_id=park("A").id, parks=[park("B")])
        db.session.add(meeting)
        db.session.flush()
        db.session.add(Minutes(meeting_id=meeting.id, body="纪要", revision=1,
                               status=MinutesStatus(status), published_at=utcnow()))
        item = ActionItem(meeting_id=meeting.id, text=text, owner_park_id=park(owner).id)
        db.session.add(item)
        db.session.commit()
        return item

    return make
