"""hub.writing.services.convert_docx: a Word document becomes the Markdown our renderer shows."""

import io
import zipfile

import pytest
from flask_babel import gettext

from hub import markdown
from hub.writing.htmlmd import escape
from hub.writing.services import ImportRefused, convert_docx
from tests.writing.docx_builder import notice_docx


@pytest.fixture
def ctx(app):
    with app.test_request_context():
        yield


def test_structure_survives(ctx):
    text = convert_docx(notice_docx()).markdown
    assert text.startswith("# 关于开展园区安全检查的通知\n")
    assert "## 二、工作要求" in text
    assert "**务必**按时*上报*" in text
    assert "- 检查消防通道\n- 检查配电房" in text
    assert "1. 自查\n2. 整改" in text
    assert "| 园区 | 负责人 |\n| --- | --- |\n| 田心\\|高科园 | 张三 |" in text


def test_rendered_page_shows_headings_lists_table(ctx):
    html = str(markdown.render(convert_docx(notice_docx()).markdown))
    assert "<h1>关于开展园区安全检查的通知</h1>" in html
    assert "<strong>务必</strong>" in html and "<em>上报</em>" in html
    assert "<li>检查消防通道</li>" in html
    assert "<ol>" in html
    assert "<td>田心|高科园</td>" in html


def test_document_characters_stay_text(ctx):
    html = str(markdown.render(convert_docx(notice_docx()).markdown))
    assert "<p># 这一行不是标题</p>" in html  # not a heading
    assert "*本周*" in html and "[自查]" in html  # not emphasis, not a link
    assert "<script" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_image_is_returned_for_attachment(ctx):
    result = convert_docx(notice_docx(image=True))
    assert [(i.name, i.content_type) for i in result.images] == [("image1.png", "image/png")]
    assert result.images[0].data.startswith(b"\x89PNG")
    assert "image1.png" in result.markdown


def test_image_not_kept_where_no_attachments(ctx):
    result = convert_docx(notice_docx(image=True), keep_images=False)
    assert result.images == []
    assert result.skipped_images == 1
    marker = gettext("[Image not kept: this text cannot hold images]")
    assert escape(marker) in result.markdown


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(("data", "code"), [
    (b"", "empty"),
    (b"%PDF-1.7 not a word file", "type"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "type"),  # a legacy .doc
    (b"PK\x03\x04 broken zip", "type"),
    (_zip({"xl/workbook.xml": b"<x/>", "[Content_Types].xml": b"<x/>"}), "type"),  # an .xlsx
    (_zip({"word/document.xml": b"<not xml", "[Content_Types].xml": b"<x/>"}), "unreadable"),
])
def test_bad_files_are_refused_with_a_reason(ctx, data, code):
    with pytest.raises(ImportRefused) as refused:
        convert_docx(data)
    assert refused.value.code == code
    assert refused.value.message


def test_archive_that_unpacks_huge_is_refused(ctx):
    bomb = _zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<x/>",
                 "word/media/big.bin": b"\x00" * (61 * 1024 * 1024)})
    with pytest.raises(ImportRefused) as refused:
        convert_docx(bomb)
    assert refused.value.code == "too_large"
