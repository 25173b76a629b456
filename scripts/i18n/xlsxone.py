"""Chinese for the msgids added by the xlsxone branch (one .xlsx writer, search over 督办 notes)."""

T = {
    "%(header)s (%(zone)s)": "%(header)s（%(zone)s）",
}
