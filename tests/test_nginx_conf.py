"""deploy/nginx-parkhub.conf: the downloads get longer than the pages before nginx gives up.

The app builds an .xlsx or .csv whole before its first byte goes out: the zone office's 督办台账
of every park took 12–32 s at scale 10 (bench/results/2026-12-07-s13-summary.md), three times that
at scale 30. Behind the pages' 60 s read timeout nginx would answer 504 and the file would be lost.
(Checked by hand with nginx 1.22 in front of a slow upstream: a download waited, a page got 504.)"""

import re
from pathlib import Path

CONF = (Path(__file__).resolve().parents[1] / "deploy" / "nginx-parkhub.conf").read_text()


def _location(pattern: str) -> str:
    match = re.search(r"location " + pattern + r" \{(.*?)\n    \}", CONF, re.S)
    assert match, f"no location {pattern}"
    return match.group(1)


def _seconds(block: str) -> int:
    return int(re.search(r"proxy_read_timeout (\d+)s;", block).group(1))


DOWNLOADS = r"\.(xlsx|csv)$"  # the location's regular expression, as nginx reads it


def test_downloads_wait_longer_than_pages(app):
    downloads, pages = _location(re.escape("~ " + DOWNLOADS)), _location("/")
    assert "proxy_pass http://parkhub_web;" in downloads
    assert _seconds(downloads) >= 300 > 60 >= _seconds(pages)
    # the large exports are among the URLs that location takes
    rules = {rule.endpoint: rule.rule for rule in app.url_map.iter_rules()}
    for endpoint in ("cases.export", "cases.export_xlsx", "action_ledger.export_xlsx",
                     "action_ledger.export_csv"):
        assert re.search(DOWNLOADS, rules[endpoint]), rules[endpoint]


def test_both_proxied_locations_forward_the_client():
    """nginx hands proxy_set_header down only to blocks that set none of their own: set once in
    the server block, the download location forwards the client's address and scheme too (the
    audit log's address, HUB_PROXY_HOPS)."""
    outside = re.sub(r"location [^{]*\{.*?\n    \}", "", CONF, flags=re.S)
    for header in ("X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "Host"):
        assert f"proxy_set_header {header} " in outside
    for pattern in (re.escape("~ " + DOWNLOADS), "/"):
        assert "proxy_set_header" not in _location(pattern)
