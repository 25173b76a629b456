"""The lease on a send batch (hub.notify.lease): renewed by its thread while the batch runs,
lost when another worker holds the row, run down when it cannot be renewed."""

import time
from datetime import timedelta

from hub.extensions import db
from hub.notify import outbox, sender
from hub.notify.lease import Lease
from hub.notify.models import Channel, Delivery, DeliveryState
from hub.timeutil import utcnow


def claimed(make_user, n: int, worker: str) -> list[int]:
    user = make_user()
    for i in range(n):
        outbox.enqueue("test.note", channel=Channel.INAPP, object_type="meeting",
                       object_id=i + 1, due_at=utcnow() - timedelta(seconds=1), user_id=user.id)
    db.session.commit()
    db.session.remove()
    return sender.claim(worker, utcnow(), n)


def until(row_id: int):
    db.session.expire_all()
    row = db.session.get(Delivery, row_id)
    db.session.rollback()
    return row.claimed_until


def test_the_lease_is_renewed_while_the_batch_runs_and_lost_to_a_new_holder(app, make_user):
    app.config["HUB_LEASE_SECONDS"] = 1.5
    first, second = claimed(make_user, 2, "me:1:aaa")
    started = time.monotonic()
    before = until(first)
    with Lease(db.engine, "me:1:aaa", [first, second], 1.5, utcnow, started) as lease:
        time.sleep(2.0)  # longer than the lease: only the renewals keep it
        assert lease.renewals >= 2
        assert lease.holds(first) and lease.holds(second)
        assert until(first) > before + timedelta(seconds=0.9)

        # another worker took the second row (as after an expiry): the next renewal drops it
        db.session.execute(db.update(Delivery).where(Delivery.id == second)
                           .values(claimed_by="other:2:bbb"))
        db.session.commit()
        time.sleep(0.8)
        assert lease.holds(first) and not lease.holds(second)
        lease.release(first)
        assert not lease.holds(first) and not lease.alive()
    row = db.session.get(Delivery, second)
    assert row.claimed_by == "other:2:bbb" and row.state is DeliveryState.SENDING


def test_a_lease_that_is_not_renewed_runs_down(app, make_user):
    [only] = claimed(make_user, 1, "me:1:aaa")
    started = time.monotonic()
    lease = Lease(db.engine, "me:1:aaa", [only], 1.5, utcnow, started)  # no renewing thread
    assert lease.holds(only) and lease.alive()
    time.sleep(1.1)  # less than a third of the lease left: no more sends
    assert not lease.holds(only) and not lease.alive()
