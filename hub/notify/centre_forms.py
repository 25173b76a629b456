"""Forms of the notification centre: email preferences and the park's group robot."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField
from wtforms.validators import Length, Optional, ValidationError

from hub.notify.centre import webhook_allowed
from hub.notify.models import RobotProvider

PROVIDER_LABELS = {
    RobotProvider.WECOM: _l("WeCom group robot (企业微信)"),
    RobotProvider.DINGTALK: _l("DingTalk group robot (钉钉)"),
}


class PreferencesForm(FlaskForm):
    """One checkbox per kind, named email-<kind> (built in the view)."""


class RobotForm(FlaskForm):
    provider = SelectField(_l("Provider"), choices=[(p.value, label)
                                                    for p, label in PROVIDER_LABELS.items()])
    webhook_url = StringField(
        _l("Webhook URL"), validators=[Optional(), Length(max=500)],
        description=_l("The group robot's address (https). Leave empty to keep the stored one."))
    active = BooleanField(_l("Active"), default=True)

    def validate_webhook_url(self, field):
        if field.data and not webhook_allowed(field.data):
            raise ValidationError(_l("Enter an https:// address."))


class RobotTestForm(FlaskForm):
    pass
