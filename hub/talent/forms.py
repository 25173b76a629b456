"""Forms of the talent listings: edit form (with attachments) and the list filter."""

from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
)

from hub.attachments.forms import attachments_field
from hub.edge import coerce_id
from hub.lists.widgets import FilterSelect
from hub.talent.models import EDUCATION_LABELS, KIND_LABELS, STATUS_LABELS
from hub.timeutil import local_today
from hub.validators import DateField, IntegerField, choices

EXPIRED_CHOICES = choices([
    ("", _l("Hide expired")),
    ("include", _l("Include expired")),
    ("only", _l("Expired only")),
])
DELETED_CHOICES = choices([
    ("", _l("Hide deleted")),
    ("include", _l("Include deleted")),
    ("only", _l("Deleted only")),
])


class ListingForm(FlaskForm):
    version = HiddenField()
    park_id = SelectField(_l("Park"), coerce=coerce_id, validators=[InputRequired()])
    kind = SelectField(_l("Kind"), choices=choices(KIND_LABELS),
                       validators=[DataRequired()])
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)],
                        description=_l("E.g. the position, or the expert or team offered."))
    field = StringField(_l("Field / industry"), validators=[DataRequired(), Length(max=100)])
    education = SelectField(_l("Education"),
                            choices=choices(EDUCATION_LABELS),
                            validators=[DataRequired()])
    headcount = IntegerField(
        _l("Head count"), default=1,
        validators=[InputRequired(_l("Enter a number of people.")),
                    NumberRange(min=1, max=9999,
                                message=_l("Enter a number from 1 to 9999."))])
    enterprise = StringField(_l("Enterprise / organisation"),
                             validators=[DataRequired(), Length(max=200)])
    contact_person = StringField(_l("Contact person"), validators=[DataRequired(), Length(max=64)])
    contact_phone = StringField(_l("Contact phone"), validators=[Optional(), Length(max=32)])
    # a plain pattern: intranet addresses (….local) are fine here, email_validator refuses them
    contact_email = EmailField(_l("Contact email"), validators=[
        Optional(), Length(max=255),
        Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message=_l("Enter a valid email address."))])
    expires_on = DateField(_l("Valid until"), validators=[InputRequired()],
                           description=_l("After this day the listing leaves the default list."))
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=20000)],
                                description=_l("Plain text or Markdown."),
                                render_kw={"rows": 8})
    attachments = attachments_field()

    def __init__(self, *args, creating: bool = False, stored_expiry: date | None = None, **kw):
        super().__init__(*args, **kw)
        self._creating = creating
        self._stored_expiry = stored_expiry
        if creating and not self.is_submitted():
            self.expires_on.data = local_today() + timedelta(days=90)

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        phone = (self.contact_phone.data or "").strip()
        email = (self.contact_email.data or "").strip()
        if not phone and not email:
            self.contact_phone.errors = [*self.contact_phone.errors,
                                         _l("Give a contact phone or an email (at least one).")]
            ok = False
        expiry = self.expires_on.data
        changed = self._creating or expiry != self._stored_expiry
        if expiry and changed and expiry < local_today():
            self.expires_on.errors = [*self.expires_on.errors,
                                      _l("The date must not be in the past.")]
            ok = False
        return ok


# the filter's fixed menus (the view gives them translated: hub.lists.labels.translated_choices)
KIND_FILTER = choices({"": _l("All kinds"), **KIND_LABELS})
EDUCATION_FILTER = choices({"": _l("Any"), **EDUCATION_LABELS})
STATUS_FILTER = choices({"": _l("All statuses"), **STATUS_LABELS})


class FilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET filter, nothing changes

    kind = SelectField(_l("Kind"), validators=[Optional()], widget=FilterSelect(),
                       choices=KIND_FILTER)
    park = SelectField(_l("Park"), coerce=coerce_id, validators=[Optional()],
                       widget=FilterSelect())
    field = StringField(_l("Field / industry"), validators=[Optional(), Length(max=100)])
    education = SelectField(_l("Education"), validators=[Optional()], widget=FilterSelect(),
                            choices=EDUCATION_FILTER)
    status = SelectField(_l("Status"), validators=[Optional()], widget=FilterSelect(),
                         choices=STATUS_FILTER)
    expired = SelectField(_l("Expiry"), choices=EXPIRED_CHOICES, validators=[Optional()],
                          widget=FilterSelect())
    deleted = SelectField(_l("Deleted"), choices=DELETED_CHOICES, validators=[Optional()],
                          widget=FilterSelect())
