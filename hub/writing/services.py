"""Word (.docx) → the Markdown text of a field, with the document's images kept apart.

mammoth reads the document's structure (headings by style, lists, bold/italic, tables, links,
images) into HTML; nh3 keeps only what hub.markdown may render; hub.writing.htmlmd writes that
as Markdown. The result is shown by the same renderer as any typed text, so nothing the document
carries gets past its sanitizer either. Images come back as files (png/jpeg, the types the
attachment store accepts) for the form to attach on save; each one leaves a placeholder in the
text.
"""

import io
import zipfile
from dataclasses import dataclass, field

import mammoth
import nh3
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from hub import markdown
from hub.domain import DomainError
from hub.writing import htmlmd

MAX_DOCX_BYTES = 10 * 1024 * 1024  # the upload itself
MAX_UNPACKED_BYTES = 60 * 1024 * 1024  # a .docx is a zip: refuse archives that unpack huge
MAX_IMAGES = 30
MAX_MARKDOWN_CHARS = 200_000
IMAGE_TYPES = {"image/png": "png", "image/jpeg": "jpg", "image/jpg": "jpg"}


class ImportRefused(DomainError):
    messages = {
        "empty": _l("Choose a Word document (.docx) to import."),
        "type": _l("This file is not a Word document (.docx). In Word or WPS use "
                   "“Save as” → “Word document (*.docx)” and import that file."),
        "too_large": _l("The document is too large to import (at most 10 MB)."),
        "unreadable": _l("The document could not be read. Open it in Word or WPS, save it "
                         "again as .docx and import it once more."),
        "too_long": _l("The document's text is too long for this field."),
    }


@dataclass
class Image:
    name: str
    content_type: str
    data: bytes


@dataclass
class Converted:
    markdown: str
    images: list[Image] = field(default_factory=list)
    skipped_images: int = 0  # images of a kind that cannot be attached (emf, gif…) or too many


def _check_archive(data: bytes) -> None:
    if not data:
        raise ImportRefused("empty", "docx")
    if len(data) > MAX_DOCX_BYTES:
        raise ImportRefused("too_large", "docx", status=413)
    if not data.startswith(b"PK\x03\x04"):
        raise ImportRefused("type", "docx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise ImportRefused("type", "docx") from error
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names or "word/document.xml" not in names:
        raise ImportRefused("type", "docx")
    if sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
        raise ImportRefused("too_large", "docx", status=413)


def convert_docx(data: bytes, *, keep_images: bool = True) -> Converted:
    """`keep_images` is False where the record takes no attachments (the text says so).
    Raises ImportRefused for anything that is not a readable .docx within the limits."""
    _check_archive(data)
    result = Converted("")
    names: dict[str, str] = {}

    def keep_image(image):
        ext = IMAGE_TYPES.get((image.content_type or "").lower())
        if not keep_images or ext is None or len(result.images) >= MAX_IMAGES:
            result.skipped_images += 1
            return {"src": "skipped:", "alt": image.alt_text or ""}
        with image.open() as stream:
            content = stream.read(MAX_DOCX_BYTES + 1)
        name = f"image{len(result.images) + 1}.{ext}"
        result.images.append(Image(name, "image/jpeg" if ext == "jpg" else "image/png", content))
        names[name] = name
        return {"src": "image:" + name, "alt": image.alt_text or ""}

    try:
        converted = mammoth.convert_to_html(
            io.BytesIO(data), convert_image=mammoth.images.img_element(keep_image))
    except Exception as error:
        raise ImportRefused("unreadable", "docx") from error
    html = nh3.clean(
        converted.value,
        tags=markdown.ALLOWED_TAGS,
        attributes=markdown.ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "image", "skipped"},
        link_rel=None,
    )

    def image_text(src: str, alt: str) -> str:
        if src.startswith("image:") and src[6:] in names:
            return _("[Image %(name)s: attached to this record]", name=src[6:])
        if not keep_images:
            return _("[Image not kept: this text cannot hold images]")
        if alt:
            return _("[Image not kept (only PNG and JPEG images are kept): %(alt)s]", alt=alt)
        return _("[Image not kept (only PNG and JPEG images are kept)]")

    result.markdown = htmlmd.to_markdown(html, image_text)
    if len(result.markdown) > MAX_MARKDOWN_CHARS:
        raise ImportRefused("too_long", "docx")
    return result
