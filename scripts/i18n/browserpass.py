"""Chinese of the msgids added by the browser pass over issue 13 (helper `browserpass`)."""

T = {
    "%(word)s (%(zone)s)": "%(word)s（%(zone)s）",
    # page headings: the Chinese term shown beside the English only (it read 赋权事项 赋权事项)
    "Empowered items (赋权事项)": "赋权事项",
    "Campaigns (专项行动)": "专项行动",
    "Performance supervision (履约监管)": "履约监管",
    # the breadcrumb trail's name for screen readers
    "Breadcrumb": "当前位置",
    "%(field)s: %(error)s": "%(field)s：%(error)s",
    "Pick a park and add it; the parks host in this order, ↑ and ↓ change it. No park: no host.":
        "选择园区后点“添加”，按列表顺序轮值主持，可用 ↑ ↓ 调整顺序；不添加园区则不设主持园区。",
}
