"""Error pages in the user's language (Chinese by default)."""

from flask import render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError

from hub.extensions import db

TITLES = {
    400: _l("Bad request"),
    403: _l("Access denied"),
    404: _l("Page not found"),
    405: _l("Method not allowed"),
    413: _l("File too large"),
    429: _l("Too many attempts"),
    500: _l("Server error"),
}

MESSAGES = {
    400: _l("The request could not be understood. Please go back and try again."),
    403: _l("You do not have permission to view or change this."),
    404: _l("The page you asked for does not exist or has been removed."),
    405: _l("This action is not possible here."),
    413: _l("The uploaded file is larger than the allowed size."),
    429: _l("Too many attempts in a short time. Please wait a minute and try again."),
    500: _l("Something went wrong on our side. The error has been logged; please try again."),
}


def render_error(code: int, message=None):
    return (
        render_template(
            "errors/error.html",
            code=code,
            title=TITLES.get(code, TITLES[500]),
            message=message or MESSAGES.get(code, MESSAGES[500]),
        ),
        code,
    )


def handle_http_error(error):
    code = getattr(error, "code", 500) or 500
    if request.path.startswith("/healthz"):
        return {"status": "error", "code": code}, code
    return render_error(code)


def handle_csrf_error(error):
    return render_error(
        400, _l("The form has expired or was not sent from this site. Please reload the page.")
    )


def handle_500(error):
    db.session.rollback()
    return render_error(500)


def init_app(app) -> None:
    for code in (400, 403, 404, 405, 413, 429):
        app.register_error_handler(code, handle_http_error)
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(500, handle_500)
