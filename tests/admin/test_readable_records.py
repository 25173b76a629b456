"""Item 3 of issue 13: the audit log and the outbox show what people understand — enum labels,
是/否, names instead of ids, joined lists, object titles, local times; outbox kinds by their
preference labels, objects by name with a link, errors in one line with the raw text folded."""

import re
from datetime import UTC, datetime
from html import unescape

import pytest

from hub.audit.models import AuditEntry
from hub.extensions import db
from hub.notices.models import Notice, NoticeCategory, NoticeStatus
from hub.notify.models import Channel, Delivery, DeliveryState
from hub.parks.models import ParkKind


@pytest.fixture
def admin(make_park, make_user):
    zone = make_park("株洲市园区办", short_name="园区办", kind=ParkKind.ZONE)
    return make_user(park=zone, role="admin", username="admin", display_name="王主任")


def text(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def log(admin, object_type, changes, object_id=1):
    db.session.add(AuditEntry(actor_id=admin.id, park_id=admin.park_id, action="update",
                              object_type=object_type, object_id=object_id, summary="",
                              changes=changes,
                              created_at=datetime(2027, 2, 9, 1, 30, tzinfo=UTC)))
    db.session.commit()


def switch(client, locale):
    client.post("/language", data={"locale": locale, "next": "/"})


@pytest.fixture
def audit_rows(admin, make_park):
    park = make_park("醴陵经开区", short_name="醴陵", kind=ParkKind.PROVINCIAL)
    log(admin, "land_case", {"status": ["registered", "verifying"],
                             "problem_type": [None, "approved_not_supplied"],
                             "completed_at": [None, "2027-02-09T01:30:00+00:00"]})
    log(admin, "park", {"active": [True, False]})
    log(admin, "user_account", {"park_id": [None, park.id], "role": ["staff", "park_admin"]})
    log(admin, "meeting", {"parks": [None, ["醴陵", "攸县"]]})
    return park


def test_audit_values_read_as_labels_in_chinese(client, login, admin, audit_rows):
    login(admin)
    page = text(client.get("/admin/audit/").get_data(as_text=True))
    assert "登记 → 核查" in page
    assert "registered" not in page and "verifying" not in page
    assert "approved_not_supplied" not in page and "批而未供" in page
    assert "是 → 否" in page and "True" not in page
    assert "— → 醴陵经开区" in page
    assert "醴陵、攸县" in page and "['" not in page
    assert "2027年2月9日 星期二 09:30" in page  # 01:30 UTC in Asia/Shanghai, with its weekday
    assert "2027-02-09T01:30" not in page


def test_audit_values_read_as_labels_in_english(client, login, admin, audit_rows):
    login(admin)
    switch(client, "en")
    page = text(client.get("/admin/audit/").get_data(as_text=True))
    assert "Yes → No" in page
    assert "Approved, not supplied" in page
    assert "Registered → Verifying" in page
    assert "Park staff → Park admin" in page
    assert "醴陵, 攸县" in page


def test_an_object_logged_as_its_repr_shows_its_title(client, login, admin, make_park):
    park = make_park("攸县工业集中区", short_name="攸县")
    log(admin, "meeting", {"deferred_from": [None, f"<Park {park.id}>"]})
    login(admin)
    page = text(client.get("/admin/audit/").get_data(as_text=True))
    assert "攸县工业集中区" in page and "&lt;Park" not in page


def test_audit_park_column_does_not_wrap(client, login, admin, audit_rows):
    login(admin)
    html = client.get("/admin/audit/").get_data(as_text=True)
    assert '<td class="text-nowrap">园区办</td>' in html


@pytest.fixture
def failed_delivery(admin):
    category = NoticeCategory(name="政策文件")
    db.session.add(category)
    db.session.flush()
    notice = Notice(park_id=admin.park_id, category_id=category.id, title="关于开展亩均评价的通知",
                    status=NoticeStatus.PUBLISHED, author_id=admin.id)
    db.session.add(notice)
    db.session.flush()
    delivery = Delivery(key="k1", kind="notice.published", channel=Channel.EMAIL,
                        user_id=admin.id, object_type="notice", object_id=notice.id,
                        due_at=datetime(2027, 2, 9, 1, 30, tzinfo=UTC),
                        state=DeliveryState.FAILED, attempts=5,
                        last_error="URLError: [Errno -2] Name or service not known")
    db.session.add(delivery)
    db.session.commit()
    return notice


def test_outbox_shows_kind_label_object_link_and_error_summary(client, login, admin,
                                                               failed_delivery):
    login(admin)
    html = client.get("/notifications/admin/outbox").get_data(as_text=True)
    row = html[html.index('data-delivery="'):]
    row = row[:row.index("</tr>")]
    assert "发往本园区的通知" in text(row)
    assert "notice.published" not in text(row)
    assert f'<a href="/notices/{failed_delivery.id}">关于开展亩均评价的通知</a>' in row
    summary, details = row.split("<details>")
    assert "无法解析服务器域名" in text(summary) and "Errno" not in summary
    assert "URLError: [Errno -2] Name or service not known" in details


def test_outbox_in_english(client, login, admin, failed_delivery):
    login(admin)
    switch(client, "en")
    html = client.get("/notifications/admin/outbox").get_data(as_text=True)
    row = text(html[html.index('data-delivery="'):].split("</tr>")[0])
    assert "Notice published to my park" in row
    assert "The server's name could not be resolved" in row
