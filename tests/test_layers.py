"""The layers import one way: no import circle between modules, and each layer only reaches down.

Imports are read from the source (every `import` statement, also those inside functions: a
lazy import still ties two modules together).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("extract", "transform", "warehouse", "reports", "flows")


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Return, per module of the project's packages, the project modules it imports."""
    modules = {_module(p): p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                targets = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            else:
                continue
            found |= {t for t in targets if t in modules and t != name}
        graph[name] = found
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """Return one import circle as a list of modules, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_module_imports_in_a_circle() -> None:
    graph = import_graph()
    assert _cycle(graph) is None, " -> ".join(_cycle(graph) or [])
    assert "extract.batch" not in graph["extract.guard"]  # the old circle batch <-> guard


def test_transform_and_warehouse_take_nothing_from_the_batch_runner() -> None:
    graph = import_graph()
    offenders = {
        m: sorted(t for t in ts if t in ("extract.batch", "extract.guard"))
        for m, ts in graph.items()
        if m.split(".")[0] in ("transform", "warehouse", "reports")
    }
    assert not {m: ts for m, ts in offenders.items() if ts}


def test_layers_reach_only_down() -> None:
    below = {
        "extract": {"extract"},
        "transform": {"extract", "transform"},
        "warehouse": {"extract", "transform", "warehouse"},
        "reports": {"reports", "warehouse"},
    }
    wrong = {
        (m, t)
        for m, ts in import_graph().items()
        for t in ts
        if m.split(".")[0] in below and t.split(".")[0] not in below[m.split(".")[0]]
    }
    assert not wrong, sorted(wrong)
