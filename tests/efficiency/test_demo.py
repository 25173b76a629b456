"""`hub seed-demo`'s part: ~60 enterprises, 2024 published, 2025 open with mixed reports."""

from hub.efficiency import demo
from hub.efficiency.models import Enterprise, EvalRound, Figure, Submission, SubmissionStatus
from hub.extensions import db
from hub.seed import DEMO_PARKS, ensure_park


def test_demo_data_is_complete_and_idempotent(app):
    for _code, name, short, kind, contact, phone in DEMO_PARKS:
        ensure_park(name, short, kind, contact, phone)
    db.session.commit()
    demo.seed()
    demo.seed()
    count = db.session.execute(db.select(db.func.count()).select_from(Enterprise)).scalar()
    assert count == 60
    rounds = {r.year: r for r in db.session.execute(db.select(EvalRound)).scalars()}
    assert rounds[2024].is_published and not rounds[2025].is_published
    statuses = set(db.session.execute(db.select(Submission.status).where(
        Submission.round_id == rounds[2025].id)).scalars())
    assert {SubmissionStatus.ACCEPTED, SubmissionStatus.SUBMITTED, SubmissionStatus.RETURNED,
            SubmissionStatus.FILLING} <= statuses
    grades = set(db.session.execute(db.select(Figure.grade).where(
        Figure.round_id == rounds[2024].id)).scalars())
    assert grades == {"A", "B", "C", "D"}
