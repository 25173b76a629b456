"""GET /attachments/<id>: download with the original (Chinese) name, guarded like its owner."""

from flask import Blueprint, abort, send_file
from flask_login import current_user, login_required

from hub import permissions as perm
from hub.attachments import services
from hub.attachments.models import Attachment
from hub.edge import clean_name
from hub.extensions import db

bp = Blueprint("attachments", __name__, url_prefix="/attachments")


@bp.get("/<int:attachment_id>")
@login_required
def download(attachment_id: int):
    attachment = db.get_or_404(Attachment, attachment_id)
    owner, can_read = services.owner_of(attachment)
    if owner is None:
        abort(404)
    perm.require(can_read(current_user, owner))
    path = services.path_of(attachment)
    if not path.exists():
        abort(404)
    # send_file writes RFC 5987 filename*=UTF-8''… for non-ASCII names
    return send_file(
        path,
        mimetype=attachment.content_type,
        as_attachment=True,
        download_name=clean_name(attachment.original_name),
        max_age=0,
    )
