"""The layers import downward only (SPEC §1), read from every source file (tests/sim/test_layers.py
checks what gets imported at run time): sispam/sim never imports pygame, the level layer or the
UI; sispam/level never imports pygame or the UI; nor does sispam/validate, nor the researcher's API
(the package's `__init__` and `sispam/api.py`)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "sispam"


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize(("layer", "forbidden"), [
    ("sim", ("pygame", "sispam.level", "sispam.ui")),
    ("level", ("pygame", "sispam.ui")),
    ("validate", ("pygame", "sispam.ui", "sispam.cli")),
])
def test_a_layer_imports_nothing_above_it(layer: str, forbidden: tuple[str, ...]) -> None:
    files = sorted((PACKAGE / layer).rglob("*.py"))
    assert files
    bad = [(f.relative_to(PACKAGE), name) for f in files for name in imported(f)
           if any(name == x or name.startswith(x + ".") for x in forbidden)]
    assert not bad


def test_the_researchers_api_imports_neither_pygame_nor_the_user_interface() -> None:
    forbidden = ("pygame", "sispam.ui", "sispam.cli", "sispam.review")
    bad = [(name, module) for name in ("__init__.py", "api.py") for module in imported(PACKAGE / name)
           if any(module == x or module.startswith(x + ".") for x in forbidden)]
    assert not bad
