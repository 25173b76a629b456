"""Search (/search?q=): one box over notices, land cases, talent listings, meetings, minutes
and action items."""

from hub.features import Feature


def declare() -> Feature:
    from hub.search import views

    return Feature("search", blueprints=[views.bp], init_app=_init_app)


def _init_app(app) -> None:
    from hub.extensions import db
    from hub.search import prepared

    with app.app_context():
        prepared.init_engine(db.engine)
