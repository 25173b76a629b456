"""Calendar files: one meeting as .ics (/meetings/<id>.ics) and each user's private iCal feed
(/calendar/<token>.ics) of the meetings they may see."""

from flask_babel import lazy_gettext as _l

from hub.features import AuditLabels, Feature

_OBJECTS = {
    "calendar_feed": _l("Calendar feed"),  # 日历订阅
}
_ACTIONS = {
    "renew": _l("Renewed"),
}

AUDIT = AuditLabels(objects=_OBJECTS, actions=_ACTIONS)


def declare() -> Feature:
    from hub.calendar import views

    return Feature("calendar", blueprints=[views.bp], audit=AUDIT)
