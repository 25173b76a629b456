"""hub.dashboard.charts builds accessible, escaped SVG without style attributes."""

import xml.etree.ElementTree as ET

from hub.dashboard import charts

NS = "{http://www.w3.org/2000/svg}"


def parse(markup) -> ET.Element:
    return ET.fromstring(str(markup))  # noqa: S314 - our own output: must be well-formed XML


def test_bar_chart_escapes_labels_and_has_title():
    out = charts.bar_chart("c1", "标题 <b>", [charts.Bar('<script>alert(1)</script>"', 3, "3 件"),
                                              charts.Bar("田心", 0, "0 件")])
    assert "<script>" not in out and " style=" not in out
    root = parse(out)
    assert root.attrib["role"] == "img"
    assert root.attrib["aria-labelledby"] == "c1-title c1-desc"
    assert root.find(f"{NS}title").text == "标题 <b>"
    texts = [t.text for t in root.iter(f"{NS}text")]
    assert "3 件" in texts and "田心" in texts
    widths = [float(r.attrib["width"]) for r in root.iter(f"{NS}rect")]
    assert 0.0 in widths  # the zero bar is empty, its value still written


def test_stacked_chart_scales_rows_together_and_shows_legend():
    out = charts.stacked_bar_chart(
        "c2", "事项", [charts.Segment("完成", charts.GREEN), charts.Segment("逾期", charts.RED)],
        [charts.StackedRow("甲园区", [2, 2], "2/2"), charts.StackedRow("乙", [1, 0], "1/0")])
    root = parse(out)
    texts = [t.text for t in root.iter(f"{NS}text")]
    assert {"完成", "逾期", "甲园区", "乙", "2/2", "1/0"} <= set(texts)
    fills = [r.attrib["fill"] for r in root.iter(f"{NS}rect")]
    assert charts.RED in fills and charts.GREEN in fills


def test_empty_chart_says_so():
    root = parse(charts.bar_chart("c3", "空", [], empty_text="暂无数据"))
    assert [t.text for t in root.iter(f"{NS}text")] == ["暂无数据"]


def test_long_labels_are_clipped_but_kept_in_the_title():
    label = "非常非常非常非常非常非常非常非常长的园区名称"
    root = parse(charts.bar_chart("c4", "t", [charts.Bar(label, 1, "1")]))
    shown = next(t.text for t in root.iter(f"{NS}text"))
    assert shown.endswith("…") and len(shown) < len(label)
    assert any(label in (t.text or "") for t in root.iter(f"{NS}title"))


def test_markup_in_names_and_attributes_stays_escaped():
    """The per-chart text made once (issue 16) is escaped as each bar's was."""
    out = charts.stacked_bar_chart(
        'c"3', "堆叠", [charts.Segment('<i>完成"', charts.GREEN), charts.Segment("逾期&", '"red')],
        [charts.StackedRow("乙&丙<", [2, 1], "2/1"), charts.StackedRow("甲", [1, 0], "1/0")])
    root = ET.fromstring(str(out))  # noqa: S314 - our own output: must be well-formed XML
    titles = [el.text for el in root.iter(f"{NS}title")]
    assert '乙&丙< · <i>完成": 2' in titles and "乙&丙< · 逾期&: 1" in titles
    assert '"red' in [el.get("fill") for el in root.iter(f"{NS}rect")]
    assert root.get("id") == 'c"3'
    bars = charts.bar_chart("c4", "条形", [charts.Bar("a", 1, "1")], color='x"y')
    assert 'x"y' in [el.get("fill") for el in ET.fromstring(str(bars)).iter(f"{NS}rect")]  # noqa: S314
