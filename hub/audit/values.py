"""How stored values read in the UI: the one place that turns audit-log values and outbox objects
into what people understand (enum labels, 是/否, names instead of ids, local times, titles).

Enum labels stay where each feature defines them; ENUM_LABELS below only says where to find them.
"""

import enum
import importlib
import re
from datetime import date, datetime
from functools import cache

from flask import g, has_request_context, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import Date, DateTime, Time
from sqlalchemy import Enum as SAEnum

from hub.extensions import db
from hub.timeutil import long_date, long_datetime, month_title, zone_label

EMPTY = "—"

# (module, name of the {EnumMember: label} dict) — each feature's existing UI labels
ENUM_LABELS = [
    ("hub.admin.forms", "PARK_KIND_LABELS"), ("hub.admin.forms", "ROLE_LABELS"),
    ("hub.agenda.forms", "TOPIC_STATUS_LABELS"), ("hub.agenda.forms", "ATTENDANCE_LABELS"),
    ("hub.projects.models", "STAGE_LABELS"), ("hub.projects.models", "MEASURE_LABELS"),
    ("hub.actions.forms", "STATUS_LABELS"),
    ("hub.meetings.forms", "HOLIDAY_LABELS"), ("hub.meetings.forms", "STATUS_LABELS"),
    ("hub.talent.models", "KIND_LABELS"), ("hub.talent.models", "EDUCATION_LABELS"),
    ("hub.talent.models", "STATUS_LABELS"),
    ("hub.land.models", "PROBLEM_LABELS"), ("hub.land.models", "DISPOSAL_LABELS"),
    ("hub.land.models", "STATUS_LABELS"),
    ("hub.powers.models", "MODE_LABELS"), ("hub.powers.models", "STATUS_LABELS"),
    ("hub.minutes.forms", "CONFIRMATION_LABELS"),
    ("hub.minutes.views.common", "MINUTES_STATUS_LABELS"),
    ("hub.notices.forms", "STATUS_LABELS"), ("hub.notices.forms", "URGENCY_LABELS"),
    ("hub.notify.centre_forms", "PROVIDER_LABELS"),
    ("hub.efficiency.messages", "SUBMISSION_STATUS_LABELS"),
    ("hub.efficiency.messages", "ROUND_STATUS_LABELS"),
]
# (module, name of a {value string: label} dict, module and name of its enum class)
VALUE_LABELS = [
    ("hub.notify.views.admin", "STATE_LABELS", "hub.notify.models", "DeliveryState"),
    ("hub.notify.views.admin", "CHANNEL_LABELS", "hub.notify.models", "Channel"),
]

# object type (table name) -> (endpoint, url argument, id attribute of the object)
OBJECT_LINKS = {
    "meeting": ("meetings.detail", "meeting_id", "id"),
    "meeting_series": ("meetings.series_detail", "series_id", "id"),
    "meeting_minutes": ("minutes.page", "meeting_id", "meeting_id"),
    "minutes": ("minutes.page", "meeting_id", "meeting_id"),
    "action_item": ("actions.detail", "item_id", "id"),
    "notice": ("notices.detail", "notice_id", "id"),
    "land_case": ("cases.detail", "case_id", "id"),
    "talent_listing": ("talent.detail", "listing_id", "id"),
    "invest_project": ("projects.detail", "project_id", "id"),
    "invest_campaign": ("projects.campaign", "campaign_id", "id"),
}
# outbox object types that name a table differently
OBJECT_TABLES = {"minutes": "meeting_minutes", "series": "meeting_series"}
NAME_ATTRS = ("title", "name", "display_name", "parcel_code", "short_name")
OBJECT_REPR = re.compile(r"^<(\w+) (\d+)>$")


@cache
def enum_labels() -> dict:
    """{EnumClass: {member: label}} from every feature's label dict."""
    out: dict = {}
    for module, name in ENUM_LABELS:
        labels = getattr(importlib.import_module(module), name)
        for member, label in labels.items():
            if isinstance(member, enum.Enum):
                out.setdefault(type(member), {})[member] = label
    for module, name, enum_module, enum_name in VALUE_LABELS:
        labels = getattr(importlib.import_module(module), name)
        enum_class = getattr(importlib.import_module(enum_module), enum_name)
        for member in enum_class:
            if member.value in labels:
                out.setdefault(enum_class, {})[member] = labels[member.value]
    return out


_MODELS: dict = {"mappers": -1}


def _model(kind: str, name: str):
    """The model class of table (`kind` "table") or class name (`kind` "class") `name`, from an
    index of the mapped models built once, and again when models were mapped since: a walk
    over every mapper per looked-up value was a tenth of the audit log's time (issue 16)."""
    found = _MODELS.get((kind, name))
    if found is None:
        mappers = db.Model.registry.mappers
        if len(mappers) != _MODELS["mappers"]:
            _MODELS.clear()
            _MODELS["mappers"] = len(mappers)
            for mapper in mappers:
                cls = mapper.class_
                _MODELS.setdefault(("class", cls.__name__), cls)
                table = getattr(cls, "__tablename__", None)
                if table:
                    _MODELS.setdefault(("table", table), cls)
            found = _MODELS.get((kind, name))
    return found


def model_for_table(table: str):
    return _model("table", OBJECT_TABLES.get(table, table))


def model_named(name: str):
    return _model("class", name)


def object_name(obj) -> str:
    """The name people know an object by: its title, name or display name."""
    if getattr(obj, "__tablename__", None) == "meeting_minutes" and getattr(obj, "meeting", None):
        return object_name(obj.meeting)
    for attr in NAME_ATTRS:
        value = getattr(obj, attr, None)
        if isinstance(value, str) and value:
            return value
    return f"#{getattr(obj, 'id', '')}"


def object_url(object_type: str, obj) -> str | None:
    link = OBJECT_LINKS.get(object_type)
    if link is None or obj is None:
        return None
    endpoint, arg, attr = link
    value = getattr(obj, attr)
    if isinstance(value, int) and value >= 0 and has_request_context():
        from hub.ui import url_around  # hub.ui imports this module
        before, after = url_around(endpoint, arg)  # built once per endpoint: a page of rows
        return f"{before}{value}{after}"
    return url_for(endpoint, **{arg: value})


def load(object_type: str, object_id):
    model = model_for_table(object_type)
    if model is None or object_id is None:
        return None
    return db.session.get(model, object_id)


def preload(rows) -> None:
    """Load, one query per model, every object `rows` (audit entries or deliveries) will name:
    their objects, foreign keys in their changes, logged object reprs. Later lookups hit the
    session's identity map, so a page of rows costs no query per row."""
    wanted: dict = {}

    def want(model, value):
        if model is not None and isinstance(value, int) and not isinstance(value, bool):
            wanted.setdefault(model, set()).add(value)

    for row in rows:
        want(model_for_table(row.object_type), row.object_id)
        for field, pair in (getattr(row, "changes", None) or {}).items():
            column = _column(row.object_type, field)
            for value in pair if isinstance(pair, list) else []:
                for item in value if isinstance(value, list) else [value]:
                    if column is not None and column.foreign_keys:
                        for fk in column.foreign_keys:
                            want(model_for_table(fk.column.table.name), item)
                    match = OBJECT_REPR.match(item) if isinstance(item, str) else None
                    if match:
                        want(model_named(match.group(1)), int(match.group(2)))
    held = g.setdefault("preloaded_objects", [])  # the identity map holds objects weakly
    for model, ids in wanted.items():
        held += db.session.execute(db.select(model).where(model.id.in_(ids))).scalars().all()


def object_ref(object_type: str, object_id, summary: str = "") -> dict:
    """{"name", "url", "summary"} of a logged or queued object: its name (the summary when it is
    gone), a link to its page, and the logged summary when that says more than the name."""
    readable = summary if summary and not OBJECT_REPR.match(summary) else ""
    obj = load(object_type, object_id)
    if obj is not None:
        name = object_name(obj)
        return {"name": name, "url": object_url(object_type, obj),
                "summary": readable if readable != name else ""}
    name = readable or (f"#{object_id}" if object_id else "")
    return {"name": name, "url": None, "summary": ""}


def join(values) -> str:
    sep = "、" if get_locale().language == "zh" else ", "
    return sep.join(values)


def _column(object_type: str, field: str):
    model = model_for_table(object_type)
    if model is None:
        return None
    table = model.__table__
    for name in (field, f"{field}_id"):
        if name in table.c:
            return table.c[name]
    return None


def _referenced(column, value):
    for fk in column.foreign_keys:
        target = model_for_table(fk.column.table.name)
        if target is not None:
            return db.session.get(target, value)
    return None


def _enum_label(enum_class, value):
    try:
        member = enum_class(value)
    except ValueError:
        return None
    label = enum_labels().get(enum_class, {}).get(member)
    return str(label) if label is not None else None


def moment(value: datetime) -> str:
    """A stored time in the site's zone, its date with the weekday: 2027年2月9日 星期二 09:30."""
    return long_datetime(value)


def _time(value: str, column) -> str | None:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if isinstance(column.type, Date) and not isinstance(column.type, DateTime):
        return long_date(parsed.date())
    return moment(parsed) if parsed.tzinfo or isinstance(column.type, DateTime) else None


def _typed(column, value) -> str | None:
    """A value read through the column it was stored from (enum, date/time, foreign key)."""
    kind = column.type
    impl = getattr(kind, "impl", kind)
    if isinstance(kind, SAEnum) and kind.enum_class is not None:
        # a value of another enum stored under this name (a confirmation's status on minutes)
        return _enum_label(kind.enum_class, value) or (
            _any_enum(value) if isinstance(value, str) else None)
    if isinstance(value, str) and isinstance(impl, Time):
        return value[:5]  # 09:30:00 → 09:30
    if isinstance(value, str) and isinstance(impl, (DateTime, Date)):
        return _time(value, column)
    if isinstance(value, int) and not isinstance(value, bool) and column.foreign_keys:
        obj = _referenced(column, value)
        return object_name(obj) if obj is not None else f"#{value}"
    return None


def _any_enum(value: str) -> str | None:
    for enum_class in enum_labels():
        label = _enum_label(enum_class, value)
        if label is not None:
            return label
    return None


def _special(field: str, value):
    """Values that read by what the field means: a recurrence rule in words, a time zone's
    name, a robot test's outcome, a renewed calendar link."""
    if field == "rrule" and isinstance(value, str):
        from hub.meetings.rule_words import describe
        return describe(value)
    if field == "timezone" and isinstance(value, str):
        return zone_label(value)
    if field == "result" and value == "ok":
        return _("Succeeded")
    if field == "token" and value == "new":
        return _("New link issued")
    return None


def show_value(object_type: str, field: str, value) -> str:
    """One stored value of an audit change, as people read it."""
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    special = _special(field, value)
    if special is not None:
        return special
    if isinstance(value, (list, tuple)):
        return join(show_value(object_type, field, v) for v in value)
    column = _column(object_type, field)
    if column is not None:
        shown = _typed(column, value)
        if shown is not None:
            return shown
    if isinstance(value, str):
        match = OBJECT_REPR.match(value)
        if match:
            model = model_named(match.group(1))
            obj = db.session.get(model, int(match.group(2))) if model is not None else None
            return object_name(obj) if obj is not None else EMPTY
        if column is None and field in ("status", "state"):
            return _any_enum(value) or value
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2})?", value):
            return moment(datetime.fromisoformat(value))
    if isinstance(value, datetime):
        return moment(value)
    if isinstance(value, date):
        return long_date(value)
    return str(value)


def _target_label(field: str) -> str | None:
    """A campaign target (target:measure:park id|all:YYYY-MM|all): 目标：新签约项目（个） ·
    高新区 · 2026年8月."""
    from hub.projects.models import MEASURE_LABELS, Measure
    parts = field.split(":")
    if len(parts) != 4:
        return None
    _prefix, measure, park, month = parts
    try:
        what = str(MEASURE_LABELS[Measure(measure)])
    except (KeyError, ValueError):
        return None
    if park.isdigit():
        from hub.parks.models import Park
        found = db.session.get(Park, int(park))
        where = found.short_name or found.name if found is not None else f"#{park}"
    else:
        where = _("All parks")
    if re.fullmatch(r"\d{4}-\d{2}", month):
        when = month_title(int(month[:4]), int(month[5:]))
    else:
        when = _("Whole campaign")
    return _("Target: %(what)s · %(where)s · %(when)s", what=what, where=where, when=when)


def field_text(field: str, object_type: str | None = None) -> str:
    """The label of a changed field (of an object of `object_type`: its feature's word for it
    first); the keys made of parts (a notification preference email:KIND, a campaign target
    target:…) read part by part."""
    from hub.audit.labels import FIELD_LABELS, OBJECT_FIELD_LABELS
    label = OBJECT_FIELD_LABELS.get((object_type, field)) if object_type else None
    if label is None:
        label = FIELD_LABELS.get(field)
    if label is not None:
        return str(label)
    if field.startswith("email:"):
        from hub.notify import kinds
        return _("Email: %(kind)s", kind=kinds.label(field[6:]))
    if field.startswith("target:"):
        return _target_label(field) or field
    return field


ERROR_PATTERNS = [
    (r"Name or service not known|nodename nor servname|getaddrinfo|Temporary failure in name",
     lambda: _("The server's name could not be resolved")),
    (r"Connection refused", lambda: _("The server refused the connection")),
    (r"timed? ?out", lambda: _("The server did not answer in time")),
    (r"^superseded", lambda: _("Superseded by a later change")),
    (r"^started$", lambda: _("The meeting had already started")),
    (r"^no email address", lambda: _("The recipient has no email address")),
    (r"^account deactivated", lambda: _("The recipient's account is deactivated")),
    (r"^no active robot", lambda: _("The park has no active group robot")),
    (r"^no longer overdue", lambda: _("No longer overdue")),
    (r"^gave up", lambda: _("Gave up: the sender stopped repeatedly mid-send")),
    (r"SMTP", lambda: _("The mail server refused the message")),
]


def error_summary(text: str | None) -> str:
    """One line saying what went wrong with a delivery; the raw text stays for a details toggle."""
    if not text:
        return ""
    for pattern, label in ERROR_PATTERNS:
        if re.search(pattern, text, re.IGNORECASE):
            return label()
    line = text.strip().splitlines()[0]
    line = re.sub(r"^[\w.]*(Error|Exception)\s*:\s*", "", line)
    line = re.sub(r"\[Errno -?\d+\]\s*", "", line).strip("<>() ")
    return line[:120] + ("…" if len(line) > 120 else "")
