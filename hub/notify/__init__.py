"""Notifications: the outbox, the scheduler that sends mail and robot messages, the
notification centre (the bell) and each user's preferences. The kinds (what a user hears about)
are declared by the features they are about (hub.notify.kinds; hub/<feature>/notifications.py);
this package knows none of them by name, except its own robot.test."""

from flask_babel import lazy_gettext as _l

from hub.features import AuditLabels, Feature

# the outbox admin page's "retry now" (hub.notify.views.admin)
AUDIT = AuditLabels(objects={"outbox": _l("Delivery")}, actions={"retry": _l("Retried")})


def declare() -> Feature:
    from hub.notify import models, notifications, views

    return Feature("notify", models=models, blueprints=[views.bp], audit=AUDIT,
                   notification_kinds=notifications.KINDS)
