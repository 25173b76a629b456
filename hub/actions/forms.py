from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from hub.actions.models import ActionStatus
from hub.edge import coerce_id
from hub.land.models import STATUS_LABELS as CASE_STATUS_LABELS
from hub.land.models import CaseStatus
from hub.validators import DateField, choices

STATUS_LABELS = {
    ActionStatus.NOT_STARTED: _l("Not started"),  # 未开始
    ActionStatus.IN_PROGRESS: _l("In progress"),  # 进行中
    ActionStatus.DONE: _l("Done"),  # 已完成
}
STATUS_BADGES = {
    ActionStatus.NOT_STARTED: "text-bg-secondary",
    ActionStatus.IN_PROGRESS: "text-bg-primary",
    ActionStatus.DONE: "text-bg-success",
}


class DecisionForm(FlaskForm):
    # 议定事项 (a decision of the meeting); it becomes an action item (督办) at sign-off
    text = TextAreaField(_l("Decision"), validators=[DataRequired(), Length(max=5000)],
                         render_kw={"rows": 2})
    owner_park_id = SelectField(_l("Owner park"), coerce=coerce_id, validators=[DataRequired()])
    assignee_id = SelectField(_l("Assignee"), coerce=coerce_id, validators=[Optional()],
                              description=_l("Optional; a user of the owner park."))
    due_date = DateField(_l("Due date"), validators=[Optional()])
    land_case_ids = SelectMultipleField(_l("Linked land cases"), coerce=coerce_id,
                                        validators=[Optional()], render_kw={"size": 4})
    parcel_codes = StringField(_l("…or parcel codes"), validators=[Optional(), Length(max=500)],
                               description=_l("Separated by commas or spaces."))
    version = HiddenField()

    def set_choices(self, parks, users, cases) -> None:
        self.owner_park_id.choices = choices((p.id, p.name) for p in parks)
        self.assignee_id.choices = choices([(0, _l("— nobody yet —"))] + [
            (u.id, f"{u.park.short_name} · {u.display_name}") for u in users
        ])
        self.land_case_ids.choices = choices((c.id, case_label(c)) for c in cases)


def case_label(case) -> str:
    """A case in the picker; one no longer open says its status."""
    label = f"{case.parcel_code} · {case.park.short_name} · {case.location}"
    if case.status is CaseStatus.DISPOSED:
        label += f" ({CASE_STATUS_LABELS[case.status]})"
    return label


class ProgressForm(FlaskForm):
    # 督办: a progress entry on an action item
    status = SelectField(_l("Status"), choices=choices(STATUS_LABELS),
                         validators=[DataRequired()])
    note = TextAreaField(_l("Progress note"), validators=[Optional(), Length(max=5000)],
                         render_kw={"rows": 3})
    version = HiddenField()
