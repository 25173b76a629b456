"""Search over meetings, minutes and action items (督办): Chinese terms of 2 and 3+ characters,
the visibility of their pages (hub.permissions), index upkeep, the search page."""

from datetime import timedelta

import pytest

from hub.actions.models import ActionItem
from hub.extensions import db
from hub.meetings.models import Meeting, Minutes, MinutesStatus
from hub.search import services
from hub.timeutil import utcnow

TEXT = "关于推进标准厂房建设的工作安排"
QUERIES = ["厂房", "标准厂房", "厂房建设"]  # 2, 3+ characters (LIKE, then the trigram index)


@pytest.fixture
def make_meeting(app, park):
    def make(title="联席会议", *, description="", location="", host="A", parks=(), people=()):
        start = utcnow() + timedelta(days=3)
        meeting = Meeting(title=title, description=description, location=location,
                          starts_at=start, ends_at=start + timedelta(hours=2),
                          host_park_id=park(host).id if host else None,
                          parks=[park(p) for p in parks], people=list(people))
        db.session.add(meeting)
        db.session.commit()
        return meeting

    return make


@pytest.fixture
def make_minutes(app):
    def make(meeting, body, status="published"):
        status = MinutesStatus(status)
        minutes = Minutes(meeting_id=meeting.id, body=body, revision=1, status=status,
                          published_at=utcnow() if status is MinutesStatus.PUBLISHED else None)
        db.session.add(minutes)
        db.session.commit()
        return minutes

    return make


@pytest.fixture
def make_item(app, park):
    def make(meeting, text, owner="A"):
        item = ActionItem(meeting_id=meeting.id, text=text, owner_park_id=park(owner).id)
        db.session.add(item)
        db.session.commit()
        return item

    return make


# --- found by Chinese terms of 2 and 3+ characters ---------------------------------------------
@pytest.mark.parametrize("column", ["title", "description", "location"])
def test_meeting_found_by_chinese_text(column, make_meeting, staff, found):
    hit = make_meeting(**{"title": "例会", column: TEXT}, parks=["B"])
    make_meeting("招商引资推进会", description="污水处理", location="株洲", parks=["B"])
    user = staff("B")
    for q in QUERIES:
        assert found(user, q, "meeting") == [hit.id], q


def test_minutes_found_by_their_text(make_meeting, make_minutes, staff, found):
    meeting = make_meeting("例会", parks=["B"])
    hit = make_minutes(meeting, f"# 纪要\n\n一、{TEXT}。")
    make_minutes(make_meeting("例会", parks=["B"]), "招商引资情况通报")
    user = staff("B")
    for q in QUERIES:
        assert found(user, q, "minutes") == [hit.id], q


def test_action_item_found_by_its_text(make_meeting, make_minutes, make_item, staff, found):
    meeting = make_meeting("例会", parks=["B"])
    make_minutes(meeting, "纪要")
    hit = make_item(meeting, TEXT, owner="B")
    make_item(meeting, "完成招商引资任务", owner="B")
    user = staff("B")
    for q in QUERIES:
        assert found(user, q, "action"), q
        assert found(user, q, "action") == [hit.id], q


def test_index_follows_updates_and_deletes(make_meeting, make_minutes, make_item, staff, found):
    meeting = make_meeting("标准厂房推进会", parks=["B"])
    minutes = make_minutes(meeting, "标准厂房建设")
    item = make_item(meeting, "标准厂房验收", owner="B")
    user = staff("B")
    assert found(user, "标准厂房", "meeting") == [meeting.id]
    meeting.title, minutes.body, item.text = "园区例会", "环保督察", "完成环保督察整改"
    db.session.commit()
    for kind in ("meeting", "minutes", "action"):
        assert found(user, "标准厂房", kind) == [], kind
    assert found(user, "环保督察", "minutes") == [minutes.id]
    assert found(user, "环保督察", "action") == [item.id]
    db.session.delete(item)
    db.session.commit()
    assert found(user, "环保督察", "action") == []


# --- visibility: the rules of the meeting, minutes and action item pages ------------------------
def test_meeting_only_for_its_participants(make_meeting, staff, admin, make_user, park, found):
    invited = make_user(park=park("C"))
    hosted = make_meeting("标准厂房推进会", host="A")
    joined = make_meeting("标准厂房推进会", host=None, parks=["B"])
    personal = make_meeting("标准厂房推进会", host=None, people=[invited])
    for q in ("厂房", "标准厂房"):
        assert found(staff("A"), q, "meeting") == [hosted.id]
        assert found(staff("B"), q, "meeting") == [joined.id]
        assert found(staff("C"), q, "meeting") == []  # another park, not invited
        assert found(invited, q, "meeting") == [personal.id]
        assert found(admin, q, "meeting") == sorted([hosted.id, joined.id, personal.id])


@pytest.mark.parametrize("status", ["draft", "consulting", "published"])
def test_minutes_read_as_on_their_page(status, make_meeting, make_minutes, staff, admin, found):
    minutes = make_minutes(make_meeting("例会", host="A", parks=["B"]), TEXT, status)
    participant = [minutes.id] if status != "draft" else []
    for q in ("厂房", "标准厂房"):
        assert found(staff("A"), q, "minutes") == [minutes.id]  # the host drafts them
        assert found(staff("B"), q, "minutes") == participant
        assert found(staff("C"), q, "minutes") == []  # not taking part
        assert found(admin, q, "minutes") == [minutes.id]


@pytest.mark.parametrize("status", ["draft", "consulting", "published"])
def test_action_items_as_on_their_page(status, make_meeting, make_minutes, make_item, staff,
                                       admin, make_user, park, found):
    """Seen by the owner park and the meeting's participants; before the minutes are published
    only by those who run the meeting (the host park, admins)."""
    meeting = make_meeting("例会", host="A", parks=["B"])
    make_minutes(meeting, "纪要", status)
    item = make_item(meeting, TEXT, owner="C")
    published = [item.id] if status == "published" else []
    for q in ("厂房", "标准厂房"):
        assert found(staff("A"), q, "action") == [item.id]
        assert found(staff("B"), q, "action") == published
        assert found(staff("C"), q, "action") == published  # the owner park
        assert found(staff("D"), q, "action") == []  # neither owner nor taking part
        assert found(admin, q, "action") == [item.id]


def test_hits_match_the_page_predicates(make_meeting, make_minutes, make_item, staff, admin):
    """Every hit opens for its user (the page's own checks), for users of every park."""
    from hub import permissions as perm
    from hub.actions.services import is_published

    for host, parks, status in (("A", ["B"], "draft"), ("B", ["A"], "published"),
                                (None, ["C"], "consulting")):
        meeting = make_meeting("标准厂房推进会", host=host, parks=parks)
        minutes = make_minutes(meeting, TEXT, status)
        make_item(meeting, TEXT, owner="B")
        assert minutes.id
    meetings = db.session.execute(db.select(Meeting)).scalars().all()
    for user in (staff("A"), staff("B"), staff("C"), admin):
        groups = {g.kind: {h.id for h in g.hits} for g in services.search(
            user, "厂房", kinds=["meeting", "minutes", "action"], limit=100).groups}
        assert groups["meeting"] == {m.id for m in meetings if perm.can_view_meeting(user, m)}
        every = db.session.execute(db.select(Minutes)).scalars().all()
        assert groups["minutes"] == {m.id for m in every if perm.can_read_minutes(user, m)}
        items = db.session.execute(db.select(ActionItem)).scalars().all()
        assert groups["action"] == {
            i.id for i in items if perm.can_view_action_item(user, i)
            and (is_published(i) or perm.can_run_meeting(user, i.meeting))}


def test_short_terms_keep_the_visibility(make_meeting, make_minutes, make_item, staff, found):
    """The 1–2 character path reads a subquery of the latest rows: same rules."""
    meeting = make_meeting("厂房例会", host="A")
    make_minutes(meeting, "厂房", "draft")
    make_item(meeting, "厂房", owner="A")
    for kind in ("meeting", "minutes", "action"):
        assert found(staff("B"), "厂", kind) == [], kind
        assert len(found(staff("A"), "厂", kind)) == 1, kind


# --- the search page --------------------------------------------------------------------------
def test_page_groups_links_and_highlights(client, login, make_meeting, make_minutes, make_item,
                                          staff):
    meeting = make_meeting("标准厂房推进会", location="<b>三楼</b>会议室", parks=["B"])
    make_minutes(meeting, f"会议议定：{TEXT}")
    item = make_item(meeting, f"{TEXT}，月底前完成", owner="B")
    login(staff("B"))
    page = client.get("/search?q=厂房").get_data(as_text=True)
    for kind in ("meeting", "minutes", "action"):
        assert f'data-testid="search-group-{kind}"' in page, kind
    assert f'href="/meetings/{meeting.id}"' in page
    assert f'href="/meetings/{meeting.id}/minutes"' in page
    assert f'href="/meetings/actions/{item.id}"' in page
    assert "标准<mark>厂房</mark>推进会" in page
    assert "<b>三楼</b>" not in page  # escaped
    # the kind filter: one kind only, offered in the menu
    page = client.get("/search?q=厂房&kind=action").get_data(as_text=True)
    assert 'value="action" selected' in page
    assert 'data-testid="search-group-meeting"' not in page
    assert f'href="/meetings/actions/{item.id}"' in page
    assert 'data-testid="search-badge"' in page  # the item's status


def test_a_cancelled_meeting_says_so(client, login, make_meeting, staff):
    from hub.meetings.models import MeetingStatus

    meeting = make_meeting("标准厂房推进会", parks=["B"])
    meeting.status = MeetingStatus.CANCELLED
    db.session.commit()
    login(staff("B"))
    page = client.get("/search?q=标准厂房&kind=meeting").get_data(as_text=True)
    assert 'data-testid="search-badge"' in page
