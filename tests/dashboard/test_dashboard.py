"""The dashboard (/) of a staff user of park A, and of an admin: every panel shows park A's data
and none of park B's private data; admins get every park side by side and three SVG charts."""

import re
import xml.etree.ElementTree as ET

from tests.dashboard.conftest import NOW

SVG_NS = "{http://www.w3.org/2000/svg}"


def section(html: str, testid: str) -> str:
    match = re.search(rf'data-testid="{testid}".*?</section>', html, re.S)
    assert match, f"no section {testid}"
    return match.group(0)


def svg(html: str, chart_id: str) -> ET.Element:
    match = re.search(rf'<svg[^>]*id="{chart_id}".*?</svg>', html, re.S)
    assert match, f"no chart {chart_id}"
    return ET.fromstring(match.group(0))  # noqa: S314 - our own output: must be well-formed XML


def svg_texts(root: ET.Element) -> list[str]:
    return [el.text or "" for el in root.iter(f"{SVG_NS}text")]


def park_row(html: str, park) -> str:
    match = re.search(rf'<tr data-park-id="{park.id}">.*?</tr>', html, re.S)
    assert match, f"no row for {park.name}"
    return match.group(0)


def cell(row: str, col: str) -> str:
    match = re.search(rf'data-col="{col}">(.*?)</td>', row, re.S)
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


def dashboard(client, login, user) -> str:
    login(user)
    resp = client.get("/")
    assert resp.status_code == 200
    return resp.get_data(as_text=True)


def test_my_next_meetings_show_my_parks_reply(client, login, world):
    html = dashboard(client, login, world.staff_a)
    panel = section(html, "panel-meetings")
    assert f'href="/meetings/{world.m_joint.id}"' in panel
    joint = re.search(rf'data-meeting-id="{world.m_joint.id}".*?</li>', panel, re.S).group(0)
    assert 'data-reply="attending"' in joint  # C's "declined" is not A's reply
    declined = re.search(rf'data-meeting-id="{world.m_declined.id}".*?</li>', panel,
                         re.S).group(0)
    assert 'data-reply="declined"' in declined
    # a meeting A does not take part in, a cancelled one, a past one: absent
    for absent in (world.m_b_only, world.m_cancelled, world.m_past):
        assert absent.title not in panel
    # soonest first
    assert panel.index(world.m_joint.title) < panel.index(world.m_declined.title)


def test_meeting_without_reply_shows_not_yet(client, login, world):
    html = dashboard(client, login, world.staff_c)
    panel = section(html, "panel-meetings")
    joint = re.search(rf'data-meeting-id="{world.m_joint.id}".*?</li>', panel, re.S).group(0)
    assert 'data-reply="declined"' in joint
    other = re.search(rf'data-meeting-id="{world.m_declined.id}".*?</li>', panel, re.S).group(0)
    assert 'data-reply="pending"' in other
    assert "No reply yet" in other


def test_agenda_calls_count_my_parks_live_topics(client, login, world):
    html = dashboard(client, login, world.staff_a)
    panel = section(html, "panel-agenda")
    assert f'href="/meetings/{world.m_joint.id}/agenda"' in panel
    # two live topics of A; the withdrawn one and C's topic do not count
    assert 'data-topics="2"' in panel
    assert world.m_declined.title not in panel  # cut-off passed
    assert world.m_b_only.title not in panel  # A does not take part
    assert world.m_cancelled.title not in panel
    assert '<div class="display-6" data-testid="figure-agenda">1</div>' in html


def test_unread_notices_leave_out_other_parks_private_ones(client, login, world):
    html = dashboard(client, login, world.staff_a)
    panel = section(html, "panel-notices")
    assert 'data-testid="unread-count">2<' in panel
    assert world.n_all.title in panel and world.n_to_a.title in panel
    assert f'href="/notices/{world.n_all.id}"' in panel
    for absent in (world.n_read, world.n_to_b, world.n_draft_b, world.n_deleted):
        assert absent.title not in panel
    # another user of A has read nothing yet: three unread
    html2 = dashboard(client, login, world.staff_a2)
    assert 'data-testid="unread-count">3<' in section(html2, "panel-notices")


def test_my_parks_action_items(client, login, world):
    html = dashboard(client, login, world.staff_a)
    panel = section(html, "panel-actions")
    assert "Open: 2" in panel and "Overdue: 1" in panel
    assert f'href="/meetings/actions/{world.act_overdue.id}"' in panel
    assert world.act_open.text in panel
    assert world.act_done.text not in panel
    assert world.act_b.text not in panel
    # the most urgent (earliest due) first
    assert panel.index(world.act_overdue.text) < panel.index(world.act_open.text)
    assert 'data-testid="figure-open-actions">2<' in html
    assert 'data-testid="figure-overdue-actions">1<' in html


def test_my_parks_overdue_land_cases(client, login, world):
    html = dashboard(client, login, world.staff_a)
    panel = section(html, "panel-cases")
    assert 'data-testid="overdue-cases-count">1<' in panel
    assert f'href="/cases/{world.case_overdue.id}"' in panel
    for absent in (world.case_disposed, world.case_future, world.case_deleted, world.case_b):
        assert absent.parcel_code not in panel


def test_staff_sees_no_admin_section(client, login, world):
    html = dashboard(client, login, world.staff_a)
    assert 'data-testid="admin-parks"' not in html
    assert "<svg" not in html.split("<main", 1)[1]


def test_empty_states(client, login, app, make_park, make_user, clock):
    user = make_user(park=make_park("茶陵经开区"), username="chaling1")
    user.locale = "en"
    from hub.extensions import db

    db.session.commit()
    html = dashboard(client, login, user)
    for text in ("No meetings coming up.", "No agenda calls open.", "Nothing unread.",
                 "No open action items.", "No overdue cases."):
        assert text in html


def test_admin_sees_every_park_side_by_side(client, login, world):
    html = dashboard(client, login, world.admin)
    table = section(html, "admin-parks")
    row_a = park_row(table, world.a)
    assert world.m_joint.title in row_a and 'data-reply="attending"' in row_a
    assert cell(row_a, "open") == "2"
    assert cell(row_a, "overdue") == "1"
    assert cell(row_a, "cases") == "1"
    # A is addressed by n_all, n_to_a and n_read; someone in A read n_read
    assert cell(row_a, "read").startswith("33%") and "(1/3)" in cell(row_a, "read")
    row_b = park_row(table, world.b)
    assert world.m_b_only.title in row_b and 'data-reply="pending"' in row_b
    assert (cell(row_b, "open"), cell(row_b, "overdue"), cell(row_b, "cases")) == ("1", "1", "1")
    assert cell(row_b, "read").startswith("67%") and "(2/3)" in cell(row_b, "read")
    row_c = park_row(table, world.c)
    assert world.m_joint.title in row_c and 'data-reply="declined"' in row_c
    assert cell(row_c, "read").startswith("0%") and "(0/2)" in cell(row_c, "read")
    row_zone = park_row(table, world.zone)
    assert "No meetings coming up." in row_zone


def test_admin_charts(client, login, world):
    html = dashboard(client, login, world.admin)
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    assert " style=" not in main and "<script" not in main

    count = svg(html, "chart-cases-count")
    assert count.attrib["role"] == "img"
    assert count.find(f"{SVG_NS}title").text
    texts = svg_texts(count)
    assert "Verifying" in texts and "Suspended" in texts
    # one case in each status but 核查 has only TX-001 (TX-004 is deleted)
    assert texts.count("1 case") == 4 and "0 cases" in texts
    area = svg_texts(svg(html, "chart-cases-area"))
    assert {"23.75 mu", "12.00 mu", "5.00 mu", "8.00 mu", "0.00 mu"} <= set(area)

    actions = svg(html, "chart-actions")
    texts = svg_texts(actions)
    assert {"田心", "醴陵"} <= set(texts)
    assert "1 done / 2 open / 1 overdue" in texts
    assert "0 done / 1 open / 1 overdue" in texts
    assert {"Done", "Open, on time", "Overdue"} <= set(texts)

    rate = svg_texts(svg(html, "chart-read-rate"))
    assert {"田心", "醴陵", "经开区"} <= set(rate)
    assert "33% (1/3)" in rate and "67% (2/3)" in rate


def test_dashboard_time_follows_the_clock(client, login, world, clock):
    """Three days later the joint meeting has passed and A's open item is still on time."""
    from datetime import timedelta

    clock.move_to(NOW + timedelta(days=3))
    html = dashboard(client, login, world.staff_a)
    panel = section(html, "panel-meetings")
    assert world.m_joint.title not in panel
    assert world.m_declined.title in panel
    assert "No agenda calls open." in section(html, "panel-agenda")
