"""/meetings/: joint meetings (联席会议 / 例会), one blueprint over several route modules:

- common.py: the blueprint, loading a meeting, the template helpers every meeting page uses;
- pages.py: the lists, the month view and the meeting page;
- meeting.py: one-off meetings, and moving, cancelling or re-hosting one occurrence;
- series.py: meeting series (admins manage; participants read).

Thin: parse → permission check → service (through hub.uow) → render.
"""

from hub.meetings.views import meeting, pages, series
from hub.meetings.views.common import bp

__all__ = ["bp", "meeting", "pages", "series"]
