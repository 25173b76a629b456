"""Notification kinds: what a user can hear about, each declared once by the feature it is about.

A kind is one `NotificationKind` in its feature's declaration (hub.features.Feature
.notification_kinds): its name (the outbox's `kind`), the label of the preferences page, the
renderer that writes the message when it is sent, and the email templates
(`templates/email/<name>.txt` and `.html`). `hub.notify` keeps the outbox, claiming, transports,
scheduling and the notification centre; it knows no kind by name.

`check(app)` runs at start-up (hub.features.install) and refuses to start when a kind is
incomplete: no label, no renderer, or a template missing.
"""

from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask
from jinja2 import TemplateNotFound

KINDS: dict[str, "NotificationKind"] = {}  # in declaration order: the preferences page's order
_FEATURE: dict[str, str] = {}


@dataclass(frozen=True)
class NotificationKind:
    name: str
    label: object  # lazy text: the preferences page and the outbox
    render: Callable  # render(delivery) -> hub.notify.render.Rendered; raises Skip
    template: str | None = None  # email/<template>.txt|.html; None: the kind's name
    preference: bool = True  # listed on the preferences page (email can be turned off)

    @property
    def templates(self) -> tuple[str, str]:
        stem = self.template or self.name
        return f"email/{stem}.txt", f"email/{stem}.html"


def register(kind: NotificationKind, feature: str = "") -> None:
    from hub.features import FeatureError

    known = KINDS.get(kind.name)
    if known is not None and (known.label, known.render, known.template) != (
            kind.label, kind.render, kind.template):
        raise FeatureError(f"notification kind {kind.name!r} declared twice "
                           f"({_FEATURE.get(kind.name)} and {feature})")
    KINDS[kind.name] = kind
    _FEATURE[kind.name] = feature


def get(name: str) -> NotificationKind | None:
    return KINDS.get(name)


def label(name: str):
    kind = KINDS.get(name)
    return kind.label if kind is not None else name


def check(app: Flask) -> None:
    """Every registered kind complete: label, renderer, both templates."""
    from hub.features import FeatureError

    for kind in KINDS.values():
        if not kind.label or not callable(kind.render):
            raise FeatureError(f"notification kind {kind.name!r} needs a label and a renderer")
        for template in kind.templates:
            try:
                app.jinja_env.get_template(template)
            except TemplateNotFound:
                raise FeatureError(f"notification kind {kind.name!r}: template {template} "
                                   f"is missing") from None
