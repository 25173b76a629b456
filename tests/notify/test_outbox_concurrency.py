"""Two scheduler ticks at the same moment, each in its own thread, app context and database
session (SQLite: BEGIN IMMEDIATE; PostgreSQL: FOR UPDATE SKIP LOCKED): each delivery once."""

import threading
from datetime import UTC, datetime

from hub.extensions import db
from hub.notify import outbox, sender
from hub.notify.models import Channel, Delivery, DeliveryState, Notification

NOW = datetime(2026, 3, 10, 1, 0, tzinfo=UTC)


def run_concurrently(app, n: int = 2) -> list:
    barrier = threading.Barrier(n)
    results, errors = [], []

    def run():
        with app.app_context():
            try:
                barrier.wait(timeout=10)
                results.append(sender.tick(NOW))
            except Exception as exc:  # noqa: BLE001 - reported below
                errors.append(exc)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    return results


def test_concurrent_ticks_send_each_delivery_once(app, make_user, make_park, smtp_sink,
                                                  mail_to):
    mail_to(smtp_sink)
    app.config["HUB_SEND_BATCH"] = 4  # many small claims, so the two ticks interleave
    park = make_park()
    users = [make_user(park=park) for _ in range(15)]
    for i, user in enumerate(users):
        for channel in (Channel.EMAIL, Channel.INAPP):
            outbox.enqueue("test.note", channel=channel, object_type="meeting", object_id=i + 1,
                           due_at=NOW, user_id=user.id, occurrence_key="k", offset_minutes=60)
    db.session.commit()

    results = run_concurrently(app)

    assert sum(r.sent for r in results) == 30
    assert all(r.failed == 0 for r in results)
    counts = smtp_sink.by_message_id()
    assert len(counts) == 15 and set(counts.values()) == {1}
    assert sorted(m["rcpt_tos"][0] for m in smtp_sink.messages) == sorted(u.email for u in users)
    db.session.expire_all()
    assert db.session.execute(db.select(db.func.count(Notification.id))).scalar() == 15
    states = db.session.execute(db.select(Delivery.state)).scalars().all()
    assert set(states) == {DeliveryState.SENT}


def test_concurrent_enqueue_of_the_same_delivery_makes_one_row(app, make_user):
    user_id = make_user().id  # the main thread's objects stay in the main thread
    barrier = threading.Barrier(3)
    made, errors = [], []

    def produce():
        with app.app_context():
            try:
                barrier.wait(timeout=10)
                made.append(outbox.enqueue("test.note", channel=Channel.INAPP,
                                           object_type="meeting", object_id=1, due_at=NOW,
                                           user_id=user_id))
                db.session.commit()
            except Exception as exc:  # noqa: BLE001 - reported below
                errors.append(exc)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=produce) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not errors, errors
    assert sorted(made) == [False, False, True]
    assert db.session.execute(db.select(db.func.count(Delivery.id))).scalar() == 1
