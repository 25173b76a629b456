from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FieldList,
    FormField,
    HiddenField,
    RadioField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from hub.agenda.models import AttendanceStatus, TopicStatus
from hub.attachments.forms import attachments_field
from hub.validators import IntegerField, choices

TOPIC_STATUS_LABELS = {
    TopicStatus.SUBMITTED: _l("Submitted"),  # 已提交
    TopicStatus.ACCEPTED: _l("On the agenda"),  # 已列入议程
    TopicStatus.DEFERRED: _l("Deferred"),  # 顺延
    TopicStatus.WITHDRAWN: _l("Withdrawn"),  # 已撤回
}
TOPIC_STATUS_BADGES = {
    TopicStatus.SUBMITTED: "text-bg-secondary",
    TopicStatus.ACCEPTED: "text-bg-success",
    TopicStatus.DEFERRED: "text-bg-warning",
    TopicStatus.WITHDRAWN: "text-bg-light",
}
ATTENDANCE_LABELS = {
    AttendanceStatus.ATTENDING: _l("Attending"),  # 参会
    AttendanceStatus.DECLINED: _l("Not attending"),  # 请假
}


class TopicForm(FlaskForm):
    # TRANSLATORS: an agenda topic (议题) proposed by a park for a joint meeting
    title = StringField(_l("Topic"), validators=[DataRequired(), Length(max=200)])
    summary = TextAreaField(_l("Summary"), validators=[Length(max=5000)],
                            render_kw={"rows": 5})
    presenter = StringField(_l("Presenter"), validators=[Length(max=64)])  # 汇报人
    minutes_requested = IntegerField(_l("Minutes requested"), default=10,  # 所需时长（分钟）
                                     validators=[DataRequired(), NumberRange(min=1, max=240)])
    attachments = attachments_field()


class MoveForm(FlaskForm):
    position = IntegerField(_l("Position"), validators=[DataRequired(), NumberRange(min=1)])


class ReplyForm(FlaskForm):
    status = RadioField(_l("Your park's reply"), choices=choices([  # 参会回执
        (AttendanceStatus.ATTENDING, _l("We attend")),
        (AttendanceStatus.DECLINED, _l("We cannot attend")),  # 请假
    ]), validators=[DataRequired()])
    attendees = TextAreaField(_l("Attendees (one per line)"), validators=[Length(max=2000)],
                              render_kw={"rows": 3})
    decline_reason = TextAreaField(_l("Reason"), validators=[Length(max=1000)],  # 请假事由
                                   render_kw={"rows": 2})

    def validate_attendees(self, field):
        if self.status.data == AttendanceStatus.ATTENDING.value and not (field.data or "").strip():
            raise ValidationError(_l("Name at least one attendee."))

    def validate_decline_reason(self, field):
        if self.status.data == AttendanceStatus.DECLINED.value and not (field.data or "").strip():
            raise ValidationError(_l("Please give a reason."))


class PresenceEntry(FlaskForm):
    class Meta:
        csrf = False

    park_id = HiddenField()
    present = BooleanField(_l("Present"))  # 到会
    actual_attendees = TextAreaField(_l("Actual attendees (one per line)"),  # 实到人员
                                     validators=[Optional(), Length(max=2000)],
                                     render_kw={"rows": 2})


class RecordForm(FlaskForm):
    entries = FieldList(FormField(PresenceEntry), min_entries=0)
