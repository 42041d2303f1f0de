"""The feed package's layers point down: its core knows no network, database or Discord."""

import ast
from pathlib import Path

import bot.feeds

PACKAGE = Path(bot.feeds.__file__).parent
CORE = ["settings", "models", "parse", "identity", "cadence", "grouping", "matching", "notify"]


def _imports(module: str) -> set[str]:
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_core_modules_import_no_network_database_or_discord() -> None:
    for module in CORE:
        for name in _imports(module):
            assert not name.startswith(
                ("aiohttp", "sqlalchemy", "discord", "bot.storage", "bot.discord_app")
            ), (
                module,
                name,
            )


def test_no_feed_module_imports_discord_or_the_cli() -> None:
    for path in PACKAGE.glob("*.py"):
        for name in _imports(path.stem):
            assert not name.startswith(("discord", "bot.discord_app", "bot.cli", "bot.console")), (
                path.name,
                name,
            )


def test_storage_never_imports_the_feed_package() -> None:
    storage = PACKAGE.parent / "storage"
    for path in storage.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith("bot.feeds"), (path.name, node.module)
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith("bot.feeds") for a in node.names), path.name
