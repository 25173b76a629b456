"""Forms of the notices feature."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from hub.attachments.forms import attachments_field
from hub.edge import coerce_id
from hub.lists.widgets import FilterSelect
from hub.notices.models import NoticeStatus, NoticeUrgency
from hub.pickers import ParkPickerField
from hub.validators import DateField, choices

STATUS_LABELS = {
    NoticeStatus.DRAFT: _l("Draft"),  # 草稿
    NoticeStatus.PUBLISHED: _l("Published"),  # 已发布
    NoticeStatus.WITHDRAWN: _l("Withdrawn"),  # 已撤回
}

URGENCY_LABELS = {
    NoticeUrgency.NORMAL: _l("Ordinary"),  # 平件
    NoticeUrgency.URGENT: _l("Urgent"),  # 加急
    NoticeUrgency.EXTRA_URGENT: _l("Extra urgent"),  # 特急
}


def _squeezed(value):
    """A 文号 as typed, with runs of spaces made one and none at the ends; None when empty."""
    return (" ".join(value.split()) or None) if isinstance(value, str) else value


class AudienceMixin:
    """All parks, or chosen parks (checkboxes of the active parks)."""

    # while ticked, app.js disables (greys out) the park checkboxes; without the script the
    # services ignore the chosen parks of a notice sent to all parks
    all_parks = BooleanField(_l("Send to all parks"), default=True,
                             render_kw={"data-disables": "audience"})
    audience = ParkPickerField(
        _l("Chosen parks"), coerce=coerce_id, validators=[Optional()],
        description=_l("Used when \"Send to all parks\" is not ticked. The issuing park always "
                       "sees its own notices."),
    )

    def audience_ok(self) -> bool:
        if not self.all_parks.data and not self.audience.data:
            self.audience.errors = [*self.audience.errors,
                                    _l("Choose at least one park, or send to all parks.")]
            return False
        return True


class NoticeForm(AudienceMixin, FlaskForm):
    park_id = SelectField(_l("Issuing park"), coerce=coerce_id, validators=[DataRequired()])
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    category_id = SelectField(_l("Category"), coerce=coerce_id, validators=[DataRequired()])
    doc_number = StringField(
        _l("Document number"), validators=[Optional(), Length(max=60)],
        filters=[_squeezed],
        description=_l("文号, e.g. 株高新管发〔2026〕12号. Optional; no two notices share one."))
    urgency = SelectField(_l("Urgency"), default=NoticeUrgency.NORMAL.value,
                          choices=choices(URGENCY_LABELS), validators=[DataRequired()])
    body = TextAreaField(
        _l("Text"), validators=[Optional(), Length(max=100_000)],
        description=_l("Markdown: **bold**, lists with -, links [text](https://…), tables."),
        render_kw={"rows": 14},
    )
    effective_date = DateField(_l("Effective from"), validators=[Optional()])
    expiry_date = DateField(_l("Valid until"), validators=[Optional()])
    attachments = attachments_field()
    remove_attachments = SelectMultipleField(_l("Remove attachments"), coerce=coerce_id,
                                             validators=[Optional()])
    version = HiddenField()

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        ok = self.audience_ok() and ok
        if (self.effective_date.data and self.expiry_date.data
                and self.expiry_date.data < self.effective_date.data):
            self.expiry_date.errors = [*self.expiry_date.errors,
                                       _l("The end date is before the effective date.")]
            ok = False
        return ok


class PublishForm(AudienceMixin, FlaskForm):
    """On the notice page: the park admin confirms the audience and publishes."""

    version = HiddenField()

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        return self.audience_ok() and ok


REMIND_LABELS = {"read": _l("Remind to read"), "sign": _l("Remind to sign")}  # 催阅 / 催签


class SignForm(FlaskForm):
    """签收 for one's park: the park the page offers (a different one is refused)."""

    park_id = HiddenField()


class RemindForm(FlaskForm):
    """催阅 or 催签 the lagging audience parks."""

    what = SelectField(_l("Remind to"), choices=choices(REMIND_LABELS),
                       validators=[DataRequired()])


# the status menu of the list's filter (the view gives it translated)
STATUS_FILTER = choices({"": _l("All statuses"), **STATUS_LABELS})


class NoticeFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET filter, nothing changes

    category = SelectField(_l("Category"), coerce=coerce_id, validators=[Optional()],
                           widget=FilterSelect())
    park = SelectField(_l("Issuing park"), coerce=coerce_id, validators=[Optional()],
                       widget=FilterSelect())
    status = SelectField(_l("Status"), validators=[Optional()], widget=FilterSelect())
    date_from = DateField(_l("Published from"), validators=[Optional()])
    date_to = DateField(_l("Published until"), validators=[Optional()])
    deleted = BooleanField(_l("Show deleted"))


class CategoryForm(FlaskForm):
    name = StringField(_l("Category name"), validators=[DataRequired(), Length(max=50)])
