"""The 赋权事项 matrix's status cells written in Python: an item's row holds one cell per park
(~2,300 cells at scale 10), and the template's cell (a lookup, six escaped outputs, two `set`s)
was four fifths of the matrix's CPU (bench/results/2026-12-07-s11-matrix.md). Same markup as
the template's cells were, byte for byte; a cell's fixed parts are built once per park and
status, so a cell is one f-string around the item's id."""

from markupsafe import Markup, escape

from hub.powers.models import HandoverStatus


def cell_writer(parks, table: dict, cell_urls: dict, colours: dict, titles: dict,
                short_labels: dict):
    """A function of an item giving its cells, one per park in `parks`' order: `table` is
    services.status_table's {(item id, park id): status} (no entry: pending), `cell_urls` per park
    id hub.ui.url_around's (before, after) of the handover page; the labels per status."""
    parts = {}
    for p in parks:
        before, after = (escape(part) for part in cell_urls[p.id])
        for s in HandoverStatus:
            parts[p.id, s] = (
                f'<td class="text-center table-{escape(colours[s])}" data-testid="m-',
                f'-{escape(p.id)}"><a class="text-decoration-none small" href="{before}',
                f'{after}" title="{escape(titles[s])}">{escape(short_labels[s])}</a></td>')
    park_ids = [p.id for p in parks]
    pending = HandoverStatus.PENDING

    def cells(item) -> Markup:
        item_id = int(item.id)
        out = []
        for park_id in park_ids:
            head, middle, tail = parts[park_id, table.get((item_id, park_id), pending)]
            out.append(f"{head}{item_id}{middle}{item_id}{tail}")
        return Markup("".join(out))  # noqa: S704 - every value escaped above; ids are ints

    return cells
