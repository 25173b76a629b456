"""Notifications: the outbox, the scheduler that sends mail and robot messages, the
notification centre (the bell) and each user's preferences."""

from hub.features import Feature


def declare() -> Feature:
    from hub.notify import models, producers, reminders, views

    return Feature("notify", models=models, blueprints=[views.bp],
                   subscriptions=producers.SUBSCRIBERS,
                   periodic=[reminders.meeting_reminders, reminders.agenda_calls],
                   daily=[reminders.action_items, reminders.land_cases])
