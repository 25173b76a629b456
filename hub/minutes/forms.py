from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from hub.meetings.models import ConfirmationStatus
from hub.validators import choices

CONFIRMATION_LABELS = {
    ConfirmationStatus.CONFIRMED: _l("Confirmed, no objection"),  # 确认无意见
    ConfirmationStatus.COMMENTED: _l("Comments on the text"),  # 有修改意见
}


class MinutesForm(FlaskForm):
    # 会议纪要 (minutes), Markdown
    body = TextAreaField(_l("Minutes (Markdown)"),
                         validators=[DataRequired(), Length(max=200_000)],
                         render_kw={"rows": 18, "data-testid": "minutes-body"})
    base_revision = HiddenField(default="0")


class ConfirmForm(FlaskForm):
    # 征求意见: a participant park confirms or comments
    status = RadioField(_l("Your park's answer"), validators=[DataRequired()],
                        choices=choices(CONFIRMATION_LABELS),
                        default=ConfirmationStatus.CONFIRMED.value)
    comment = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=10_000)],
                            render_kw={"rows": 3},
                            description=_l("Required when you have comments."))


class SignOffForm(FlaskForm):
    # 签发: with missing answers or open comments the admin confirms explicitly
    confirm_outstanding = BooleanField(
        _l("I have seen the parks that did not answer and the open comments, and sign off "
           "regardless."), render_kw={"data-testid": "confirm-outstanding"})
