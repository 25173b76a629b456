"""Statement counting and a quick bulk-made world for the query-count tests.

`world` puts `rows` (10 or 100) of every kind in, each row with its own author / assignee / park
where the model has one, so that a page which loads a relation per row shows up as more
statements at 100 rows than at 10."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from sqlalchemy import event, insert
from sqlalchemy.engine.default import CacheStats

from hub.actions.models import ActionItem, ActionStatus, ActionUpdate, action_land_case
from hub.agenda.models import AgendaTopic, Attendance, AttendanceStatus, TopicStatus
from hub.audit.models import AuditEntry
from hub.auth.models import Role, User
from hub.extensions import db
from hub.land.models import CaseEvent, CaseStatus, LandCase
from hub.meetings.models import (
    Meeting,
    MeetingSeries,
    Minutes,
    MinutesRevision,
    MinutesStatus,
    SeriesHost,
    meeting_park,
    series_park,
)
from hub.notices.models import Notice, NoticeCategory, NoticeRead, NoticeStatus, notice_audience
from hub.notify.models import Notification
from hub.parks.models import Park, ParkKind
from hub.talent.models import ListingKind, TalentListing

MONTH = (2026, 3)  # the month the meetings fall in
T0 = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)
TERM3 = "新能源"  # search terms present in every notice, case and listing
TERM2 = "补助"


class StatementCounter:
    def __init__(self):
        self.statements: list[str] = []
        # statements SQLAlchemy cannot cache (no cache key): compiled again on every request
        self.uncached: list[str] = []

    def __call__(self, conn, cursor, statement, parameters, context, executemany):
        self.statements.append(statement)
        if getattr(context, "cache_hit", None) is CacheStats.NO_CACHE_KEY:
            self.uncached.append(" ".join(statement.split())[:200])

    def get(self, client, url: str) -> int:
        """GET url (must answer 200); return the number of SQL statements it issued."""
        self.statements.clear()
        resp = client.get(url)
        assert resp.status_code == 200, (url, resp.status_code, resp.get_data(as_text=True)[:300])
        return len(self.statements)

    def report(self) -> str:
        return "\n".join(f"{i + 1:3d}. {' '.join(s.split())[:160]} … {' '.join(s.split())[-160:]}"
                         for i, s in enumerate(self.statements))


@pytest.fixture
def count_statements(app):
    counter = StatementCounter()
    event.listen(db.engine, "before_cursor_execute", counter)
    yield counter
    event.remove(db.engine, "before_cursor_execute", counter)


def add(table, rows: list[dict]) -> list[int]:
    """Core bulk INSERT … RETURNING id, in the order of `rows`."""
    if not rows:
        return []
    table = getattr(table, "__table__", table)
    if "id" not in table.c:
        db.session.execute(insert(table), rows)
        return []
    stmt = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return list(db.session.execute(stmt, rows).scalars())


def _stamps(i: int) -> dict:
    when = T0 - timedelta(hours=i)
    return {"created_at": when, "updated_at": when}


def build_world(n: int, password_hash: str, tag: str = "") -> SimpleNamespace:
    parks = add(Park, [
        {"name": f"性能园区{tag}{i}", "short_name": f"性能{tag}{i}",
         "kind": ParkKind.ZONE if i == 0 else ParkKind.PROVINCIAL, **_stamps(0)}
        for i in range(6)
    ])
    zone, mine = parks[0], parks[1]

    def user(i: int, park: int, role: Role = Role.STAFF) -> dict:
        return {"username": f"perf{tag}{i}", "display_name": f"用户{i}", "park_id": park,
                "role": role, "password_hash": password_hash,
                "email": f"perf{tag}{i}@example.test",
                "created_at": T0}

    users = add(User, [user(0, zone, Role.ADMIN), user(1, mine)]
                + [user(2 + i, parks[1 + i % 5]) for i in range(n)])
    admin, staff, people = users[0], users[1], users[2:]
    category_ids = add(NoticeCategory, [{"name": f"性能类别{tag}{i}", "position": 10 + i}
                                        for i in range(min(n, 10))])

    def owner(i):  # park and person of the i-th row
        return parks[1 + i % 5], people[i]

    notices = add(Notice, [
        {"park_id": owner(i)[0], "category_id": category_ids[i % len(category_ids)],
         "title": f"关于{TERM3}产业{TERM2}政策的通知{i}", "body": f"{TERM3}企业{TERM2}。",
         "status": NoticeStatus.PUBLISHED, "all_parks": i % 2 == 0, "author_id": owner(i)[1],
         "published_at": T0 - timedelta(hours=i), "published_by_id": owner(i)[1], **_stamps(i)}
        for i in range(n)
    ])
    add(notice_audience, [{"notice_id": nid, "park_id": p}
                          for i, nid in enumerate(notices) if i % 2 for p in (mine, parks[2])])
    add(NoticeRead, [{"notice_id": notices[0], "user_id": u, "park_id": owner(i)[0],
                      "read_at": T0} for i, u in enumerate(people)])

    cases = add(LandCase, [
        {"park_id": owner(i)[0], "parcel_code": f"PERF{tag}-{i:04d}",
         "location": f"{TERM3}大道{i}号",
         "area_mu": Decimal("10.50"), "holder": f"{TERM3}科技有限公司",
         "description": f"申请{TERM2}", "assignee_id": owner(i)[1], "created_by_id": owner(i)[1],
         "deadline": date(2026, 1, 1) + timedelta(days=i), "status": CaseStatus.VERIFYING,
         **_stamps(i)}
        for i in range(n)
    ])
    add(CaseEvent, [{"case_id": cases[0], "actor_id": u, "created_at": T0, "kind": "note",
                     "note": f"进展{i}", "changes": {}} for i, u in enumerate(people)])

    listings = add(TalentListing, [
        {"park_id": owner(i)[0], "kind": ListingKind.DEMAND, "title": f"{TERM3}工程师{i}",
         "field": TERM3, "enterprise": f"{TERM3}企业{i}", "contact_person": "王工",
         "description": f"享受{TERM2}", "expires_on": date(2099, 1, 1),
         "created_by_id": owner(i)[1], **_stamps(i)}
        for i in range(n)
    ])

    series = add(MeetingSeries, [{
        "title": "性能联席会议", "rrule": "FREQ=DAILY", "start_date": date(*MONTH, 1),
        "start_time": datetime.min.time(), "created_by_id": admin, **_stamps(0)}])[0]
    add(series_park, [{"series_id": series, "park_id": p} for p in parks])
    add(SeriesHost, [{"series_id": series, "position": i, "park_id": p}
                     for i, p in enumerate(parks[1:])])
    meetings = add(Meeting, [
        {"series_id": series if i % 2 else None,
         "original_start": T0 + timedelta(hours=6 * i) if i % 2 else None,
         "title": f"性能会议{i}", "starts_at": T0 + timedelta(hours=6 * i),
         "ends_at": T0 + timedelta(hours=6 * i + 2), "host_park_id": owner(i)[0],
         "created_by_id": owner(i)[1], **_stamps(0)}
        for i in range(n)
    ])
    add(meeting_park, [{"meeting_id": m, "park_id": p} for m in meetings for p in parks])
    meeting = meetings[0]
    add(AgendaTopic, [{"meeting_id": meeting, "park_id": owner(i)[0],
                       "submitted_by_id": owner(i)[1], "title": f"议题{i}", "position": i,
                       "status": TopicStatus.ACCEPTED, **_stamps(i)} for i in range(n)])
    add(Attendance, [{"meeting_id": meeting, "park_id": p, "status": AttendanceStatus.ATTENDING,
                      "replied_by_id": people[i], "replied_at": T0, "present": True,
                      "recorded_by_id": admin, "recorded_at": T0}
                     for i, p in enumerate(parks)])
    minutes = add(Minutes, [{"meeting_id": meeting, "body": "# 纪要\n\n议定事项。", "revision": 2,
                             "status": MinutesStatus.PUBLISHED, "signed_by_id": admin,
                             "published_at": T0, **_stamps(0)}])[0]
    add(MinutesRevision, [{"minutes_id": minutes, "number": k, "body": "纪要", "author_id": admin,
                           "created_at": T0} for k in (1, 2)])
    items = add(ActionItem, [
        {"meeting_id": meeting, "position": i, "text": f"议定事项{i}", "owner_park_id": mine,
         "assignee_id": people[i], "due_date": date(2026, 4, 1) + timedelta(days=i),
         "status": ActionStatus.IN_PROGRESS, "created_by_id": admin, **_stamps(i)}
        for i in range(n)
    ])
    add(ActionUpdate, [{"item_id": items[0], "actor_id": u, "created_at": T0,
                        "from_status": ActionStatus.NOT_STARTED,
                        "to_status": ActionStatus.IN_PROGRESS, "note": f"进展{i}"}
                       for i, u in enumerate(people)])
    add(action_land_case, [{"action_item_id": items[0], "land_case_id": c} for c in cases])
    add(AuditEntry, [{"created_at": T0 - timedelta(minutes=i), "actor_id": owner(i)[1],
                      "park_id": owner(i)[0], "action": "update", "object_type": "notice",
                      "object_id": notices[i], "summary": f"通知{i}", "changes": {}}
                     for i in range(n)])
    add(Notification, [{"user_id": staff, "kind": "notice.published", "title": f"新通知{i}",
                        "body": "请查阅", "url": f"/notices/{notices[i]}",
                        "created_at": T0 - timedelta(minutes=i), "read_at": None if i % 2 else T0}
                       for i in range(n)])
    db.session.commit()
    return SimpleNamespace(admin=admin, staff=staff, notice=notices[0], case=cases[0],
                           listing=listings[0], meeting=meeting, item=items[0])
