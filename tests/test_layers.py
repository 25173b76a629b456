"""Feature packages stand on their own: each imports first in a fresh interpreter (no import that
only works in one order), and of each layered pair the lower package never imports the upper one
(decisions are recorded on the minutes page, so minutes builds on actions; every feature writes the
audit log, auth included, so audit sits below auth)."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HUB = ROOT / "hub"
PACKAGES = sorted(p.name for p in HUB.iterdir() if p.is_dir() and any(p.glob("*.py")))
LAYERED = [("minutes", "actions"), ("auth", "audit")]  # (upper, lower)
IMPORT_ALL = "import importlib, sys\nfor name in sys.argv[1:]:\n    importlib.import_module(name)"


@pytest.mark.parametrize("package", PACKAGES)
def test_a_feature_package_imports_first_in_a_fresh_interpreter(package):
    modules = sorted(f"hub.{package}.{p.stem}" for p in (HUB / package).glob("*.py")
                     if p.stem != "__init__")
    done = subprocess.run([sys.executable, "-c", IMPORT_ALL, f"hub.{package}", *modules],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def runtime_imports(package: str) -> dict[str, list[str]]:
    """{imported hub package: [file:line, …]} of `package`, type-checking-only imports aside."""
    found: dict[str, list[str]] = {}
    for path in sorted((HUB / package).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        type_only = {id(n) for block in ast.walk(tree) if isinstance(block, ast.If)
                     and ast.unparse(block.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING")
                     for n in ast.walk(block)}
        for node in ast.walk(tree):
            if id(node) in type_only:
                continue
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            for name in names:
                parts = name.split(".")
                if parts[0] == "hub" and len(parts) > 1 and parts[1] != package:
                    found.setdefault(parts[1], []).append(
                        f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


@pytest.mark.parametrize(("upper", "lower"), LAYERED, ids=[f"{u}-over-{lo}" for u, lo in LAYERED])
def test_the_lower_package_never_imports_the_upper_one(upper, lower):
    assert upper not in runtime_imports(lower)
    assert lower in runtime_imports(upper)  # the pair is still layered, not just unrelated
