"""Read an uploaded table — an `.xlsx` workbook or a CSV file — into plain rows, so that both go
through the same header and cell checks (hub.efficiency.xlsx).

CSV: comma-separated, as Excel saves "CSV (逗号分隔)"; UTF-8 with or without a byte order mark,
else GB18030 (a superset of GBK, what Excel on Chinese Windows writes). UTF-16 ("Unicode text")
and other separators are not read. A CSV row's number is its record number, as Excel shows it.
"""

import csv
import io

from openpyxl import load_workbook


class Unreadable(Exception):
    """The file cannot be read as the kind its name says (code: not_xlsx or not_csv)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def is_csv(filename: str | None) -> bool:
    return (filename or "").lower().endswith(".csv")


def decode_csv(data: bytes) -> str:
    bom = data.startswith(b"\xef\xbb\xbf")
    encodings = ("utf-8-sig",) if bom else ("utf-8", "gb18030")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise Unreadable("not_csv")


def read(data: bytes, filename: str | None):
    """Rows of the first sheet (or of the CSV file), each a tuple of cell values."""
    if is_csv(filename):
        text = decode_csv(data)
        if "\x00" in text:  # UTF-16 or a binary file renamed .csv
            raise Unreadable("not_csv")
        try:
            return [tuple(row) for row in csv.reader(io.StringIO(text, newline=""))]
        except csv.Error as error:
            raise Unreadable("not_csv") from error
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        return list(wb.worksheets[0].iter_rows(values_only=True))
    except Exception as error:  # any unreadable upload is the same refusal
        raise Unreadable("not_xlsx") from error
