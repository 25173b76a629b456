"""Calendar files: one meeting as .ics (/meetings/<id>.ics) and each user's private iCal feed
(/calendar/<token>.ics) of the meetings they may see."""

from flask_babel import lazy_gettext as _l

from hub.audit import labels

labels.OBJECT_LABELS.update({
    "calendar_feed": _l("Calendar feed"),  # 日历订阅
})
labels.ACTION_LABELS.update({
    "renew": _l("Renewed"),
})
