"""Domain events: services say what happened; subscribers (hub.notify) turn that into deliveries.

Handlers run synchronously inside the caller's transaction, so whatever they add (outbox rows)
commits or rolls back together with the change itself. Mail is sent later by the scheduler.

Kinds in use (payload keyword arguments):
    notice.published        notice, by
    notice.reminded         notice, park_ids, to_sign, day, by   (催阅 / 催签 of lagging parks)
    meeting.created         meeting, by
    meeting.changed         meeting, by, changes     (moved in time or place, host changed)
    meeting.cancelled       meeting, by, reason
    series.changed          series, change, by       (hub.meetings.changes.SeriesChange: future
                                                       occurrences changed, added, removed)
    minutes.sent            minutes, by              (out for comment, 征求意见)
    minutes.published       minutes, by
    action.assigned         item, by
"""

from collections import defaultdict
from collections.abc import Callable

KINDS = frozenset({
    "notice.published", "notice.reminded", "meeting.created", "meeting.changed",
    "meeting.cancelled", "series.changed", "minutes.sent", "minutes.published", "action.assigned",
})

_handlers: dict[str, list[Callable]] = defaultdict(list)


class UnknownEvent(LookupError):
    """An event kind not in KINDS: a typo would otherwise reach nobody, silently."""


def subscribe(kind: str, handler: Callable) -> None:
    if kind not in KINDS:
        raise UnknownEvent(kind)
    if handler not in _handlers[kind]:
        _handlers[kind].append(handler)


def emit(kind: str, **payload) -> None:
    if kind not in KINDS:
        raise UnknownEvent(kind)
    for handler in list(_handlers[kind]):
        handler(**payload)
