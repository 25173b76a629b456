"""Before a meeting: agenda topics (议题征集) and attendance replies (参会回执)."""

from flask_babel import lazy_gettext as _l

from hub.features import AttachmentOwner, AuditLabels, Feature, MeetingPanel

_OBJECTS = {
    "agenda_topic": _l("Agenda topic"),  # 议题
    "meeting_attendance": _l("Attendance reply"),  # 参会回执
}
_ACTIONS = {
    "submit": _l("Submitted"),  # 提交议题
    "accept": _l("Accepted"),  # 列入议程
    "defer": _l("Deferred"),  # 顺延至下次会议
    "reorder": _l("Reordered"),  # 调整议程顺序
    "reply": _l("Replied"),  # 参会回执
    "record_attendance": _l("Attendance recorded"),  # 记录实到人员
}
_FIELDS = {
    "title": _l("Title"),
    "summary": _l("Summary"),
    "presenter": _l("Presenter"),  # 汇报人
    "minutes_requested": _l("Minutes requested"),  # 所需时长
    "status": _l("Status"),
    "position": _l("Position"),
    "meeting_id": _l("Meeting"),
    "deferred_from_id": _l("Deferred from"),
    "attendees": _l("Attendees"),  # 参会人员
    "decline_reason": _l("Reason for not attending"),  # 请假事由
    "present": _l("Present"),  # 是否到会
    "actual_attendees": _l("Actual attendees"),  # 实到人员
}

AUDIT = AuditLabels(objects=_OBJECTS, actions=_ACTIONS, fields=_FIELDS)


def declare() -> Feature:
    from hub import permissions as perm
    from hub.agenda import demo, models, services, views, views_attendance

    return Feature(
        "agenda", demo=demo.seed, models=models, blueprints=[views.bp], audit=AUDIT,
        meeting_panels=[MeetingPanel(10, views.agenda_panel),
                        MeetingPanel(20, views_attendance.attendance_panel)],
        protectors=[services.meetings_with_agenda_data],
        attachment_owners=[AttachmentOwner(
            services.OWNER_TYPE, models.AgendaTopic,
            lambda user, topic: perm.can_view_meeting(user, topic.meeting))])
