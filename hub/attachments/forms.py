from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import FileStorage
from wtforms import MultipleFileField

from hub.attachments.services import ALLOWED_EXTENSIONS
from hub.attachments.services import rejected_message as rejected_message  # re-exported


class AttachmentsField(MultipleFileField):
    """Uploaded files only: a text value posted under the field's name is not a file."""

    def process_formdata(self, valuelist):
        super().process_formdata([v for v in valuelist if isinstance(v, FileStorage)])


def attachments_field(label=None) -> MultipleFileField:
    return AttachmentsField(
        label or _l("Attachments"),
        description=_l("Allowed: %(types)s; at most %(mb)s MB in all.",
                       types=ALLOWED_EXTENSIONS, mb="20"),
        render_kw={"multiple": True},
    )


