"""Every CSV the app writes goes through here: one formula guard for every cell.

A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel and WPS as a
formula (CSV injection, e.g. `=HYPERLINK(...)`); such a cell gets a leading apostrophe.
"""

import csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_STARTS = frozenset(FORMULA_STARTS)  # each one character: `text[:1] in _STARTS`


def guard(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in _STARTS else text


class SafeWriter:
    """csv.writer whose rows are guarded cell by cell."""

    def __init__(self, out, **kwargs):
        self._writer = csv.writer(out, **kwargs)

    def writerow(self, row) -> None:
        # `guard` of each cell, spelt out (the same two steps): a call per cell was a fifth of
        # the zone office's 197,696-row 督办台账 CSV (scale 10)
        cells = [c if type(c) is str else "" if c is None else str(c) for c in row]
        self._writer.writerow(["'" + c if c[:1] in _STARTS else c for c in cells])

    def writerows(self, rows) -> None:
        for row in rows:
            self.writerow(row)
