"""Accounts, sign-in and sessions."""

from hub.features import Feature


def declare() -> Feature:
    from hub.auth import models, views

    return Feature("auth", models=models, blueprints=[views.bp])
