"""Several senders in one tick (hub.notify.sender.tick, HUB_SENDERS on PostgreSQL).

Each sender is a thread with an app context of its own, hence its own database session and
connections, and runs the sender's whole loop under a worker name of its own: it claims its
batches (SELECT … FOR UPDATE SKIP LOCKED, so two senders never claim the same row), holds its
own lease, opens its own SMTP connection and settles each of its deliveries as before. To the
outbox they are simply more schedulers: nothing in the delivery guarantee changes but its count
of messages in flight — a process killed mid-send may repeat at most one message per sender.
Their waits (the SMTP server's answers, PostgreSQL's) overlap; Python's CPU work does not (one
interpreter lock), so two senders are about what a 2-core machine gains from.

Each sender counts into a TickResult of its own, added up at the end. An exception that ends a
sender (the database gone while claiming, say) is raised again once every sender finished, as
the tick of one sender raises it; the rows it held are taken over when their lease runs out.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from flask import current_app

if TYPE_CHECKING:
    from hub.notify.sender import TickResult

log = logging.getLogger("hub.notify.sender")


def side_by_side(count: int, send: Callable[[TickResult], bool], result: TickResult) -> bool:
    """Run `send(part)` in `count` threads, each with a TickResult `part` of its own, and add
    the parts into `result`. True when any sender stopped on the tick's budget."""
    from hub.notify.sender import TickResult

    app = current_app._get_current_object()
    parts = [TickResult() for _ in range(count)]
    stopped = [False] * count
    raised: list[BaseException | None] = [None] * count

    def run(number: int) -> None:
        try:
            with app.app_context():  # its own session (removed when the context ends)
                stopped[number] = send(parts[number])
        except BaseException as exc:  # noqa: BLE001 - raised again in the tick's thread
            raised[number] = exc

    threads = [threading.Thread(target=run, args=(number,), name=f"sender-{number}")
               for number in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for part in parts:
        result.add(part)
    failures = [exc for exc in raised if exc is not None]
    for exc in failures[1:]:  # the first is raised (and logged by the scheduler)
        log.error("a sender of this tick failed as well", exc_info=exc)
    if failures:
        raise failures[0]
    return any(stopped)
