"""Features declare themselves (hub.features): what they bring comes from their declaration, and
an incomplete declaration stops the application at start-up instead of silently doing less."""

import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest
from flask import Flask

from hub import FEATURES, create_app, events, features
from hub.features import AttachmentOwner, Feature, FeatureError
from hub.notify.kinds import NotificationKind


def test_every_feature_package_declares_itself(app):
    declared = features.installed(app)
    assert [f.name for f in declared] == [m.__name__.rsplit(".", 1)[1] for m in FEATURES]
    for feature in declared:
        for bp in feature.blueprints:
            assert app.blueprints[bp.name] is bp, feature.name


def test_importing_views_modules_registers_nothing():
    """Wiring by import side effect is gone: importing every views module of every feature
    (without create_app) leaves the event, attachment-owner, panel, protector and linked-item
    registries empty."""
    script = textwrap.dedent("""
        import importlib, pkgutil
        import hub
        for info in pkgutil.walk_packages(hub.__path__, "hub."):
            if ".views" in info.name:
                importlib.import_module(info.name)
        from hub import events
        from hub.attachments import services as attachments
        from hub.land import services as land
        from hub.meetings import panels, services as meetings
        from hub.notify import kinds, producers
        print(sum(len(h) for h in events._handlers.values()), len(attachments.OWNERS),
              len(panels._builders), len(meetings._protectors), len(land.LINKED_ITEM_PROVIDERS),
              len(producers._periodic), len(producers._daily), len(kinds.KINDS))
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).parent.parent)
    assert out.stdout.split() == ["0"] * 8, out.stdout + out.stderr


def _app() -> Flask:
    return Flask("check")


def test_a_kind_without_its_templates_stops_start_up(app):
    fresh = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    kind = NotificationKind("test.nothing", "label", render=lambda delivery: None)
    with pytest.raises(FeatureError, match=r"test\.nothing"):
        features.install(fresh, [Feature("probe", notification_kinds=[kind])])
    from hub.notify import kinds

    kinds.KINDS.pop("test.nothing", None)


def test_a_subscription_to_an_unknown_event_stops_start_up():
    with pytest.raises(events.UnknownEvent):
        features.install(_app(), [Feature("probe", subscriptions={"notice.publishd": print})])


def test_an_attachment_owner_must_be_a_mapped_model():
    owner = AttachmentOwner("probe", object, lambda user, obj: True)
    with pytest.raises(FeatureError, match="mapped model"):
        features.install(_app(), [Feature("probe", attachment_owners=[owner])])


def test_a_feature_listed_twice_stops_start_up(app):
    declared = features.installed(app)
    with pytest.raises(FeatureError, match="twice"):
        features.install(_app(), [declared[0], replace(declared[0])])


def test_emitting_an_unknown_event_fails_loudly():
    with pytest.raises(events.UnknownEvent):
        events.emit("notice.publishd", notice=None)


def test_a_second_app_registers_nothing_twice(app):
    before = {kind: list(handlers) for kind, handlers in events._handlers.items()}
    create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert {kind: list(handlers) for kind, handlers in events._handlers.items()} == before
