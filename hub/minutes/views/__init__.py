"""Minutes pages under /meetings/<id>/minutes, one blueprint over several route modules:

- common.py: the blueprint, loading a meeting and its minutes, the minutes page itself (every
  route that refuses shows it), template helpers;
- pages.py: draft and revise (host), send for comment, confirm or comment (participant parks),
  sign off (admin), revisions and diffs, print view;
- decisions.py: decisions (议定事项, hub.actions) recorded on the minutes page;
- panels.py: the meeting page's minutes section (declared in hub.minutes).
"""

from hub.minutes.views import decisions, pages, panels
from hub.minutes.views.common import bp

__all__ = ["bp", "decisions", "pages", "panels"]
