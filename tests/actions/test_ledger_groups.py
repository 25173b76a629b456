"""督办台账 as the zone office sees it: every park's groups, the exact counts, each group's first
items in the item list's order (undated last, the newer of two items due the same day first),
the "另有 N 项" link, decisions of unpublished minutes left out; and the exports, read back cell
by cell, equal to what the items themselves say (the rows the export reads from the database
hold the same values as the entities the list loads)."""

import io
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from openpyxl import load_workbook

from hub.actions import ledger
from hub.actions.listing import ItemFilter, list_query
from hub.actions.models import ActionItem, ActionStatus
from hub.actions.services import is_overdue
from hub.extensions import db
from hub.meetings.models import Meeting, Minutes, MinutesStatus
from hub.timeutil import format_datetime, to_local
from tests.actions.test_ledger import _cells

LEDGER = "/meetings/actions/ledger"
TODAY = date(2026, 5, 10)
NS, IP, PR, DONE = (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS,
                    ActionStatus.PENDING_REVIEW, ActionStatus.DONE)


@pytest.fixture
def items(world):
    """Items of the world's meeting (minutes published) in two parks, and of a second meeting
    whose minutes are a draft (not followed: on no ledger)."""
    db.session.add(Minutes(meeting=world.meeting, status=MinutesStatus.PUBLISHED, body="纪要"))
    start = datetime(2026, 4, 14, 1, 30, tzinfo=UTC)
    draft = Meeting(title="四月例会", starts_at=start, ends_at=start + timedelta(hours=1),
                    location="田心", host_park=world.host, parks=[world.host, world.other])
    db.session.add_all([draft, Minutes(meeting=draft, status=MinutesStatus.DRAFT, body="草稿")])
    made = {}

    def add(name, park, status, due, meeting=world.meeting, **extra):
        made[name] = ActionItem(meeting=meeting, text=name, owner_park_id=park.id,
                                status=status, due_date=due, **extra)
        db.session.add(made[name])
        db.session.flush()  # ids in creation order: the later of two, the newer

    add("田心无期限", world.other, NS, None)
    add("田心四月一日旧", world.other, NS, date(2026, 4, 1))
    add("田心四月二十日", world.other, NS, date(2026, 4, 20), assignee_id=world.other_staff.id)
    add("田心四月一日新", world.other, NS, date(2026, 4, 1))
    add("田心六月", world.other, NS, date(2026, 6, 30))
    add("田心进行中", world.other, IP, date(2026, 5, 9), extension_due=date(2026, 6, 9))
    add("田心已销号", world.other, DONE, date(2026, 4, 2),
        completed_at=datetime(2026, 4, 3, 8, 0, tzinfo=UTC))
    add("经开区待审", world.third, PR, date(2026, 7, 1), assignee_id=world.third_staff.id)
    add("田心草稿纪要事项", world.other, NS, date(2026, 4, 1), meeting=draft)
    db.session.commit()
    return made


def _section(html: str, park) -> str:
    return html.split(f'data-testid="ledger-group-{park.id}"')[1].split("</section>")[0]


def test_zone_office_sees_every_park_with_exact_counts_and_the_first_items_in_order(
        client, world, items, as_user, monkeypatch):
    monkeypatch.setattr(ledger, "LEDGER_ROWS", 3)
    with time_machine.travel("2026-05-10T02:00:00Z", tick=False):
        as_user(world.admin)
        html = client.get(LEDGER).get_data(as_text=True)
    # park, 未开始, 进行中, 办结待审, 已完成, overdue, total: the draft minutes' item is not counted
    assert _cells(html, f"ledger-park-{world.other.id}")[1:] == ["5", "1", "0", "1", "4", "7"]
    assert _cells(html, f"ledger-park-{world.third.id}")[1:] == ["0", "0", "1", "0", "0", "1"]
    assert _cells(html, "ledger-total") == ["合计", "5", "1", "1", "1", "4", "8"]
    other = _section(html, world.other)
    assert "田心草稿纪要事项" not in html
    # the first three not started: by due date, the newer of the two due on 4月1日 first
    shown = ["田心四月一日新", "田心四月一日旧", "田心四月二十日"]
    assert [other.index(t) for t in shown] == sorted(other.index(t) for t in shown)
    assert "田心六月" not in other and "田心无期限" not in other
    assert "另有 2 项，在督办事项列表中查看全部" in other
    assert other.count('data-testid="ledger-more"') == 1  # the other groups are whole
    assert "用户" in other.split("田心四月二十日")[1].split("</tr>")[0]  # its assignee's name
    third = _section(html, world.third)
    assert "经开区待审" in third and "ledger-more" not in third
    assert html.index(f"ledger-group-{world.third.id}") < html.index(
        f"ledger-group-{world.other.id}")  # parks by name: 株洲经开区 before 田心高科园


def test_each_group_is_the_head_of_the_lists_order(app, world, items):
    """The page's groups, for every limit, are the first items of the list filtered to that
    park and status (listing.list_query, the item list's own statement and order); the
    export's groups are the whole of it. Undated items come last."""
    whole = ledger.build(ItemFilter(), TODAY)
    for limit in (1, 2, 4, 50):
        page = ledger.overview(ItemFilter(), TODAY, limit=limit)
        assert [g.park.id for g in page.groups] == [world.third.id, world.other.id]
        for group, full in zip(page.groups, whole.groups, strict=True):
            assert group.counts == full.counts and group.overdue == full.overdue
            for status in ledger.STATUS_ORDER:
                listed = [i.id for i in db.session.execute(list_query(
                    ItemFilter(park_id=group.park.id, status=status), TODAY)).unique().scalars()]
                assert [r.id for r in full.items[status]] == listed
                assert [r.id for r in group.items[status]] == listed[:limit]
                assert group.more(status) == max(0, len(listed) - limit)
    not_started = [r.text for r in whole.groups[1].items[NS]]
    assert not_started == ["田心四月一日新", "田心四月一日旧", "田心四月二十日", "田心六月",
                           "田心无期限"]
    # the list's other filters (counted from the items, not the tally): the same rows, narrowed
    for flt in (ItemFilter(overdue=True), ItemFilter(open_only=True), ItemFilter(status=DONE),
                ItemFilter(park_id=world.third.id), ItemFilter(series_id=-1)):
        full, page = ledger.build(flt, TODAY), ledger.overview(flt, TODAY, limit=2)
        assert [(g.park.id, g.counts, g.overdue) for g in page.groups] == [
            (g.park.id, g.counts, g.overdue) for g in full.groups], flt
        assert [[r.id for r in g.items[s]] for g in page.groups for s in ledger.STATUS_ORDER] \
            == [[r.id for r in g.items[s][:2]] for g in full.groups for s in ledger.STATUS_ORDER]
    late = ledger.overview(ItemFilter(overdue=True), TODAY).groups
    assert [(g.park.id, g.total, g.overdue) for g in late] == [(world.other.id, 4, 4)]
    assert ledger.overview(ItemFilter(series_id=-1), TODAY).groups == []
    # a park's own ledger, and a status filter: the same rows, narrowed
    mine = ledger.overview(ItemFilter(park_id=world.other.id, status=NS), TODAY, limit=2)
    assert [g.park.id for g in mine.groups] == [world.other.id]
    assert mine.groups[0].counts == {NS: 5, IP: 0, PR: 0, DONE: 0}
    assert [r.text for r in mine.groups[0].items[NS]] == not_started[:2]


def _expected(today: date) -> list[list]:
    """The item sheet as the export wrote it from entities (the list's statement, every item
    with its park, meeting and assignee loaded)."""
    loaded = db.session.execute(list_query(ItemFilter(), today)).unique().scalars().all()
    rows = []
    for park in sorted({i.owner_park for i in loaded}, key=lambda p: (p.name, p.id)):
        for status in ledger.STATUS_ORDER:
            for i in (i for i in loaded if i.owner_park is park and i.status is status):
                rows.append([park.name, status, i.text, i.meeting.title,
                             to_local(i.meeting.starts_at).date(),
                             i.assignee.display_name if i.assignee else "", i.due_date,
                             is_overdue(i, today), i.extension_due, i.completed_at])
    return rows


def test_exports_hold_what_the_items_say(client, world, items, as_user):
    labels = {NS: "未开始", IP: "进行中", PR: "办结待审", DONE: "已完成"}
    with time_machine.travel("2026-05-10T02:00:00Z", tick=False):
        as_user(world.admin)
        expected = _expected(TODAY)
        book = load_workbook(io.BytesIO(client.get(f"{LEDGER}.xlsx").data))
        csv = client.get(f"{LEDGER}.csv").data.decode("utf-8-sig").splitlines()
    assert len(expected) == 8 and expected[-1][2] == "田心已销号"
    sheet = list(book.worksheets[1].iter_rows(min_row=2, values_only=True))

    def cell(v):  # read back: dates as datetimes (completed_at in local wall time), "" as None
        if v == "":
            return None
        if isinstance(v, datetime):
            return to_local(v).replace(tzinfo=None, microsecond=0)
        if isinstance(v, date):
            return datetime(v.year, v.month, v.day)
        return v

    assert sheet == [tuple(cell(v) for v in [r[0], labels[r[1]], *r[2:7],
                                             "是" if r[7] else "否", *r[8:]])
                     for r in expected]
    assert sheet[-1][9] == datetime(2026, 4, 3, 16, 0)  # 08:00 UTC, 16:00 in Beijing
    assert sheet[0][5].startswith("用户") and sheet[1][5] is None  # the assignee, or no one

    def text(v):
        if v is None:
            return ""
        return format_datetime(v) if isinstance(v, datetime) else str(v)

    assert csv[1:] == [",".join(text(v) for v in [r[0], labels[r[1]], *r[2:7],
                                                   "是" if r[7] else "否", *r[8:]])
                       for r in expected]
    summary = list(book.worksheets[0].iter_rows(min_row=2, values_only=True))
    assert summary == [("株洲经开区", 0, 0, 1, 0, 0, 1), ("田心高科园", 5, 1, 0, 1, 4, 7),
                       ("合计", 5, 1, 1, 1, 4, 8)]


# the template's loop as it was before hub.actions.ledger_views.item_rows wrote the rows
JINJA_ROWS = """{% set item_url = url_around('actions.detail', 'item_id') -%}
{% for item in items %}{% set late = is_overdue(item, today) %}
      <tr data-testid="ledger-item-{{ item.id }}"{% if late %} class="table-danger" data-overdue="1"{% endif %}>
        <td class="text-break" data-label="{{ _('Decision') }}"><a href="{{ item_url[0] }}{{ item.id }}{{ item_url[1] }}">{{ item.text }}</a></td>
        <td class="small" data-label="{{ _('Meeting') }}">{{ item.meeting_title }} · {{ item.meeting_starts_at|longdate }}</td>
        <td data-label="{{ _('Assignee') }}">{{ item.assignee_name or "—" }}</td>
        <td data-label="{{ _('Due date') }}"{% if late %} class="text-danger fw-bold"{% endif %}>{{ item.due_date|longdate or "—" }}{% if late %} <span class="badge text-bg-danger">{{ _("Overdue") }}</span>{% endif %}{% if item.extension_due %} <span class="small text-muted">→ {{ item.extension_due|longdate }}?</span>{% endif %}</td>
      </tr>
    {% endfor %}"""  # noqa: E501


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_rows_written_in_python_are_the_jinja_loops_byte_for_byte(app, world, items, lang):
    from flask import render_template_string
    from flask_babel import force_locale

    from hub.actions.ledger_views import item_rows
    from hub.i18n import locale_code
    from hub.ui import url_around

    items["田心六月"].text = '<script>alert("x")</script> & 田心\'六月\''
    db.session.commit()
    rows = [r for g in ledger.build(ItemFilter(), TODAY).groups for s in ledger.STATUS_ORDER
            for r in g.items[s]]
    assert any(r.extension_due for r in rows) and any(is_overdue(r, TODAY) for r in rows)
    assert any(r.assignee_name for r in rows) and any(r.due_date is None for r in rows)
    with app.test_request_context(), force_locale(lang):
        want = render_template_string(JINJA_ROWS, items=rows, today=TODAY,
                                      is_overdue=is_overdue)
        labels = tuple(render_template_string("{{ _(label) }}", label=t)
                       for t in ("Decision", "Meeting", "Assignee", "Due date", "Overdue"))
        url, days = url_around("actions.detail", "item_id"), {}  # the page's dates, shared
        got = "".join(item_rows(part, TODAY, labels, url, locale_code(), days)
                      for part in (rows[:4], rows[4:]))
    assert str(got) == want
    late = {"zh_CN": "逾期", "en": "Overdue"}[lang]
    assert f'<span class="badge text-bg-danger">{late}</span>' in want
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; 田心&#39;六月&#39;" in want
