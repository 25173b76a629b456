"""Forms of the empowered-items catalogue and the handover steps."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from hub.attachments.forms import attachments_field
from hub.powers.models import MODE_LABELS, STATUS_LABELS
from hub.validators import choices


class ItemForm(FlaskForm):
    name = StringField(_l("Item"), validators=[DataRequired(), Length(max=300)])
    department = StringField(_l("Granting department"), validators=[DataRequired(),
                                                                    Length(max=100)])
    mode = SelectField(_l("Empowerment mode"),
                       choices=choices(MODE_LABELS),
                       validators=[DataRequired()])
    legal_basis = TextAreaField(_l("Legal basis"), validators=[Optional(), Length(max=5000)],
                                render_kw={"rows": 3})
    handover_due = DateField(_l("Handover due (交接期限)"), validators=[Optional()])


class HandoverForm(FlaskForm):
    version = HiddenField()
    to = SelectField(_l("New status"), choices=choices(STATUS_LABELS),
                     validators=[DataRequired()])
    on = DateField(_l("Date"), validators=[Optional()])
    document = attachments_field(_l("Signed handover document / agreement"))
    first_case = StringField(_l("First case handled"), validators=[Optional(), Length(max=300)])
    reason = TextAreaField(_l("Reason for deferring"), validators=[Optional(), Length(max=5000)],
                           render_kw={"rows": 2})


class ImportForm(FlaskForm):
    file = FileField(_l("Catalogue (.xlsx)"))

