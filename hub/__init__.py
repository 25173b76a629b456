"""Park Hub (园区协同平台): the application factory."""

from pathlib import Path

from flask import Flask
from flask_babel import lazy_gettext as _l
from werkzeug.middleware.proxy_fix import ProxyFix

from hub import (
    actions,
    admin,
    agenda,
    attachments,
    audit,
    auth,
    calendar,
    config,
    dashboard,
    efficiency,
    features,
    holidays,
    land,
    meetings,
    minutes,
    notices,
    notify,
    parks,
    powers,
    projects,
    resources,
    search,
    talent,
    writing,
)

# The feature packages, in installation order. Each declares what it brings in its
# `__init__.py` (`declare()`, see hub.features); nothing is registered by importing a module.
FEATURES = (
    parks, auth, audit, attachments, dashboard, notices, land, talent, meetings, agenda, minutes,
    actions, calendar, notify, search, resources, admin, holidays, projects, powers, efficiency,
    writing,
)


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    config.load(app, test_config)
    hops = app.config["HUB_PROXY_HOPS"]
    if hops:  # trust X-Forwarded-* from that many proxies: client IPs, https URLs
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    register_extensions(app)
    register_cli(app)
    register_features(app)
    return app


def register_extensions(app: Flask) -> None:
    from hub import dbpool, edge, errors, i18n, markdown, security, ui, uow
    from hub.auth.models import load_user
    from hub.extensions import csrf, db, limiter, login_manager, migrate

    edge.init_app(app)  # the bounded `int` converter, before any route is added
    db.init_app(app)
    with app.app_context():
        dbpool.init_app(app, db.engine)
    migrate.init_app(app, db, directory=str(Path(app.root_path).parent / "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.user_loader(load_user)
    login_manager.login_view = "auth.login"
    login_manager.login_message_category = "warning"
    login_manager.login_message = _l("Please sign in to open this page.")
    i18n.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    ui.init_app(app)
    markdown.init_app(app)
    uow.init_app(app)


def register_features(app: Flask) -> None:
    from hub import health

    app.register_blueprint(health.bp)
    features.install(app, [feature.declare() for feature in FEATURES])


def register_cli(app: Flask) -> None:
    from hub.cli import hub_cli

    app.cli.add_command(hub_cli)
