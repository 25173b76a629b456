"""The user as the SQL twins of this package see them in a statement built once and reused.

Building a statement (and its cache key) costs about as much Python as running it; the pages on
every request (the bell, the dashboard, the month view, search) build theirs once per *shape*
and run them with the user's values as parameters. `StatementViewer` stands in for the user
while the statement is built: signed in, with the role the shape names, the id and park as bound
parameters (`viewer_id`, `viewer_park_id`) that `viewer_values(user)` fills at every execution.
Any other attribute is an AttributeError: a rule that reads more of the user must be added here
and to `viewer_shape`, never kept in a statement by mistake. No user's data or permission
decision is kept between requests: only SQL with parameters.
"""

from sqlalchemy import Integer, bindparam

from hub.permissions.roles import signed_in


class StatementViewer:
    __slots__ = ("id", "park_id", "role")
    is_authenticated = True

    def __init__(self, role=None, has_park: bool = True):
        self.role = role
        self.id = bindparam("viewer_id", type_=Integer())
        self.park_id = bindparam("viewer_park_id", type_=Integer()) if has_park else None


def viewer_shape(user) -> tuple:
    """What changes the SQL of the rules for `user`: signed in or not, the role, whether the
    user has a park (part of the key of a statement built once)."""
    if not signed_in(user):
        return (False,)
    return (True, user.role, user.park_id is None)


def statement_viewer(shape: tuple):
    """The stand-in for users of `shape` (`viewer_shape`); an anonymous user for (False,),
    whom every rule refuses without reading more."""
    if not shape[0]:
        from flask_login import AnonymousUserMixin

        return AnonymousUserMixin()
    return StatementViewer(role=shape[1], has_park=not shape[2])


def viewer_values(user) -> dict:
    """The parameters of `StatementViewer`'s id and park for `user`."""
    return {"viewer_id": getattr(user, "id", None),
            "viewer_park_id": getattr(user, "park_id", None)}
