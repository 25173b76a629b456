"""Fixtures for the notices tests: three parks with staff and park admins, a notice factory."""

from types import SimpleNamespace

import pytest

from hub.extensions import db
from hub.notices import services
from hub.notices.demo import ensure_categories
from hub.notices.models import Notice, NoticeStatus
from hub.parks.models import Park
from tests.notices.notice_helpers import category


@pytest.fixture(autouse=True)
def default_categories(app):
    """The migration inserts the categories; on PostgreSQL the tables are emptied between tests."""
    ensure_categories()
    db.session.commit()


@pytest.fixture
def world(make_park, make_user):
    """Parks A 田心, B 醴陵, C 茶陵 with staff and park admins; an admin of the zone office."""
    a, b, c = make_park("田心高科园"), make_park("醴陵经开区"), make_park("茶陵经开区")
    zone = make_park("株洲市园区办")
    return SimpleNamespace(
        a=a, b=b, c=c, zone=zone,
        staff_a=make_user(park=a, display_name="王芳"),
        staff_a2=make_user(park=a, display_name="王二"),
        admin_a=make_user(park=a, role="park_admin", display_name="田心管理员"),
        staff_b=make_user(park=b, display_name="刘洋"),
        admin_b=make_user(park=b, role="park_admin", display_name="醴陵管理员"),
        staff_c=make_user(park=c, display_name="陈静"),
        admin=make_user(park=zone, role="admin", display_name="园区办管理员"),
    )


@pytest.fixture
def make_notice(app):
    """make_notice(author, title=…, audience=[parks] or None (all), published=False, body=…)."""

    def make(author, *, title: str = "测试通知", body: str = "正文", audience=None,
             published: bool = False, publisher=None, category_name: str = "资金补助") -> Notice:
        data = {"park_id": author.park_id, "title": title, "category_id": category(
            category_name).id, "body": body, "all_parks": audience is None,
            "effective_date": None, "expiry_date": None}
        parks = [db.session.get(Park, p.id) for p in audience or []]
        notice = services.create(author, data, parks)
        db.session.commit()
        if published:
            services.publish(publisher or author, notice, all_parks=audience is None,
                             audience=parks, version=notice.version)
            db.session.commit()
        assert notice.status is (NoticeStatus.PUBLISHED if published else NoticeStatus.DRAFT)
        return notice

    return make
