"""Form validators shared by every feature."""

import re
from collections.abc import Iterable, Mapping
from datetime import date
from enum import Enum
from typing import Any

import email_validator
import wtforms
from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice
from wtforms.validators import ValidationError

from hub.edge import in_range

# Intranet mail domains (zz.local, park.lan, office.internal, …) are real addresses here.
INTRANET_SUFFIXES = {"local", "lan", "internal", "intranet", "home.arpa", "test"}
email_validator.SPECIAL_USE_DOMAIN_NAMES = [
    d for d in email_validator.SPECIAL_USE_DOMAIN_NAMES if d not in INTRANET_SUFFIXES
]


class IntranetEmail:
    """An email address, syntax only: intranet domains such as zz.local or gov.test are fine,
    and no DNS look-up is made (office intranets have no internet)."""

    def __init__(self, message=None):
        self.message = message

    def __call__(self, form, field) -> None:
        value = (field.data or "").strip()
        if not value:
            return
        try:
            validate_email(value, check_deliverability=False, test_environment=True)
        except EmailNotValidError:
            raise ValidationError(self.message or _l("Enter a valid email address.")) from None


class PlainText:
    """Text without control characters (C0, DEL, C1: NUL, tab, line breaks, ...): PostgreSQL
    refuses NUL in a parameter, and none of them is typed into a one-line field."""

    CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")

    def __call__(self, form, field) -> None:
        if field.data and self.CONTROL.search(field.data):
            raise ValidationError(_l("Remove the control characters (tabs, line breaks)."))


# --- fields with the range the database and the calendar code support -------------------------
FIRST_DATE, LAST_DATE = date(1900, 1, 1), date(2999, 12, 31)


class DateField(wtforms.DateField):
    """A date between 1900 and 2999; anything else is a form error (never an overflow later)."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if self.data is not None and not FIRST_DATE <= self.data <= LAST_DATE:
            self.data = None
            raise ValueError(_l("Enter a date between 1900 and 2999."))


class IntegerField(wtforms.IntegerField):
    """A whole number the database can store; larger ones are a form error."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if self.data is not None and not in_range(self.data):
            self.data = None
            raise ValueError(_l("The number is too large."))


# --- choices of select, radio and checkbox fields ------------------------------------------------
def choices(options: Mapping[Any, Any] | Iterable[tuple[Any, Any]]) -> list[SelectChoice]:
    """The one way this project writes field choices: (value, label) pairs or a {value: label}
    mapping become WTForms SelectChoice objects (tuple choices are deprecated in WTForms 3.3 and
    go away in 3.4). An Enum value stands for its ``.value``."""
    pairs = options.items() if isinstance(options, Mapping) else options
    return [SelectChoice(value.value if isinstance(value, Enum) else value, label)
            for value, label in pairs]


def choice_labels(options: Iterable[SelectChoice] | None) -> dict[Any, Any]:
    """{value: label} of a field's choices (to check a value is offered, or to show its label)."""
    return {option.value: option.label for option in options or ()}


def own_ids(form, prefix: str):
    """Give `form`'s fields ids of their own (`prefix-name`) for a page that shows several forms
    with the same field names: a second `id="note"` left its label pointing at the first form's
    box. The names, and so what is posted, stay as they are. Returns the form."""
    for fld in form:
        fld.id = f"{prefix}-{fld.name}"
        fld.label.field_id = fld.id
    return form
