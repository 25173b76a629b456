"""Form validators shared by every feature."""

import email_validator
from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from wtforms.validators import ValidationError

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
