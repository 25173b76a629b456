"""The month view's weeks (the <tr>s of its grid), written in one pass in Python.

As a Jinja loop the 42 day cells and their meetings were ~950 generator steps, ~600 escapes and
~450 attribute lookups a page. In process, on the same grid (CPU, medians; see
bench/results/2026-12-07-s13-summary.md): the loop 1.19 ms, this 0.34 ms (zone office, June 2026,
scale 10); 1.74 ms and 0.51 ms (a park's staff, March 2026). The markup is the loop's, byte for
byte (tests/meetings/test_month_rows.py); every text from the database is escaped here.
"""

from datetime import date

from flask import current_app
from flask_babel import gettext, ngettext
from markupsafe import Markup, escape

from hub.meetings.queries import MONTH_CELL_LIMIT, MonthGrid

_OTHER_MONTH, _TODAY = " text-muted bg-light", " border-primary border-2"
_CANCELLED_CLASS = "text-decoration-line-through text-danger"

_MEETING = ('\n        <div data-testid="month-meeting" data-meeting-id="{id}" class="mb-1">\n'
            '          <a href="{before}{id}{after}" class="{css}">{start} {title}</a>\n          ')
_HOST = '<span class="text-muted">· {}</span>'
_PROVISIONAL = ('<span class="badge text-bg-warning" data-testid="month-provisional" title="{}">'
                '{}</span>')
_MORE = '<a class="d-block" data-testid="month-more" href="{}{}">{}</a>'


def month_rows(grid: MonthGrid, today: date, link: tuple[str, str], more_link: str) -> Markup:
    """The grid's weeks as the template's loop drew them: a cell a day (another month's days
    muted, today outlined), its first meetings by start time linked through `link` (the
    meeting page's URL around the id, hub.ui.url_around) and, for a day with more than
    MONTH_CELL_LIMIT meetings, the first MONTH_CELL_LIMIT - 1 and a link to the day's list
    (`more_link` followed by the day)."""
    before, after = escape(link[0]), escape(link[1])
    more_link = escape(more_link)
    mores: dict[int, str] = {}  # "N more meetings", translated once per N
    notes: dict[int, str] = {}  # the 暂定 warning, once per year
    hosts: dict[str, str] = {}  # a host park's name, escaped once (~15 parks host)
    month, by_day, out = grid.month, grid.by_day, []
    for week in grid.weeks:
        out.append("\n    <tr>\n    ")
        for day in week:
            iso = day.isoformat()
            out.append(f'\n      <td class="align-top small'
                       f'{_OTHER_MONTH if day.month != month else ""}'
                       f'{_TODAY if day == today else ""}" data-date="{iso}">\n'
                       f'        <div class="fw-semibold">{day.day}</div>\n        ')
            shown, more = by_day.get(day, ()), 0
            if len(shown) > MONTH_CELL_LIMIT:
                more = len(shown) - (MONTH_CELL_LIMIT - 1)
                shown = shown[:MONTH_CELL_LIMIT - 1]
            for m in shown:
                out.append(_MEETING.format(
                    id=m.id, before=before, after=after, start=f"{m.local_start:%H:%M}",
                    css=_CANCELLED_CLASS if m.is_cancelled else "",
                    title=escape(m.title)))
                if m.host_short_name:
                    if m.host_short_name not in hosts:
                        hosts[m.host_short_name] = _HOST.format(escape(m.host_short_name))
                    out.append(hosts[m.host_short_name])
                out.append("\n          ")
                if m.holiday_provisional:
                    out.append(_provisional(notes, m.local_start.year))
                out.append("\n        </div>\n        ")
            out.append("\n        ")
            if more:
                if more not in mores:
                    mores[more] = escape(Markup(ngettext(  # noqa: S704 - our own catalogue's
                        "%(num)d more meeting", "%(num)d more meetings", more)))
                out.append(_MORE.format(more_link, iso, mores[more]))
            out.append("\n      </td>\n    ")
        out.append("\n    </tr>\n  ")
    return Markup("".join(out))  # noqa: S704 - every text escaped above


def _provisional(notes: dict[int, str], year: int) -> str:
    """The 暂定 badge, its title the warning of holidays/_provisional_note.html (the include
    the other pages use)."""
    if year not in notes:
        note = current_app.jinja_env.get_template("holidays/_provisional_note.html")
        notes[year] = _PROVISIONAL.format(note.render(year=year),
                                          escape(Markup(gettext("Provisional"))))  # noqa: S704
    return notes[year]
