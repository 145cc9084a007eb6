"""Arrows point one way (README "How the code is laid out"): checked on every module's imports."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "trusthabits"


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _modules(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


@pytest.mark.parametrize(("layer", "may_import"), [
    ("core", ("trusthabits.core",)),
    ("adapters", ("trusthabits.adapters", "trusthabits.config", "trusthabits.core", "trusthabits.db")),
    ("services", ("trusthabits.services", "trusthabits.config", "trusthabits.core", "trusthabits.db",
                  "trusthabits.adapters")),
    ("db", ("trusthabits.db", "trusthabits.config", "trusthabits.core")),
])
def test_each_layer_imports_only_what_is_below_it(layer, may_import):
    wrong = {
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in _modules(layer) for name in _imports(path)
        if (name.startswith("trusthabits.") and not name.startswith(may_import))
        or name.split(".")[0] in ("reflex", "reflex_base")
    }
    assert not wrong, sorted(wrong)
