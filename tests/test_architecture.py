"""The package's import graph: no cycles, and layers only point down.

    core ← render ← front ends (discord_app, console, commands, cli)
    storage ← scheduling ← services ← app ← front ends
    core, storage, config ← feeds (core logic, storage and service of one capability) ← app
    core, storage, config, feeds ← review (proposals decided into story files) ← app

Every import counts, including those inside functions and under ``TYPE_CHECKING``: a cycle that
only type checkers see is still a cycle for the reader.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

PACKAGE = REPO_ROOT / "bot"

# Layer of a module -> the layers it may import (its own layer always allowed).
LAYERS: dict[str, set[str]] = {
    "core": set(),
    "render": {"core"},
    "storage": set(),
    "feeds": {"core", "storage", "config"},
    "review": {"core", "storage", "config", "feeds"},
    "scheduling": {"storage"},
    "services": {"core", "scheduling", "storage"},
    "config": set(),
    "app": {"config", "core", "feeds", "review", "services", "storage"},
    "frontend": {"app", "config", "core", "feeds", "render", "review", "scheduling", "services", "storage"},
    "cli": {"frontend", "config"},
}


def layer_of(module: str) -> str:
    parts = module.split(".")
    if module in ("bot.cli", "bot.__main__"):
        return "cli"
    if module == "bot.feeds.settings":
        return "config"  # the [[feeds]] and [feeds_policy] sections of the settings
    if module == "bot.review.settings":
        return "config"  # the [review] section of the settings
    if module.startswith("bot.review"):
        return "review"  # the editor's review: core logic over the feed store and story files
    if module.startswith("bot.feeds"):
        return "feeds"  # a service package: its core logic, its storage and the service
    if len(parts) > 1 and parts[1] in ("core", "render", "storage", "scheduling", "services"):
        return parts[1]
    if module == "bot.config":
        return "config"
    if module == "bot.app":
        return "app"
    if module == "bot":
        return "core"  # the package's __init__ holds nothing
    return "frontend"  # discord_app, console, console_schedule, commands


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(REPO_ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports_of(path: Path, module: str, known: set[str]) -> Iterator[str]:
    """The bot modules ``path`` imports (``from pkg import name`` counts ``pkg.name`` if a module)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # ``from pkg import module`` depends on that module; ``from pkg import name`` on pkg.
            submodules = [f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in known]
            names = submodules if len(submodules) == len(node.names) else [base, *submodules]
        else:
            continue
        for name in names:
            if name in known and name != module:
                yield name


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    found = modules()
    return {module: set(imports_of(path, module, set(found))) for module, path in found.items()}


def test_the_graph_is_not_empty(graph: dict[str, set[str]]) -> None:
    assert "bot.core.desk" in graph and "bot.core.library" in graph["bot.core.desk"]
    assert "bot.app" in graph["bot.discord_app.runner"]


def test_no_upward_or_sideways_import(graph: dict[str, set[str]]) -> None:
    wrong = sorted(
        f"{source} ({layer_of(source)}) imports {target} ({layer_of(target)})"
        for source, targets in graph.items()
        for target in targets
        if layer_of(target) != layer_of(source) and layer_of(target) not in LAYERS[layer_of(source)]
    )
    assert wrong == []


def test_nothing_imports_the_cli(graph: dict[str, set[str]]) -> None:
    importers = sorted(s for s, targets in graph.items() if "bot.cli" in targets and s != "bot.__main__")
    assert importers == []


def test_front_ends_do_not_import_each_other(graph: dict[str, set[str]]) -> None:
    def front_end(module: str) -> str | None:
        for name in ("bot.discord_app", "bot.console", "bot.commands"):
            if module == name or module.startswith(name + ".") or module.startswith(name + "_"):
                return name
        return None

    crossing = sorted(
        f"{source} imports {target}"
        for source, targets in graph.items()
        for target in targets
        if front_end(source)
        and front_end(target)
        and front_end(source) != front_end(target)
        # The CLI's subcommands start the other front ends: that is their job.
        and front_end(source) != "bot.commands"
    )
    assert crossing == []


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a list of modules (first == last), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)) is not None:
                return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)) is not None:
            return cycle
    return None


def test_no_import_cycle(graph: dict[str, set[str]]) -> None:
    # A package importing its own submodules (its __init__ re-exporting them) is not a cycle to the
    # reader unless a submodule imports the package back; those edges are checked like any other.
    assert find_cycle(graph) is None


def test_the_cycle_finder_finds_cycles() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
