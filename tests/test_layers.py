"""The house layering rules (STYLE.md), checked by parsing every module's imports."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "enact_match"
STDLIB = frozenset(__import__("sys").stdlib_module_names)

# Third-party packages each layer may import, and the package's own modules it may import.
# matching/ also uses snowballstemmer (stemming) and sparse_dot_topn (fused sparse top-k): both are
# pure computation, like numpy, which the rule is about (no database, no Qt, no settings).
RULES: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {
    "matching": (
        frozenset({"numpy", "scipy", "sklearn", "rapidfuzz", "snowballstemmer", "sparse_dot_topn"}),
        ("enact_match.matching",),
    ),
    "scheduling": (frozenset({"ortools"}), ("enact_match.scheduling",)),
    "storage": (frozenset({"sqlalchemy", "alembic"}), ("enact_match.storage", "enact_match.paths")),
    "services": (
        frozenset({"sqlalchemy", "numpy", "rapidfuzz", "openpyxl", "defusedxml", "reportlab"}),
        (
            "enact_match.services",
            "enact_match.matching",
            "enact_match.scheduling",
            "enact_match.storage",
            "enact_match.paths",
        ),
    ),
    "ui": (
        frozenset({"PySide6"}),
        ("enact_match.ui", "enact_match.services", "enact_match.config", "enact_match.paths", "enact_match"),
    ),
}


def imported_modules(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative import: stays inside its own package
                module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[: -node.level])
                found.append((node.lineno, f"{module}.{node.module}" if node.module else module))
            elif node.module:
                found.append((node.lineno, node.module))
    return found


def allowed(layer: str, module: str) -> bool:
    third_party, own = RULES[layer]
    top = module.split(".")[0]
    if top == "enact_match":
        if module == "enact_match":
            return "enact_match" in own
        prefixes = [prefix for prefix in own if prefix != "enact_match"]
        return any(module == prefix or module.startswith(prefix + ".") for prefix in prefixes)
    return top in STDLIB or top in third_party or top == "__future__"


def test_every_layer_imports_only_what_it_may() -> None:
    violations = []
    for layer in RULES:
        for path in sorted((PACKAGE / layer).rglob("*.py")):
            for line, module in imported_modules(path):
                if not allowed(layer, module):
                    violations.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {module}")
    assert violations == []


def test_only_ui_imports_pyside6() -> None:
    offenders = [
        str(path.relative_to(PACKAGE.parent))
        for path in PACKAGE.rglob("*.py")
        if "ui" not in path.relative_to(PACKAGE).parts
        and any(module.startswith("PySide6") for _, module in imported_modules(path))
    ]
    assert offenders == []


def test_the_layer_check_catches_a_forbidden_import() -> None:
    assert not allowed("matching", "sqlalchemy.orm")
    assert not allowed("matching", "enact_match.storage.models")
    assert not allowed("ui", "enact_match.storage.models")
    assert not allowed("services", "PySide6.QtCore")
    assert allowed("services", "enact_match.matching")
    assert allowed("ui", "enact_match.services.catalog")
