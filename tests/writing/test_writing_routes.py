"""POST /writing/preview and POST /writing/import-docx: who may use them, and their limits."""

import io

import pytest

from hub import markdown
from tests.writing.docx_builder import notice_docx


@pytest.fixture
def app_config():
    return {"HUB_WRITING_PREVIEW_LIMIT": "5 per minute", "HUB_WRITING_IMPORT_LIMIT": "3 per minute"}


@pytest.fixture
def signed_in(client, make_user, login):
    login(make_user())
    return client


def test_preview_is_the_page_render(signed_in):
    text = "# 标题\n\n**粗**\n\n| a | b |\n|---|---|\n| 1 | 2 |"
    response = signed_in.post("/writing/preview", data={"text": text})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<h1>标题</h1>" in html and "<strong>粗</strong>" in html and "<td>1</td>" in html


def test_preview_is_sanitized_like_the_page(signed_in):
    text = "<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>"
    html = signed_in.post("/writing/preview", data={"text": text}).get_data(as_text=True)
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html
    assert html == str(markdown.render(text))  # exactly what the saved page shows


def test_preview_needs_sign_in(client):
    response = client.post("/writing/preview", data={"text": "**x**"})
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_preview_needs_csrf_token(bare_client, make_user, login):
    login(make_user(), use_client=bare_client)  # the login form POST carries no token either
    with bare_client.session_transaction() as session:
        signed = "_user_id" in session
    response = bare_client.post("/writing/preview", data={"text": "**x**"})
    assert response.status_code in ((400,) if signed else (400, 302))
    assert "<strong>x</strong>" not in response.get_data(as_text=True)


def test_preview_too_long_is_refused(signed_in):
    response = signed_in.post("/writing/preview", data={"text": "字" * 100_001})
    assert response.status_code == 413


def test_preview_is_rate_limited(signed_in):
    codes = [signed_in.post("/writing/preview", data={"text": "x"}).status_code for _ in range(6)]
    assert codes == [200] * 5 + [429]


def _import(client, data: bytes, name="通知.docx", attach="1"):
    return client.post("/writing/import-docx", data={"docx": (io.BytesIO(data), name),
                                                     "attach": attach},
                       content_type="multipart/form-data")


def test_import_returns_text_and_images(signed_in):
    response = _import(signed_in, notice_docx(image=True))
    assert response.status_code == 200
    body = response.get_json()
    assert body["markdown"].startswith("# 关于开展园区安全检查的通知")
    assert [i["name"] for i in body["images"]] == ["image1.png"]
    assert any("image1.png" in note for note in body["notes"])


def test_import_without_attachments_field_keeps_no_images(signed_in):
    body = _import(signed_in, notice_docx(image=True), attach="0").get_json()
    assert body["images"] == [] and body["notes"]


@pytest.mark.parametrize(("data", "name"), [
    (b"", "空.docx"),
    (b"%PDF-1.4", "通知.pdf"),
    (b"%PDF-1.4", "改名的.docx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "旧格式.doc"),
])
def test_import_bad_files_get_a_message(signed_in, data, name):
    response = _import(signed_in, data, name)
    assert response.status_code == 422
    assert response.get_json()["error"]


def test_import_without_file(signed_in):
    response = signed_in.post("/writing/import-docx", data={})
    assert response.status_code == 422 and response.get_json()["error"]


def test_import_oversized_gets_a_message(signed_in):
    response = _import(signed_in, b"PK\x03\x04" + b"\x00" * (10 * 1024 * 1024 + 10))
    assert response.status_code == 413
    assert response.get_json()["error"]


def test_import_needs_sign_in_and_csrf(client, bare_client):
    assert _import(client, notice_docx()).status_code == 302
    assert _import(bare_client, notice_docx()).status_code in (302, 400)


def test_import_is_rate_limited(signed_in):
    codes = [_import(signed_in, b"x", "a.txt").status_code for _ in range(4)]
    assert codes == [422] * 3 + [429]


def test_every_markdown_form_has_the_editor(signed_in):
    page = signed_in.get("/notices/new").get_data(as_text=True)
    assert 'data-md-editor' in page and 'name="body"' in page
    assert "/writing/preview" in page and "/writing/import-docx" in page
    assert "js/markdown-editor.js" in page
