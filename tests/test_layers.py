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

BOTTOM = {"record", "codes", "numbers", "lang", "distance", "budget", "schema", "review_history", "__init__"}
# The stages in the order the pipeline runs them (``pipeline.STAGE_ORDER``, with the cleaner
# and spaCy first): a stage may use an earlier stage's helpers, never a later one's.
STAGE_ORDER = ("clean", "nlp", "time", "geo", "actors", "figures", "events")
STAGES = set(STAGE_ORDER)
# Each part, and the parts it must never import.
FORBIDDEN = {
    **{
        part: {
            "ingest",
            *STAGES,
            "pipeline",
            "fusion",
            "store",
            "engines",
            "export",
            "alerts",
            "eval",
            "training",
            "cli",
            "web",
        }
        - {part}
        - BOTTOM
        for part in BOTTOM
    },
    "ingest": {*STAGES, "pipeline", "fusion", "store", "engines", "export", "alerts", "eval", "training", "cli", "web"},
    **{
        stage: {
            *STAGE_ORDER[index + 1 :],
            "pipeline",
            "fusion",
            "store",
            "engines",
            "export",
            "alerts",
            "eval",
            "training",
            "cli",
            "web",
        }
        for index, stage in enumerate(STAGE_ORDER)
    },
    "pipeline": {"fusion", "store", "engines", "export", "alerts", "eval", "training", "cli", "web"},
    "fusion": {"store", "engines", "export", "alerts", "eval", "training", "cli", "web"},
    "store": {"ingest", "pipeline", "engines", "export", "alerts", "eval", "training", "cli", "web"},
    "engines": {"export", "alerts", "eval", "training", "cli", "web"},
    "export": {"engines", "alerts", "eval", "training", "cli", "web"},
    "alerts": {"engines", "eval", "training", "cli", "web"},
    "eval": {"training", "cli", "web"},
    "training": {"cli", "web"},
}


# Who may open a database connection: the store for its tables, geo for its own gazetteer
# index file. Everyone else reaches the store's tables through a ``Store``.
DATABASE_DRIVERS = {"sqlite3", "psycopg"}
DRIVER_USERS = {"store", "geo"}
# Module-level cycles left, each with its reason; a new one fails the test.
KNOWN_MODULE_CYCLES = {
    # The knowledge base loads its files lazily through ``kb_files``, which builds its entries.
    frozenset({"polemos.actors.kb", "polemos.actors.kb_files"}),
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
    broken = [
        f"{part} imports {target} ({', '.join(sorted(files))})"
        for part, targets in imports.items()
        for target, files in targets.items()
        if target in FORBIDDEN.get(part, set())
    ]
    assert not broken, "\n".join(broken)


def test_the_parts_import_each_other_without_cycles():
    imports = _imports()
    graph = {part: set(targets) for part, targets in imports.items()}
    # The web and the command line are the top; one may start the other.
    graph = {part: targets - ({"cli", "web"} if part in ("cli", "web") else set()) for part, targets in graph.items()}
    cycle = _find_cycle(graph)
    assert cycle is None, " → ".join(cycle or [])


def test_every_part_of_the_package_has_its_place_in_the_layers():
    parts = {
        _part(".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__"))
        for path in PACKAGE.rglob("*.py")
    }
    unplaced = parts - set(FORBIDDEN) - {"cli", "web", "__main__"}
    assert not unplaced, f"say where these belong in FORBIDDEN: {sorted(unplaced)}"


def test_stages_import_no_later_stage():
    imports = _imports()
    broken = [
        f"{stage} imports the later stage {later} ({', '.join(sorted(imports[stage][later]))})"
        for index, stage in enumerate(STAGE_ORDER)
        for later in STAGE_ORDER[index + 1 :]
        if later in imports.get(stage, {})
    ]
    assert not broken, "\n".join(broken)


def test_only_the_store_and_the_gazetteer_open_database_connections():
    users = {}
    for path in PACKAGE.rglob("*.py"):
        for module in _imported_modules(path):
            if module.split(".")[0] in DATABASE_DRIVERS:
                users.setdefault(_part(_module_name(path)), set()).add(str(path.relative_to(PACKAGE)))
    strays = {part: files for part, files in users.items() if part not in DRIVER_USERS}
    assert not strays, strays


def test_fusion_is_pure_and_runs_no_sql():
    """Fusion's SQL state lives in ``store/fusion_state.py``; fusion itself knows no tables."""
    running_sql = [
        str(path.relative_to(PACKAGE))
        for path in (PACKAGE / "fusion").rglob("*.py")
        if ".execute(" in path.read_text(encoding="utf-8")
    ]
    assert not running_sql, running_sql


# Who may run SQL: the store on its tables, geo on its own gazetteer index file.
SQL_RUNNERS = {"store", "geo"}
SQL_METHODS = {"execute", "executemany", "executescript"}


def _sql_uses(path: Path) -> list[str]:
    """Each ``….execute(…)``-like call and each use of a ``….connection`` attribute in ``path``
    (``multiprocessing.connection``, a module, is no database's)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in SQL_METHODS:
            found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} .{node.func.attr}(")
        elif (
            isinstance(node, ast.Attribute)
            and node.attr == "connection"
            and not (isinstance(node.value, ast.Name) and node.value.id == "multiprocessing")
        ):
            found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} .connection")
    return found


def test_only_the_store_runs_sql_against_its_tables():
    """Web, export, alerts, evaluation and the command line reach the store's tables through the
    functions of ``polemos.store`` (``store/queries.py``, ``store/exports.py``, ``store/alerts.py``,
    …), never through its connection: one boundary to change when a table or a backend does."""
    strays = [
        use
        for path in sorted(PACKAGE.rglob("*.py"))
        if _part(_module_name(path)) not in SQL_RUNNERS
        for use in _sql_uses(path)
    ]
    assert not strays, "\n".join(strays)


def test_the_modules_import_each_other_without_cycles_lazy_imports_included():
    """A cycle hidden in an import inside a function is still a cycle: it is how the store and
    fusion came to import each other. Imports under ``TYPE_CHECKING`` do not count; the
    command line's modules register themselves on its app, so ``cli`` is left out."""
    graph = _module_graph()
    cycles = [
        cycle
        for cycle in _strongly_connected(graph)
        if not cycle <= {name for name in graph if _part(name) == "cli"} and cycle not in KNOWN_MODULE_CYCLES
    ]
    assert not cycles, [sorted(cycle) for cycle in cycles]


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")


def _imported_modules(path: Path, type_checking: bool = True) -> set[str]:
    """Every module ``path`` imports, at any depth (``from a import b`` imports ``a.b`` when that
    is a module, else ``a``); without those under ``if TYPE_CHECKING:`` when ``type_checking``
    is False."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    if not type_checking:
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                skipped.update(id(inner) for statement in node.body for inner in ast.walk(statement))
    found = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.update(
                f"{node.module}.{alias.name}" if _is_module(f"{node.module}.{alias.name}") else node.module
                for alias in node.names
            )
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def _is_module(name: str) -> bool:
    if not name.startswith("polemos."):
        return False
    relative = PACKAGE.parent.joinpath(*name.split("."))
    return relative.with_suffix(".py").exists() or (relative / "__init__.py").exists()


def _module_graph() -> dict[str, set[str]]:
    paths = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    return {
        name: {module for module in _imported_modules(path, type_checking=False) if module in paths and module != name}
        for name, path in paths.items()
    }


def _strongly_connected(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """Tarjan's strongly connected components of more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[frozenset[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(frozenset(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _find_cycle(graph: dict[str, set[str]]):
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str):
        state[node] = 1
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return stack[stack.index(target) :] + [target]
            if state.get(target) is None and (found := visit(target)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if state.get(node) is None and (found := visit(node)):
            return found
    return None
