"""The matrix's status cells written in Python (hub.powers.cells): the markup the template's
cell wrote, for every status, in the parks' order, every value escaped."""

from types import SimpleNamespace

from jinja2 import Environment

from hub.powers.cells import cell_writer
from hub.powers.models import STATUS_COLOURS, HandoverStatus

# the cell as powers/matrix.html wrote it before hub.powers.cells
TEMPLATE_CELL = (
    '{% for p in parks %}{% set s = table.get((i.id, p.id), pending) %}'
    '{% set u = cell_urls[p.id] %}<td class="text-center table-{{ colours[s] }}" '
    'data-testid="m-{{ i.id }}-{{ p.id }}"><a class="text-decoration-none small" '
    'href="{{ u[0] }}{{ i.id }}{{ u[1] }}" title="{{ titles[s] }}">{{ short[s] }}</a></td>'
    '{% endfor %}')


def test_cells_are_the_template_cells_for_every_status_in_park_order():
    parks = [SimpleNamespace(id=n) for n in (7, 3, 12, 5, 9)]
    item = SimpleNamespace(id=41)
    statuses = list(HandoverStatus)
    # one park without a row (pending), the others each in another status
    table = {(41, p.id): s for p, s in zip(parks[1:], statuses, strict=False)}
    cell_urls = {p.id: ("/powers/items/", f"/park/{p.id}?x=1&y=\"2\"") for p in parks}
    titles = {s: f'{s.value} <"标题"> & 说明' for s in HandoverStatus}
    short = {s: f"{s.value}<b>" for s in HandoverStatus}
    env = Environment(autoescape=True)
    expected = env.from_string(TEMPLATE_CELL).render(
        parks=parks, i=item, table=table, pending=HandoverStatus.PENDING, cell_urls=cell_urls,
        colours=STATUS_COLOURS, titles=titles, short=short)
    cells = cell_writer(parks, table, cell_urls, STATUS_COLOURS, titles, short)
    written = str(cells(item))
    assert written == expected
    # what a user sees: one cell per park in the parks' order, nothing unescaped
    assert [part.split('"')[0] for part in written.split('data-testid="m-41-')[1:]] == [
        "7", "3", "12", "5", "9"]
    assert "<b>" not in written and "&lt;b&gt;" in written
    assert 'y=&#34;2&#34;' in written and "&amp;" in written


def test_no_parks_no_cells():
    assert str(cell_writer([], {}, {}, STATUS_COLOURS, {}, {})(SimpleNamespace(id=1))) == ""
