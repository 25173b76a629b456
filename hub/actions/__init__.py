"""Decisions (议定事项) of meetings followed as action items (督办)."""

from flask_babel import lazy_gettext as _l

from hub.features import AuditLabels, Feature, MeetingPanel

_OBJECTS = {
    "action_item": _l("Action item"),  # 议定事项 / 督办事项
}
_ACTIONS = {
    "progress": _l("Progress noted"),  # 进展
}
_FIELDS = {
    "text": _l("Decision"),
    "owner_park_id": _l("Owner park"),  # 责任园区
    "due_date": _l("Due date"),  # 完成时限
    "completed_at": _l("Completed at"),
    "land_cases": _l("Linked land cases"),
    "note": _l("Note"),
}

AUDIT = AuditLabels(objects=_OBJECTS, actions=_ACTIONS, fields=_FIELDS)


def declare() -> Feature:
    from hub.actions import models, notifications, views

    return Feature("actions", models=models, blueprints=[views.bp], audit=AUDIT,
                   notification_kinds=notifications.KINDS,
                   subscriptions=notifications.SUBSCRIPTIONS, daily=[notifications.action_items],
                   meeting_panels=[MeetingPanel(40, views.actions_panel)],
                   linked_items=[views.case_links])
