"""Forms of meetings: series (with the recurrence builder), one-off meetings, move, cancel,
host override and the list filter."""

import re
from functools import cache
from urllib.parse import urlparse
from zoneinfo import available_timezones

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
    widgets,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from hub.edge import coerce_id
from hub.meetings import recurrence
from hub.meetings.models import HolidayPolicy, MeetingStatus
from hub.meetings.recurrence import Kind, RecurrenceError, Spec
from hub.pickers import ParkPickerField, PeoplePickerField
from hub.timeutil import zone_label
from hub.validators import DateField, IntegerField, choices

TIMEZONES = ["Asia/Shanghai", "Asia/Urumqi", "Asia/Hong_Kong", "Asia/Macau", "Asia/Taipei",
             "Asia/Singapore", "Asia/Tokyo", "Europe/Berlin", "Europe/London",
             "America/New_York", "UTC"]
REMINDER_CHOICES = choices([(1440, _l("1 day before")), (180, _l("3 hours before")),
                            (60, _l("1 hour before")), (15, _l("15 minutes before"))])
KIND_CHOICES = choices([
    (Kind.WEEKLY, _l("Weekly on chosen days")),
    (Kind.MONTHLY_NTH, _l("Monthly on the nth weekday (e.g. the second Tuesday)")),
    (Kind.MONTHLY_DAY, _l("Monthly on a day of the month")),
    (Kind.CUSTOM, _l("Custom rule (RRULE)")),
])
WEEKDAY_LABELS = choices([("MO", _l("Monday")), ("TU", _l("Tuesday")), ("WE", _l("Wednesday")),
                          ("TH", _l("Thursday")), ("FR", _l("Friday")), ("SA", _l("Saturday")),
                          ("SU", _l("Sunday"))])
NTH_CHOICES = choices([(1, _l("first")), (2, _l("second")), (3, _l("third")), (4, _l("fourth")),
                       (-1, _l("last"))])
END_CHOICES = choices([("never", _l("No end")), ("until", _l("Until a date")),
                       ("count", _l("After a number of meetings"))])
HOLIDAY_LABELS = {
    # TRANSLATORS: 法定节假日照常召开
    HolidayPolicy.KEEP: _l("Hold it on the holiday"),
    # TRANSLATORS: 顺延至下一个工作日 (调休上班日算工作日)
    HolidayPolicy.MOVE: _l("Move to the next working day"),
    # TRANSLATORS: 当次取消
    HolidayPolicy.SKIP: _l("Skip that meeting"),
}
STATUS_LABELS = {MeetingStatus.SCHEDULED: _l("Scheduled"),
                 MeetingStatus.CANCELLED: _l("Cancelled")}
RULE_MESSAGES = {
    "malformed": lambda d: _("This is not a valid recurrence rule (RRULE): %(detail)s",
                             detail=d),
    "too_often": lambda d: _("A meeting cannot repeat more often than daily (%(detail)s is "
                             "refused).", detail=d),
    "refused_part": lambda d: _("%(detail)s is not allowed: a series meets once a day at its "
                                "start time.", detail=d),
    "no_freq": lambda d: _("The rule needs a FREQ part, e.g. FREQ=WEEKLY;BYDAY=TH."),
    "empty": lambda d: _("Type a rule, e.g. FREQ=MONTHLY;BYDAY=2TU."),
    "end_twice": lambda d: _("Give the end once: either in the rule or in the end fields."),
    "interval_twice": lambda d: _("Give the interval once: either in the rule or in the "
                                  "interval field."),
    "weekdays": lambda d: _("Choose at least one weekday."),
    "nth": lambda d: _("Choose which weekday of the month."),
    "monthday": lambda d: _("Give a day of the month from 1 to 31."),
    "interval": lambda d: _("The interval is at least 1."),
    "count": lambda d: _("The number of meetings is at least 1."),
    "kind": lambda d: _("Choose how the meeting repeats."),
    "timezone": lambda d: _("Unknown time zone."),
}
# the builder fields of each kind; a submitted form uses those of the chosen kind only
KIND_FIELDS = {Kind.WEEKLY: ("weekdays",), Kind.MONTHLY_NTH: ("nth", "nth_weekday"),
               Kind.MONTHLY_DAY: ("monthday",), Kind.CUSTOM: ("custom_rrule",)}
OTHER_KIND_FIELDS = {kind: tuple(n for k, names in KIND_FIELDS.items() if k != kind
                                 for n in names) for kind in KIND_FIELDS}
# what the rule is built from, and what the dates of a preview depend on
RULE_FIELDS = ("kind", "weekdays", "nth", "nth_weekday", "monthday", "custom_rrule", "interval",
               "start_date", "end_kind", "until", "count", "timezone")
PREVIEW_FIELDS = ("csrf_token", *RULE_FIELDS, "holiday_policy", "start_time", "hosts")
HOST_SEPARATORS = re.compile(r"\s*(?:->|→|,|，|、|;|；|\n|\r)\s*")


@cache
def _zone_names() -> frozenset[str]:
    return frozenset(available_timezones())


def timezone_label(name: str) -> str:
    """How a zone reads in the picker: 北京时间（Asia/Shanghai）; else the zone's own name."""
    word = zone_label(name)
    # TRANSLATORS: a time zone in the series form's picker, e.g. 北京时间（Asia/Shanghai）
    return _("%(word)s (%(zone)s)", word=word, zone=name) if word != name else name


def known_timezone(name: str | None) -> bool:
    """A time-zone name of the system's database (checked by length and membership, never by
    opening a file named after the input)."""
    return bool(name) and len(name) <= 64 and name in _zone_names()


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


def url_ok(value: str) -> bool:
    parsed = urlparse(value)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


def parse_host_names(text: str) -> list[str]:
    return [name for name in HOST_SEPARATORS.split(text or "") if name.strip()]


class MeetingFieldsMixin:
    """What a series and a one-off meeting share."""

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=20_000)],
                                render_kw={"rows": 3})
    start_time = TimeField(_l("Start time"), validators=[InputRequired()])
    duration_minutes = IntegerField(_l("Duration (minutes)"), default=120,
                                    validators=[InputRequired(), NumberRange(5, 24 * 60)])
    timezone = SelectField(_l("Time zone"), validators=[DataRequired()])
    location = StringField(_l("Place"), validators=[Optional(), Length(max=255)])
    online_url = StringField(_l("Online meeting link"), validators=[Optional(), Length(max=500)],
                             description=_l("http:// or https:// only."))
    parks = ParkPickerField(_l("Participant parks"), coerce=coerce_id, validators=[Optional()])
    people = PeoplePickerField(_l("Extra people"), coerce=coerce_id, validators=[Optional()],
                               description=_l("Invited in person, whatever their park."))
    reminders = MultiCheckboxField(_l("Reminders"), coerce=coerce_id, choices=REMINDER_CHOICES,
                                   default=[1440, 60], validators=[Optional()])
    agenda_cutoff_hours = IntegerField(
        # TRANSLATORS: 议题征集截止 (hours before the meeting)
        _l("Agenda cut-off (hours before the start)"), default=72,
        validators=[InputRequired(), NumberRange(0, 24 * 60)])
    version = HiddenField()

    def fill_timezones(self) -> None:
        default = current_app.config["HUB_TIMEZONE"]
        names = [default] + [z for z in TIMEZONES if z != default]
        if self.timezone.data and self.timezone.data not in names and known_timezone(
                self.timezone.data):
            names.append(self.timezone.data)
        self.timezone.choices = choices((z, timezone_label(z)) for z in names)
        if not self.timezone.data:
            self.timezone.data = default

    def common_ok(self) -> bool:
        ok = True
        if not known_timezone(self.timezone.data):
            self.timezone.errors = [*self.timezone.errors, RULE_MESSAGES["timezone"]("")]
            ok = False
        if self.online_url.data and not url_ok(self.online_url.data.strip()):
            self.online_url.errors = [*self.online_url.errors,
                                      _l("Give a link starting with http:// or https://.")]
            ok = False
        return ok


class SeriesForm(MeetingFieldsMixin, FlaskForm):
    kind = RadioField(_l("Repeats"), choices=KIND_CHOICES, default=Kind.MONTHLY_NTH)
    weekdays = MultiCheckboxField(_l("On"), choices=WEEKDAY_LABELS, validators=[Optional()])
    nth = SelectField(_l("Which"), coerce=coerce_id, choices=NTH_CHOICES, default=2)
    nth_weekday = SelectField(_l("Weekday"), choices=WEEKDAY_LABELS, default="TU")
    monthday = IntegerField(_l("Day of the month"), validators=[Optional()], default=15)
    custom_rrule = StringField(
        _l("Rule (RRULE)"), validators=[Optional(), Length(max=400)],
        description=_l("iCalendar RRULE, e.g. FREQ=MONTHLY;BYDAY=2TU or "
                       "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH. Daily at most."))
    interval = IntegerField(_l("Every"), default=1, validators=[Optional(), NumberRange(1, 99)],
                            description=_l("1 = every week / month, 2 = every other one…"))
    start_date = DateField(_l("First meeting on or after"), validators=[InputRequired()])
    end_kind = SelectField(_l("Ends"), choices=END_CHOICES, default="never")
    until = DateField(_l("Last date"), validators=[Optional()])
    count = IntegerField(_l("Number of meetings"), validators=[Optional(), NumberRange(1, 999)])
    holiday_policy = SelectField(
        # TRANSLATORS: 遇法定节假日
        _l("On a statutory holiday"), default=HolidayPolicy.MOVE.value,
        choices=choices(HOLIDAY_LABELS))
    hosts = StringField(
        # TRANSLATORS: 轮值主持
        _l("Rotating host"), validators=[Optional(), Length(max=500)],
        description=_l("Short names of the host parks in turn, separated by commas or →, e.g. "
                       "高新区 → 田心 → 经开区. Leave empty for no host."))

    rrule_value: str = ""
    host_parks: list = []

    def spec(self) -> Spec:
        return Spec(
            kind=self.kind.data, weekdays=tuple(self.weekdays.data or ()),
            nth=self.nth.data or 0, nth_weekday=self.nth_weekday.data or "",
            monthday=self.monthday.data or 0, custom=self.custom_rrule.data or "",
            interval=self.interval.data or 1,
            until=self.until.data if self.end_kind.data == "until" else None,
            count=self.count.data if self.end_kind.data == "count" else None,
        )

    def validate(self, extra_validators=None) -> bool:
        super().validate(extra_validators)
        self.common_ok()
        self.rule_ok()
        self.hosts_ok()
        return not any(f.errors for f in self)

    def validate_preview(self) -> bool:
        """Only what the dates depend on (the preview of the next dates): the recurrence, the
        start, the time zone and the host rotation."""
        FlaskForm.validate(self)
        if not known_timezone(self.timezone.data):
            self.timezone.errors = [*self.timezone.errors, RULE_MESSAGES["timezone"]("")]
        self.rule_ok()
        self.hosts_ok()
        return not any(getattr(self, n).errors for n in PREVIEW_FIELDS if hasattr(self, n))

    def rule_ok(self) -> bool:
        """Check the chosen builder (the fields of the other kinds are ignored, errors
        included) and the end; on success `rrule_value` holds the rule."""
        for name in OTHER_KIND_FIELDS.get(self.kind.data, ()):
            getattr(self, name).errors = []
        if self.end_kind.data == "until" and not self.until.data:
            self.until.errors = [*self.until.errors, _l("Give the last date.")]
        if self.end_kind.data == "count" and not self.count.data:
            self.count.errors = [*self.count.errors, _l("Give the number of meetings.")]
        if (self.end_kind.data == "until" and self.until.data and self.start_date.data
                and self.until.data < self.start_date.data):
            self.until.errors = [*self.until.errors,
                                 _l("The last date is before the first meeting.")]
        if any(getattr(self, n).errors for n in RULE_FIELDS):
            return False
        try:
            self.rrule_value = recurrence.build(self.spec(), self.timezone.data)
        except RecurrenceError as error:
            target = {"custom_rrule": self.custom_rrule, "weekdays": self.weekdays,
                      "nth": self.nth_weekday, "monthday": self.monthday,
                      "interval": self.interval, "count": self.count,
                      "end_kind": self.end_kind if self.kind.data != Kind.CUSTOM
                      else self.custom_rrule,
                      "kind": self.kind, "timezone": self.timezone}.get(
                          error.field, self.custom_rrule)
            message = RULE_MESSAGES.get(error.code, RULE_MESSAGES["malformed"])
            target.errors = [*target.errors, message(error.detail or error.code)]
            return False
        return True

    def hosts_ok(self) -> bool:
        from hub.parks.queries import all_parks

        names = parse_host_names(self.hosts.data)
        by_name = {}
        for park in all_parks():
            by_name[park.short_name] = park
            by_name.setdefault(park.name, park)
        unknown = [n for n in names if n not in by_name]
        if unknown:
            self.hosts.errors = [*self.hosts.errors, _l(
                "Unknown park: %(names)s. Use the short names: %(known)s",
                names="、".join(unknown),
                known="、".join(p.short_name for p in all_parks() if p.active))]
            return False
        self.host_parks = [by_name[n] for n in names]
        return True


class OneOffForm(MeetingFieldsMixin, FlaskForm):
    day = DateField(_l("Date"), validators=[InputRequired()])
    host_park_id = SelectField(_l("Host park"), coerce=coerce_id, validators=[Optional()])

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        return self.common_ok() and ok


class MoveForm(FlaskForm):
    day = DateField(_l("Date"), validators=[InputRequired()])
    start_time = TimeField(_l("Start time"), validators=[InputRequired()])
    duration_minutes = IntegerField(_l("Duration (minutes)"),
                                    validators=[InputRequired(), NumberRange(5, 24 * 60)])
    location = StringField(_l("Place"), validators=[Optional(), Length(max=255)])
    online_url = StringField(_l("Online meeting link"), validators=[Optional(), Length(max=500)],
                             description=_l("http:// or https:// only."))
    version = HiddenField()

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if self.online_url.data and not url_ok(self.online_url.data.strip()):
            self.online_url.errors = [*self.online_url.errors,
                                      _l("Give a link starting with http:// or https://.")]
            ok = False
        return ok


class CancelForm(FlaskForm):
    reason = TextAreaField(_l("Reason"), validators=[DataRequired(), Length(max=2000)],
                           render_kw={"rows": 3})
    version = HiddenField()


class HostForm(FlaskForm):
    host_park_id = SelectField(_l("Host park"), coerce=coerce_id, validators=[Optional()])
    version = HiddenField()


class FilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET filter, nothing changes

    series = SelectField(_l("Series"), coerce=coerce_id, validators=[Optional()])
    park = SelectField(_l("Park"), coerce=coerce_id, validators=[Optional()])
