"""Sanitized HTML (as mammoth writes it) → the Markdown our renderer reads (hub.markdown).

Only the constructs hub.markdown renders come out: headings, paragraphs, bold/italic/strike,
links (http/https/mailto), nested lists, block quotes, pipe tables, line breaks. Text is escaped
so that a document's own `*`, `_`, `#`, `[`… stay text. Images become a placeholder the caller
chooses (`image_text(src, alt)`).
"""

import re
from collections.abc import Callable
from html.parser import HTMLParser

_INLINE_ESCAPE = re.compile(r"([\\`*_\[\]<>|~])")
_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")
_SAFE_URL = re.compile(r"^(https?:|mailto:)", re.IGNORECASE)


def escape(text: str) -> str:
    return _INLINE_ESCAPE.sub(r"\\\1", text)


class _Block:
    def __init__(self, kind: str):
        self.kind = kind
        self.parts: list[str] = []

    def text(self) -> str:
        return "".join(self.parts)


class _Converter(HTMLParser):
    def __init__(self, image_text: Callable[[str, str], str]):
        super().__init__(convert_charrefs=True)
        self.image_text = image_text
        self.out: list[str] = []  # finished blocks
        self.inline: list[str] = []  # the paragraph / cell being written
        self.lists: list[list] = []  # stack of [kind, counter]
        self.quote = 0
        self.heading = 0
        self.links: list[str | None] = []
        self.table: list[list[str]] | None = None
        self.row: list[str] | None = None
        self.in_cell = False

    # -- helpers
    def _flush(self) -> None:
        text = re.sub(r"[ \t\r\n]+", " ", "".join(self.inline)).strip()
        text = text.replace(" \\\n ", "\\\n").replace("\x00BR\x00", "  \n")
        self.inline = []
        if not text:
            return
        text = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
        if self.heading:
            text = "#" * self.heading + " " + text.replace("  \n", " ")
        prefix = "> " * self.quote
        if self.lists:
            depth = len(self.lists) - 1
            kind, counter = self.lists[-1]
            marker = f"{counter}." if kind == "ol" else "-"
            indent = "   " * depth
            lines = text.split("\n")
            first = f"{indent}{marker} {lines[0]}"
            rest = [f"{indent}{' ' * (len(marker) + 1)}{line}" for line in lines[1:]]
            self.out.append(("li", "\n".join(prefix + line for line in [first, *rest])))
            return
        self.out.append(("p", "\n".join(prefix + line for line in text.split("\n"))))

    # -- parser callbacks
    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li",
                   "table") and not self.in_cell:
            self._flush()
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6") and not self.in_cell:
            self.heading = int(tag[1])
        elif tag == "blockquote":
            self.quote += 1
        elif tag in ("ul", "ol") and not self.in_cell:
            self.lists.append([tag, 0])
        elif tag == "li" and self.lists and not self.in_cell:
            self.lists[-1][1] += 1
        elif tag in ("strong", "b"):
            self.inline.append("**")
        elif tag in ("em", "i"):
            self.inline.append("*")
        elif tag in ("del", "s"):
            self.inline.append("~~")
        elif tag == "br":
            self.inline.append(" " if self.in_cell else "\x00BR\x00")
        elif tag == "a":
            href = (attrs.get("href") or "").strip()
            ok = bool(_SAFE_URL.match(href)) and not any(c in href for c in " ()<>")
            self.links.append(href if ok else None)
            if ok:
                self.inline.append("[")
        elif tag == "img":
            self.inline.append(escape(self.image_text(attrs.get("src") or "",
                                                      attrs.get("alt") or "")))
        elif tag == "table":
            self.table = []
        elif tag == "tr" and self.table is not None:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.in_cell = True
            self.inline = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.row is not None and self.in_cell:
            cell = re.sub(r"\s+", " ", "".join(self.inline)).strip().replace("\x00BR\x00", " ")
            self.row.append(cell)
            self.inline = []
            self.in_cell = False
        elif tag == "tr" and self.table is not None and self.row is not None:
            self.table.append(self.row)
            self.row = None
        elif tag == "table" and self.table is not None:
            self._table_done()
        elif self.in_cell:
            self._inline_end(tag)
        elif tag in ("p", "li"):
            self._flush()
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._flush()
            self.heading = 0
        elif tag == "blockquote":
            self._flush()
            self.quote = max(0, self.quote - 1)
        elif tag in ("ul", "ol"):
            self._flush()
            if self.lists:
                self.lists.pop()
        else:
            self._inline_end(tag)

    def _inline_end(self, tag):
        if tag in ("strong", "b"):
            self.inline.append("**")
        elif tag in ("em", "i"):
            self.inline.append("*")
        elif tag in ("del", "s"):
            self.inline.append("~~")
        elif tag == "a" and self.links:
            href = self.links.pop()
            if href:
                self.inline.append(f"]({href})")

    def handle_data(self, data):
        self.inline.append(escape(data))

    def _table_done(self):
        rows = [r for r in (self.table or []) if r]
        self.table = None
        if not rows:
            return
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
        lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
        self.out.append(("table", "\n".join(lines)))

    def result(self) -> str:
        self._flush()
        blocks: list[str] = []
        previous = None
        for kind, text in self.out:
            if blocks and not (kind == "li" and previous == "li"):
                blocks.append("\n")
            blocks.append(text + "\n")
            previous = kind
        return "".join(blocks).strip() + "\n" if blocks else ""


def to_markdown(html: str, image_text: Callable[[str, str], str]) -> str:
    converter = _Converter(image_text)
    converter.feed(html)
    converter.close()
    return converter.result()
