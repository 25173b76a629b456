"""A series' recurrence rule in words, in the current language: 每月第二个星期二 09:30,
每周一、周三 09:30, 每月15日 09:30 / Monthly on the second Tuesday at 09:30.

Every rule the series form's builder makes (hub.meetings.recurrence.build) is said in full,
with its interval and its end. A custom rule the builder cannot express is described by its
frequency, followed by the rule itself (never the rule alone)."""

from datetime import time
from functools import lru_cache

from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from hub.meetings import recurrence
from hub.meetings.recurrence import Kind

# weekdays as said in a weekly rule (每周一 / on Mondays)
WEEKLY_DAYS = {"MO": _l("Mondays"), "TU": _l("Tuesdays"), "WE": _l("Wednesdays"),
               "TH": _l("Thursdays"), "FR": _l("Fridays"), "SA": _l("Saturdays"),
               "SU": _l("Sundays")}
# weekdays as said in a monthly rule (每月第二个星期二 / the second Tuesday); these msgids exist
DAY_NAMES = {"MO": _l("Monday"), "TU": _l("Tuesday"), "WE": _l("Wednesday"),
             "TH": _l("Thursday"), "FR": _l("Friday"), "SA": _l("Saturday"),
             "SU": _l("Sunday")}
NTH_NAMES = {1: _l("first"), 2: _l("second"), 3: _l("third"), 4: _l("fourth"), -1: _l("last")}


def _join(items: list[str]) -> str:
    text = items[0] if items else ""
    for item in items[1:]:
        # TRANSLATORS: joins the weekdays of a weekly rule: 周一、周三
        text = _("%(list)s, %(item)s", list=text, item=item)
    return text


def _frequency(freq: str, n: int) -> str:
    if freq == "DAILY":
        return _("Every day") if n == 1 else _("Every %(n)d days", n=n)
    if freq == "WEEKLY":
        return _("Every week") if n == 1 else _("Every %(n)d weeks", n=n)
    if freq == "MONTHLY":
        return _("Every month") if n == 1 else _("Every %(n)d months", n=n)
    return _("Every year") if n == 1 else _("Every %(n)d years", n=n)


def _builder_words(spec: recurrence.Spec) -> str:
    n = spec.interval or 1
    if spec.kind == Kind.WEEKLY:
        days = _join([str(WEEKLY_DAYS[d]) for d in recurrence.WEEKDAYS if d in spec.weekdays])
        if n == 1:
            return _("Weekly on %(days)s", days=days)
        return _("Every %(n)d weeks on %(days)s", n=n, days=days)
    if spec.kind == Kind.MONTHLY_NTH:
        nth, day = str(NTH_NAMES[spec.nth]), str(DAY_NAMES[spec.nth_weekday])
        if n == 1:
            return _("Monthly on the %(nth)s %(weekday)s", nth=nth, weekday=day)
        return _("Every %(n)d months on the %(nth)s %(weekday)s", n=n, nth=nth, weekday=day)
    if n == 1:
        return _("Monthly on day %(day)d", day=spec.monthday)
    return _("Every %(n)d months on day %(day)d", n=n, day=spec.monthday)


def _ends(rule: str, tz: str) -> str:
    from hub.timeutil import long_date

    values = dict(recurrence.split_parts(rule))
    if values.get("COUNT", "").isdigit():
        return _("%(count)d meetings in all", count=int(values["COUNT"]))
    until = recurrence.parse_until(rule, tz)
    if until is not None:
        return _("until %(date)s", date=long_date(until))
    return ""


def describe(rule: str, start_time: time | None = None, tz: str = "Asia/Shanghai") -> str:
    """`rule` (an RRULE value as stored) in words, with the start time when given."""
    try:
        spec = recurrence.parse(rule)
        values = dict(recurrence.split_parts(rule))
    except recurrence.RecurrenceError:
        return _("Custom rule: %(rule)s", rule=rule)
    core = {k for k in values if k not in ("FREQ", "INTERVAL", "UNTIL", "COUNT", "WKST")}
    interval = values.get("INTERVAL", "1")
    n = int(interval) if interval.isdigit() and int(interval) > 0 else 1
    if spec.kind != Kind.CUSTOM:
        words = _builder_words(spec)
    elif values.get("FREQ") in recurrence.ALLOWED_FREQS and not core:
        words = _frequency(values["FREQ"], n)
    elif values.get("FREQ") in recurrence.ALLOWED_FREQS:
        # TRANSLATORS: 每年（自定义规则：FREQ=YEARLY;BYMONTH=3）
        words = _("%(words)s (custom rule: %(rule)s)",
                  words=_frequency(values["FREQ"], n), rule=rule)
    else:
        return _("Custom rule: %(rule)s", rule=rule)
    if start_time is not None:
        # TRANSLATORS: 每月第二个星期二 09:30
        words = _("%(rule)s at %(time)s", rule=words, time=start_time.strftime("%H:%M"))
    try:
        ends = _ends(rule, tz) if spec.kind != Kind.CUSTOM or not core else ""
    except recurrence.RecurrenceError:
        ends = ""
    if ends:
        # TRANSLATORS: 每周一 09:30，共 10 次 / 每周一 09:30，至 2027年1月1日
        words = _("%(rule)s, %(ends)s", rule=words, ends=ends)
    return words


def series_words(series) -> str:
    """The rule of a series in words (its start time included)."""
    return _words(series.rrule, series.start_time, series.timezone, str(get_locale()))


@lru_cache(maxsize=512)
def _words(rule: str, start_time: time | None, tz: str, _locale: str) -> str:
    """`describe` once per rule, start, zone and language (the meeting page shows its series'
    rule on every view; the words depend on nothing else: the catalogs do not change while a
    process runs)."""
    return describe(rule, start_time, tz)
