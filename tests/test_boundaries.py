"""The stage folders' boundaries: no module of haliref uses another folder's private names.

A name with a leading underscore (a function, a constant, a module such as
``normalize._pipeline``) is its folder's own business; another folder goes
through the public names, so that a stage can be rewritten without the others
following. Dunder names (``__version__``) are public.
"""

from __future__ import annotations

import ast
from pathlib import Path

import haliref

PACKAGE = Path(haliref.__file__).parent


def _folder(module: str) -> str:
    """The stage folder of a module ("haliref.check.flags" -> "check"); top-level modules are each their own."""
    parts = module.split(".")
    return parts[1] if len(parts) > 2 else module


def _module_of(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
    return ".".join(parts)


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _crossings(source: str, module: str) -> list[str]:
    """Each use, in ``module``, of a private name of another folder: imported, or read off an imported module."""
    here = _folder(module)
    found = []
    imported: dict[str, str] = {}  # local name -> the haliref module or name it is bound to
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "haliref":
            for alias in node.names:
                target = f"{node.module}.{alias.name}"
                module_private = any(_private(part) for part in node.module.split("."))
                if (module_private or _private(alias.name)) and _folder(target) != here:
                    found.append(f"{module}:{node.lineno} imports {target}")
                imported[alias.asname or alias.name] = target
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "haliref" and alias.asname:
                    imported[alias.asname] = alias.name
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _private(node.attr) and isinstance(node.value, ast.Name):
            bound = imported.get(node.value.id)
            if bound and _folder(bound) != here:
                found.append(f"{module}:{node.lineno} reads {bound}.{node.attr}")
    return found


def test_no_module_uses_another_folders_private_names() -> None:
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) > 60
    crossings = [found for path in modules for found in _crossings(path.read_text(encoding="utf-8"), _module_of(path))]
    assert crossings == []


def test_the_scan_finds_a_crossing_and_allows_a_folders_own_names() -> None:
    source = (
        "from haliref.normalize._pipeline import LABELS\n"
        "from haliref.parse import tagger\n"
        "from haliref.check.context import _ARTICLES\n"
        "from haliref import __version__\n"
        "x = tagger._number\n"
    )
    assert _crossings(source, "haliref.check.flags") == [
        "haliref.check.flags:1 imports haliref.normalize._pipeline.LABELS",
        "haliref.check.flags:5 reads haliref.parse.tagger._number",
    ]
    assert _crossings(source.replace("check.context", "parse.split"), "haliref.parse.notes") == [
        "haliref.parse.notes:1 imports haliref.normalize._pipeline.LABELS",
    ]
