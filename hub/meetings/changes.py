"""What a series regeneration changed, and telling the participants (issue 10, observation 3).

Whenever a series' future occurrences are regenerated — the series created, edited, deactivated
or reactivated, or re-planned for a changed holiday arrangement — the occurrence set before and
after is compared and ONE event `series.changed` is emitted with the difference
(hub.notify.producers turns it into one message per person and park robot; its mail carries the
iTIP parts, hub.calendar.itip.series_itip):

- changed: occurrences still there whose time, place, title or host changed (REQUEST with the
  occurrence's RECURRENCE-ID and its raised SEQUENCE);
- added: new occurrences (REQUEST; their SEQUENCE starts at the series' `ical_sequence`, above
  any CANCEL sent for the same instance before);
- removed: occurrences gone (CANCEL with SEQUENCE one above the last one sent).

Only future occurrences count (those services.sync may touch). Plain functions; the caller
commits.

For a caller that regenerates itself (the holiday re-plan):

    before = changes.capture(series, now)
    ... services.sync(series, now=now) or its own re-planning ...
    changes.announce(series, before, now=now, by=user, reason="holidays")

or in one call: `changes.regenerate(series, now=now, by=user, reason="holidays")`.
"""

from dataclasses import dataclass, field
from datetime import datetime

from hub import events
from hub.extensions import db
from hub.meetings.models import Meeting, MeetingSeries

REASONS = ("created", "edited", "deactivated", "activated", "holidays")


@dataclass(frozen=True)
class Occurrence:
    """What a participant's calendar knows of one occurrence."""

    id: int
    rid: datetime  # RECURRENCE-ID
    starts_at: datetime
    ends_at: datetime
    title: str
    location: str
    online_url: str
    host_park_id: int | None
    cancelled: bool
    sequence: int
    timezone: str
    park_ids: tuple[int, ...]
    person_ids: tuple[int, ...]

    @classmethod
    def of(cls, m: Meeting) -> "Occurrence":
        park_ids = {p.id for p in m.parks}
        if m.host_park_id is not None:
            park_ids.add(m.host_park_id)
        return cls(id=m.id, rid=m.rid, starts_at=m.starts_at, ends_at=m.ends_at, title=m.title,
                   location=m.location or "", online_url=m.online_url or "",
                   host_park_id=m.host_park_id, cancelled=m.is_cancelled,
                   sequence=m.sequence or 0, timezone=m.timezone,
                   park_ids=tuple(sorted(park_ids)),
                   person_ids=tuple(sorted(u.id for u in m.people)))

    def differs(self, other: "Occurrence", *, audience: bool = True) -> bool:
        """Changed for its participants (with `audience`: or the participants changed)."""
        keys = ("starts_at", "ends_at", "title", "location", "online_url", "host_park_id",
                "cancelled") + (("park_ids", "person_ids") if audience else ())
        return any(getattr(self, k) != getattr(other, k) for k in keys)


@dataclass
class SeriesChange:
    series_id: int
    reason: str
    changed: list[tuple[Occurrence, Occurrence]] = field(default_factory=list)  # (old, new)
    added: list[Occurrence] = field(default_factory=list)
    removed: list[Occurrence] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.changed or self.added or self.removed)

    def park_ids(self) -> set[int]:
        return {p for o in self._all() for p in o.park_ids}

    def person_ids(self) -> set[int]:
        return {p for o in self._all() for p in o.person_ids}

    def _all(self):
        for old, new in self.changed:
            yield old
            yield new
        yield from self.added
        yield from self.removed

    def payload(self, series: MeetingSeries) -> dict:
        """JSON for the outbox (the renderer rebuilds the message from it at send time)."""
        def audience(o: Occurrence) -> dict:
            return {"parks": list(o.park_ids), "people": list(o.person_ids)}

        def iso(moment: datetime) -> str:
            return moment.isoformat()

        return {
            "series": series.id, "reason": self.reason, "title": series.title,
            # audience: parks/people now, old_parks/old_people before (a park taken off the
            # series gets a CANCEL, one put on a REQUEST)
            "changed": [{"id": new.id, "rid": iso(new.rid), "old_start": iso(old.starts_at),
                         "new_start": iso(new.starts_at), "old_location": old.location,
                         "new_location": new.location, "end": iso(new.ends_at),
                         "title": new.title, "location": new.location,
                         "timezone": new.timezone, "sequence": new.sequence, **audience(new),
                         "old_parks": list(old.park_ids), "old_people": list(old.person_ids),
                         "audience_only": not old.differs(new, audience=False)}
                        for old, new in self.changed],
            "added": [{"id": o.id, "rid": iso(o.rid), "start": iso(o.starts_at), **audience(o)}
                      for o in self.added],
            "removed": [{"rid": iso(o.rid), "start": iso(o.starts_at), "end": iso(o.ends_at),
                         "title": o.title, "location": o.location, "timezone": o.timezone,
                         "sequence": o.sequence + 1, **audience(o)} for o in self.removed],
        }


def _future_rows(series: MeetingSeries, now: datetime) -> list[Meeting]:
    from hub.meetings.services import _is_future, occurrences

    return [m for m in occurrences(series) if m.id is not None and _is_future(m, now)]


def capture(series: MeetingSeries, now: datetime) -> dict[int, Occurrence]:
    """The series' future occurrences as its participants' calendars know them."""
    if series.id is None:
        return {}
    db.session.flush()
    return {m.id: Occurrence.of(m) for m in _future_rows(series, now)}


def diff(series_id: int, before: dict[int, Occurrence], after: dict[int, Occurrence], *,
         reason: str) -> SeriesChange:
    change = SeriesChange(series_id=series_id, reason=reason)
    for mid, old in sorted(before.items(), key=lambda kv: kv[1].rid):
        new = after.get(mid)
        if new is None:
            if not old.cancelled:  # a cancelled one was told already
                change.removed.append(old)
        elif old.differs(new):
            change.changed.append((old, new))
    change.added = sorted((o for mid, o in after.items() if mid not in before and not o.cancelled),
                          key=lambda o: o.rid)
    return change


def announce(series: MeetingSeries, before: dict[int, Occurrence], *, now: datetime, by=None,
             reason: str = "edited") -> SeriesChange:
    """Compare the series' future occurrences with `before` (from `capture`) and, if anything
    changed, emit `series.changed` (one message per person; see the module doc). Also keeps the
    SEQUENCE rule: added occurrences start at series.ical_sequence, and a removal raises it above
    the CANCEL's. Returns the change (falsy when nothing changed)."""
    db.session.flush()
    rows = {m.id: m for m in _future_rows(series, now)}
    for row in rows.values():
        if row.id not in before and (row.sequence or 0) < (series.ical_sequence or 0):
            row.sequence = series.ical_sequence
    change = diff(series.id, before, {mid: Occurrence.of(m) for mid, m in rows.items()},
                  reason=reason)
    for old in change.removed:
        series.ical_sequence = max(series.ical_sequence or 0, old.sequence + 2)
    if change:
        db.session.flush()
        events.emit("series.changed", series=series, change=change, by=by)
    return change


def regenerate(series: MeetingSeries, *, now: datetime, by=None, reason: str = "edited",
               include_past: bool = False):
    """services.sync(series) with the change announced. Returns (SyncResult, SeriesChange)."""
    from hub.meetings.services import sync

    before = capture(series, now)
    result = sync(series, now=now, include_past=include_past)
    return result, announce(series, before, now=now, by=by, reason=reason)
