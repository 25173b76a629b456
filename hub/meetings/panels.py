"""Sections of the meeting page contributed by other features (agenda, attendance, minutes,
action items), so the meeting page does not need to know them.

    register(order, builder)   builder(meeting, user) -> (template name, context dict) or None

The meeting detail view calls `build(meeting, user)` and the template includes each panel
with its context:

    {% for p in panels %}{% with ctx = p.context %}{% include p.template %}{% endwith %}{% endfor %}

So a panel template reads its data from `ctx` (the dict the builder returned), e.g.
`{{ ctx.topics|length }}` or `{% for t in ctx.topics %}`; it also sees what the meeting page
has: `meeting`, `current_user`, `perm`, the helpers `meeting_local(meeting, attr)` and
`meeting_when(meeting)`, and the macros it imports itself (`{% from "_forms.html" import … %}`).
Return None from the builder to show nothing (e.g. for a user who may not see the section).
A panel is a `<section class="card bg-white mb-3">` with its own heading, by convention.

Rows several panels need (e.g. the meeting's minutes: the minutes and the action-items panels)
are loaded once per `build` through `shared(meeting, name, load)`.
"""

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass
class Panel:
    template: str
    context: dict


_builders: list[tuple[int, Callable]] = []
_shared: ContextVar[dict | None] = ContextVar("meeting_panels_shared", default=None)


def register(order: int, builder: Callable) -> None:
    if all(b is not builder for _, b in _builders):
        _builders.append((order, builder))
        _builders.sort(key=lambda pair: pair[0])


def build(meeting, user, known: dict | None = None) -> list[Panel]:
    """The panels for `user`; `known`: rows the page has loaded already, by the name the
    panels share them under (the meeting page's statement brings the minutes' head along)."""
    panels = []
    token = _shared.set({(name, meeting.id): value for name, value in (known or {}).items()})
    try:
        for _, builder in _builders:
            result = builder(meeting, user)
            if result is not None:
                template, context = result
                panels.append(Panel(template, context))
    finally:
        _shared.reset(token)
    return panels


def shared(meeting, name: str, load: Callable):
    """`load(meeting)`, called once per `build` for the panels that share it (outside `build`:
    every time)."""
    cache = _shared.get()
    if cache is None:
        return load(meeting)
    key = (name, meeting.id)
    if key not in cache:
        cache[key] = load(meeting)
    return cache[key]
