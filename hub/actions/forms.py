from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, Length, Optional

from hub.actions.models import ActionStatus, UpdateKind
from hub.actions.services import OWNER_STATUSES
from hub.attachments.forms import attachments_field
from hub.edge import coerce_id
from hub.land.models import STATUS_LABELS as CASE_STATUS_LABELS
from hub.land.models import CaseStatus
from hub.lists.widgets import FilterSelect
from hub.validators import DateField, choices

STATUS_LABELS = {
    ActionStatus.NOT_STARTED: _l("Not started"),  # 未开始
    ActionStatus.IN_PROGRESS: _l("In progress"),  # 进行中
    ActionStatus.PENDING_REVIEW: _l("Completion under review"),  # 办结待审
    ActionStatus.DONE: _l("Done"),  # 已完成
}
# the timeline's label of each 督办 step (progress entries have none)
KIND_LABELS = {
    UpdateKind.APPLY: _l("Completion applied for"),  # 办结申请
    UpdateKind.CLOSE: _l("Closed (销号)"),  # 销号
    UpdateKind.RETURN: _l("Sent back"),  # 退回
    UpdateKind.REMIND: _l("Reminder (催办)"),  # 催办
    UpdateKind.EXTEND_REQUEST: _l("Later due date requested"),  # 延期申请
    UpdateKind.EXTEND_APPROVE: _l("Later due date granted"),
    UpdateKind.EXTEND_REJECT: _l("Later due date refused"),
}
STATUS_BADGES = {
    ActionStatus.NOT_STARTED: "text-bg-secondary",
    ActionStatus.IN_PROGRESS: "text-bg-primary",
    ActionStatus.PENDING_REVIEW: "text-bg-warning",
    ActionStatus.DONE: "text-bg-success",
}


class DecisionForm(FlaskForm):
    # 议定事项 (a decision of the meeting); it becomes an action item (督办) at sign-off
    text = TextAreaField(_l("Decision"), validators=[DataRequired(), Length(max=5000)],
                         render_kw={"rows": 2})
    owner_park_id = SelectField(_l("Owner park"), coerce=coerce_id, validators=[DataRequired()])
    # FilterSelect: WTForms' markup without its per-option work (the zone office's menu holds
    # every active user)
    assignee_id = SelectField(_l("Assignee"), coerce=coerce_id, validators=[Optional()],
                              widget=FilterSelect(),
                              description=_l("Optional; a user of the owner park."))
    due_date = DateField(_l("Due date"), validators=[Optional()])
    land_case_ids = SelectMultipleField(_l("Linked land cases"), coerce=coerce_id,
                                        validators=[Optional()], render_kw={"size": 4})
    parcel_codes = StringField(_l("…or parcel codes"), validators=[Optional(), Length(max=500)],
                               description=_l("Separated by commas or spaces."))
    version = HiddenField()

    def set_choices(self, parks, assignees, cases) -> None:
        """`assignees`: hub.auth.queries.assignee_choices."""
        self.owner_park_id.choices = choices((p.id, p.name) for p in parks)
        self.assignee_id.choices = choices([(0, _l("— nobody yet —")), *assignees])
        self.land_case_ids.choices = choices((c.id, case_label(c)) for c in cases)


def case_label(case) -> str:
    """A case in the picker; one no longer open says its status."""
    label = f"{case.parcel_code} · {case.park.short_name} · {case.location}"
    if case.status is CaseStatus.DISPOSED:
        label += f" ({CASE_STATUS_LABELS[case.status]})"
    return label


class ProgressForm(FlaskForm):
    # 督办: a progress entry on an action item; the owner park sets 未开始/进行中 only (done is
    # reached by 办结申请 → 销号, hub.actions.review); no status: a note only
    status = SelectField(_l("Status"), choices=choices(
        {s: STATUS_LABELS[s] for s in OWNER_STATUSES}), validate_choice=False,
        validators=[Optional(), AnyOf([s.value for s in ActionStatus])])
    note = TextAreaField(_l("Progress note"), validators=[Optional(), Length(max=5000)],
                         render_kw={"rows": 3})
    version = HiddenField()


# --- 督办 review (hub.actions.review); required texts are checked by the service ---------------
class ApplyForm(FlaskForm):
    # 办结申请: what was done, with optional files
    note = TextAreaField(_l("What was done"), validators=[Optional(), Length(max=5000)],
                         render_kw={"rows": 3})
    attachments = attachments_field()
    version = HiddenField()


class NoteForm(FlaskForm):
    # 销号, 延期批准, 催办: an optional note
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=5000)],
                         render_kw={"rows": 2})
    version = HiddenField()


class ReasonForm(FlaskForm):
    # 退回, 延期不予批准: a required reason
    reason = TextAreaField(_l("Reason"), validators=[Optional(), Length(max=5000)],
                           render_kw={"rows": 2})
    version = HiddenField()


class ExtensionForm(FlaskForm):
    # 延期申请
    due_date = DateField(_l("New due date"), validators=[Optional()])
    reason = TextAreaField(_l("Reason"), validators=[Optional(), Length(max=5000)],
                           render_kw={"rows": 2})
    version = HiddenField()
