from flask_babel import lazy_gettext as _l
from wtforms import MultipleFileField

from hub.attachments.services import ALLOWED_EXTENSIONS, AttachmentRejected


def attachments_field(label=None) -> MultipleFileField:
    return MultipleFileField(
        label or _l("Attachments"),
        description=_l("Allowed: %(types)s; at most %(mb)s MB in all.",
                       types=ALLOWED_EXTENSIONS, mb="20"),
        render_kw={"multiple": True},
    )


def rejected_message(error: AttachmentRejected) -> str:
    if error.reason == "empty":
        return str(_l("The file %(name)s is empty.", name=error.filename))
    return str(_l("The file %(name)s is not an allowed type (%(types)s), or its content does "
                  "not match its extension.", name=error.filename, types=ALLOWED_EXTENSIONS))
