"""Notification kinds: what a user can hear about, each declared once by the feature it is about.

A kind is one `NotificationKind` in its feature's declaration (hub.features.Feature
.notification_kinds), next to the producers that make its deliveries (the feature's event
subscriptions, periodic and daily producers) and its renderer — by convention all in the
feature's notifications module (hub/<feature>/notifications.py). The declaration holds:
- `name`: the outbox's `kind` (stored in every delivery and preference row: never rename one);
- `label`: the preferences page, the notification centre and the outbox list;
- `render(delivery) -> hub.notify.render.Rendered`, raising hub.notify.render.Skip when the
  delivery is no longer relevant at send time;
- its email templates, `templates/email/<name>.txt` and `.html` (`template` names another stem);
- `preference`: listed on the preferences page, in ascending `order` (ties in declaration order),
  where email can be turned off for it;
- `robot`: also sent to the parks' group robots (hub.notify.producers.deliver_robots refuses
  the others).

`hub.notify` keeps the outbox, claiming, transports, scheduling, rendering machinery and the
notification centre; it knows no feature's kind by name: it asks this registry.

`check(app)` runs at start-up (hub.features.install) and refuses to start when a declared kind is
incomplete: no label, no renderer, or a template missing.
"""

from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask
from jinja2 import TemplateNotFound

KINDS: dict[str, "NotificationKind"] = {}  # in declaration order
_FEATURE: dict[str, str] = {}


class UnknownKind(LookupError):
    """A delivery of a kind nobody declared: it could be neither labelled nor rendered."""


@dataclass(frozen=True)
class NotificationKind:
    name: str
    label: object  # lazy text
    render: Callable  # render(delivery) -> hub.notify.render.Rendered; raises Skip
    template: str | None = None  # email/<template>.txt|.html; None: the kind's name
    preference: bool = True  # listed on the preferences page (email can be turned off)
    robot: bool = False  # may go to the parks' group robots too
    order: int = 100  # position on the preferences page (ascending)

    @property
    def templates(self) -> tuple[str, str]:
        stem = self.template or self.name
        return f"email/{stem}.txt", f"email/{stem}.html"


def register(kind: NotificationKind, feature: str = "") -> None:
    """Add `kind` (hub.features.install does it for every declared kind). The same declaration
    (the same object: a second app built in one process) again changes nothing; another one
    under the same name is an error."""
    from hub.features import FeatureError

    known = KINDS.get(kind.name)
    if known is not None and known is not kind:
        raise FeatureError(f"notification kind {kind.name!r} declared twice "
                           f"({_FEATURE.get(kind.name)} and {feature})")
    KINDS[kind.name] = kind
    _FEATURE[kind.name] = feature


def get(name: str) -> NotificationKind | None:
    return KINDS.get(name)


def require(name: str) -> NotificationKind:
    """The kind called `name`; UnknownKind when nobody declared it."""
    kind = KINDS.get(name)
    if kind is None:
        raise UnknownKind(name)
    return kind


def label(name: str):
    """The kind's label; its name when it is unknown (e.g. an old row of a retired kind)."""
    kind = KINDS.get(name)
    return kind.label if kind is not None else name


def listed() -> list[NotificationKind]:
    """The kinds of the preferences page, in its order."""
    return sorted((k for k in KINDS.values() if k.preference), key=lambda k: k.order)


def declared(app: Flask) -> list[NotificationKind]:
    """The kinds declared by the features installed in `app`."""
    from hub.features import installed

    return [kind for feature in installed(app) for kind in feature.notification_kinds]


def check(app: Flask) -> None:
    """Every kind the app's features declare is complete: label, renderer, both templates."""
    from hub.features import FeatureError

    for kind in declared(app):
        # a lazy label is not evaluated here (no locale yet): tests/notify/test_kinds.py does
        no_label = kind.label is None or (isinstance(kind.label, str) and not kind.label.strip())
        if no_label or not callable(kind.render):
            raise FeatureError(f"notification kind {kind.name!r} needs a label and a renderer")
        for template in kind.templates:
            try:
                app.jinja_env.get_template(template)
            except TemplateNotFound:
                raise FeatureError(f"notification kind {kind.name!r}: template {template} "
                                   f"is missing") from None
