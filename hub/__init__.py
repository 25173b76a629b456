"""Park Hub (园区协同平台): the application factory."""

from pathlib import Path

from flask import Flask
from flask_babel import lazy_gettext as _l

from hub import config


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    config.load(app, test_config)
    register_extensions(app)
    register_blueprints(app)
    register_cli(app)
    return app


def register_extensions(app: Flask) -> None:
    from hub import errors, i18n, security, ui
    from hub.auth.models import load_user
    from hub.extensions import csrf, db, limiter, login_manager, migrate

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
    _import_models()


def _import_models() -> None:
    """Every model module, so that metadata (and Alembic) sees all tables."""
    import hub.audit.models
    import hub.auth.models
    import hub.parks.models  # noqa: F401


def register_blueprints(app: Flask) -> None:
    from hub import health
    from hub.admin.views import bp as admin_bp
    from hub.auth.views import bp as auth_bp
    from hub.dashboard.views import bp as dashboard_bp

    for bp in (health.bp, auth_bp, dashboard_bp, admin_bp):
        app.register_blueprint(bp)


def register_cli(app: Flask) -> None:
    from hub.cli import hub_cli

    app.cli.add_command(hub_cli)
