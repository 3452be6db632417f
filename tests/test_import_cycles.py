"""No import cycle inside `curator`: the graph of its modules' imports has no loop.

The graph is read from the source with `ast`: every `import` and `from ... import`, at module
level or inside a function alike (a function-level import only hides a cycle until the
function runs), except those under `if TYPE_CHECKING:`, which never run. An import leads to
the module it names: `from a.b import c` to `a.b.c` when that is a module, else to `a.b`.
The packages Python runs on the way (`a/__init__` for `a.b`) are not edges of their own: a
package's `__init__` importing its submodules, which import each other by full name, is no
cycle (the package is already in sys.modules); an import that names the package is.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "curator"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, name: str, is_package: bool) -> list[tuple[str, str, int]]:
    """(name, fallback, line) of every import that can run, relative imports resolved: the
    imported name is a module, else (`from pkg import function`) the fallback is."""
    found: list[tuple[str, str, int]] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.extend((alias.name, alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                here = name.split(".") if is_package else name.split(".")[:-1]
                here = here[: len(here) - (node.level - 1)]
                base = ".".join([*here, base] if base else here)
            found.extend((f"{base}.{alias.name}", base, node.lineno) for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


@functools.cache
def import_graph() -> tuple[dict[str, set[str]], dict[tuple[str, str], int]]:
    """Each curator module -> the curator modules importing it runs; and each edge's line."""
    files = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {m: set() for m in files}
    lines: dict[tuple[str, str], int] = {}
    for module, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for name, fallback, line in _imports(tree, module, path.name == "__init__.py"):
            target = name if name in files else fallback
            if target in files and target != module:
                graph[module].add(target)
                lines.setdefault((module, target), line)
    return graph, lines


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle (its modules in import order, the first repeated at the end), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def test_the_graph_sees_function_level_imports():
    graph, _lines = import_graph()
    # curator.cli.flow_cmds imports the GUI's flow workspace inside its command function.
    assert "curator.gui.flow.workspace" in graph["curator.cli.flow_cmds"]
    # `from curator.core.report import exports` leads to the module, not only the package.
    assert "curator.core.report.exports" in graph["curator.gui.tables.core_api"]


def test_a_planted_cycle_is_found():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


@pytest.mark.parametrize("scope", ["curator.core", "curator"])
def test_no_import_cycle(scope):
    graph, lines = import_graph()
    inside = {m: {t for t in ts if t.startswith(scope)} for m, ts in graph.items()}
    inside = {m: ts for m, ts in inside.items() if m.startswith(scope)}
    cycle = find_cycle(inside)
    if cycle:
        steps = " -> ".join(
            f"{a} (line {lines[(a, b)]})" for a, b in zip(cycle, cycle[1:], strict=False)
        )
        pytest.fail(f"import cycle: {steps} -> {cycle[-1]}")
