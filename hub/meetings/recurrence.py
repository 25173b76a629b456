"""Recurrence rules of meeting series: build an RRULE from the form, validate a typed one, expand.

Pure functions (no database, no request). A rule is stored as the iCalendar RRULE value without
the "RRULE:" prefix (e.g. ``FREQ=MONTHLY;BYDAY=2TU``). Expansion happens in the series' time
zone: each rule date gets the local wall-clock start time, converted to UTC with zoneinfo, so a
09:30 meeting stays at 09:30 local across DST changes. An UNTIL is stored in UTC (RFC 5545 wants
UTC when DTSTART carries a TZID), as the end of the chosen local day.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import rrulestr

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
REFUSED_FREQS = ("SECONDLY", "MINUTELY", "HOURLY")
# one meeting a day at the series' start time: parts that would give several times a day refused
REFUSED_PARTS = ("BYHOUR", "BYMINUTE", "BYSECOND", "DTSTART")
ALLOWED_FREQS = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
MAX_EXPANSION = 5000  # rule dates looked at in one expansion, whatever the rule says


class Kind:
    WEEKLY = "weekly"  # on chosen weekdays
    MONTHLY_NTH = "monthly_nth"  # on the nth (or last) weekday of the month
    MONTHLY_DAY = "monthly_day"  # on a day of the month
    CUSTOM = "custom"  # an RRULE typed by an admin

    ALL = (WEEKLY, MONTHLY_NTH, MONTHLY_DAY, CUSTOM)


class RecurrenceError(ValueError):
    """A rule that cannot be used. `code` says why (the form maps it to a message), `field`
    which form field it concerns."""

    def __init__(self, code: str, field: str = "custom_rrule", detail: str = ""):
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.field = field
        self.detail = detail


@dataclass
class Spec:
    """What the series form's recurrence builder holds."""

    kind: str = Kind.WEEKLY
    weekdays: tuple[str, ...] = ()
    nth: int = 1  # 1..4, or -1 for the last
    nth_weekday: str = "TU"
    monthday: int = 1
    custom: str = ""
    interval: int = 1
    until: date | None = None
    count: int | None = None


@dataclass(frozen=True)
class RuleDate:
    index: int  # number of the rule date counting from the series start (0-based)
    local_date: date
    start_utc: datetime  # the rule's start: the occurrence's original start (RECURRENCE-ID)


# --- parsing helpers ----------------------------------------------------------------------------
def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as error:
        raise RecurrenceError("timezone", "timezone", name) from error


def split_parts(rule: str) -> list[tuple[str, str]]:
    text = rule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    parts = []
    for chunk in text.split(";"):
        chunk = chunk.strip()
        if not chunk:
            continue
        if "=" not in chunk:
            raise RecurrenceError("malformed", detail=chunk)
        key, value = chunk.split("=", 1)
        parts.append((key.strip().upper(), value.strip().upper()))
    return parts


def join_parts(parts: list[tuple[str, str]]) -> str:
    return ";".join(f"{k}={v}" for k, v in parts)


def until_utc(until: date, tz: str) -> datetime:
    """The last instant of local day `until`, in UTC."""
    local = datetime.combine(until, time(23, 59, 59), tzinfo=zone(tz))
    return local.astimezone(UTC)


def format_until(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _normalize_until(value: str, tz: str) -> str:
    """UNTIL as given (a date, local or UTC date-time) → UTC date-time text."""
    if re.fullmatch(r"\d{8}", value):
        return format_until(until_utc(datetime.strptime(value, "%Y%m%d").date(), tz))
    if re.fullmatch(r"\d{8}T\d{6}", value):
        local = datetime.strptime(value, "%Y%m%dT%H%M%S").replace(tzinfo=zone(tz))
        return format_until(local)
    if re.fullmatch(r"\d{8}T\d{6}Z", value):
        return value
    raise RecurrenceError("malformed", detail=f"UNTIL={value}")


# --- build and validate -------------------------------------------------------------------------
def build(spec: Spec, tz: str) -> str:
    """The RRULE of a filled-in recurrence builder (validated). Raises RecurrenceError."""
    if spec.interval is not None and spec.interval < 1:
        raise RecurrenceError("interval", "interval")
    if spec.count is not None and spec.count < 1:
        raise RecurrenceError("count", "count")
    if spec.kind == Kind.CUSTOM:
        parts = split_parts(spec.custom or "")
        keys = {k for k, _ in parts}
        if (spec.until or spec.count) and keys & {"UNTIL", "COUNT"}:
            raise RecurrenceError("end_twice", "end_kind")
        if spec.interval and spec.interval > 1:
            if "INTERVAL" in keys:
                raise RecurrenceError("interval_twice", "interval")
            parts.append(("INTERVAL", str(spec.interval)))
    elif spec.kind == Kind.WEEKLY:
        days = [d for d in WEEKDAYS if d in set(spec.weekdays)]
        if not days:
            raise RecurrenceError("weekdays", "weekdays")
        parts = [("FREQ", "WEEKLY"), ("BYDAY", ",".join(days))]
    elif spec.kind == Kind.MONTHLY_NTH:
        if spec.nth not in (1, 2, 3, 4, -1) or spec.nth_weekday not in WEEKDAYS:
            raise RecurrenceError("nth", "nth")
        parts = [("FREQ", "MONTHLY"), ("BYDAY", f"{spec.nth}{spec.nth_weekday}")]
    elif spec.kind == Kind.MONTHLY_DAY:
        if not spec.monthday or not 1 <= spec.monthday <= 31:
            raise RecurrenceError("monthday", "monthday")
        parts = [("FREQ", "MONTHLY"), ("BYMONTHDAY", str(spec.monthday))]
    else:
        raise RecurrenceError("kind", "kind")
    if spec.kind != Kind.CUSTOM and spec.interval and spec.interval > 1:
        parts.append(("INTERVAL", str(spec.interval)))
    if spec.until and spec.count:
        raise RecurrenceError("end_twice", "end_kind")
    if spec.until:
        parts.append(("UNTIL", format_until(until_utc(spec.until, tz))))
    if spec.count:
        parts.append(("COUNT", str(spec.count)))
    return validate(join_parts(parts), tz)


def validate(rule: str, tz: str) -> str:
    """Check a rule (as typed or built) and return it normalized: upper case, no "RRULE:"
    prefix, UNTIL in UTC. Refuses sub-daily frequencies, DTSTART inside the rule, UNTIL together
    with COUNT, and anything dateutil cannot read."""
    parts = split_parts(rule)
    if not parts:
        raise RecurrenceError("empty")
    keys = [k for k, _ in parts]
    if len(set(keys)) != len(keys):
        raise RecurrenceError("malformed", detail="duplicate part")
    values = dict(parts)
    freq = values.get("FREQ")
    if freq is None:
        raise RecurrenceError("no_freq")
    if freq in REFUSED_FREQS:
        raise RecurrenceError("too_often", detail=freq)
    if freq not in ALLOWED_FREQS:
        raise RecurrenceError("malformed", detail=f"FREQ={freq}")
    for key in REFUSED_PARTS:
        if key in values:
            raise RecurrenceError("refused_part", detail=key)
    if "UNTIL" in values and "COUNT" in values:
        raise RecurrenceError("end_twice")
    if "UNTIL" in values:
        parts = [(k, _normalize_until(v, tz) if k == "UNTIL" else v) for k, v in parts]
    text = join_parts(parts)
    try:
        rule_obj = rrulestr(text, dtstart=datetime(2026, 1, 1, 9, 0, tzinfo=zone(tz)))
        next(iter(rule_obj), None)
    except RecurrenceError:
        raise
    except (ValueError, TypeError, KeyError, IndexError) as error:
        raise RecurrenceError("malformed", detail=str(error)) from error
    return text


def parse(rule: str) -> Spec:
    """The builder fields that give `rule` back (custom when the builder cannot express it)."""
    parts = split_parts(rule)
    values = dict(parts)
    count = int(values["COUNT"]) if values.get("COUNT", "").isdigit() else None
    interval = int(values["INTERVAL"]) if values.get("INTERVAL", "").isdigit() else 1
    core = {k: v for k, v in values.items() if k not in ("UNTIL", "COUNT", "INTERVAL", "WKST")}
    # a custom rule keeps its own end; the local UNTIL date of a built one: see parse_until
    spec = Spec(kind=Kind.CUSTOM, custom=rule, interval=1)
    byday = core.get("BYDAY", "")
    if core.get("FREQ") == "WEEKLY" and set(core) == {"FREQ", "BYDAY"} and all(
            d in WEEKDAYS for d in byday.split(",")):
        spec = Spec(kind=Kind.WEEKLY, weekdays=tuple(byday.split(",")))
    elif core.get("FREQ") == "MONTHLY" and set(core) == {"FREQ", "BYDAY"}:
        match = re.fullmatch(r"(-1|[1-4])(MO|TU|WE|TH|FR|SA|SU)", byday)
        if match:
            spec = Spec(kind=Kind.MONTHLY_NTH, nth=int(match[1]), nth_weekday=match[2])
    elif core.get("FREQ") == "MONTHLY" and set(core) == {"FREQ", "BYMONTHDAY"} \
            and core["BYMONTHDAY"].isdigit() and 1 <= int(core["BYMONTHDAY"]) <= 31:
        spec = Spec(kind=Kind.MONTHLY_DAY, monthday=int(core["BYMONTHDAY"]))
    if spec.kind != Kind.CUSTOM:
        spec.interval, spec.count = interval, count
    return spec


def parse_until(rule: str, tz: str) -> date | None:
    """The local end date of a rule's UTC UNTIL (for the form), or None."""
    value = dict(split_parts(rule)).get("UNTIL", "")
    if not re.fullmatch(r"\d{8}T\d{6}Z", value):
        return None
    moment = datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    return moment.astimezone(zone(tz)).date()


# --- expansion ----------------------------------------------------------------------------------
def local_start(day: date, start_time: time, tz: str) -> datetime:
    """Local wall-clock `start_time` on `day` in `tz`, as UTC (zoneinfo resolves DST)."""
    return datetime.combine(day, start_time, tzinfo=zone(tz)).astimezone(UTC)


def expand(rule: str, start_date: date, start_time: time, tz: str, *,
           through: date) -> Iterator[RuleDate]:
    """Every rule date from the series start up to local date `through` (inclusive).

    The index counts all rule dates from the start, so it is the same however far one expands
    (the host rotation relies on it)."""
    tzinfo = zone(tz)
    dtstart = datetime.combine(start_date, start_time, tzinfo=tzinfo)
    rule_obj = rrulestr(rule, dtstart=dtstart)
    for index, local in enumerate(rule_obj):
        if index >= MAX_EXPANSION or local.date() > through:
            return
        wall = datetime.combine(local.date(), start_time, tzinfo=tzinfo)
        yield RuleDate(index, local.date(), wall.astimezone(UTC))

