"""The dashboard's campaign progress bars as a standalone SVG image (/projects/campaigns/
progress.svg): the dashboard embeds it with <img>, so its own page issues no statement for it.
Text is escaped; no inline styles (CSP), only presentation attributes."""

from markupsafe import escape

from hub.dashboard.charts import BLUE, FONT_FAMILY, GREEN, TEXT_COLOR, TRACK_COLOR
from hub.projects.models import Measure

WIDTH, ROW, LABEL_W, BAR_W = 640, 30, 190, 300


def _value(value, measure: Measure) -> str:
    if measure is Measure.INVESTMENT:
        return f"{value / 10000:.2f}"
    return f"{value:.0f}"


def render(title: str, rows: list[tuple[str, Measure, object]], empty_text: str) -> str:
    """rows: (label, measure, Cell) of the measures that have a target."""
    height = 34 + ROW * max(len(rows), 1)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
           f'viewBox="0 0 {WIDTH} {height}" role="img" font-family=\'{FONT_FAMILY}\' '
           f'font-size="12" fill="{TEXT_COLOR}">',
           f"<title>{escape(title)}</title>",
           f'<text x="4" y="18" font-weight="bold">{escape(title)}</text>']
    if not rows:
        out.append(f'<text x="4" y="46">{escape(empty_text)}</text>')
    for i, (label, measure, cell) in enumerate(rows):
        y = 30 + i * ROW
        fill = GREEN if cell.met else BLUE
        text = f"{_value(cell.actual, measure)} / {_value(cell.target, measure)}（{cell.percent}%）"
        out += [f'<text x="4" y="{y + 14}">{escape(label)}</text>',
                f'<rect x="{LABEL_W}" y="{y + 2}" width="{BAR_W}" height="16" '
                f'fill="{TRACK_COLOR}"/>',
                f'<rect x="{LABEL_W}" y="{y + 2}" width="{BAR_W * cell.percent // 100}" '
                f'height="16" fill="{fill}"><title>{escape(text)}</title></rect>',
                f'<text x="{LABEL_W + BAR_W + 8}" y="{y + 14}">{escape(text)}</text>']
    out.append("</svg>")
    return "".join(out)
