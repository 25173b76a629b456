"""iCalendar files of meetings, built with `icalendar`.

- `meeting_ics(meeting, method=None, attendee=None)`: one occurrence as an iTIP message
  (METHOD:REQUEST, or METHOD:CANCEL with STATUS:CANCELLED for a cancelled one), for the download
  and the meeting mails. A series occurrence carries the series' UID and RECURRENCE-ID =
  `meeting.rid` (the original start the occurrence had when it was made, never re-keyed, so a
  client always updates the instance it already holds); SEQUENCE = meeting.sequence. The mails
  name their recipient as ATTENDEE (RFC 5546 wants one in a REQUEST) with the PARTSTAT of the
  recipient's park's attendance reply (`hub.calendar.itip.attendee_of`).
- `hub.calendar.itip.series_itip(requests, cancels, …)`: the iTIP parts of a series change
  (hub.meetings.changes): one METHOD:REQUEST calendar with a VEVENT per changed or added
  occurrence, one METHOD:CANCEL calendar with a VEVENT per removed one.
- `feed_ics(user, now)`: a user's private feed of the meetings they may see, from 90 days ago to
  the horizon. A series is ONE master VEVENT whose recurrence set is exactly its materialized
  occurrences' RECURRENCE-IDs: DTSTART = the first, RDATE = all of them, the first included
  (Mozilla's ical.js, Thunderbird's library, drops DTSTART from a DTSTART+RDATE set otherwise;
  no RRULE: holiday moves and skips make the rule inexact) — plus an overriding VEVENT
  (RECURRENCE-ID) for EVERY occurrence, so each instance carries its own time, place, status
  and host park. One-off meetings are plain VEVENTs.

Both need an app context (config, URLs); no request is needed.
"""

import hashlib
import secrets
from collections import defaultdict
from contextlib import nullcontext
from datetime import date, datetime, timedelta
from functools import lru_cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from flask import current_app, has_request_context, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from icalendar import Calendar, Event, Timezone, vCalAddress, vText
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from hub import audit
from hub import permissions as perm
from hub.extensions import db
from hub.meetings import holiday_notes
from hub.meetings.models import CalendarFeed, Meeting, MeetingSeries
from hub.parks.models import Park, ParkKind
from hub.timeutil import utcnow

PRODID = "-//Park Hub//Joint meetings//ZH"
FEED_PAST_DAYS = 90


# --- URLs (with or without a request) ---------------------------------------------------------
def _external_url(endpoint: str, **values) -> str:
    if has_request_context() or current_app.config.get("SERVER_NAME"):
        return url_for(endpoint, _external=True, **values)
    base = urlsplit(current_app.config.get("HUB_BASE_URL") or "http://localhost")
    adapter = current_app.url_map.bind(base.netloc or "localhost", url_scheme=base.scheme
                                       or "http", script_name=base.path or "/")
    return adapter.build(endpoint, values, force_external=True)


def _endpoint_arg(endpoint: str) -> str | None:
    if endpoint not in current_app.view_functions:
        return None
    rule = next(current_app.url_map.iter_rules(endpoint))
    return next(iter(rule.arguments), "meeting_id")


def meeting_page_url(meeting: Meeting) -> str:
    for endpoint in ("meetings.detail", "agenda.page"):
        arg = _endpoint_arg(endpoint)
        if arg:
            return _external_url(endpoint, **{arg: meeting.id})
    return ""


def series_page_url(series) -> str:
    if "meetings.series_detail" in current_app.view_functions:
        return _external_url("meetings.series_detail", series_id=series.id)
    if "meetings.index" in current_app.view_functions:
        return _external_url("meetings.index")
    return ""


# --- building blocks --------------------------------------------------------------------------
def _zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or current_app.config["HUB_TIMEZONE"])
    except (KeyError, ValueError):
        return ZoneInfo(current_app.config["HUB_TIMEZONE"])


def series_zone(meeting: Meeting) -> ZoneInfo:
    """Times of an occurrence are written in its series' time zone."""
    return _zone(meeting.series.timezone if meeting.series is not None else meeting.timezone)


def _organizer() -> vCalAddress:
    sender = current_app.config.get("MAIL_DEFAULT_SENDER") or "parkhub@localhost"
    if isinstance(sender, (tuple, list)):
        sender = sender[-1]
    if "<" in sender:
        sender = sender.split("<", 1)[1].rstrip(">").strip()
    office = db.session.execute(select(Park.name).where(Park.kind == ParkKind.ZONE)
                                .order_by(Park.id).limit(1)).scalar()
    address = vCalAddress(f"mailto:{sender}")
    address.params["CN"] = vText(office or "Park Hub")
    return address


def _description(meeting: Meeting, url: str) -> str:
    parts = []
    if meeting.description:
        parts.append(meeting.description.strip())
    if meeting.is_cancelled and meeting.cancel_reason:
        parts.append(_("Cancelled: %(reason)s", reason=meeting.cancel_reason))
    if note := holiday_notes.text_of(meeting):
        parts.append(note)
    if meeting.host_park is not None:
        parts.append(_("Host: %(park)s", park=meeting.host_park.name))  # 轮值主持
    if meeting.online_url:
        parts.append(_("Online: %(url)s", url=meeting.online_url))
    if url:
        parts.append(_("Meeting page: %(url)s", url=url))
    return "\n\n".join(parts)


def _times(event: Event, start: datetime, end: datetime, tz: ZoneInfo) -> None:
    event.add("dtstart", start.astimezone(tz))
    event.add("dtend", end.astimezone(tz))


def occurrence_event(meeting: Meeting, *, stamp: datetime, organizer: vCalAddress,
                     attendee: vCalAddress | None = None) -> Event:
    """The VEVENT of one meeting (with RECURRENCE-ID when it belongs to a series)."""
    tz = series_zone(meeting)
    url = meeting_page_url(meeting)
    event = Event()
    event.add("uid", meeting.uid)
    event.add("dtstamp", stamp)
    event.add("sequence", meeting.sequence or 0)
    if meeting.rid is not None:
        event.add("recurrence-id", meeting.rid.astimezone(tz))
    _times(event, meeting.starts_at, meeting.ends_at, tz)
    event.add("summary", meeting.title)
    if meeting.location:
        event.add("location", meeting.location)
    event.add("description", _description(meeting, url))
    event.add("organizer", organizer)
    if attendee is not None:
        event.add("attendee", attendee)
    if url:
        event.add("url", url)
    event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
    return event


def _calendar(method: str | None = None, name: str | None = None) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
        cal.add("x-wr-timezone", current_app.config["HUB_TIMEZONE"])
    return cal


def _finish(cal: Calendar, moments: list[datetime]) -> bytes:
    if moments:
        first = min(moments).date() - timedelta(days=366)
        last = max(moments).date() + timedelta(days=366)
        # Calendar.add_missing_timezones, with each VTIMEZONE worked out once (≈ 15–25 ms each;
        # a reminder fan-out builds the .ics of many meetings)
        known = len(cal.timezones)
        for tzid in sorted(cal.get_missing_tzids()):
            timezone = _vtimezone(tzid, first, last)
            if timezone is not None:
                cal.subcomponents.insert(known, timezone)
                known += 1
    return cal.to_ical()


@lru_cache(maxsize=64)
def _vtimezone(tzid: str, first: date, last: date) -> Timezone | None:
    try:
        return Timezone.from_tzid(tzid, first_date=first, last_date=last)
    except ValueError:  # not a known zone: left out, as add_missing_timezones does
        return None


# --- one meeting ------------------------------------------------------------------------------
def _language(locale: str | None):
    """The texts in `locale`; outside a request in the site's default language."""
    if locale is None and not has_request_context():
        locale = current_app.config.get("BABEL_DEFAULT_LOCALE", "zh_CN")
    return force_locale(locale) if locale else nullcontext()


def meeting_ics(meeting: Meeting, method: str | None = None, *,
                locale: str | None = None, attendee: vCalAddress | None = None) -> bytes:
    """One meeting as an iCalendar file: METHOD:REQUEST, or METHOD:CANCEL when it is cancelled
    (or `method` given explicitly). `locale` (e.g. a mail recipient's) sets the language of the
    description; by default the request's, or the site's outside a request. `attendee`: the
    recipient (see attendee_of)."""
    method = method or ("CANCEL" if meeting.is_cancelled else "REQUEST")
    cal = _calendar(method)
    with _language(locale):
        event = occurrence_event(meeting, stamp=utcnow(), organizer=_organizer(),
                                 attendee=attendee)
    if method == "CANCEL" and "STATUS" in event:
        event["STATUS"] = vText("CANCELLED")
    cal.add_component(event)
    return _finish(cal, [meeting.starts_at, meeting.rid or meeting.starts_at])


# --- the personal feed ------------------------------------------------------------------------
def feed_meetings(user, now: datetime) -> list[Meeting]:
    """The meetings `user` may see (the meetings list's visibility), from 90 days ago on."""
    since = now - timedelta(days=FEED_PAST_DAYS)
    return list(db.session.execute(
        select(Meeting).where(perm.meeting_visible(user), Meeting.starts_at >= since)
        .options(selectinload(Meeting.series), selectinload(Meeting.host_park))
        .order_by(Meeting.starts_at, Meeting.id)).scalars())


def master_event(series, occurrences: list[Meeting], *, stamp: datetime,
                 organizer: vCalAddress) -> Event:
    """The series' master VEVENT: DTSTART = the first RECURRENCE-ID, RDATE = every one of them,
    the first included (ical.js loses DTSTART from a DTSTART+RDATE set without it)."""
    tz = _zone(series.timezone)
    starts = sorted({m.rid for m in occurrences})
    duration = timedelta(minutes=series.duration_minutes)
    event = Event()
    event.add("uid", series.uid)
    event.add("dtstamp", stamp)
    event.add("sequence", max((m.sequence or 0) for m in occurrences))
    _times(event, starts[0], starts[0] + duration, tz)
    event.add("rdate", [s.astimezone(tz) for s in starts])
    event.add("summary", series.title)
    if series.location:
        event.add("location", series.location)
    parts = [series.description.strip()] if series.description else []
    if series.online_url:
        parts.append(_("Online: %(url)s", url=series.online_url))
    page = series_page_url(series)
    if page:
        parts.append(_("Series page: %(url)s", url=page))
        event.add("url", page)
    event.add("description", "\n\n".join(parts))
    event.add("organizer", organizer)
    event.add("status", "CONFIRMED")
    return event


def feed_ics(user, now: datetime | None = None) -> bytes:
    with _language(getattr(user, "locale", None) or None):
        return _feed_ics(user, now or utcnow())


def _feed_ics(user, now: datetime) -> bytes:
    meetings = feed_meetings(user, now)
    cal = _calendar(name=_("Park Hub meetings"))
    organizer = _organizer()
    by_series: dict[int, list[Meeting]] = defaultdict(list)
    moments = []
    for meeting in meetings:
        moments.append(meeting.starts_at)
        if meeting.rid is not None:
            by_series[meeting.series_id].append(meeting)
            moments.append(meeting.rid)
        else:
            cal.add_component(occurrence_event(meeting, stamp=now, organizer=organizer))
    for rows in by_series.values():
        cal.add_component(master_event(rows[0].series, rows, stamp=now, organizer=organizer))
        # every instance explicitly: its own time, place, status and host (轮值主持)
        for meeting in rows:
            cal.add_component(occurrence_event(meeting, stamp=now, organizer=organizer))
    return _finish(cal, moments)


# --- the feed's version (HTTP caching: ETag / 304) -----------------------------------------
FEED_FORMAT = 1  # raise when what the feed writes of a meeting changes (a 304 would keep the old)


def feed_version(user, base_url: str, now: datetime | None = None) -> str:
    """A key that changes whenever `user`'s feed would change: the visible meetings of the
    window (ids: a meeting coming, going or leaving the window; versions: any edit, each
    ORM update bumps `version`), their series' versions, the parks' names and kinds (host
    and zone office names), the user (id, park, role, language) and what the app writes
    (`base_url` of the links, time zone, sender, FEED_FORMAT). One small statement of ids
    and versions instead of building the feed (see bench/results/2026-12-06-perfmeet.md)."""
    since = (now or utcnow()) - timedelta(days=FEED_PAST_DAYS)
    rows = db.session.execute(
        select(Meeting.id, Meeting.version, Meeting.series_id, MeetingSeries.version)
        .outerjoin(MeetingSeries, MeetingSeries.id == Meeting.series_id)
        .where(perm.meeting_visible(user), Meeting.starts_at >= since)
        .order_by(Meeting.id)).all()
    parks = db.session.execute(select(Park.id, Park.name, Park.kind).order_by(Park.id)).all()
    digest = hashlib.sha256(repr((
        FEED_FORMAT, user.id, user.park_id, str(user.role), getattr(user, "locale", None),
        base_url, current_app.config.get("HUB_TIMEZONE"),
        current_app.config.get("MAIL_DEFAULT_SENDER"), [tuple(p) for p in parks],
        [tuple(r) for r in rows])).encode())
    return digest.hexdigest()[:32]


# --- feed tokens ------------------------------------------------------------------------------
def _new_token() -> str:
    return secrets.token_urlsafe(32)


def feed_of(user) -> CalendarFeed | None:
    return db.session.get(CalendarFeed, user.id)


def ensure_feed(user) -> CalendarFeed:
    """The user's feed token, created on first use (commits)."""
    feed = feed_of(user)
    if feed is not None:
        return feed
    feed = CalendarFeed(user_id=user.id, token=_new_token(), created_at=utcnow())
    db.session.add(feed)
    try:
        db.session.commit()
    except IntegrityError:  # created meanwhile by a concurrent request
        db.session.rollback()
        feed = feed_of(user)
    return feed


def renew(user) -> CalendarFeed:
    """Replace the token: the old feed URL stops working. The caller commits."""
    feed = feed_of(user)
    if feed is None:
        feed = CalendarFeed(user_id=user.id, token=_new_token(), created_at=utcnow())
        db.session.add(feed)
    else:
        feed.token = _new_token()
        feed.created_at = utcnow()
    audit.record(user, "renew", feed, {"token": ["", "new"]}, summary=user.display_name)
    return feed


def user_for_token(token: str):
    """The active user whose feed token this is, or None."""
    if not token or len(token) > 64:
        return None
    feed = db.session.execute(
        select(CalendarFeed).where(CalendarFeed.token == token)
        .options(selectinload(CalendarFeed.user))).scalar()
    if feed is None or feed.user is None or not feed.user.active:
        return None
    return feed.user


def ics_filename(meeting: Meeting) -> str:
    day = meeting.starts_at.astimezone(_zone(meeting.timezone)).date()
    return f"meeting-{meeting.id}-{day.isoformat()}.ics"

