"""Notifications: the outbox, the scheduler that sends mail and robot messages, the
notification centre (the bell) and each user's preferences."""

from flask_babel import lazy_gettext as _l

from hub.features import AuditLabels, Feature

# the outbox admin page's "retry now" (hub.notify.views.admin)
AUDIT = AuditLabels(objects={"outbox": _l("Delivery")}, actions={"retry": _l("Retried")})


def declare() -> Feature:
    from hub.notify import models, producers, reminders, views

    return Feature("notify", models=models, blueprints=[views.bp], audit=AUDIT,
                   subscriptions=producers.SUBSCRIBERS,
                   periodic=[reminders.meeting_reminders, reminders.agenda_calls],
                   daily=[reminders.action_items, reminders.land_cases])
