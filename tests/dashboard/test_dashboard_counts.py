"""The admin's notice read rate counts a notice once per park, only where it is addressed and
live; my park's action items list undated items last."""

from datetime import timedelta

from hub.extensions import db
from hub.notices.models import NoticeRead
from tests.dashboard.conftest import NOW, TODAY, action, notice
from tests.dashboard.test_dashboard import cell, dashboard, park_row, section


def _read(notice, user):
    db.session.add(NoticeRead(notice_id=notice.id, user_id=user.id, park_id=user.park_id,
                              read_at=NOW))


def test_read_rate_counts_each_addressed_live_notice_once_per_park(client, login, world,
                                                                   make_user):
    second_b = make_user(park=world.b, username="liling2")
    _read(world.n_all, second_b)  # B had read n_all already: still one notice
    _read(world.n_to_b, world.admin)  # the zone office is not in n_to_b's audience
    _read(world.n_deleted, world.staff_a)  # deleted: counts nowhere
    _read(world.n_to_a, world.staff_c)  # C is not in n_to_a's audience
    db.session.commit()
    table = section(dashboard(client, login, world.admin), "admin-parks")
    assert "(1/3)" in cell(park_row(table, world.a), "read")
    assert "(2/3)" in cell(park_row(table, world.b), "read")
    assert "(0/2)" in cell(park_row(table, world.c), "read")
    assert "(0/2)" in cell(park_row(table, world.zone), "read")

    _read(world.n_all, world.admin)  # addressed to every park: now one of two
    db.session.commit()
    table = section(dashboard(client, login, world.admin), "admin-parks")
    assert cell(park_row(table, world.zone), "read").startswith("50%")


def test_read_rate_looks_at_the_last_90_days(client, login, world):
    table = section(dashboard(client, login, world.admin), "admin-parks")
    before = cell(park_row(table, world.a), "read")
    old = notice("三个月前的通知", world.zone, world.admin)
    old.published_at = NOW - timedelta(days=91)
    recent = notice("八十九天前的通知", world.zone, world.admin)
    recent.published_at = NOW - timedelta(days=89)
    db.session.flush()
    _read(old, world.staff_a)
    _read(recent, world.staff_a)
    db.session.commit()
    page = dashboard(client, login, world.admin)
    assert "published in the last 90 days" in section(page, "admin-parks")
    # before: (1/3); the recent notice adds one addressed and one read, the old one nothing
    assert "(1/3)" in before
    assert "(2/4)" in cell(park_row(section(page, "admin-parks"), world.a), "read")


def test_undated_open_items_come_last(client, login, world):
    undated = action(world.m_past, world.a, "田心无期限事项", due=None)
    later = action(world.m_past, world.a, "田心下月事项", due=TODAY.replace(day=28))
    db.session.commit()
    panel = section(dashboard(client, login, world.staff_a), "panel-actions")
    order = [panel.index(item.text) for item in (world.act_overdue, world.act_open, later)]
    assert order == sorted(order)
    assert panel.index(undated.text) > order[-1]
    assert "Open: 4" in panel
