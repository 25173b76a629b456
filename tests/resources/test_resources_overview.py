"""/admin/resources/: every park's notices, land cases and talent listings, counted, for admins."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest

from hub.extensions import db
from hub.land.models import CaseStatus, LandCase
from hub.notices.models import Notice, NoticeCategory, NoticeStatus
from hub.talent.models import Education, ListingKind, ListingStatus, TalentListing
from hub.timeutil import local_today, utcnow

URL = "/admin/resources/"


@pytest.fixture
def admin(make_user):
    return make_user(park="株洲市园区办", role="admin")


def category() -> NoticeCategory:
    found = db.session.execute(db.select(NoticeCategory)).scalars().first()
    if found is None:
        found = NoticeCategory(name="资金补助")
        db.session.add(found)
        db.session.flush()
    return found


def notice(park, author, status: NoticeStatus, *, deleted=False) -> Notice:
    row = Notice(park=park, category=category(), title=f"通知{status.value}", status=status,
                 author_id=author.id, deleted_at=utcnow() if deleted else None)
    db.session.add(row)
    return row


def land_case(park, code: str, status: CaseStatus, *, deadline: date | None = None,
              deleted=False) -> LandCase:
    row = LandCase(park=park, parcel_code=code, area_mu=Decimal("12.50"), status=status,
                   deadline=deadline, deleted_at=utcnow() if deleted else None)
    db.session.add(row)
    return row


def listing(park, title: str, *, expires_on: date, status=ListingStatus.OPEN,
            deleted=False) -> TalentListing:
    row = TalentListing(park=park, kind=ListingKind.DEMAND, title=title, field="陶瓷",
                        education=Education.ANY, headcount=1, enterprise="某陶瓷企业",
                        contact_person="刘洋", contact_phone="0731-1", expires_on=expires_on,
                        status=status, deleted_at=utcnow() if deleted else None)
    db.session.add(row)
    return row


def counts(html: str, park_testid: str) -> dict[str, int]:
    row = html.split(f'data-testid="{park_testid}"', 1)[1].split("</tr>", 1)[0]
    return {name: int(n) for name, n in
            re.findall(r'data-testid="count-([a-z]+-[a-z]+)">(\d+)<', row)}


@pytest.mark.parametrize("role", ["park_admin", "staff"])
def test_only_admins(client, login, make_user, role):
    login(make_user(park="醴陵经开区", role=role))
    assert client.get(URL).status_code == 403


def test_anonymous_goes_to_login(client):
    assert client.get(URL).status_code == 302


def test_counts_per_park(client, login, admin, make_park, make_user):
    liling, chaling = make_park("醴陵经开区"), make_park("茶陵经开区")
    author = make_user(park=liling)
    today = local_today()
    notice(liling, author, NoticeStatus.DRAFT)
    notice(liling, author, NoticeStatus.DRAFT)
    notice(liling, author, NoticeStatus.PUBLISHED)
    notice(liling, author, NoticeStatus.PUBLISHED, deleted=True)
    notice(chaling, author, NoticeStatus.WITHDRAWN)
    land_case(liling, "LL-001", CaseStatus.VERIFYING, deadline=today - timedelta(days=1))
    land_case(liling, "LL-002", CaseStatus.SUSPENDED, deadline=today + timedelta(days=9))
    land_case(liling, "LL-003", CaseStatus.DISPOSED, deadline=today - timedelta(days=30))
    land_case(liling, "LL-004", CaseStatus.REGISTERED, deleted=True)
    listing(liling, "开放的岗位", expires_on=today)
    listing(liling, "已满足的岗位", expires_on=today, status=ListingStatus.FILLED)
    listing(liling, "过期的岗位", expires_on=today - timedelta(days=1))
    listing(chaling, "删除的岗位", expires_on=today, deleted=True)
    db.session.commit()

    login(admin)
    resp = client.get(URL)
    assert resp.status_code == 200
    html = resp.get_data(as_text=True)
    assert "醴陵经开区" in html and "茶陵经开区" in html and "株洲市园区办" in html
    assert counts(html, f"park-{liling.id}") == {
        "notices-draft": 2, "notices-published": 1, "notices-withdrawn": 0, "notices-deleted": 1,
        "cases-open": 2, "cases-overdue": 1, "cases-disposed": 1, "cases-deleted": 1,
        "talent-open": 1, "talent-expired": 1, "talent-deleted": 0,
    }
    assert counts(html, f"park-{chaling.id}") == {
        "notices-draft": 0, "notices-published": 0, "notices-withdrawn": 1, "notices-deleted": 0,
        "cases-open": 0, "cases-overdue": 0, "cases-disposed": 0, "cases-deleted": 0,
        "talent-open": 0, "talent-expired": 0, "talent-deleted": 1,
    }
    total = counts(html, "park-total")
    assert total["notices-draft"] == 2 and total["notices-withdrawn"] == 1
    assert total["talent-deleted"] == 1 and total["cases-open"] == 2


def test_counts_link_to_the_filtered_lists(client, login, admin, make_park):
    liling = make_park("醴陵经开区")
    today = local_today()
    listing(liling, "过期的陶瓷岗位", expires_on=today - timedelta(days=3))
    listing(liling, "删除的陶瓷岗位", expires_on=today - timedelta(days=3), deleted=True)
    land_case(liling, "LL-009", CaseStatus.DISPOSING, deadline=today - timedelta(days=2))
    db.session.commit()
    login(admin)
    html = client.get(URL).get_data(as_text=True)
    row = html.split(f'data-testid="park-{liling.id}"', 1)[1].split("</tr>", 1)[0]
    hrefs = dict(re.findall(r'href="([^"]+)" data-testid="count-([a-z]+-[a-z]+)"', row))
    by_count = {v: k.replace("&amp;", "&") for k, v in hrefs.items()}

    expired = client.get(by_count["talent-expired"]).get_data(as_text=True)
    assert "过期的陶瓷岗位" in expired and "删除的陶瓷岗位" not in expired
    deleted = client.get(by_count["talent-deleted"]).get_data(as_text=True)
    assert "删除的陶瓷岗位" in deleted
    overdue = client.get(by_count["cases-overdue"])
    assert overdue.status_code == 200
    assert "LL-009" in overdue.get_data(as_text=True)
    assert f"park={liling.id}" in by_count["cases-overdue"]
    assert "overdue=1" in by_count["cases-overdue"]
