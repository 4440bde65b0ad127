"""The import graph keeps the layers apart: extractor and gazetteer know nothing of screens or of the
command, only `dala/cli.py` joins extractor and dashboard, and nothing imports `tests` or lets tests
lean on benchmark internals.

Every .py file in the repository is parsed (not imported), so a rule breaks the moment someone writes
such an import, even inside a function.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SKIPPED = ("build", "dist")  # setuptools' copies, not sources


def imported_modules(tree: ast.AST) -> set[str]:
    """Dotted names of every absolute import in a module (``import a.b``, ``from a.b import c``)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def python_files() -> list[Path]:
    """Every source file of the checkout: product, benchmarks, tests, tools (no hidden or build folders)."""
    def kept(path: Path) -> bool:
        parts = path.relative_to(REPO).parts[:-1]
        return not any(part.startswith(".") or part in SKIPPED or part.endswith(".egg-info") for part in parts)

    return sorted(path for path in REPO.rglob("*.py") if kept(path))


def violations(relative: str, imports: set[str]) -> list[str]:
    """The rules broken by a file at ``relative`` (posix path from the repository root) importing ``imports``."""
    top = relative.split("/", 1)[0]
    roots = {name.split(".", 1)[0] for name in imports}
    broken = []
    if top in ("events", "geodata") and roots & {"dashboard", "dala"}:
        broken.append("the extractor and the gazetteer import neither the dashboard nor the command")
    if top == "dashboard" and "dala" in roots:
        broken.append("the dashboard does not import the command")
    if top == "dala" and relative != "dala/cli.py" and "dashboard" in roots:
        broken.append("in the product, only dala/cli.py imports the dashboard (tests and benchmarks may)")
    if "tests" in roots:
        broken.append("no module imports tests")
    if top == "tests" and "benchmarks" in roots:
        broken.append("tests do not import benchmark internals (run the benchmark's command instead)")
    return broken


@pytest.mark.parametrize("path", python_files(), ids=lambda path: path.relative_to(REPO).as_posix())
def test_imports_follow_the_layer_rules(path: Path) -> None:
    relative = path.relative_to(REPO).as_posix()
    imports = imported_modules(ast.parse(path.read_text(encoding="utf-8"), filename=relative))
    assert violations(relative, imports) == [], sorted(imports)


@pytest.mark.parametrize(("relative", "source"), [
    ("events/places.py", "from dashboard.data import load_records"),
    ("geodata/build.py", "def f():\n    import dala.cli"),
    ("dashboard/app.py", "from dala import cli"),
    ("benchmarks/throughput.py", "from tests.conftest import gnad_news"),
    ("benchmarks/dashboard_scale.py", "import tests.browser.conftest"),
    ("tests/test_places.py", "from benchmarks.throughput import read_gnad"),
    ("tests/test_timex_de.py", "from tests.timex_support import DCT"),
    ("events/pipeline.py", "import dashboard"),
    ("dala/__init__.py", "from dashboard.commands import serve"),
])
def test_each_rule_catches_a_forbidden_import(relative: str, source: str) -> None:
    assert violations(relative, imported_modules(ast.parse(source)))


def test_the_rules_allow_the_one_joining_module() -> None:
    assert violations("dala/cli.py", {"events.documents", "dashboard.commands"}) == []
    assert violations("dashboard/export.py", {"events.records"}) == []
