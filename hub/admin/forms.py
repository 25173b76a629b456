from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from hub.auth.models import Role
from hub.edge import clean_name, coerce_id
from hub.lists.widgets import FilterSelect
from hub.parks.models import ParkKind
from hub.validators import DateField, IntranetEmail, PlainText, choices

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

    # FilterSelect: WTForms' markup without its per-option work
    park = SelectField(_l("Park"), coerce=coerce_id, validators=[Optional()],
                       widget=FilterSelect())
    # 操作人: part of an actor's name or username (hub.admin.services.audit_ids). It replaced a
    # menu of every account: 2,000 options at scale 10, ~30 of the page's ~70 ms (issue 16)
    who = StringField(_l("Who"), validators=[Optional(), Length(max=64), PlainText()])
    # one account chosen by a link (?user=<id>), carried by a hidden input: its choices are
    # "none" (0) and that account only (looked up by the view), so an unknown id is refused
    # as the menu of every account refused it
    user = SelectField(_l("User"), coerce=coerce_id, validators=[Optional()])
    object_type = SelectField(_l("Object type"), validators=[Optional()], widget=FilterSelect())
    date_from = DateField(_l("From"), validators=[Optional()])
    date_to = DateField(_l("To"), validators=[Optional()])
