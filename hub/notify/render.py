"""Message content: each delivery kind has a renderer `renderer(delivery) -> Rendered`, declared
with the kind by the feature it is about (hub.notify.kinds; e.g. hub.notices.notifications).

`render(delivery)` is what the sender calls. It finds the kind's renderer in the kinds registry
and runs it in the recipient's language (user.locale, else the site default zh_CN; robot
deliveries in the site default); the renderer builds its message with `compose`, which renders
the kind's templates (`templates/email/<kind>.txt` and `.html`) — the building blocks below
(`get`, `link`, `path`, `meeting_facts`, `meeting_ics`, ...) are what renderers share. A
renderer raises `Skip(reason)` when the delivery is no longer relevant at send time: the
meeting was cancelled (except for the cancellation itself), moved (the reminder's occurrence key
is no longer the meeting's start — the new start has its own reminders), or has started (a
reminder missed during downtime is not sent late); the action item is done; the notice was
withdrawn or deleted…

`Rendered.url` is the object's path on the site (relative: the in-app centre links with it); the
mail bodies carry absolute links built from HUB_BASE_URL, since the sender runs outside requests.
"""

import json
import re
import secrets
import threading
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from babel.dates import format_date
from flask import current_app, render_template
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from markupsafe import escape

from hub.extensions import db
from hub.notify import kinds
from hub.notify.models import Channel


@dataclass
class Rendered:
    subject: str
    text: str
    html: str
    url: str
    ics: bytes | None = None
    ics_method: str | None = None  # REQUEST / CANCEL
    # several iTIP parts, one per METHOD (a series change: REQUEST and CANCEL); when set, the
    # mail carries these (ics / ics_method are then the first of them)
    calendars: list[tuple[str, bytes]] | None = None
    # the subject without the mail prefix (【园区协同平台】): the title in the in-app centre,
    # which is inside the platform already; empty: the subject is used
    title: str = ""


class Skip(Exception):
    """The delivery is no longer relevant; the sender marks it skipped with `reason`."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


Renderer = Callable[[object], Rendered]


def renderer_of(kind: str) -> Renderer | None:
    """The renderer the feature declared for `kind` (hub.notify.kinds), None if unknown."""
    declared = kinds.get(kind)
    return declared.render if declared is not None else None


def locale_of(delivery) -> str:
    user = getattr(delivery, "user", None)
    if user is not None and user.locale in current_app.config["HUB_LOCALES"]:
        return user.locale
    return current_app.config.get("BABEL_DEFAULT_LOCALE") or "zh_CN"


def render(delivery) -> Rendered:
    """The message of `delivery` in its recipient's language. Raises Skip."""
    renderer = renderer_of(delivery.kind)
    if renderer is None:
        raise Skip(f"no renderer for {delivery.kind}")
    with force_locale(locale_of(delivery)):
        return renderer(delivery)


# --- per-batch cache --------------------------------------------------------------------------
_batch = threading.local()


@contextmanager
def batch():
    """Around one send batch (hub.notify.sender): each meeting's facts and each shared message
    are kept and reused for the batch's deliveries, keyed by the state of the object they were
    made from (its id and version). Without it a fan-out (one meeting, a hundred recipients)
    worked out the same text for every recipient. The objects themselves (`get`) are checked
    after every commit of the sender (`refresh`, called when deliveries are settled): a meeting
    moved while its reminders go out is not reminded with the old text once the move committed."""
    if getattr(_batch, "cache", None) is not None:  # within a batch already (reentrant)
        yield
        return
    _batch.cache = {}
    _batch.generation = 0
    _batch.versions = {}
    try:
        yield
    finally:
        _batch.cache = None


def refresh(meeting_versions: dict[int, int] | None = None) -> None:
    """The sender committed (settled deliveries). `meeting_versions`: {meeting id: version} as
    the settle read them (hub.notify.settle.Done). After it, `get` reuses a meeting it holds only
    when its version is the one just read; anything else it reads again."""
    _batch.generation = getattr(_batch, "generation", 0) + 1
    _batch.versions = meeting_versions or {}


def _cached(key: tuple, make):
    cache = getattr(_batch, "cache", None)
    if cache is None:
        return make()
    if key not in cache:
        cache[key] = make()
    return cache[key]


# --- links ------------------------------------------------------------------------------------
def _adapter():
    """Bound to HUB_BASE_URL; made once per send batch (binding costs more than building)."""
    base_url = current_app.config.get("HUB_BASE_URL") or "http://127.0.0.1:5000"
    return _cached(("adapter", base_url), lambda: _bind(base_url))


def _bind(base_url: str):
    base = urlsplit(base_url)
    return current_app.url_map.bind(base.netloc or "127.0.0.1:5000",
                                    url_scheme=base.scheme or "http",
                                    script_name=base.path or "/")


def link(endpoint: str, **values) -> str:
    """An absolute link for mails and robot messages (HUB_BASE_URL)."""
    return _adapter().build(endpoint, values, force_external=True)


def path(endpoint: str, **values) -> str:
    """The site-relative path of a page, for the in-app centre."""
    return _adapter().build(endpoint, values)


def absolute(site_path: str) -> str:
    return (current_app.config.get("HUB_BASE_URL") or "").rstrip("/") + site_path


# --- building blocks --------------------------------------------------------------------------
def now_utc() -> datetime:
    return datetime.now(UTC)


def meeting_key(meeting) -> str:
    """The occurrence key of a meeting's reminders: its current start in UTC, ISO."""
    return meeting.starts_at.astimezone(UTC).isoformat()


def subject(text: str) -> str:
    # TRANSLATORS: prefix of every mail subject: 【园区协同平台】
    prefix = _("[Park Hub]")
    return f"{prefix} {text}"


def weekday(day: date) -> str:
    return format_date(day, "EEEE", locale=get_locale())


def day_word(day: date, today: date) -> str:
    """今天 / 明天 / 后天, else the date with its weekday."""
    delta = (day - today).days
    if delta == 0:
        return _("today")
    if delta == 1:
        return _("tomorrow")
    if delta == 2:
        return _("the day after tomorrow")
    return f"{day.isoformat()} {weekday(day)}"


def meeting_zone(meeting) -> ZoneInfo:
    try:
        return ZoneInfo(meeting.timezone or current_app.config["HUB_TIMEZONE"])
    except (KeyError, ValueError):
        return ZoneInfo(current_app.config["HUB_TIMEZONE"])


def local_text(moment: datetime | None, tz: ZoneInfo) -> str:
    if moment is None:
        return ""
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def state_of(obj) -> tuple:
    """What identifies an object's state in the batch caches: its id and version (bumped by
    every ORM update, hub.models_base), for a meeting also its time, status and place."""
    extra = tuple(getattr(obj, name, None) for name in (
        "starts_at", "ends_at", "status", "location", "online_url", "title", "host_park_id",
        "sequence"))
    return (type(obj).__name__, obj.id, getattr(obj, "version", None), *extra)


def meeting_facts(meeting) -> dict:
    """What every meeting message shows: when (in the meeting's time zone), where, who hosts.
    Worked out once per meeting state and language in a send batch."""
    return _cached(("facts", state_of(meeting), str(get_locale())),
                   lambda: _meeting_facts(meeting))


def _meeting_facts(meeting) -> dict:
    tz = meeting_zone(meeting)
    start, end = meeting.starts_at.astimezone(tz), meeting.ends_at.astimezone(tz)
    today = now_utc().astimezone(tz).date()
    short = f"{day_word(start.date(), today)} {start:%H:%M}"
    full = f"{start:%Y-%m-%d} {weekday(start.date())} {start:%H:%M}–"
    full += f"{end:%H:%M}" if end.date() == start.date() else f"{end:%Y-%m-%d %H:%M}"
    if (meeting.timezone or "") != current_app.config["HUB_TIMEZONE"]:
        full += f" ({meeting.timezone})"
    return {
        "meeting": meeting,
        "when_short": short,
        "when": full,
        "location": meeting.location,
        "online_url": meeting.online_url,
        "host": meeting.host_park.name if meeting.host_park is not None else "",
        "parks": "、".join(p.name for p in meeting.parks),
        "meeting_link": link("meetings.detail", meeting_id=meeting.id),
        "agenda_link": link("agenda.page", meeting_id=meeting.id),
        "cutoff": local_text(meeting.agenda_cutoff, tz),
        **_series_facts(meeting),
    }


def _series_facts(meeting) -> dict:
    """The series of an occurrence and its rule in words (每月第二个星期二 09:30), never the
    RRULE; empty for a one-off."""
    series = meeting.series if meeting.series_id is not None else None
    if series is None:
        return {"series_title": "", "series_rule": ""}
    from hub.meetings.rule_words import series_words  # the meetings package builds on notify

    return {"series_title": series.title, "series_rule": series_words(series)}


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)) + "\n"


class _SharedRecipient:
    """The recipient while a shared message is rendered (see compose): only its display name,
    as a placeholder replaced per recipient afterwards. Any other attribute is an error, not
    an empty string: the message would not be the same for every recipient."""

    def __init__(self, display_name: str):
        self.display_name = display_name

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        raise RuntimeError(f"a shared message may use recipient.display_name only, not {name}")


NAME_PLACEHOLDER = f"\x00{secrets.token_hex(6)}\x00"  # never in a name, unchanged by escaping


def _frozen(payload) -> str:
    return json.dumps(payload or {}, sort_keys=True, default=str)


def compose(delivery, subject_text: str, url: str, context: dict, *,
            ics: bytes | None = None, ics_method: str | None = None,
            calendars: list[tuple[str, bytes]] | None = None,
            shared: bool = False, vary: tuple = ()) -> Rendered:
    """Render templates/email/<kind>.{txt,html} with `context` (+ recipient and common links).

    `shared`: the renderer promises that `context` depends on the delivery only through its kind,
    object, occurrence, offset, payload and park, and the templates use the recipient only as
    recipient.display_name. Within a send batch the templates are then rendered once per
    language with a placeholder for the name, which is put in for each recipient (escaped in the
    HTML, as Jinja would) — a fan-out renders once instead of a hundred times. `vary`: what else
    the context depends on (e.g. the state of the object, text worked out at send time)."""
    kind = delivery.kind
    # the HTML part is for mail only (in-app and robot messages use the text)
    html_too = getattr(delivery, "channel", None) in (None, Channel.EMAIL)

    def full(recipient) -> dict:  # what the templates get (made only when they are rendered)
        return {**context, "recipient": recipient, "park": delivery.park,
                "is_robot": delivery.user_id is None, "prefs_link": link("notify.preferences"),
                "site_link": absolute("/"), "subject": subject_text}

    user = delivery.user
    if shared and user is not None and getattr(_batch, "cache", None) is not None:
        key = ("compose", kind, delivery.object_type, delivery.object_id,
               delivery.occurrence_key, delivery.offset_minutes, _frozen(delivery.payload),
               delivery.park_id, str(get_locale()), subject_text, html_too, vary)
        text, html = _cached(key, lambda: _templates(
            kind, full(_SharedRecipient(NAME_PLACEHOLDER)), html_too))
        name = user.display_name or ""
        text = text.replace(NAME_PLACEHOLDER, name)
        html = html.replace(NAME_PLACEHOLDER, str(escape(name)))
    else:
        text, html = _templates(kind, full(user), html_too)
    if calendars:
        ics_method, ics = calendars[0]
    return Rendered(subject=subject(subject_text), text=_tidy(text), html=html, url=url,
                    ics=ics, ics_method=ics_method, calendars=calendars or None,
                    title=subject_text)


def _templates(kind: str, context: dict, html_too: bool) -> tuple[str, str]:
    declared = kinds.get(kind)
    text, html = declared.templates if declared is not None else (
        f"email/{kind}.txt", f"email/{kind}.html")
    return (render_template(text, **context),
            render_template(html, **context) if html_too else "")


def get(model, object_id: int):
    """The object. Within a send batch it is read again after each of the sender's commits
    (see `refresh`) unless it is a meeting whose version the settle just read is the one held:
    the session keeps its objects across the sender's commits, so a held object is expired and
    read again."""
    cache = getattr(_batch, "cache", None)
    if cache is None:
        obj = db.session.get(model, object_id)
    else:
        generation = getattr(_batch, "generation", 0)
        key = ("get", model, object_id)
        held_at, obj = cache.get(key, (None, None))
        if held_at != generation:
            known = (_batch.versions.get(object_id)
                     if getattr(model, "__tablename__", "") == "meeting" else None)
            if obj is None or known is None or getattr(obj, "version", None) != known:
                if obj is not None:
                    db.session.expire(obj)
                obj = db.session.get(model, object_id)
            cache[key] = (generation, obj)
    if obj is None or getattr(obj, "deleted_at", None) is not None:
        raise Skip("deleted")
    return obj


_ICS_CACHE: dict[tuple, bytes] = {}
ICS_CACHE_SIZE = 64


def attendance_replies(meeting_id: int) -> dict[tuple[int, int], str]:
    """The parks' attendance replies to a meeting (once per send batch)."""
    from hub.calendar.itip import replies_of

    return _cached(("replies", meeting_id), lambda: replies_of([meeting_id]))


def meeting_ics(meeting, method: str, delivery) -> bytes | None:
    """The meeting's .ics in the recipient's language, the recipient named as ATTENDEE (PARTSTAT
    from their park's attendance reply); the calendar is built once per meeting state, method and
    language (building the time zone definitions is slow; a tick mails many recipients) and the
    ATTENDEE put in per recipient. None for an in-app or robot delivery: only a mail carries it
    (a reminder's in-app delivery, rendered in every site language, built it twice for nothing)."""
    from hub.calendar.itip import attendee_line, with_attendee

    if getattr(delivery, "channel", None) not in (None, Channel.EMAIL):
        return None
    user = getattr(delivery, "user", None)
    line = None
    if user is not None:
        reply = attendance_replies(meeting.id).get((meeting.id, user.park_id))
        line = attendee_line(user, reply)
    return with_attendee(_meeting_ics(meeting, method, delivery), line)


def _meeting_ics(meeting, method: str, delivery) -> bytes:
    from hub.calendar.services import meeting_ics as build

    locale = locale_of(delivery)
    key = (current_app.config["SQLALCHEMY_DATABASE_URI"], meeting.id, meeting.sequence,
           getattr(meeting, "version", None), getattr(meeting, "updated_at", None),
           meeting.starts_at, meeting.status, meeting.title, method, locale)
    if key not in _ICS_CACHE:
        if len(_ICS_CACHE) >= ICS_CACHE_SIZE:
            _ICS_CACHE.clear()
        _ICS_CACHE[key] = build(meeting, method, locale=locale)
    return _ICS_CACHE[key]
