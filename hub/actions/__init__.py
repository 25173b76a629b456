"""Decisions (议定事项) of meetings followed as action items (督办)."""

from flask_babel import lazy_gettext as _l

from hub.features import AttachmentOwner, AuditLabels, Feature, MeetingPanel

_OBJECTS = {
    "action_item": _l("Action item"),  # 议定事项 / 督办事项
}
_ACTIONS = {
    "progress": _l("Progress noted"),  # 进展
    "apply": _l("Completion applied for"),  # 办结申请
    "close": _l("Closed (销号)"),  # 销号
    "return": _l("Sent back"),  # 退回
    "remind": _l("Reminded"),  # 催办
    "extend_request": _l("Later due date requested"),  # 延期申请
    "extend_approve": _l("Later due date granted"),
    "extend_reject": _l("Later due date refused"),
}
_FIELDS = {
    "text": _l("Decision"),
    "owner_park_id": _l("Owner park"),  # 责任园区
    "due_date": _l("Due date"),  # 完成时限
    "completed_at": _l("Completed at"),
    "land_cases": _l("Linked land cases"),
    "note": _l("Note"),
    "extension_due": _l("Later due date requested"),
    "attachments": _l("Attachments"),
    "assignee_id": _l("Assignee"),
    "reminded_at": _l("Last reminded at"),
}

AUDIT = AuditLabels(objects=_OBJECTS, actions=_ACTIONS, fields=_FIELDS)


def declare() -> Feature:
    from hub import permissions as perm
    from hub.actions import ledger_views, models, notifications, review, review_views, views

    return Feature("actions", models=models, audit=AUDIT,
                   blueprints=[views.bp, review_views.bp, ledger_views.bp],
                   attachment_owners=[AttachmentOwner(
                       review.UPDATE_OWNER, models.ActionUpdate,
                       lambda user, entry: perm.can_view_action_item(user, entry.item))],
                   notification_kinds=notifications.KINDS,
                   subscriptions=notifications.SUBSCRIPTIONS, daily=[notifications.action_items],
                   meeting_panels=[MeetingPanel(40, views.actions_panel)],
                   linked_items=[views.case_links])
