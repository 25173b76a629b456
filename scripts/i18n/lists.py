"""Chinese for the msgids added by the lists branch (sortable column headers; the case list's
.xlsx export reuses "Export .xlsx")."""

T = {
    "Sort by this column": "按此列排序",
}
