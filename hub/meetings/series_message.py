"""The renderer of `meeting.series_changed` (hub.meetings.changes; the kind is declared in
hub.meetings.notifications): one message per person (and park robot) summarising what a
series change did to the occurrences that concern them — moved (old start → new start),
otherwise changed (place, title, host), added, removed — and, by mail, the iTIP parts that
bring a calendar client to exactly the app's occurrences: a METHOD:REQUEST calendar for the
changed and added ones (RECURRENCE-ID = the instance the client holds, raised
SEQUENCE) and a METHOD:CANCEL calendar for the removed ones (hub.calendar.itip.series_itip).

The message is built at send time from the payload and the meetings as they are then (a meeting
changed again meanwhile is sent in its newer state, with its newer SEQUENCE).
"""

from datetime import datetime

from flask_babel import gettext as _

from hub.calendar.itip import RemovedInstance, address, attendee_of, series_itip
from hub.extensions import db
from hub.meetings.models import Meeting, MeetingSeries
from hub.meetings.rule_words import series_words
from hub.notify.models import Channel
from hub.notify.render import (
    Skip,
    compose,
    get,
    link,
    local_text,
    locale_of,
    meeting_zone,
    path,
)

ROBOT_LINES = 6  # meetings listed per section in a robot message
MAIL_LINES = 100


def _concerns(delivery, item: dict, *, before: bool = False) -> bool:
    """Is the recipient a participant of the occurrence (`before` the change)?"""
    user = delivery.user
    prefix = "old_" if before and "old_parks" in item else ""
    parks = item.get(f"{prefix}parks") or []
    if user is None:
        return delivery.park_id in parks
    return user.park_id in parks or user.id in (item.get(f"{prefix}people") or [])


def _for_recipient(delivery, payload: dict) -> tuple[list, list, list]:
    """(changed, added, removed) as the recipient sees them: an occurrence they were taken off
    is removed for them, one they were put on is added."""
    changed, added, removed = [], [], []
    for item in payload.get("changed") or []:
        was, now = _concerns(delivery, item, before=True), _concerns(delivery, item)
        if was and now:
            if not item.get("audience_only"):
                changed.append(item)
        elif now:
            added.append({**item, "start": item["new_start"]})
        elif was:
            removed.append({**item, "start": item["new_start"]})
    added += [i for i in payload.get("added") or [] if _concerns(delivery, i)]
    removed += [i for i in payload.get("removed") or [] if _concerns(delivery, i)]
    return changed, added, removed


def _subject(reason: str, title: str, count: int) -> str:
    if reason == "created":
        return _("New meeting series: %(title)s (%(n)d meetings)", title=title, n=count)
    if reason == "deactivated":
        return _("Meeting series ended: %(title)s", title=title)
    if reason == "holidays":
        return _("Holiday arrangement moved meetings: %(title)s", title=title)
    return _("Meeting series changed: %(title)s", title=title)


def _when(value: str, tz) -> str:
    return local_text(datetime.fromisoformat(value), tz)


def _calendars(delivery, series, changed: list, added: list, removed: list):
    user = delivery.user
    ids = [i["id"] for i in (*changed, *added)]
    requests = list(db.session.execute(
        db.select(Meeting).where(Meeting.id.in_(ids), Meeting.series_id == series.id)
    ).scalars()) if ids else []
    requests.sort(key=lambda m: m.rid)
    cancels = [RemovedInstance(uid=series.uid, rid=datetime.fromisoformat(i["rid"]),
                               sequence=int(i["sequence"]), title=i["title"],
                               starts_at=datetime.fromisoformat(i["start"]),
                               ends_at=datetime.fromisoformat(i["end"]),
                               timezone=i["timezone"], location=i.get("location") or "")
               for i in removed]
    return series_itip(requests, cancels, locale=locale_of(delivery),
                       attendees=attendee_of(user, [m.id for m in requests]),
                       attendee=address(user))


def render(delivery):
    series = get(MeetingSeries, delivery.object_id)
    payload = delivery.payload or {}
    changed, added, removed = _for_recipient(delivery, payload)
    if not (changed or added or removed):
        raise Skip("no occurrence of this recipient changed")
    tz = meeting_zone(series)  # the series' time zone, else the site's
    moved = [{"old": _when(i["old_start"], tz), "new": _when(i["new_start"], tz),
              "old_location": i.get("old_location") or "",
              "new_location": i.get("new_location") or ""} for i in changed]
    reason = payload.get("reason") or "edited"
    calendars = None
    if delivery.user is not None and getattr(delivery, "channel", None) in (None, Channel.EMAIL):
        calendars = _calendars(delivery, series, changed, added, removed)
    # a robot message must stay short (企业微信: 2048 bytes): the first few of each list
    cap = ROBOT_LINES if delivery.user is None else MAIL_LINES
    added_text = [_when(i["start"], tz) for i in added]
    removed_text = [_when(i["start"], tz) for i in removed]
    return compose(
        delivery, _subject(reason, series.title, len(added)),
        path("meetings.series_detail", series_id=series.id),
        {"series": series, "series_rule": series_words(series), "reason": reason,
         "moved": moved[:cap],
         "added": added_text[:cap], "removed": removed_text[:cap],
         "more": {"moved": max(0, len(moved) - cap), "added": max(0, len(added) - cap),
                  "removed": max(0, len(removed) - cap)},
         "location": series.location, "online_url": series.online_url,
         "series_link": link("meetings.series_detail", series_id=series.id)},
        calendars=calendars)
