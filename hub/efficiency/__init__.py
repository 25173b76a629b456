"""亩均效益评价: per-mu efficiency evaluation rounds, figures, scoring and results."""

from hub.features import Feature


def declare() -> Feature:
    from hub.efficiency import demo, models, reminders, views

    return Feature("efficiency", demo=demo.seed, models=models, blueprints=[views.bp],
                   daily=[reminders.late_parks])
