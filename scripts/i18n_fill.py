"""Fill translation catalogs.

    python scripts/i18n_fill.py en                     # English: msgstr = msgid where empty
    python scripts/i18n_fill.py zh_CN table.py         # Chinese: from a dict T in table.py
    python scripts/i18n_fill.py --missing zh_CN        # list entries still untranslated

Run `make extract-messages` first so the catalogs know every string.
"""

import runpy
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent / "hub" / "translations"


def catalog_path(locale: str) -> Path:
    return ROOT / locale / "LC_MESSAGES" / "messages.po"


def load(locale: str):
    with catalog_path(locale).open("rb") as fh:
        return read_po(fh, locale=locale)


def save(locale: str, catalog) -> None:
    with catalog_path(locale).open("wb") as fh:
        write_po(fh, catalog, width=100, omit_header=False)


def fill(locale: str, table: dict | None) -> int:
    catalog = load(locale)
    changed = 0
    for message in catalog:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        plural = message.id[1] if isinstance(message.id, tuple) else None
        if table is None:  # English: always the msgids themselves
            message.string = key if plural is None else (key, plural)
        else:
            new = table.get(key)
            if new is None:
                continue
            message.string = new if plural is None else (new, new)
        message.flags.discard("fuzzy")
        changed += 1
    save(locale, catalog)
    return changed


def _untranslated(message) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return message.fuzzy or not all(strings)


def missing(locale: str) -> list[str]:
    catalog = load(locale)
    return [m.id for m in catalog if m.id and _untranslated(m)]


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--missing":
        todo = missing(argv[1])
        for msgid in todo:
            print(repr(msgid))
        return 1 if todo else 0
    locale = argv[0]
    table = runpy.run_path(argv[1])["T"] if len(argv) > 1 else None
    print(f"{locale}: {fill(locale, table)} entries filled")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
