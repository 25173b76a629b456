"""督办台账: counts per park and status with the overdue marked, the same visibility as the item
list, and its `.xlsx` (read back with openpyxl) and CSV exports."""

import io
from urllib.parse import quote

import time_machine
from openpyxl import load_workbook

from hub.actions import ledger
from hub.actions.models import ActionStatus
from hub.extensions import db
from tests.actions.test_action_items import _publish

LEDGER = "/meetings/actions/ledger"
HOSTILE = "=cmd|' /C calc'!A0 经开区事项"


def _world_items(client, world, as_user):
    items = _publish(client, world, as_user, [
        (world.other, "田心逾期事项", "2026-04-30", {}),
        (world.other, "田心待审事项", "2026-06-30", {}),
        (world.other, "田心已销号事项", "2026-04-01", {}),
        (world.third, HOSTILE, "2026-06-30", {}),  # a formula-looking text
    ])
    items[1].status = ActionStatus.PENDING_REVIEW
    items[2].status = ActionStatus.DONE
    items[3].status = ActionStatus.IN_PROGRESS
    db.session.commit()
    return items


def _cells(html: str, testid: str) -> list[str]:
    row = html.split(f'data-testid="{testid}"')[1].split("</tr>")[0]
    return [c.split(">", 1)[1].split("<")[0].strip() for c in row.split("<td")[1:]]


def test_ledger_counts_and_visibility(client, world, as_user):
    items = _world_items(client, world, as_user)
    with time_machine.travel("2026-05-10T02:00:00Z", tick=False):
        as_user(world.admin)
        html = client.get(LEDGER).get_data(as_text=True)
        # park, 未开始, 进行中, 办结待审, 已完成, overdue, total
        assert _cells(html, f"ledger-park-{world.other.id}")[1:] == ["1", "0", "1", "1", "1", "3"]
        assert _cells(html, f"ledger-park-{world.third.id}")[1:] == ["0", "1", "0", "0", "0", "1"]
        assert _cells(html, "ledger-total") == ["合计", "1", "1", "1", "1", "1", "4"]
        overdue_row = html.split(f'data-testid="ledger-item-{items[0].id}"')[1].split(">")[0]
        assert 'data-overdue="1"' in overdue_row
        done_row = html.split(f'data-testid="ledger-item-{items[2].id}"')[1].split(">")[0]
        assert "data-overdue" not in done_row
        # the zone admin's park filter narrows it like the list's
        html = client.get(f"{LEDGER}?park={world.third.id}").get_data(as_text=True)
        assert f"ledger-park-{world.other.id}" not in html and "A0 经开区事项" in html

        as_user(world.third_staff)  # a park sees its own park's items only, as in the list
        html = client.get(f"{LEDGER}?park={world.other.id}").get_data(as_text=True)
        assert "田心逾期事项" not in html and "A0 经开区事项" in html
        xlsx = client.get(f"{LEDGER}.xlsx?park={world.other.id}")
        sheet = load_workbook(io.BytesIO(xlsx.data)).worksheets[1]
        assert [r[2] for r in sheet.iter_rows(min_row=2, values_only=True)] == [HOSTILE]
        assert sheet["C2"].data_type == "s" and sheet["C2"].quotePrefix  # text, not a formula


def test_ledger_exports(client, world, as_user):
    _world_items(client, world, as_user)
    with time_machine.travel("2026-05-10T02:00:00Z", tick=False):
        as_user(world.admin)
        resp = client.get(f"{LEDGER}.xlsx")
        assert resp.status_code == 200 and resp.mimetype.endswith("spreadsheetml.sheet")
        assert "attachment;" in resp.headers["Content-Disposition"]
        # the name a Chinese user saves: 督办台账-20260510.xlsx, translated like the page
        assert quote("督办台账-20260510.xlsx") in resp.headers["Content-Disposition"]
        book = load_workbook(io.BytesIO(resp.data))
        summary, detail = book.worksheets
        rows = list(summary.iter_rows(values_only=True))
        assert rows[0] == ("责任园区", "未开始", "进行中", "办结待审", "已完成", "逾期", "合计")
        by_park = {r[0]: r[1:] for r in rows[1:]}
        assert by_park[world.other.name] == (1, 0, 1, 1, 1, 3)
        assert by_park["合计"] == (1, 1, 1, 1, 1, 4)
        lines = list(detail.iter_rows(values_only=True))
        assert lines[0][:3] == ("责任园区", "状态", "议定事项")
        texts = {r[2]: r for r in lines[1:]}
        assert set(texts) == {"田心逾期事项", "田心待审事项", "田心已销号事项", HOSTILE}
        assert texts["田心逾期事项"][7] == "是" and texts["田心待审事项"][7] == "否"
        assert texts["田心待审事项"][1] == "办结待审"
        assert texts["田心逾期事项"][6].date().isoformat() == "2026-04-30"  # a real date cell
        assert detail["G2"].number_format == 'yyyy"年"m"月"d"日"'  # shown as 2026年4月30日
        assert detail["A1"].font.b and detail.freeze_panes == "A2"

        csv = client.get(f"{LEDGER}.csv")
        assert csv.status_code == 200 and csv.mimetype == "text/csv"
        body = csv.data.decode("utf-8-sig").splitlines()
        assert body[0].startswith("责任园区,状态,议定事项")
        assert len(body) == 5 and any("'=cmd|" in line for line in body)  # CSV: the apostrophe
        [late] = [line for line in body if "田心逾期事项" in line]
        assert late.split(",")[6:8] == ["2026-04-30", "是"]


def test_ledger_page_shows_the_first_items_of_a_group_and_links_to_the_rest(
        client, world, as_user, monkeypatch):
    monkeypatch.setattr(ledger, "LEDGER_ROWS", 2)
    items = _publish(client, world, as_user, [
        (world.other, "田心第三项", "2026-06-30", {}),
        (world.other, "田心第一项", "2026-04-01", {}),
        (world.other, "田心第二项", "2026-04-15", {}),
        (world.third, "经开区唯一项", "2026-06-30", {}),
    ])
    with time_machine.travel("2026-05-10T02:00:00Z", tick=False):
        as_user(world.admin)
        html = client.get(LEDGER).get_data(as_text=True)
        # the counts are the group's, shown items or not: 3 not started, 2 of them overdue
        assert _cells(html, f"ledger-park-{world.other.id}")[1:] == ["3", "0", "0", "0", "2", "3"]
        group = html.split(f'data-testid="ledger-group-{world.other.id}"')[1].split("</section>")[0]
        assert group.index("田心第一项") < group.index("田心第二项")  # the list's order: due date
        assert "田心第三项" not in group
        assert f'data-testid="ledger-item-{items[0].id}"' not in group
        more = group.split('data-testid="ledger-more"')[0].rsplit('href="', 1)[1].split('"')[0]
        assert "另有 1 项，在督办事项列表中查看全部" in group
        assert 'data-testid="ledger-truncated"' in html
        listed = client.get(more.replace("&amp;", "&")).get_data(as_text=True)
        assert all(t in listed for t in ("田心第一项", "田心第二项", "田心第三项"))
        assert "经开区唯一项" not in listed
        third = html.split(f'data-testid="ledger-group-{world.third.id}"')[1].split("</section>")[0]
        assert "经开区唯一项" in third and "ledger-more" not in third
        # the exports hold every item
        sheet = load_workbook(io.BytesIO(client.get(f"{LEDGER}.xlsx").data)).worksheets[1]
        texts = {r[2] for r in sheet.iter_rows(min_row=2, values_only=True)}
        assert {"田心第一项", "田心第二项", "田心第三项", "经开区唯一项"} <= texts
