"""Short excerpts around a match, with the matched terms marked — escaped first, then marked.

Everything a user typed (the stored text and the query) goes through markupsafe.escape; the only
markup added is <mark>…</mark>, so no HTML from user content survives.
"""

import re
from functools import lru_cache

from markupsafe import Markup, escape

SNIPPET_LENGTH = 80  # characters shown around the first match
BEFORE_MATCH = 20

# (pattern, replacement, characters without one of which the pattern cannot match)
_MARKDOWN = [
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1", "]"),  # links and images: keep the text
    (re.compile(r"^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+", re.MULTILINE), "",
     "#>-*+.)"),  # line markers
    (re.compile(r"(\*\*|__|`+)"), "", "*_`"),  # strong, code
    (re.compile(r"\s+"), " ", None),
]


def plain(text: str) -> str:
    """Markdown (notice bodies) roughly reduced to its words, on one line. A pattern runs only
    where one of its characters occurs (most texts hold no Markdown: ~0.3 ms a page)."""
    for pattern, replacement, needs in _MARKDOWN:
        if needs is None or any(c in text for c in needs):
            text = pattern.sub(replacement, text)
    return text.strip()


@lru_cache(maxsize=64)
def _regex(terms: tuple[str, ...]) -> re.Pattern | None:
    terms = tuple(t for t in terms if t)
    if not terms:
        return None
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(alternatives, re.IGNORECASE)


def _terms_regex(terms: list[str]) -> re.Pattern | None:
    return _regex(tuple(terms))


def _marked(text: str, regex: re.Pattern | None) -> str:
    """`text` escaped, each match wrapped in <mark>, as a str (Markup only at the end: a search
    page marks ~200 texts, and Markup's own format/join cost ~20 µs each)."""
    if regex is None:
        return str(escape(text))
    parts: list[str] = []
    last = 0
    for found in regex.finditer(text):
        parts += (escape(text[last:found.start()]), "<mark>", escape(found.group()), "</mark>")
        last = found.end()
    parts.append(escape(text[last:]))
    return "".join(parts)


def highlight(text: str, terms: list[str]) -> Markup:
    """`text` escaped, each occurrence of a term wrapped in <mark>."""
    return Markup(_marked(text, _terms_regex(terms)))  # noqa: S704 - escaped in _marked


def snippet(texts: list[str], terms: list[str], length: int = SNIPPET_LENGTH) -> Markup:
    """About `length` characters of `texts` around the first match, highlighted."""
    text = " · ".join(p for p in (plain(t) for t in texts if t) if p)
    regex = _terms_regex(terms)
    found = regex.search(text) if regex else None
    start = max(0, found.start() - BEFORE_MATCH) if found else 0
    end = min(len(text), start + length)
    start = max(0, min(start, end - length))
    marked = _marked(text[start:end], regex)
    return Markup(  # noqa: S704 - escaped in _marked
        ("…" if start > 0 else "") + marked + ("…" if end < len(text) else ""))
