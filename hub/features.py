"""What a feature brings to the application, declared in one place.

Every feature package says what it contributes in `hub/<feature>/__init__.py`:

    def declare() -> Feature:
        from hub.land import models, services, views   # imported here: no cycles at import
        return Feature("land", models=models, blueprints=[views.bp],
                       attachment_owners=[AttachmentOwner(...)], audit=AUDIT)

`create_app` lists the feature packages explicitly (hub.FEATURES) and calls `install(app, …)`
with their declarations, in that order. Nothing is registered by importing a module: the
event subscriptions, notification kinds, attachment owners, meeting-page panels, series
protectors, land linked-item providers, scheduler producers, audit labels and CLI commands all
come from here. `install` checks each piece when it is installed and raises `FeatureError` at
start-up when one is incomplete (a notification kind without its templates, a subscription to an
event kind nobody declared, an attachment owner that is not a mapped model).

The registries themselves stay with the module that uses them (hub.events, hub.notify.kinds,
hub.attachments.services, hub.meetings.panels, …); registering the same piece twice registers it
once, so building a second app in one process (the tests do) changes nothing.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import click
from flask import Blueprint, Flask


class FeatureError(RuntimeError):
    """A declared piece is missing or incomplete: the app refuses to start."""


@dataclass(frozen=True)
class AttachmentOwner:
    """Files may be attached to `model` rows under `owner_type`; `can_read(user, obj)`."""
    owner_type: str
    model: type
    can_read: Callable[[Any, Any], bool]


@dataclass(frozen=True)
class MeetingPanel:
    """A section of the meeting page: `builder(meeting, user) -> (template, context) | None`,
    shown in ascending `order` (hub.meetings.panels)."""
    order: int
    builder: Callable


@dataclass(frozen=True)
class AuditLabels:
    """How the feature's object types, actions and fields read in the audit log."""
    objects: Mapping[str, object] = field(default_factory=dict)
    actions: Mapping[str, object] = field(default_factory=dict)
    fields: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Feature:
    name: str
    models: ModuleType | None = None  # imported so the metadata (and Alembic) sees the tables
    blueprints: Sequence[Blueprint] = ()
    # event kind → handler(**payload), run inside the emitting transaction (hub.events)
    subscriptions: Mapping[str, Callable] = field(default_factory=dict)
    notification_kinds: Sequence[Any] = ()  # hub.notify.kinds.NotificationKind
    attachment_owners: Sequence[AttachmentOwner] = ()
    meeting_panels: Sequence[MeetingPanel] = ()
    # fn(meeting_ids) -> ids a series edit must leave alone (hub.meetings.services)
    protectors: Sequence[Callable] = ()
    # fn(case) -> items shown on the land case page (hub.land.services.linked_items)
    linked_items: Sequence[Callable] = ()
    periodic: Sequence[Callable] = ()  # fn(now_utc), every scheduler tick (hub.notify.producers)
    daily: Sequence[Callable] = ()  # fn(local_date), once a day (hub.notify.producers)
    commands: Sequence[click.Command] = ()  # added to `flask hub …`
    audit: AuditLabels | None = None
    demo: Callable[[], None] | None = None  # idempotent demo data (`flask hub seed-demo`)
    init_app: Callable[[Flask], None] | None = None  # anything else, e.g. context processors


def installed(app: Flask) -> tuple[Feature, ...]:
    """The features of `app`, in installation order."""
    return app.extensions["hub.features"]


def install(app: Flask, features: Sequence[Feature]) -> None:
    """Register every declared piece of `features` with `app` and the shared registries."""
    from hub import events
    from hub.attachments import services as attachments
    from hub.audit import labels
    from hub.cli import hub_cli
    from hub.notify import kinds as notification_kinds
    from hub.notify import producers

    app.extensions["hub.features"] = tuple(features)
    names = [f.name for f in features]
    if len(set(names)) != len(names):
        raise FeatureError(f"a feature is listed twice: {names}")
    for feature in features:
        if feature.audit is not None:
            labels.OBJECT_LABELS.update(feature.audit.objects)
            labels.ACTION_LABELS.update(feature.audit.actions)
            labels.FIELD_LABELS.update(feature.audit.fields)
            labels.OBJECT_FIELD_LABELS.update(
                ((object_type, name), label) for object_type in feature.audit.objects
                for name, label in feature.audit.fields.items())
        for bp in feature.blueprints:
            app.register_blueprint(bp)
        for kind in feature.notification_kinds:
            notification_kinds.register(kind, feature=feature.name)
        for event_kind, handler in feature.subscriptions.items():
            events.subscribe(event_kind, handler)
        for owner in feature.attachment_owners:
            if not hasattr(owner.model, "__table__"):
                raise FeatureError(f"{feature.name}: attachment owner {owner.owner_type!r} "
                                   f"is not a mapped model")
            attachments.register_owner(owner.owner_type, owner.model, owner.can_read)
        for panel in feature.meeting_panels:
            _meeting_panels().register(panel.order, panel.builder)
        for protector in feature.protectors:
            _meeting_services().register_protector(protector)
        for provider in feature.linked_items:
            _land_services().register_linked_items(provider)
        for fn in feature.periodic:
            producers.register_periodic(fn)
        for fn in feature.daily:
            producers.register_daily(fn)
        for command in feature.commands:
            hub_cli.add_command(command)
        if feature.init_app is not None:
            feature.init_app(app)
    notification_kinds.check(app)


# the registries of features that other features extend (imported when first used)
def _meeting_panels():
    from hub.meetings import panels

    return panels


def _meeting_services():
    from hub.meetings import services

    return services


def _land_services():
    from hub.land import services

    return services
