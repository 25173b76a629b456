"""hub/agenda/demo.py: topics and replies on the next 一区三园联席会议, idempotent."""

from hub.agenda import demo
from hub.agenda.models import AgendaTopic, Attendance, TopicStatus
from hub.extensions import db
from hub.meetings import demo as meetings_demo
from hub.seed import seed_demo


def test_demo_seeds_the_next_joint_meeting_once(app, monkeypatch):
    monkeypatch.setattr("hub.seed.seed_features", lambda: None)
    demo.seed()  # nothing yet: no series, no error
    assert db.session.execute(db.select(AgendaTopic)).first() is None
    seed_demo(password="demo-pass-123")
    meetings_demo.seed()
    demo.seed()
    demo.seed()
    meeting = demo.next_meeting(demo.utcnow())
    topics = db.session.execute(db.select(AgendaTopic).where(
        AgendaTopic.meeting_id == meeting.id)).scalars().all()
    assert len(topics) == 3 and len({t.park_id for t in topics}) == 3
    assert [t.status for t in topics].count(TopicStatus.ACCEPTED) == 1
    assert "关于共享陶瓷产业人才库的议题" in {t.title for t in topics}
    replies = db.session.execute(db.select(Attendance)).scalars().all()
    assert len(replies) == 2 and all(r.meeting_id == meeting.id for r in replies)
