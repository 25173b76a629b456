"""Search (/search?q=): one box over notices, land cases, talent listings, meetings, minutes
and action items."""

from hub.features import Feature


def declare() -> Feature:
    from hub.search import views

    return Feature("search", blueprints=[views.bp])
