"""Before a meeting: agenda topics (议题征集) and attendance replies (参会回执)."""

from flask_babel import lazy_gettext as _l

from hub.audit import labels

labels.OBJECT_LABELS.update({
    "agenda_topic": _l("Agenda topic"),  # 议题
    "meeting_attendance": _l("Attendance reply"),  # 参会回执
})
labels.ACTION_LABELS.update({
    "submit": _l("Submitted"),  # 提交议题
    "accept": _l("Accepted"),  # 列入议程
    "defer": _l("Deferred"),  # 顺延至下次会议
    "reorder": _l("Reordered"),  # 调整议程顺序
    "reply": _l("Replied"),  # 参会回执
    "record_attendance": _l("Attendance recorded"),  # 记录实到人员
})
labels.FIELD_LABELS.update({
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
})
