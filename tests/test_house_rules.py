"""Rules of the house that the code itself can be held to."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import PROJECT_DIR


def test_a_public_function_that_raises_one_of_our_errors_says_so_in_its_docstring():
    """Whoever calls it learns from its docstring what to catch."""
    silent = []
    for path in sorted((PROJECT_DIR / "generator").rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
                continue
            raised = {
                raise_.exc.func.id for raise_ in ast.walk(node)
                if isinstance(raise_, ast.Raise) and isinstance(raise_.exc, ast.Call)
                and isinstance(raise_.exc.func, ast.Name) and raise_.exc.func.id.endswith("Error")
            }
            doc = ast.get_docstring(node) or ""
            silent += [f"{Path(path).relative_to(PROJECT_DIR)}:{node.lineno} {node.name} raises {name}"
                       for name in sorted(raised) if name not in doc]
    assert silent == [], "\n".join(silent)
