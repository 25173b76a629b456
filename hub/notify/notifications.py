"""The notification engine's own kind (declared in hub.notify.declare): robot.test, the test
message of a park's group robot (the robot page sends it at once, hub.notify.centre.send_test,
with its text template; a queued one is rendered here)."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from hub.notify.kinds import NotificationKind
from hub.notify.render import compose, path


def render_robot_test(delivery):
    return compose(delivery, _("Test message"), path("notify.robot"), {})


KINDS = [
    NotificationKind("robot.test", _l("Test message"), render_robot_test, preference=False,
                     robot=True),
]
