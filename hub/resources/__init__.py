"""Admin overview of every park's shared resources (notices, land cases, talent listings)."""

from hub.features import Feature


def declare() -> Feature:
    from hub.resources import views

    return Feature("resources", blueprints=[views.bp])
