"""A refusal of several form fields at once (hub.domain.InvalidFields) through the request
lifecycle (hub.uow): each message on its field, the one without a field on the page as a flash,
and nothing of the change kept."""

from flask import get_flashed_messages
from wtforms import Form, StringField

from hub import uow
from hub.domain import InvalidFields
from hub.extensions import db
from hub.parks.models import Park


class Refused(InvalidFields):
    messages = {"missing": "Enter the name.", "late": "The date is too late."}


class NameForm(Form):
    name = StringField()


def test_each_refused_field_gets_its_message_and_nothing_is_kept(app):
    def change():
        db.session.add(Park(name="不该保存的园区", short_name="不该保存"))
        db.session.flush()
        raise Refused({"name": "missing", "on": "late"})

    with app.test_request_context("/", method="POST"):
        form = NameForm()
        outcome = uow.attempt(change, form=form)
        assert not outcome and isinstance(outcome.error, Refused)
        assert form.name.errors == ["Enter the name."]
        assert get_flashed_messages(with_categories=True) == [("danger", "The date is too late.")]
    assert db.session.execute(
        db.select(Park).where(Park.name == "不该保存的园区")).first() is None
