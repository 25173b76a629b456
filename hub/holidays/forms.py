"""The form of /admin/holidays/<year>: the arrangement as text, preview then save."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange

from hub.holidays.notice import Problem

FIRST_YEAR, LAST_YEAR = 2000, 2100
MAX_TEXT = 10_000


class YearPickForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form that only opens a page

    year = IntegerField(_l("Year"), validators=[DataRequired(),
                                                NumberRange(FIRST_YEAR, LAST_YEAR)])


class ArrangementForm(FlaskForm):
    text = TextAreaField(
        _l("Arrangement (one holiday per line)"),
        validators=[DataRequired(), Length(max=MAX_TEXT)],
        description=_l("For example: 春节 2027-02-05 至 2027-02-11 — and for the make-up working "
                       "days: 调休上班 2027-02-14、2027-02-20. Lines copied from the State "
                       "Council's notice (二、春节：2月5日至11日放假调休，"
                       "共7天。2月14日上班。) work too; # starts a comment."),
        render_kw={"rows": 12, "spellcheck": "false"})
    # what the preview was computed for: the text's data and the year's data at that time
    previewed = HiddenField()
    preview = SubmitField(_l("Preview the changes"))
    save = SubmitField(_l("Save and re-plan meetings"))


def problem_message(p: Problem) -> str:
    """One line of the form's error list."""
    messages = {
        "no_date": lambda: _("no date found"),
        "bad_date": lambda: _("“%(text)s” is not a date", text=p.detail),
        "wrong_year": lambda: _("%(date)s is outside this year's arrangement", date=p.detail),
        "reversed": lambda: _("the range ends before it starts (%(detail)s)", detail=p.detail),
        "too_long": lambda: _("a holiday range cannot be longer than 31 days"),
        "no_name": lambda: _("the holiday's name is missing (e.g. 春节)"),
        "too_many_dates": lambda: _("write one day or one range per holiday, e.g. "
                                    "春节 2027-02-05 至 2027-02-11"),
        "overlap": lambda: _("two holidays overlap on %(date)s (%(detail)s)", date=p.detail,
                             detail=p.text),
        "workday_in_range": lambda: _("%(date)s is both a holiday and a make-up working day",
                                      date=p.detail),
        "workday_weekday": lambda: _("%(date)s is a weekday, a working day anyway; a make-up "
                                     "working day (调休上班) is a Saturday or Sunday",
                                     date=p.detail),
        "empty": lambda: _("enter at least one holiday"),
    }
    text = messages[p.code]()
    if p.line:
        return _("Line %(line)d (%(text)s): %(message)s", line=p.line, text=p.text[:80],
                 message=text)
    return text
