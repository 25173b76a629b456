"""Markdown bodies rendered inert; attachments: type refusal, Chinese file names, access guard."""

import io
from html.parser import HTMLParser

import pytest

from hub.attachments.models import Attachment
from hub.extensions import db
from hub.notices.models import Notice
from tests.notices.notice_helpers import form_data

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

XSS = [
    "<script>alert('x')</script>",
    "[点我](javascript:alert(1))",
    '<img src="x" onerror="alert(1)">',
    "![pic](x\" onerror=\"alert(1))",
    '<svg onload="alert(1)"><circle r="1"/></svg>',
    '<a href="javascript:alert(1)">链接</a>',
]


def body_of(html: str) -> str:
    return html.split('data-testid="notice-body">', 1)[1].split("</div>", 1)[0]


class Tags(HTMLParser):
    """The real elements and attributes of a fragment (escaped text is not a tag)."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@pytest.mark.parametrize("payload", XSS)
def test_xss_in_body_is_inert(client, login, world, make_notice, payload):
    notice = make_notice(world.staff_a, title="XSS", body=f"正文 **加粗**\n\n{payload}")
    login(world.staff_a)
    body = body_of(client.get(f"/notices/{notice.id}").get_data(as_text=True))
    assert "<strong>加粗</strong>" in body
    tags = Tags(body).tags
    assert ("strong", {}) in tags
    for tag, attrs in tags:
        assert tag not in ("script", "svg", "iframe", "object"), body
        assert not any(name.startswith("on") for name in attrs), body
        for name in ("href", "src"):
            assert not (attrs.get(name) or "").strip().lower().startswith("javascript:"), body


def _upload_post(client, url, name, content, **fields):
    data = {**form_data(**fields), "attachments": (io.BytesIO(content), name)}
    return client.post(url, data=data, content_type="multipart/form-data")


@pytest.mark.parametrize("name,content", [
    ("setup.exe", b"MZ\x90\x00binary"),
    ("假文件.pdf", b"this is not a pdf at all"),
])
def test_refused_upload_keeps_the_typed_text(client, login, world, name, content):
    login(world.staff_a)
    resp = _upload_post(client, "/notices/new", name, content, title="我输入的标题",
                        body="我输入的正文")
    assert resp.status_code == 422
    html = resp.get_data(as_text=True)
    assert name in html  # the message names the refused file beside the field
    assert 'class="invalid-feedback"' in html
    assert "我输入的标题" in html and "我输入的正文" in html
    assert db.session.execute(db.select(Notice)).first() is None
    assert db.session.execute(db.select(Attachment)).first() is None


def test_chinese_download_name_and_access_follow_the_notice(app, client, login, world):
    login(world.staff_a)
    resp = _upload_post(client, "/notices/new", "政策.pdf", PDF, title="带附件")
    assert resp.status_code == 302
    notice = db.session.execute(db.select(Notice)).scalar_one()
    attachment = db.session.execute(db.select(Attachment)).scalar_one()
    assert attachment.owner_type == "notice" and attachment.owner_id == notice.id
    assert "政策.pdf" in client.get(f"/notices/{notice.id}").get_data(as_text=True)

    resp = client.get(f"/attachments/{attachment.id}")
    assert resp.status_code == 200
    assert resp.data == PDF
    assert "filename*=UTF-8''%E6%94%BF%E7%AD%96.pdf" in resp.headers["Content-Disposition"]

    # a draft: another park's staff cannot download it by any URL
    other = app.test_client()
    login(world.staff_b, use_client=other)
    assert other.get(f"/attachments/{attachment.id}").status_code in (403, 404)
    assert other.get(f"/notices/{notice.id}").status_code == 404

    # published to park C only: park B still cannot, park C can
    from hub.notices import services
    services.publish(world.admin_a, notice, all_parks=False, audience=[world.c],
                     version=notice.version)
    db.session.commit()
    assert other.get(f"/attachments/{attachment.id}").status_code in (403, 404)
    third = app.test_client()
    login(world.staff_c, use_client=third)
    assert third.get(f"/attachments/{attachment.id}").status_code == 200


def test_edit_adds_and_removes_attachments(client, login, world, make_notice):
    notice = make_notice(world.staff_a, title="附件编辑")
    login(world.staff_a)
    resp = _upload_post(client, f"/notices/{notice.id}/edit", "一.pdf", PDF, title="附件编辑",
                        version=str(notice.version))
    assert resp.status_code == 302
    first = db.session.execute(db.select(Attachment)).scalar_one()
    version = db.session.get(Notice, notice.id).version
    resp = client.post(f"/notices/{notice.id}/edit",
                       data=form_data(title="附件编辑", version=str(version),
                                      remove_attachments=str(first.id)))
    assert resp.status_code == 302
    assert db.session.execute(db.select(Attachment)).first() is None
