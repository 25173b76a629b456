"""Notifications: the outbox, the scheduler that sends mail and robot messages, the
notification centre (the bell) and each user's preferences."""

from hub.features import Feature


def declare() -> Feature:
    from hub.notify import models, notifications, views

    return Feature("notify", models=models, blueprints=[views.bp],
                   notification_kinds=notifications.KINDS)
