"""Files attached to notices, cases, topics and other records."""

from hub.features import Feature


def declare() -> Feature:
    from hub.attachments import models, services, views

    return Feature("attachments", models=models, blueprints=[views.bp],
                   init_app=services.init_app)
