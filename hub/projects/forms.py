"""Forms of the projects feature. Types are parsed here; the rules live in the services."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, DecimalField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from hub.attachments.forms import attachments_field
from hub.edge import coerce_id
from hub.validators import DateField as SafeDateField

AMOUNT_HELP = _l("In 万元 (10,000 yuan).")


def amount(label, required=False):
    validators = [InputRequired(_l("Enter an amount."))] if required else [Optional()]
    return DecimalField(label, places=2, validators=validators, description=AMOUNT_HELP,
                        render_kw={"step": "0.01", "inputmode": "decimal"})


class ProjectForm(FlaskForm):
    version = HiddenField()
    park_id = SelectField(_l("Park"), coerce=int, validators=[InputRequired()])
    name = StringField(_l("Project name"), validators=[DataRequired(), Length(max=200)])
    investor = StringField(_l("Investor"), validators=[DataRequired(), Length(max=200)])
    industry_chain = StringField(_l("Industry chain"), validators=[Optional(), Length(max=100)])
    total_investment = amount(_l("Total investment"), required=True)
    signed_on = DateField(_l("Signed on (签约)"), validators=[Optional()])
    started_on = DateField(_l("Construction started on (开工)"), validators=[Optional()])
    completed_on = DateField(_l("Construction completed on (竣工)"), validators=[Optional()])
    producing_on = DateField(_l("In production since (投产)"), validators=[Optional()])
    contracted_capital = amount(_l("Contracted capital"))
    paid_in_capital = amount(_l("Paid-in capital (资金到位)"))
    production_deadline = DateField(_l("Production deadline (投产期限)"), validators=[Optional()])
    committed_tax = amount(_l("Agreed annual tax"))
    committed_output = amount(_l("Agreed annual output"))
    actual_tax = amount(_l("Actual annual tax"))
    actual_output = amount(_l("Actual annual output"))
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=5000)],
                          render_kw={"rows": 3})


class AdvanceForm(FlaskForm):
    on = DateField(_l("Date"), validators=[Optional()])
    note = StringField(_l("Note"), validators=[Optional(), Length(max=1000)])


class EntryForm(FlaskForm):
    note = TextAreaField(_l("Progress"), validators=[DataRequired(), Length(max=5000)],
                         render_kw={"rows": 3})
    attachments = attachments_field()


class VisitForm(FlaskForm):
    park_id = SelectField(_l("Park"), coerce=coerce_id, validators=[InputRequired()])
    visit_on = SafeDateField(_l("Date"),
                             validators=[InputRequired(_l("Enter the date of the visit."))])
    destination = StringField(_l("Destination"), validators=[DataRequired(), Length(max=200)])
    people = StringField(_l("People"), validators=[DataRequired(), Length(max=300)])
    leads = TextAreaField(_l("Leads"), validators=[Optional(), Length(max=5000)],
                          render_kw={"rows": 3})


class CampaignForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    starts_on = DateField(_l("Starts on"), validators=[InputRequired()])
    ends_on = DateField(_l("Ends on"), validators=[InputRequired()])
    min_investment = DecimalField(_l("Minimum investment counted"), places=2, default=5000,
                                  validators=[InputRequired()], description=AMOUNT_HELP)
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=5000)],
                                render_kw={"rows": 3})

