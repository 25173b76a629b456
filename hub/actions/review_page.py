"""What the item's page needs for the 督办 steps (hub.actions.review): which step forms the
current user gets, and the files of the timeline entries."""

from flask_login import current_user

from hub import permissions as perm
from hub.actions.forms import ApplyForm, ExtensionForm, NoteForm, ReasonForm
from hub.actions.models import ActionItem, ActionStatus
from hub.actions.review import UPDATE_OWNER, reminded_today
from hub.attachments.models import Attachment
from hub.extensions import db
from hub.validators import own_ids

# step name → form class; the page shows the steps the user may take now
FORMS = {"apply": ApplyForm, "close": NoteForm, "return": ReasonForm, "remind": NoteForm,
         "extension": ExtensionForm, "approve": NoteForm, "reject": ReasonForm}


def allowed_steps(item: ActionItem, published: bool) -> set[str]:
    if not published or item.status is ActionStatus.DONE:
        return set()
    steps = set()
    if perm.is_action_owner(current_user, item):
        if item.status is not ActionStatus.PENDING_REVIEW:
            steps.add("apply")
        if item.extension_due is None:
            steps.add("extension")
    if perm.can_review_action_item(current_user, item):
        if item.status is ActionStatus.PENDING_REVIEW:
            steps |= {"close", "return"}
        if item.extension_due is not None:
            steps |= {"approve", "reject"}
        if not reminded_today(item):
            steps.add("remind")
    return steps


def step_forms(item: ActionItem, published: bool, posted: dict) -> dict:
    """{"steps": {name: form}} for the steps the user may take (a posted form kept as typed),
    and whether the user reviews this item."""
    forms = {}
    for name in sorted(allowed_steps(item, published) | set(posted)):
        form = posted.get(name) or FORMS[name](formdata=None)
        form.version.data = str(item.version)
        forms[name] = own_ids(form, f"step-{name}")  # beside the progress form's note
    return {"steps": forms, "reviewer": perm.can_review_action_item(current_user, item),
            "reminded_today": reminded_today(item)}


def timeline_files(item: ActionItem) -> dict[int, list[Attachment]]:
    """{timeline entry id: its attachments} in one query."""
    ids = [u.id for u in item.updates]
    files: dict[int, list[Attachment]] = {}
    if ids:
        for a in db.session.execute(
            db.select(Attachment).where(Attachment.owner_type == UPDATE_OWNER,
                                        Attachment.owner_id.in_(ids)).order_by(Attachment.id)
        ).scalars():
            files.setdefault(a.owner_id, []).append(a)
    return files
