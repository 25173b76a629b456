"""The audit log reads as people speak (issue 13, item 3): after a notice is edited (文号,
紧急程度, category, audience, dates), published and withdrawn, and after the demo's 督办 items
went through progress, 办结申请, 销号 and 延期申请, the changes column of the audit page shows
labels and words only: no field names, enum values, True/False or ISO dates."""

import re
from datetime import date
from html import unescape

import pytest

from hub.actions.models import ActionStatus, UpdateKind
from hub.auth.models import User
from hub.extensions import db
from hub.notices import services
from hub.notices.models import Notice, NoticeCategory, NoticeStatus, NoticeUrgency
from hub.parks.queries import by_short_names
from hub.seed import seed_demo

PASSWORD = "audit-readable-1"
RAW_WORDS = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b|\b(?:True|False|None)\b"
                       r"|\d{4}-\d{2}-\d{2}|<\w+ \d+>")
ENUM_VALUES = {m.value for e in (NoticeUrgency, NoticeStatus, ActionStatus, UpdateKind) for m in e}


def _changes(html: str) -> list[str]:
    lists = re.findall(r'<ul class="changes">(.*?)</ul>', html, re.S)
    return [" ".join(unescape(re.sub(r"<[^>]+>", " ", li)).split())
            for block in lists for li in re.findall(r"<li>(.*?)</li>", block, re.S)]


def _user(name: str) -> User:
    return db.session.execute(db.select(User).where(User.username == name)).scalar_one()


@pytest.fixture
def edited_notice(app):
    seed_demo(PASSWORD)
    draft = db.session.execute(db.select(Notice).where(
        Notice.status == NoticeStatus.DRAFT)).scalars().first()
    parks = by_short_names()
    other = db.session.execute(db.select(NoticeCategory).where(
        NoticeCategory.id != draft.category_id)).scalars().first()
    services.update(_user("liling_staff1"), draft, {
        "park_id": draft.park_id, "title": draft.title + "（修改）", "category_id": other.id,
        "body": draft.body + "\n\n补充说明。", "all_parks": False,
        "effective_date": date(2027, 2, 9), "expiry_date": date(2027, 3, 31),
        "doc_number": "醴经开发〔2027〕5号", "urgency": NoticeUrgency.EXTRA_URGENT,
    }, [parks["醴陵"], parks["茶陵"]], version=draft.version)
    db.session.commit()
    services.publish(_user("liling_admin"), draft, all_parks=True, audience=[],
                     version=draft.version)
    db.session.commit()
    services.withdraw(_user("liling_admin"), draft)
    db.session.commit()
    return draft


@pytest.mark.parametrize("object_type", ["notice", "action_item"])
def test_the_audit_page_shows_no_internal_names(client, login, edited_notice, object_type):
    assert login("admin", PASSWORD).status_code == 302
    html = client.get(f"/admin/audit/?object_type={object_type}").get_data(as_text=True)
    changes = _changes(html)
    assert len(changes) >= 5, changes
    for line in changes:
        assert not RAW_WORDS.search(line), line
        assert not any(re.search(rf"(?<![\w-]){re.escape(v)}(?![\w-])", line)
                       for v in ENUM_VALUES if len(v) > 3), line
    text = " ".join(changes)
    if object_type == "notice":
        assert "文号" in text and "特急" in text and "2027年2月9日 星期二" in text
        assert "茶陵经开区" in text and "是" in text
    else:
        assert "办结待审" in text and "延期" in text


def test_a_field_reads_in_the_words_of_its_own_object(client, login, make_user):
    """Two features call a field `location`: a land case's reads 位置, a meeting's 地点 (the
    labels were one dictionary, where the feature installed last won for both)."""
    from hub.audit.models import AuditEntry
    from hub.auth.models import Role

    admin = make_user(role=Role.ADMIN)
    for object_type in ("land_case", "meeting"):
        db.session.add(AuditEntry(actor_id=admin.id, action="update", object_type=object_type,
                                  object_id=1, changes={"location": ["旧址", "新址"]}))
    db.session.commit()
    login(admin)
    lines = {}
    for object_type in ("land_case", "meeting"):
        html = client.get(f"/admin/audit/?object_type={object_type}").get_data(as_text=True)
        lines[object_type] = [line for line in _changes(html) if "旧址" in line]
    assert lines == {"land_case": ["位置 : 旧址 → 新址"], "meeting": ["地点 : 旧址 → 新址"]}
