"""Joint meetings (联席会议 / 例会): recurring series, occurrences, one-off meetings.

recurrence.py (RRULE build / validate / expand), holidays.py (where each rule date is held, by
the holiday table of hub.holidays), services.py
(series and the materialized occurrences, the protector registry, extend_horizons),
occurrences.py (one meeting: one-off, move, cancel, host), queries.py (visibility, lists, month),
views/ (the pages, one module per responsibility), demo.py.
"""

from flask_babel import lazy_gettext as _l

from hub.features import AuditLabels, Feature

_OBJECTS = {
    "meeting_series": _l("Meeting series"),  # 例会系列
    "meeting": _l("Meeting"),  # 会议
}
_ACTIONS = {
    "move": _l("Moved"),  # 调整时间地点
    "cancel": _l("Cancelled"),  # 取消
    "reinstate": _l("Reinstated"),  # 恢复
    "change_host": _l("Host changed"),  # 更换主持园区
}
_FIELDS = {
    "title": _l("Title"),
    "description": _l("Description"),
    "rrule": _l("Recurrence rule"),  # 重复规则
    "start_date": _l("Start date"),
    "start_time": _l("Start time"),
    "timezone": _l("Time zone"),
    "duration_minutes": _l("Duration (minutes)"),
    "location": _l("Place"),
    "online_url": _l("Online meeting link"),
    "holiday_policy": _l("On a statutory holiday"),
    "reminder_offsets": _l("Reminders"),
    "agenda_cutoff_hours": _l("Agenda cut-off (hours before the start)"),
    "agenda_cutoff": _l("Agenda cut-off"),
    "parks": _l("Participant parks"),
    "people": _l("Extra people"),
    "hosts": _l("Rotating host"),  # 轮值主持
    "host_park": _l("Host park"),
    "host_park_id": _l("Host park"),
    "starts_at": _l("Starts at"),
    "ends_at": _l("Ends at"),
    "cancel_reason": _l("Reason for cancelling"),
    "status": _l("Status"),
    "series_id": _l("Meeting series"),
    "holiday_note": _l("Holiday note"),
    "host_overridden": _l("Host chosen by hand"),
}

AUDIT = AuditLabels(objects=_OBJECTS, actions=_ACTIONS, fields=_FIELDS)


def declare() -> Feature:
    from hub.meetings import demo, models, notifications, reminders, views

    return Feature("meetings", demo=demo.seed, models=models, blueprints=[views.bp], audit=AUDIT,
                   notification_kinds=notifications.KINDS,
                   subscriptions=notifications.SUBSCRIPTIONS,
                   periodic=[reminders.meeting_reminders])
