"""hub.lists.rows.built_once: statements kept per distinct visibility clause, compared by
structure and values, so one viewer's clause never gets another's statement."""

from sqlalchemy import true

from hub.lists.rows import built_once, clause_key
from hub.projects.models import Project


def test_equal_clauses_share_a_build_and_other_values_get_their_own():
    store, builds = {}, []

    def build(tag):
        builds.append(tag)
        return tag

    def get(tag, key, clause):
        return built_once(store, lambda: build(tag), key, (clause,))

    assert get("park 5", ("list",), Project.park_id == 5) == "park 5"
    assert get("again", ("list",), Project.park_id == 5) == "park 5"
    assert get("park 6", ("list",), Project.park_id == 6) == "park 6"
    assert get("all", ("list",), true()) == "all"
    assert get("other key", ("count",), Project.park_id == 5) == "other key"
    assert builds == ["park 5", "park 6", "all", "other key"]


def test_a_clause_with_a_list_of_values_is_built_anew_each_time():
    """An IN list's values are a list (unhashable): no key, so no sharing and no error."""
    clause = Project.park_id.in_([5, 6])
    assert clause_key(clause) is None
    store, builds = {}, []
    for _ in range(2):
        built_once(store, lambda: builds.append(1) or "built", ("list",), (clause,))
    assert builds == [1, 1] and store == {}
