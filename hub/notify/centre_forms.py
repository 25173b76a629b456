"""Forms of the notification centre: email preferences and the park's group robot."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField
from wtforms.validators import Length, Optional, ValidationError

from hub.notify import outbound
from hub.notify.centre import webhook_refusal
from hub.notify.models import RobotProvider
from hub.validators import choices

PROVIDER_LABELS = {
    RobotProvider.WECOM: _l("WeCom group robot (企业微信)"),
    RobotProvider.DINGTALK: _l("DingTalk group robot (钉钉)"),
    RobotProvider.FEISHU: _l("Feishu / Lark group robot (飞书)"),
}

REFUSALS = {
    outbound.SCHEME: _l("Enter an https:// address."),
    outbound.USERINFO: _l("The address may not contain a user name or password."),
    outbound.MALFORMED: _l("This is not a valid web address."),
    outbound.HOST_NOT_ALLOWED: _l(
        "Robots may only call the providers' hosts (%(hosts)s) or those the operator allows."),
    outbound.ADDRESS: _l("This address leads to an internal network and is refused."),
    outbound.UNRESOLVED: _l("The robot's host name could not be resolved."),
    outbound.REDIRECT: _l("The robot's server answered with a redirect, which is not followed."),
}


def refusal_message(refused: outbound.Refused) -> str:
    message = REFUSALS.get(refused.reason, REFUSALS[outbound.MALFORMED])
    if refused.reason == outbound.HOST_NOT_ALLOWED:
        return str(message) % {"hosts": ", ".join(outbound.DEFAULT_HOSTS)}
    return str(message)


class PreferencesForm(FlaskForm):
    """One checkbox per kind, named email-<kind> (built in the view)."""


class RobotForm(FlaskForm):
    provider = SelectField(_l("Provider"), choices=choices(PROVIDER_LABELS))
    webhook_url = StringField(
        _l("Webhook URL"), validators=[Optional(), Length(max=500)],
        description=_l("The group robot's address (https). Leave empty to keep the stored one."))
    secret = StringField(
        _l("Signing secret (加签)"), validators=[Optional(), Length(max=200)],
        description=_l("For DingTalk robots with 加签 (the secret starts with SEC) and Feishu "
                       "robots with 签名校验. Leave empty to keep the stored one."))
    clear_secret = BooleanField(_l("Remove the stored secret"))
    active = BooleanField(_l("Active"), default=True)

    def validate_webhook_url(self, field):
        if field.data:
            refused = webhook_refusal(field.data)
            if refused is not None:
                raise ValidationError(refusal_message(refused))

    def validate_secret(self, field):
        if field.data and any(c.isspace() or ord(c) < 32 for c in field.data.strip()):
            raise ValidationError(_l("The secret has no spaces or line breaks."))


class RobotTestForm(FlaskForm):
    pass
