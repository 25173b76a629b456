"""Minutes (会议纪要) of a meeting: revisions, 征求意见 (confirmation by the participant parks),
签发 (sign-off by an admin), print view. Decisions (议定事项) are recorded on the minutes page
(hub.actions)."""

from flask_babel import lazy_gettext as _l

from hub.features import AuditLabels, Feature, MeetingPanel

_OBJECTS = {
    "meeting_minutes": _l("Meeting minutes"),  # 会议纪要
}
_ACTIONS = {
    "send": _l("Sent for comment"),  # 征求意见
    "confirm": _l("Confirmed"),  # 确认
    "comment": _l("Commented"),  # 提出意见
}
_FIELDS = {
    "revision": _l("Revision"),
    "signed_by_id": _l("Signed off by"),  # 签发人
    "published_at": _l("Published at"),
    "comment": _l("Comment"),
    "outstanding_confirmed": _l("Signed off despite missing answers or open comments"),
    "unanswered_parks": _l("Parks that had not answered"),
    "commented_parks": _l("Parks with open comments"),
}

AUDIT = AuditLabels(objects=_OBJECTS, actions=_ACTIONS, fields=_FIELDS)


def declare() -> Feature:
    from hub.minutes import demo, notifications, services, views

    # its tables (the minutes record) are hub.meetings.models: actions needs them too
    return Feature("minutes", demo=demo.seed, blueprints=[views.bp], audit=AUDIT,
                   notification_kinds=notifications.KINDS,
                   subscriptions=notifications.SUBSCRIPTIONS,
                   meeting_panels=[MeetingPanel(30, views.panels.minutes_panel)],
                   protectors=[services.meetings_with_minutes_data])
