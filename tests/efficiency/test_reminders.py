"""催报: parks that have not submitted by the deadline hear about it, once a day, and stop
hearing once they submit."""

from datetime import UTC, date, datetime, timedelta

from hub.auth.models import Role
from hub.efficiency import collection
from hub.efficiency.models import SubmissionStatus
from hub.extensions import db
from tests.notify.n2_world import notifications_of, sent, tick_at

DEADLINE = date(2026, 6, 10)
NINE = datetime(2026, 6, 7, 1, 0, tzinfo=UTC)  # 7 June 09:00 Shanghai: 3 days before


def test_late_parks_are_reminded_until_they_submit(app, make_user, make_enterprise, make_round,
                                                   make_park):
    rnd = make_round(2025)
    rnd.deadline = DEADLINE
    late = make_enterprise("田心高科园")
    done = make_enterprise("醴陵经开区")
    make_park("茶陵经开区")  # nothing to report: not reminded
    late_admin = make_user(park="田心高科园", role=Role.PARK_ADMIN)
    make_user(park="田心高科园")  # staff: the park admin is told
    done_admin = make_user(park="醴陵经开区", role=Role.PARK_ADMIN)
    collection.get_submission(rnd, done.park_id).status = SubmissionStatus.SUBMITTED
    db.session.commit()

    tick_at(NINE - timedelta(days=1))  # 4 days before: nothing
    assert sent("efficiency.late") == []
    tick_at(NINE)
    tick_at(NINE + timedelta(minutes=30))  # the same day again: no second reminder
    got = sent("efficiency.late")
    assert [d.user_id for d in got] == [late_admin.id]
    note = notifications_of(late_admin)[0]
    assert "田心高科园" in note.title and "2026-06-10" in note.title
    assert note.url == f"/efficiency/rounds/{rnd.id}/parks/{late.park_id}"
    assert notifications_of(done_admin) == []

    tick_at(NINE + timedelta(days=3, hours=1))  # deadline day: reminded again
    assert len(sent("efficiency.late", occurrence_key=f"{late.park_id}/2026-06-10")) == 1
    sub = collection.get_submission(rnd, late.park_id)
    sub.status = SubmissionStatus.SUBMITTED
    db.session.commit()
    tick_at(NINE + timedelta(days=4, hours=1))  # overdue, but submitted now
    assert sent("efficiency.late", occurrence_key=f"{late.park_id}/2026-06-11") == []
