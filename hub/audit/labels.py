"""How object types and actions of the audit log read in the UI. Features add their own."""

from flask_babel import lazy_gettext as _l

OBJECT_LABELS = {
    "park": _l("Park"),
    "user_account": _l("Account"),
}

ACTION_LABELS = {
    "create": _l("Created"),
    "update": _l("Changed"),
    "delete": _l("Deleted"),
    "restore": _l("Restored"),
    "activate": _l("Reactivated"),
    "deactivate": _l("Deactivated"),
    "publish": _l("Publish"),
    "withdraw": _l("Withdraw"),
    "transition": _l("Status changed"),
    "change_password": _l("Changed own password"),
    "reset_password": _l("Reset password"),
}

FIELD_LABELS = {
    "name": _l("Name"),
    "short_name": _l("Short name"),
    "kind": _l("Kind"),
    "contact_person": _l("Contact person"),
    "contact_phone": _l("Contact phone"),
    "contact_email": _l("Contact email"),
    "address": _l("Address"),
    "active": _l("Active"),
    "username": _l("Username"),
    "display_name": _l("Name"),
    "email": _l("Email"),
    "phone": _l("Phone"),
    "park_id": _l("Park"),
    "role": _l("Role"),
    "password": _l("Password"),
    "locale": _l("Language"),
    "must_change_password": _l("Must change the password"),
    "last_login_at": _l("Last sign-in"),
    "created_at": _l("Created at"),
    "updated_at": _l("Updated at"),
    "created_by_id": _l("Created by"),
    "author_id": _l("Author"),
    "token": _l("Subscription link"),  # the calendar feed's secret link
    "result": _l("Result"),
    "state": _l("State"),
    "attempts": _l("Attempts"),
}


def object_label(object_type: str):
    return OBJECT_LABELS.get(object_type, object_type)


def action_label(action: str):
    return ACTION_LABELS.get(action, action)


# (object type, field) → label: the feature's own word for a field of its own objects (a land
# case's location is 位置, a meeting's 地点); FIELD_LABELS is the fallback for other objects
OBJECT_FIELD_LABELS: dict[tuple[str, str], object] = {}


def field_label(field: str, object_type: str | None = None):
    label = OBJECT_FIELD_LABELS.get((object_type, field)) if object_type else None
    return label if label is not None else FIELD_LABELS.get(field, field)
