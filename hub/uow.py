"""One request lifecycle: a view runs a service through `attempt`, which commits on success and
rolls back on a refusal, putting the refusal's message on the form field it names (or flashing
it). Views never call `db.session.commit()` or `rollback()` themselves.

    outcome = uow.attempt(lambda: services.create_case(current_user, form.data), form=form)
    if outcome.ok:
        flash(...); return redirect(...)
    return render_template(..., form=form), 422       # everything typed is still in the form

- A `DomainError` (hub.domain) rolls back; its message goes to `form[error.field]` when the form
  has that field, else it is flashed (category danger). `outcome.error` keeps the exception.
- A stale edit (hub.concurrency.StaleEdit or SQLAlchemy's StaleDataError) rolls back and returns
  `outcome.stale`: the view re-renders the form with the conflict table (status 409).
- A rejected upload (hub.attachments.services.AttachmentRejected) is a DomainError on the
  form's `attachments` field.
- An IntegrityError rolls back; `integrity=DomainError(...)` says what it means to the user
  (e.g. a duplicate code); without it, it propagates (a bug, a 500 page).
- `committed(result)`: commit what a read did (e.g. marking notifications read) and return the
  page. Reads that change nothing need nothing: the session is removed after every request, which
  rolls back anything left over.
- A DomainError that escapes a view (not run through `attempt`) is rolled back and shown as an
  error page with its message and status by `init_app`'s handler, never as a success.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import flash
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from hub.concurrency import StaleEdit
from hub.domain import DomainError
from hub.extensions import db


@dataclass
class Outcome:
    ok: bool
    value: Any = None
    error: Exception | None = None
    stale: bool = False

    def __bool__(self) -> bool:
        return self.ok


def attempt(action: Callable[[], Any], *, form=None, integrity: DomainError | None = None,
            flash_errors: bool = True) -> Outcome:
    """Run `action`, then commit. See the module docstring for what each failure does."""
    try:
        value = action()
        db.session.commit()
    except (StaleEdit, StaleDataError) as error:
        db.session.rollback()
        return Outcome(False, error=error, stale=True)
    except DomainError as error:
        db.session.rollback()
        report(error, form, flash_errors=flash_errors)
        return Outcome(False, error=error)
    except IntegrityError:
        db.session.rollback()
        if integrity is None:
            raise
        report(integrity, form, flash_errors=flash_errors)
        return Outcome(False, error=integrity)
    return Outcome(True, value)


def report(error: DomainError, form=None, *, flash_errors: bool = True) -> None:
    """Show a refusal: on its form field when there is one, else as a flashed message (each
    one of an error that refuses several fields, hub.domain.InvalidFields)."""
    for name, message in error.field_messages():
        field = getattr(form, name, None) if form is not None and name else None
        if field is not None and hasattr(field, "errors"):
            if not isinstance(field.errors, list):
                field.errors = list(field.errors)
            field.errors.append(message)
        elif flash_errors:
            flash(message, "danger")


def committed(result=None):
    """Commit what the request did so far (e.g. read markers) and return `result`."""
    db.session.commit()
    return result


def rollback() -> None:
    """Drop what the request did so far (before re-reading an object after a conflict)."""
    db.session.rollback()


def _handle_domain_error(error: DomainError):
    from hub.errors import render_error

    db.session.rollback()
    return render_error(error.status, error.message)


def init_app(app) -> None:
    app.register_error_handler(DomainError, _handle_domain_error)
