from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DecimalField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from hub.attachments.forms import attachments_field
from hub.edge import coerce_id
from hub.land.models import DISPOSAL_LABELS, PROBLEM_LABELS
from hub.lists.widgets import FilterSelect
from hub.validators import DateField, choices


class CaseForm(FlaskForm):
    parcel_code = StringField(_l("Parcel code"), validators=[DataRequired(), Length(max=64)],
                              description=_l("Unique within the responsible park, e.g. "
                                             "ZZGX-2022-017."))  # 地块编号
    location = StringField(_l("Location"), validators=[DataRequired(), Length(max=255)])
    area_mu = DecimalField(_l("Area (mu)"), places=2,
                           validators=[DataRequired(), NumberRange(min=0.01, max=9999999999)],
                           description=_l("In mu (亩), two decimals; 1 mu = 666.67 m²."))
    holder = StringField(_l("Holder enterprise"), validators=[Optional(), Length(max=200)])
    problem_type = SelectField(_l("Problem type"), validators=[DataRequired()],
                               choices=choices(PROBLEM_LABELS))
    disposal = SelectField(_l("Proposed disposal"), validators=[DataRequired()],
                           choices=choices(DISPOSAL_LABELS))
    park_id = SelectField(_l("Responsible park"), coerce=coerce_id, validators=[DataRequired()])
    # FilterSelect: WTForms' markup without its per-option work (the zone office's menu holds
    # every active user)
    assignee_id = SelectField(_l("Assignee"), coerce=coerce_id, validators=[Optional()],
                              widget=FilterSelect(),
                              description=_l("A user of the responsible park."))
    deadline = DateField(_l("Deadline"), validators=[Optional()])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=20000)],
                                render_kw={"rows": 4})
    note = TextAreaField(_l("Remark for the timeline"), validators=[Optional(),
                                                                     Length(max=5000)],
                         render_kw={"rows": 2})
    attachments = attachments_field()
    version = HiddenField()

    def set_choices(self, parks, assignees) -> None:
        """`assignees`: hub.auth.queries.assignee_choices."""
        self.park_id.choices = choices((p.id, p.name) for p in parks)
        self.assignee_id.choices = choices([(0, _l("— nobody yet —")), *assignees])


class TransitionForm(FlaskForm):
    # the target status comes from the pressed button (name="to"), read by the view
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=5000)],
                         description=_l("Required when suspending: the reason."),
                         render_kw={"rows": 2})
    attachments = attachments_field()


class NoteForm(FlaskForm):
    note = TextAreaField(_l("Progress note"), validators=[Optional(), Length(max=5000)],
                         render_kw={"rows": 3})
    attachments = attachments_field()
