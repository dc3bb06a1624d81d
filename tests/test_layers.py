"""The layers of polemos, checked on its imports: what each part may import, and no cycles.

From the bottom: the record and its vocabularies; the readers (``ingest``); the stages, each
knowing nothing of the stages after it nor of what stores or shows their results; the
pipeline that runs them; fusion; the store; what runs over a store (engines, exports, alerts);
evaluation and training; and on top the command line and the web workspace.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "polemos"

BOTTOM = {"record", "codes", "numbers", "distance", "budget", "schema", "review_history", "__init__"}
STAGES = {"clean", "nlp", "actors", "geo", "time", "figures", "events"}
# Each part, and the parts it must never import.
FORBIDDEN = {
    **{part: {"ingest", *STAGES, "pipeline", "fusion", "store", "engines", "export", "alerts", "eval", "training",
              "cli", "web"} - {part} - BOTTOM for part in BOTTOM},
    "ingest": {*STAGES, "pipeline", "fusion", "store", "engines", "export", "alerts", "eval", "training", "cli", "web"},
    **{stage: {"pipeline", "fusion", "store", "engines", "export", "alerts", "eval", "training", "cli", "web"}
       for stage in STAGES},
    "pipeline": {"fusion", "store", "engines", "export", "alerts", "eval", "training", "cli", "web"},
    "fusion": {"store", "engines", "export", "alerts", "eval", "training", "cli", "web"},
    "store": {"ingest", "pipeline", "engines", "export", "alerts", "eval", "training", "cli", "web"},
    "engines": {"export", "alerts", "eval", "training", "cli", "web"},
    "export": {"engines", "alerts", "eval", "training", "cli", "web"},
    "alerts": {"engines", "eval", "training", "cli", "web"},
    "eval": {"training", "cli", "web"},
    "training": {"cli", "web"},
}


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports() -> dict[str, dict[str, set[str]]]:
    """``{part: {imported part: {files}}}`` over every module of the package."""
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        part = _part(".".join(relative.parts).removesuffix(".__init__"))
        if part == "__main__":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("polemos"):
                modules = [node.module]
            elif isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names if alias.name.startswith("polemos.")]
            else:
                continue
            for module in modules:
                if module.startswith("polemos.") and _part(module) != part:
                    found[part][_part(module)].add(str(path.relative_to(PACKAGE)))
    return found


def test_every_part_imports_only_what_is_below_it():
    imports = _imports()
    broken = [f"{part} imports {target} ({', '.join(sorted(files))})"
              for part, targets in imports.items() for target, files in targets.items()
              if target in FORBIDDEN.get(part, set())]
    assert not broken, "\n".join(broken)


def test_the_parts_import_each_other_without_cycles():
    imports = _imports()
    graph = {part: set(targets) for part, targets in imports.items()}
    # The web and the command line are the top; one may start the other.
    graph = {part: targets - ({"cli", "web"} if part in ("cli", "web") else set()) for part, targets in graph.items()}
    cycle = _find_cycle(graph)
    assert cycle is None, " → ".join(cycle or [])


def test_every_part_of_the_package_has_its_place_in_the_layers():
    parts = {_part(".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__"))
             for path in PACKAGE.rglob("*.py")}
    unplaced = parts - set(FORBIDDEN) - {"cli", "web", "__main__"}
    assert not unplaced, f"say where these belong in FORBIDDEN: {sorted(unplaced)}"


def _find_cycle(graph: dict[str, set[str]]):
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str):
        state[node] = 1
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return stack[stack.index(target):] + [target]
            if state.get(target) is None and (found := visit(target)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if state.get(node) is None and (found := visit(node)):
            return found
    return None
