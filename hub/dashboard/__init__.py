"""The start page (工作台): what needs attention in the user's park."""

from hub.features import Feature


def declare() -> Feature:
    from hub.dashboard import views

    return Feature("dashboard", blueprints=[views.bp])
