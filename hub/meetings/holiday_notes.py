"""Why a meeting's date differs from its rule date (a statutory holiday, or a day another
occurrence of the series holds), kept as facts and written out in the reader's language.

`facts` turns a holiday `Adjustment` into a small dict stored on the meeting
(`Meeting.holiday_facts`): the kind, the holiday as the holiday table names it (its Chinese
name, the key) and ISO dates. `render` writes it in the current locale at display time: the
holiday's name in that language (英文名 from hub.holidays.sources) and long dates with the
weekday (2027年2月9日 星期二 / Tue 9 Feb 2027). `Meeting.holiday_note` keeps the same text in
the site's language for the audit log and for rows made before the facts were stored.
"""

from datetime import date

from flask import current_app
from flask_babel import force_locale, get_locale, gettext

from hub.holidays.sources import english_name
from hub.timeutil import long_date

# kinds: the day is another occurrence's (CLASH_*), or a statutory holiday (the rest)
CLASH_SKIPPED = "clash_skipped"
CLASH_MOVED = "clash_moved"
NO_FREE_DAY = "no_free_day"
SKIPPED = "skipped"
MOVED_NEXT_FREE = "moved_next_free"
MOVED = "moved"
HELD = "held"


def facts(adj, rule_date: date) -> dict | None:
    """The facts of `adj` (a hub.meetings.holidays.Adjustment) for `rule_date`; None when the
    meeting is simply held on its rule date."""
    if not adj.holiday_zh and adj.taken is None:
        return None
    out: dict = {"old": rule_date.isoformat()}
    if adj.holiday_zh:
        out["holiday"] = adj.holiday_zh
    if adj.day is not None:
        out["new"] = adj.day.isoformat()
    if not adj.holiday_zh:
        out["kind"] = CLASH_SKIPPED if adj.day is None else CLASH_MOVED
    elif adj.no_free_day:
        out["kind"] = NO_FREE_DAY
    elif adj.day is None:
        out["kind"] = SKIPPED
    elif adj.day != rule_date and adj.taken is not None:
        out["kind"] = MOVED_NEXT_FREE
        out["taken"] = adj.taken.isoformat()
    elif adj.day != rule_date:
        out["kind"] = MOVED
    else:
        out["kind"] = HELD
    return out


def holiday_name(name_zh: str) -> str:
    """The holiday's name in the current language: 春节 / Spring Festival."""
    locale = get_locale()
    if locale is not None and locale.language == "zh":
        return name_zh
    return english_name(name_zh)


def _day(value: str | None) -> str:
    return long_date(date.fromisoformat(value)) if value else ""


def render(data: dict | None) -> str:
    """The facts as a sentence in the current language ("" for none or an unknown kind)."""
    if not data:
        return ""
    kind = data.get("kind")
    old, new, taken = _day(data.get("old")), _day(data.get("new")), _day(data.get("taken"))
    holiday = holiday_name(data.get("holiday", ""))
    if kind == CLASH_SKIPPED:
        return gettext("Skipped on %(date)s: that day already has a meeting of this series",
                       date=old)
    if kind == CLASH_MOVED:
        return gettext("Moved from %(old)s to %(new)s: %(old)s already has a meeting of this "
                       "series", old=old, new=new)
    if kind == NO_FREE_DAY:
        return gettext("%(holiday)s: skipped on %(date)s, no free working day within a month",
                       holiday=holiday, date=old)
    if kind == SKIPPED:
        return gettext("%(holiday)s: skipped on %(date)s", holiday=holiday, date=old)
    if kind == MOVED_NEXT_FREE:
        # TRANSLATORS: 节假日顺延，跳过本系列已有会议的日期
        return gettext("%(holiday)s: moved from %(old)s to %(new)s, the next free working day "
                       "(%(taken)s already has a meeting of this series)",
                       holiday=holiday, old=old, new=new, taken=taken)
    if kind == MOVED:
        # TRANSLATORS: 节假日顺延, e.g. 国庆节: moved from 2026年10月6日 星期二 to …
        return gettext("%(holiday)s: moved from %(old)s to %(new)s",
                       holiday=holiday, old=old, new=new)
    if kind == HELD:
        return gettext("%(holiday)s: held on the holiday", holiday=holiday)
    return ""


def site_text(data: dict | None) -> str:
    """`render` in the site's default language, as `Meeting.holiday_note` stores it."""
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        return render(data)[:200]


def text_of(meeting) -> str:
    """A meeting's holiday note for the reader: from its facts, else the stored text."""
    data = getattr(meeting, "holiday_facts", None)
    return render(data) if data else (getattr(meeting, "holiday_note", "") or "")
