from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from hub.auth.models import Role
from hub.edge import clean_name, coerce_id
from hub.lists.widgets import FilterSelect, MenuField
from hub.parks.models import ParkKind
from hub.validators import DateField, IntranetEmail, choices

PARK_KIND_LABELS = {
    ParkKind.ZONE: _l("Zone office"),
    ParkKind.NATIONAL: _l("National park"),
    ParkKind.PROVINCIAL: _l("Provincial park"),
    ParkKind.OTHER: _l("Other park"),
}

ROLE_LABELS = {
    Role.ADMIN: _l("Platform admin"),
    Role.PARK_ADMIN: _l("Park admin"),
    Role.STAFF: _l("Park staff"),
}


class ParkForm(FlaskForm):
    name = StringField(_l("Park name"), validators=[DataRequired(), Length(max=100)],
                       filters=[clean_name])
    short_name = StringField(_l("Short name"), validators=[DataRequired(), Length(max=32)],
                             filters=[clean_name])
    kind = SelectField(
        _l("Kind"),
        choices=choices(PARK_KIND_LABELS),
        validators=[DataRequired()],
    )
    contact_person = StringField(_l("Contact person"), validators=[Optional(), Length(max=64)])
    contact_phone = StringField(_l("Contact phone"), validators=[Optional(), Length(max=32)])
    contact_email = EmailField(
        _l("Contact email"), validators=[Optional(), IntranetEmail(), Length(max=255)]
    )
    address = StringField(_l("Address"), validators=[Optional(), Length(max=255)])


class AccountForm(FlaskForm):
    username = StringField(
        _l("Username"),
        validators=[
            DataRequired(),
            Length(min=3, max=64),
            Regexp(
                r"^[A-Za-z0-9_.-]+$",
                message=_l("Use letters, digits, dot, dash or underscore."),
            ),
        ],
        description=_l("Used to sign in; cannot be changed later."),
    )
    display_name = StringField(_l("Name"), validators=[DataRequired(), Length(max=64)],
                               filters=[clean_name])
    email = EmailField(_l("Email"), validators=[Optional(), IntranetEmail(), Length(max=255)])
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=32)])
    park_id = SelectField(_l("Park"), coerce=coerce_id, validators=[DataRequired()])
    role = SelectField(_l("Role"), validators=[DataRequired()])

    def set_choices(self, parks, roles) -> None:
        self.park_id.choices = choices((p.id, p.name) for p in parks)
        self.role.choices = choices((r, ROLE_LABELS[r]) for r in roles)


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET filter, nothing changes

    # FilterSelect: WTForms' markup without its per-option work (the zone office's user menu
    # holds every account: 2,000 at scale 10, half of the page's time drawn by WTForms)
    park = SelectField(_l("Park"), coerce=coerce_id, validators=[Optional()],
                       widget=FilterSelect())
    user = MenuField(_l("User"), coerce=coerce_id, validators=[Optional()])
    object_type = SelectField(_l("Object type"), validators=[Optional()], widget=FilterSelect())
    date_from = DateField(_l("From"), validators=[Optional()])
    date_to = DateField(_l("To"), validators=[Optional()])
