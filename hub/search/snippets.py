"""Short excerpts around a match, with the matched terms marked — escaped first, then marked.

Everything a user typed (the stored text and the query) goes through markupsafe.escape; the only
markup added is <mark>…</mark>, so no HTML from user content survives.
"""

import re

from markupsafe import Markup, escape

SNIPPET_LENGTH = 80  # characters shown around the first match
BEFORE_MATCH = 20

_MARKDOWN = [
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links and images: keep the text
    (re.compile(r"^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+", re.MULTILINE), ""),  # line markers
    (re.compile(r"(\*\*|__|`+)"), ""),  # strong, code
    (re.compile(r"\s+"), " "),
]


def plain(text: str) -> str:
    """Markdown (notice bodies) roughly reduced to its words, on one line."""
    for pattern, replacement in _MARKDOWN:
        text = pattern.sub(replacement, text)
    return text.strip()


def _terms_regex(terms: list[str]) -> re.Pattern | None:
    terms = [t for t in terms if t]
    if not terms:
        return None
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(alternatives, re.IGNORECASE)


def highlight(text: str, terms: list[str]) -> Markup:
    """`text` escaped, each occurrence of a term wrapped in <mark>."""
    regex = _terms_regex(terms)
    if regex is None:
        return escape(text)
    parts: list[Markup] = []
    last = 0
    for found in regex.finditer(text):
        parts.append(escape(text[last:found.start()]))
        parts.append(Markup("<mark>{}</mark>").format(found.group()))
        last = found.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


def snippet(texts: list[str], terms: list[str], length: int = SNIPPET_LENGTH) -> Markup:
    """About `length` characters of `texts` around the first match, highlighted."""
    text = " · ".join(p for p in (plain(t) for t in texts if t) if p)
    regex = _terms_regex(terms)
    found = regex.search(text) if regex else None
    start = max(0, found.start() - BEFORE_MATCH) if found else 0
    end = min(len(text), start + length)
    start = max(0, min(start, end - length))
    excerpt = text[start:end]
    result = highlight(excerpt, terms)
    if start > 0:
        result = Markup("…") + result
    if end < len(text):
        result = result + Markup("…")
    return result
