"""/notifications/: my notifications (the bell) and email preferences (inbox.py), the park's
group robot (robot.py), the outbox admin pages (admin.py); the blueprint, the bell and the
delivery banner in common.py."""

from hub.notify.views import admin, inbox, robot  # noqa: F401 - routes
from hub.notify.views.common import bp

__all__ = ["bp"]
