"""Who may do what is asked of hub.permissions; states are compared as enums. So outside the
permissions package no code or template compares a role, status or state with a string, and no
template asks for a role (`is_admin`) instead of a named capability."""

import re
from pathlib import Path

import pytest

HUB = Path(__file__).resolve().parents[2] / "hub"
PERMISSIONS = HUB / "permissions"

# `x.status == "published"`, `x.role.value != 'admin'`, `x.state.value in ('failed', …)`
STRING_COMPARISON = re.compile(
    r"""\b(role|status|state)(\.value)?\s*(==|!=|(not\s+)?in)\s*[(\[{]?\s*['"]""")
ROLE_IN_TEMPLATE = re.compile(r"\bis_admin\b|\bis_park_admin\b|(?<!form)\.role\b(?!_)")


def _files(pattern: str):
    return [p for p in HUB.rglob(pattern)
            if PERMISSIONS not in p.parents and "bench_data" not in p.parts]


def _hits(paths, regex) -> list[str]:
    found = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if regex.search(line):
                found.append(f"{path.relative_to(HUB)}:{number}: {line.strip()}")
    return found


@pytest.mark.parametrize("pattern", ["*.py", "*.html", "*.txt"])
def test_no_role_or_status_is_compared_with_a_string(pattern):
    assert _hits(_files(pattern), STRING_COMPARISON) == []


def test_templates_ask_capabilities_not_roles():
    templates = [p for p in _files("*.html") + _files("*.txt") if "templates" in p.parts]
    hits = [h for h in _hits(templates, ROLE_IN_TEMPLATE) if "role_label(" not in h]
    assert hits == []


def test_the_checks_see_what_they_look_for():
    assert STRING_COMPARISON.search('if notice.status.value == "published":')
    assert STRING_COMPARISON.search("{% if d.state.value in ('failed', 'pending') %}")
    assert STRING_COMPARISON.search("user.role != 'admin'")
    assert not STRING_COMPARISON.search("notice.status is NoticeStatus.PUBLISHED")
    assert ROLE_IN_TEMPLATE.search("{% if perm.is_admin(current_user) %}")
    assert ROLE_IN_TEMPLATE.search("{% if current_user.role == r %}")
    assert not ROLE_IN_TEMPLATE.search("{{ field(form.role, class_='col-md-4') }}")
