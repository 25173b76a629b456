"""Park Hub (园区协同平台): the application factory."""

import importlib
import importlib.util
from pathlib import Path

from flask import Flask
from flask_babel import lazy_gettext as _l
from werkzeug.middleware.proxy_fix import ProxyFix

from hub import config

# Feature packages. Each may have models.py and views.py (with `bp`); a package not written
# yet is skipped, so features land one at a time without touching this file.
FEATURES = (
    "parks", "auth", "audit", "attachments", "dashboard", "notices", "land", "talent",
    "meetings", "agenda", "minutes", "actions", "calendar", "notify", "search", "resources",
    "admin", "holidays", "projects", "powers", "efficiency",
)


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    config.load(app, test_config)
    hops = app.config["HUB_PROXY_HOPS"]
    if hops:  # trust X-Forwarded-* from that many proxies: client IPs, https URLs
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    register_extensions(app)
    register_blueprints(app)
    register_cli(app)
    return app


def register_extensions(app: Flask) -> None:
    from hub import edge, errors, i18n, markdown, security, ui
    from hub.attachments import services as attachments
    from hub.auth.models import load_user
    from hub.extensions import csrf, db, limiter, login_manager, migrate

    edge.init_app(app)  # the bounded `int` converter, before any route is added
    db.init_app(app)
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
    attachments.init_app(app)
    for feature in FEATURES:  # every model module, so metadata (and Alembic) sees all tables
        _feature_module(feature, "models")


def _feature_module(feature: str, module: str):
    name = f"hub.{feature}.{module}"
    if importlib.util.find_spec(f"hub.{feature}") is None or importlib.util.find_spec(name) is None:
        return None
    return importlib.import_module(name)


def register_blueprints(app: Flask) -> None:
    from hub import health

    app.register_blueprint(health.bp)
    for feature in FEATURES:
        views = _feature_module(feature, "views")
        if views is not None:
            app.register_blueprint(views.bp)


def register_cli(app: Flask) -> None:
    from hub.cli import hub_cli

    app.cli.add_command(hub_cli)
