"""The admin area (/admin/): parks, accounts, the audit log."""

from hub.features import Feature


def declare() -> Feature:
    from hub.admin import views

    return Feature("admin", blueprints=[views.bp])
