"""An action item (督办) is found by the text of its progress notes (migration
j1_search_action_notes), by whoever may see the item and nobody else; the hit's snippet shows
the note."""

from dataclasses import replace
from datetime import timedelta

import pytest

from hub.actions.models import ActionUpdate
from hub.extensions import db
from hub.search import services
from hub.search.kinds import KINDS
from hub.timeutil import utcnow

NOTE = "已完成标准厂房消防验收，待竣工备案"
QUERIES = ["消防", "消防验收", "竣工备案"]  # 2 characters (LIKE), 3+ (the trigram index)


def _note(item, text, actor=None):
    db.session.add(ActionUpdate(item_id=item.id, note=text, actor_id=actor))
    db.session.commit()


def test_a_note_only_term_finds_the_item_for_who_may_see_it(item_with_note, staff, admin,
                                                            found):
    item = item_with_note()
    _note(item, "已开始核查")
    _note(item, NOTE)
    item_with_note(text="另一项督办事项")  # no such note
    for q in QUERIES:
        assert found(staff("C"), q, "action") == [item.id], q  # the owner park
        assert found(staff("B"), q, "action") == [item.id], q  # taking part in the meeting
        assert found(admin, q, "action") == [item.id], q
        assert found(staff("D"), q, "action") == [], q  # neither: not through the note either


@pytest.mark.parametrize("status", ["draft", "consulting"])
def test_before_the_minutes_are_published_only_who_runs_the_meeting(status, item_with_note,
                                                                    staff, admin, found):
    item = item_with_note(status)
    _note(item, NOTE)
    for q in ("消防", "消防验收"):
        assert found(staff("A"), q, "action") == [item.id]  # the host park
        assert found(admin, q, "action") == [item.id]
        assert found(staff("B"), q, "action") == []
        assert found(staff("C"), q, "action") == []


def test_terms_may_be_in_the_item_and_in_different_notes(item_with_note, staff, found):
    item = item_with_note()
    _note(item, "消防验收合格")
    _note(item, "竣工备案已受理")
    user = staff("C")
    assert found(user, "厂房建设 消防验收 竣工备案", "action") == [item.id]
    assert found(user, "消防验收 环保督察", "action") == []  # every term must occur


def test_the_first_term_in_a_note_or_in_the_item_one_hit_each(item_with_note, staff):
    both = item_with_note(text="消防验收整改")
    _note(both, NOTE)  # the term in the item and in its note: one hit
    noted = item_with_note()
    _note(noted, NOTE)
    user = staff("C")
    for q in ("消防验收", "消防验收 厂房", "消防验收 标准厂房建设", "消防"):
        (group,) = services.search(user, q, kinds=["action"]).groups
        expected = [noted.id] if "建设" in q else [both.id, noted.id]
        assert sorted(h.id for h in group.hits) == expected, q
        assert group.total == len(expected), q


def test_action_items_count_up_to_their_own_cap(monkeypatch, item_with_note, staff):
    """Action items (and minutes) rank and count fewer matches than the other kinds: the
    newest ones, whether the term is in the item or in a note."""
    assert services.cap(KINDS["action"]) < services.MAX_MATCHES == services.cap(KINDS["notice"])
    monkeypatch.setitem(KINDS, "action", replace(KINDS["action"], max_matches=2))
    items = [item_with_note(text="消防验收整改"), item_with_note(), item_with_note(text="消防验收")]
    _note(items[1], NOTE)
    now = utcnow()
    for age, item in enumerate(reversed(items)):  # items[2] the newest, items[0] the oldest
        item.updated_at = now - timedelta(days=age)
    db.session.commit()
    user = staff("C")
    for q in ("消防验收", "消防"):
        (group,) = services.search(user, q, kinds=["action"]).groups
        assert (group.total, group.capped) == (2, True), q
        if len(q) > 2:  # 3+ characters: the newest edited (shorter: the latest created)
            assert [h.id for h in group.hits] == [items[2].id, items[1].id], q
        else:
            assert sorted(h.id for h in group.hits) == [items[1].id, items[2].id], q


def test_the_snippet_shows_the_note(item_with_note, staff):
    item = item_with_note()
    _note(item, "较早的进展")
    _note(item, NOTE)
    (group,) = services.search(staff("C"), "消防验收", kinds=["action"]).groups
    [hit] = group.hits
    assert "<mark>消防验收</mark>" in str(hit.snippet)
    assert "待竣工备案" in str(hit.snippet) and "较早的进展" not in str(hit.snippet)
    assert str(hit.title) == "推进标准厂房建设"


def test_the_index_follows_notes_edited_and_deleted(item_with_note, staff, found):
    item = item_with_note()
    _note(item, NOTE)
    user = staff("C")
    note = db.session.execute(db.select(ActionUpdate)).scalar_one()
    note.note = "环保督察整改完毕"
    db.session.commit()
    assert found(user, "消防验收", "action") == []
    assert found(user, "环保督察", "action") == [item.id]
    db.session.delete(note)
    db.session.commit()
    assert found(user, "环保督察", "action") == []


def test_the_search_page_shows_the_note(client, login, item_with_note, staff):
    item = item_with_note()
    _note(item, NOTE)
    login(staff("C"))
    page = client.get("/search?q=消防验收").get_data(as_text=True)
    assert f'href="/meetings/actions/{item.id}"' in page
    assert "已完成标准厂房<mark>消防验收</mark>" in page
    client.post("/logout")
    login(staff("D"))
    page = client.get("/search?q=消防验收").get_data(as_text=True)
    assert "消防验收" in page and f'href="/meetings/actions/{item.id}"' not in page
