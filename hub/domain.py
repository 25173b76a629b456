"""Refusals a user can act on, raised by services and shown by the request lifecycle (hub.uow).

A service that refuses a change raises a `DomainError` (or a feature's subclass) with a stable
`code` and, when the refusal belongs to one form field, that field's name. The feature's subclass
carries the sentences for its codes (`messages`, lazily translated), so the text lives beside the
rule that refuses, once, and every view, CLI command and scheduler job shows the same words.

`status` is the HTTP status a page answers with when the refusal reaches it: 422 when the input
cannot be accepted, 409 when the object's current state does not allow the change.
"""

from collections.abc import Mapping

from flask_babel import lazy_gettext as _l

GENERIC = _l("This change is not possible.")


class DomainError(Exception):
    messages: Mapping[str, object] = {}
    status: int = 422

    def __init__(self, code: str, field: str | None = None, *, message=None,
                 status: int | None = None):
        super().__init__(code)
        self.code = code
        self.field = field
        self._message = message
        if status is not None:
            self.status = status

    @property
    def message(self) -> str:
        """The sentence for the user, in the current locale."""
        if self._message is not None:
            return str(self._message)
        return str(self.messages.get(self.code, GENERIC))

    def field_messages(self) -> list[tuple[str | None, str]]:
        """(form field or None, sentence) for each refusal this error carries: one here."""
        return [(self.field, self.message)]


class InvalidFields(DomainError):
    """Several fields refused at once: `errors` is {field: code}, each code a key of
    `messages`. The first one is the error's `code` and `field`."""

    def __init__(self, errors: Mapping[str, str]):
        field, code = next(iter(errors.items()))
        super().__init__(code, field)
        self.errors = dict(errors)

    def field_messages(self) -> list[tuple[str | None, str]]:
        return [(field, str(self.messages.get(code, GENERIC)))
                for field, code in self.errors.items()]
