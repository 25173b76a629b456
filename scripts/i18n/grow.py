"""Chinese for the msgids added by the grow branch (notice list pager)."""

T = {"Oldest": "最早"}
