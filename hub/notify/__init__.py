"""Notifications: the outbox, the scheduler that sends mail and robot messages, the
notification centre (the bell) and each user's preferences. The kinds (what a user hears about)
are declared by the features they are about (hub.notify.kinds; hub/<feature>/notifications.py);
this package knows none of them by name, except its own robot.test."""

from hub.features import Feature


def declare() -> Feature:
    from hub.notify import models, notifications, views

    return Feature("notify", models=models, blueprints=[views.bp],
                   notification_kinds=notifications.KINDS)
