"""The figures of a park's dashboard as the cheaper statements count them (issue 16): open and
overdue items leave out the decisions of minutes not yet published, whatever their status; the
unread count stops at "99+" and the panel lists the newest five."""

from datetime import timedelta

import pytest

from hub.actions import queries as action_queries
from hub.actions.models import ActionStatus
from hub.extensions import db
from hub.meetings.models import Minutes, MinutesStatus
from tests.dashboard.conftest import NOW, TODAY, action, meeting, notice
from tests.dashboard.test_dashboard import dashboard, section


def figures(client, login, user) -> tuple[str, str]:
    html = dashboard(client, login, user)
    panel = section(html, "panel-actions")
    return (panel.split("Open: ")[1].split("<")[0], panel.split("Overdue: ")[1].split("<")[0])


@pytest.mark.parametrize("status", [MinutesStatus.DRAFT, MinutesStatus.CONSULTING])
def test_items_of_unpublished_minutes_count_once_published(client, login, world, status):
    assert figures(client, login, world.staff_a) == ("2", "1")
    later = meeting("田心专题会", world.a, [world.a], starts_in=timedelta(days=-10))
    for k in range(3):
        action(later, world.a, f"田心待签发事项{k}", due=TODAY - timedelta(days=k),
               status=ActionStatus.IN_PROGRESS)  # due today (k=0) is not overdue
    action(later, world.a, "田心无期限待签发事项", due=None)
    action(later, world.a, "田心已完成待签发事项", due=TODAY - timedelta(days=9),
           status=ActionStatus.DONE)
    action(later, world.b, "醴陵待签发事项", due=TODAY - timedelta(days=3))
    db.session.flush()
    minutes = Minutes(meeting_id=later.id, body="纪要", revision=1, status=status)
    db.session.add(minutes)
    db.session.commit()
    assert figures(client, login, world.staff_a) == ("2", "1")  # not followed yet

    minutes.status = MinutesStatus.PUBLISHED
    minutes.published_at = NOW
    db.session.commit()
    assert figures(client, login, world.staff_a) == ("6", "3")
    for park in (world.a, world.b, world.c, world.zone):  # the same numbers as the GROUP BY
        expected = action_queries.counts_by_park(TODAY, [park.id]).get(
            park.id, {"open": 0, "overdue": 0})
        got = action_queries.open_counts(park.id, TODAY)
        assert got == {"open": expected["open"], "overdue": expected["overdue"]}


def test_unread_count_stops_at_99_plus_and_lists_the_newest_five(client, login, world):
    made = []
    for k in range(101):
        n = notice(f"批量通知{k:03d}", world.zone, world.admin, audience=[world.a])
        n.published_at = NOW - timedelta(hours=k + 1)  # newer than the world's notices
        made.append(n)
    db.session.commit()
    panel = section(dashboard(client, login, world.staff_a), "panel-notices")
    assert 'data-testid="unread-count">99+<' in panel
    shown = [n.title for n in made if n.title in panel]
    assert shown == [f"批量通知{k:03d}" for k in range(5)]
    assert panel.index("批量通知000") < panel.index("批量通知004")
