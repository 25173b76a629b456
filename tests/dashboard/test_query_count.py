"""The dashboard issues a bounded number of SQL statements, whatever the number of parks and rows:
per-park figures come from GROUP BY queries, lists are LIMITed."""

from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import event

from hub.actions.models import ActionStatus
from hub.agenda.models import AgendaTopic, Attendance, AttendanceStatus, TopicStatus
from hub.extensions import db
from hub.notices.models import NoticeRead, NoticeStatus
from hub.parks.models import ParkKind
from tests.dashboard.conftest import NOW, TODAY, action, case, meeting, notice

BOUND = 30


@contextmanager
def statements():
    seen = []

    def count(conn, cursor, statement, *args):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def add_parks(first: int, last: int, make_park, make_user) -> list:
    """Parks first..last-1, each with a user, meetings (replied, with topics), notices (read),
    a draft, action items (overdue, open, done) and overdue land cases; returns the users."""
    parks = [make_park(f"园区{i}", short_name=f"园{i}") for i in range(first, last)]
    users = [make_user(park=p, username=f"staff{i}") for i, p in zip(range(first, last), parks,
                                                                       strict=True)]
    past = meeting("上次例会", parks[0], parks, starts_in=timedelta(days=-20))
    for park, user in zip(parks, users, strict=True):
        for k in range(6):
            m = meeting(f"{park.name}会议{k}", park, parks, starts_in=timedelta(days=k + 1),
                        cutoff_in=timedelta(hours=12))
            db.session.flush()
            db.session.add(Attendance(meeting_id=m.id, park_id=park.id,
                                      status=AttendanceStatus.ATTENDING))
            db.session.add(AgendaTopic(meeting_id=m.id, park_id=park.id, title="议题",
                                       status=TopicStatus.SUBMITTED))
        for k in range(6):
            n = notice(f"{park.name}通知{k}", park, user)
            db.session.flush()
            if k % 2:
                db.session.add(NoticeRead(notice_id=n.id, user_id=user.id, park_id=park.id,
                                          read_at=NOW))
        notice(f"{park.name}草稿", park, user, status=NoticeStatus.DRAFT)
        for k in range(6):
            action(past, park, f"{park.name}事项{k}", due=TODAY + timedelta(days=k - 3))
        action(past, park, f"{park.name}已完成", due=TODAY, status=ActionStatus.DONE)
        for k in range(6):
            case(park, f"{park.short_name}-{k}", deadline=TODAY - timedelta(days=k + 1))
    db.session.commit()
    return users


def measure(client, login, user) -> int:
    client.post("/logout")
    assert login(user).status_code == 302
    with statements() as seen:
        resp = client.get("/")
    assert resp.status_code == 200
    html = resp.get_data(as_text=True)
    assert 'data-reply="attending"' in html  # the panels did find data
    return len(seen)


def test_statement_count_is_bounded_and_does_not_grow_with_parks(
        app, clock, client, login, make_park, make_user):
    zone = make_park("园区办", kind=ParkKind.ZONE)
    admin = make_user(park=zone, role="admin", username="admin1")
    staff = add_parks(0, 3, make_park, make_user)[0]
    with_3 = (measure(client, login, admin), measure(client, login, staff))

    add_parks(3, 7, make_park, make_user)  # four more parks, with their data
    with_7 = (measure(client, login, staff), measure(client, login, admin))[::-1]
    admin_html = client.get("/").get_data(as_text=True)

    assert max(with_3 + with_7) <= BOUND, (with_3, with_7)
    assert with_3 == with_7, (with_3, with_7)
    assert admin_html.count("<tr data-park-id=") == 8  # 7 parks and the zone office
