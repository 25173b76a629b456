"""Writing aids for every Markdown field: toolbar, server-rendered preview, Word (.docx) import."""

from hub.features import Feature


def declare() -> Feature:
    from hub.writing import views

    return Feature("writing", blueprints=[views.bp])
