"""POST /writing/preview (the server's own Markdown render) and POST /writing/import-docx.

Both answer the editor's script (hub/static/js/markdown-editor.js), for signed-in users only,
CSRF-checked like every POST (the token travels in the X-CSRFToken header), rate-limited per user.
The preview is hub.markdown.render itself, so it shows exactly what the saved page will show,
sanitized by the same nh3 rules; nothing is stored. The import stores nothing either: it returns
the text and the images, and the form attaches the images with the record when it is saved
(through that form's own attachment field and hub.attachments.services).
"""

import base64

from flask import Blueprint, current_app, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import markdown
from hub.extensions import limiter
from hub.writing import services

bp = Blueprint("writing", __name__, url_prefix="/writing")

MAX_PREVIEW_CHARS = 100_000


def _per_user() -> str:
    return f"writing:{current_user.get_id()}"


def _preview_limit() -> str:
    return current_app.config.get("HUB_WRITING_PREVIEW_LIMIT", "120 per minute")


def _import_limit() -> str:
    return current_app.config.get("HUB_WRITING_IMPORT_LIMIT", "20 per minute")


@bp.post("/preview")
@login_required
@limiter.limit(_preview_limit, key_func=_per_user)
def preview():
    text = request.form.get("text", "")
    if len(text) > MAX_PREVIEW_CHARS:
        return (_("The text is too long to preview."), 413,
                {"Content-Type": "text/plain; charset=utf-8"})
    return str(markdown.render(text)), 200, {"Content-Type": "text/html; charset=utf-8",
                                             "Cache-Control": "no-store"}


@bp.post("/import-docx")
@login_required
@limiter.limit(_import_limit, key_func=_per_user)
def import_docx():
    upload = request.files.get("docx")
    filename = (upload.filename or "") if upload else ""
    try:
        if not filename:
            raise services.ImportRefused("empty", "docx")
        if not filename.lower().endswith(".docx"):
            raise services.ImportRefused("type", "docx")
        data = upload.stream.read(services.MAX_DOCX_BYTES + 1)
        converted = services.convert_docx(data, keep_images=request.form.get("attach") == "1")
    except services.ImportRefused as error:
        return jsonify(error=error.message), error.status
    images = [{"name": i.name, "type": i.content_type, "data": base64.b64encode(i.data).decode()}
              for i in converted.images]
    notes = []
    if images:
        notes.append(_("Images of the document (%(names)s) will be attached when you save.",
                       names="、".join(i["name"] for i in images)))
    if converted.skipped_images:
        notes.append(_("%(n)d image(s) could not be kept; the text marks where they were.",
                       n=converted.skipped_images))
    return jsonify(markdown=converted.markdown, images=images, notes=notes)
