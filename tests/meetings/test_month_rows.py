"""The month view's weeks written in Python (hub.meetings.views.month_rows) are the Jinja loop
they replaced, byte for byte: other months' days, today, cancelled and 暂定 meetings, a title and
a host name to escape, full days with a "N more" link (with and without a filter in the link),
in Chinese and in English."""

import calendar
from datetime import UTC, date, datetime, timedelta

import pytest
from flask_babel import refresh

from hub.meetings.queries import MonthEntry, MonthGrid
from hub.meetings.views.month_rows import month_rows

# the loop of templates/meetings/month.html before the Python version, with the cells it read
_LOOP = """{% autoescape true %}{% for week in cells %}
    <tr>
    {% for cell in week %}
      <td class="align-top small{{ cell.css }}" data-date="{{ cell.iso }}">
        <div class="fw-semibold">{{ cell.number }}</div>
        {% for m in cell.meetings %}
        <div data-testid="month-meeting" data-meeting-id="{{ m.id }}" class="mb-1">
          <a href="{{ link[0] }}{{ m.id }}{{ link[1] }}" class="{{ m.link_class }}">{{ m.start_text }} {{ m.title }}</a>
          {% if m.host_short_name %}<span class="text-muted">· {{ m.host_short_name }}</span>{% endif %}
          {% if m.holiday_provisional %}<span class="badge text-bg-warning" data-testid="month-provisional" title="{% with year=m.local_start.year %}{% include 'holidays/_provisional_note.html' %}{% endwith %}">{{ _("Provisional") }}</span>{% endif %}
        </div>
        {% endfor %}
        {% if cell.more %}<a class="d-block" data-testid="month-more" href="{{ more_link }}{{ cell.iso }}">{{ ngettext("%(num)d more meeting", "%(num)d more meetings", cell.more) }}</a>{% endif %}
      </td>
    {% endfor %}
    </tr>
  {% endfor %}{% endautoescape %}"""  # noqa: E501


def _old_cells(grid: MonthGrid, today: date) -> list:
    """MonthGrid.cells() as it was, with the entries' start text and link class."""
    weeks = []
    for week in grid.weeks:
        row = []
        for day in week:
            shown, more = grid.by_day.get(day, []), 0
            if len(shown) > 4:
                more, shown = len(shown) - 3, shown[:3]
            meetings = [dict(m._asdict(), start_text=f"{m.local_start:%H:%M}",
                             link_class="text-decoration-line-through text-danger"
                             if m.is_cancelled else "") for m in shown]
            row.append({"css": (" text-muted bg-light" if day.month != grid.month else "")
                        + (" border-primary border-2" if day == today else ""),
                        "iso": day.isoformat(), "number": day.day, "meetings": meetings,
                        "more": more})
        weeks.append(row)
    return weeks


def _grid() -> MonthGrid:
    grid = MonthGrid(2027, 1, calendar.Calendar(firstweekday=0).monthdatescalendar(2027, 1))
    start = datetime(2027, 1, 4, 1, 30, tzinfo=UTC)
    for n, day in enumerate((date(2026, 12, 28), date(2027, 1, 4), date(2027, 1, 4),
                             date(2027, 1, 12), *[date(2027, 1, 20)] * 6,
                             *[date(2027, 1, 21)] * 5)):
        local = start + timedelta(days=(day - date(2027, 1, 4)).days, minutes=7 * n)
        grid.by_day.setdefault(day, []).append(MonthEntry(
            100 + n, f'例会 <b>"{n}"</b> & co', local, "Asia/Shanghai",
            n % 3 == 1,
            None if n % 4 == 2 else f"园区<{n}>", n in (1, 8), local))
    return grid


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
@pytest.mark.parametrize("more_link", ["/meetings/?day=", "/meetings/?series=3&park=5&day="])
def test_rows_as_the_jinja_loop(app, locale, more_link):
    grid, today, link = _grid(), date(2027, 1, 12), ("/meetings/", "")
    with app.test_request_context("/meetings/month"):
        from flask import session

        session["locale"] = locale
        refresh()
        old = app.jinja_env.from_string(_LOOP).render(
            cells=_old_cells(grid, today), link=link, more_link=more_link)
        new = month_rows(grid, today, link, more_link)
    assert 'data-testid="month-provisional"' in new and "&lt;b&gt;" in new
    assert new.count('data-testid="month-more"') == 2 and "line-through" in new
    assert ("2 more meetings" in new) is (locale == "en")
    assert str(new) == old
