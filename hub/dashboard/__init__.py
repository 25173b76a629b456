"""The start page (工作台): what needs attention in the user's park."""

from hub.features import Feature


def declare() -> Feature:
    from hub.dashboard import models, views

    return Feature("dashboard", models=models, blueprints=[views.bp])
