"""Static files are linked with their content's version (?v=…): nginx lets browsers keep them for
30 days, so after a release the new URL is what makes a browser fetch the new script or style
sheet instead of running new pages with the old one."""

import hashlib
import re
from pathlib import Path

STATIC = Path(__file__).resolve().parents[1] / "hub" / "static"


def _static_links(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="(/static/[^"]+)"', html)


def test_every_static_link_carries_its_files_version(client, login, make_user):
    login(make_user())
    links = _static_links(client.get("/").get_data(as_text=True))
    assert len(links) >= 5  # Bootstrap's CSS and JS, the app's CSS and JS, the icon
    for link in links:
        path, _, query = link.partition("?")
        body = (STATIC / path.removeprefix("/static/")).read_bytes()
        assert query == "v=" + hashlib.sha256(body).hexdigest()[:12], link
        served = client.get(link.replace("&amp;", "&"))
        assert served.status_code == 200 and served.data == body


def test_the_version_follows_the_files_content(app, tmp_path):
    from hub import ui

    (tmp_path / "app.js").write_text("old")
    old = ui._file_version(str(tmp_path), "app.js")
    (tmp_path / "app.js").write_text("new")
    ui._file_version.cache_clear()  # a release restarts the workers
    assert ui._file_version(str(tmp_path), "app.js") not in (None, old)
    assert ui._file_version(str(tmp_path), "missing.js") is None
    assert ui._file_version(str(tmp_path), "../outside.js") is None


def test_nginx_keeps_static_files_for_a_long_time():
    """The reason for the versions: if this changes, so may they."""
    conf = (Path(__file__).resolve().parents[1] / "deploy" / "nginx-parkhub.conf").read_text()
    assert "location /static/" in conf and "expires 30d" in conf
