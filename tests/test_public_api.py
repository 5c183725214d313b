"""Each module says what it offers: ``__all__`` lists the public names it defines, and only names it has.

docs/architecture.md names the packages and the decisions; the API itself is each module's ``__all__`` with
its docstrings and types (``scripts/api.py`` prints it), so no hand-kept list drifts from the code.
"""

from __future__ import annotations

import ast
from pathlib import Path

import voicecoach

PACKAGE = Path(voicecoach.__file__).parent
# Modules that are entry points, not APIs.
NO_API = {"__main__.py"}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p.name not in NO_API)


def _declared(tree: ast.Module) -> list[str] | None:
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            value = ast.literal_eval(node.value)
            return list(value)
    return None


def _module_level(nodes: list[ast.stmt]) -> list[ast.AST]:
    """The module's own statements and what they contain, but not the bodies of its functions and classes
    (a name bound in there is not the module's)."""
    out: list[ast.AST] = []
    for node in nodes:
        out.append(node)
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.extend(child for child in ast.walk(node) if child is not node)
    return out


def _bound(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in _module_level(tree.body):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
    return names


def _defined_public(tree: ast.Module) -> list[str]:
    return [n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            and not n.name.startswith("_")]


def test_every_module_declares_its_public_names() -> None:
    missing = [str(p.relative_to(PACKAGE)) for p in _modules()
               if _declared(ast.parse(p.read_text(encoding="utf-8"))) is None
               and not (p.name == "__init__.py" and not _defined_public(ast.parse(p.read_text(encoding="utf-8"))))]
    assert not missing, f"modules without __all__: {missing}"


def test_all_lists_only_names_the_module_has_and_every_class_and_function_it_defines() -> None:
    problems: list[str] = []
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        declared = _declared(tree)
        if declared is None:
            continue
        where = path.relative_to(PACKAGE)
        unknown = sorted(set(declared) - _bound(tree))
        left_out = sorted(set(_defined_public(tree)) - set(declared))
        if unknown:
            problems.append(f"{where}: __all__ names what it does not have: {unknown}")
        if left_out:
            problems.append(f"{where}: public but not in __all__ (add it, or make it _private): {left_out}")
        if len(declared) != len(set(declared)):
            problems.append(f"{where}: __all__ repeats a name")
    assert not problems, "\n".join(problems)


def test_every_module_says_what_it_is_for() -> None:
    undocumented = [str(p.relative_to(PACKAGE)) for p in sorted(PACKAGE.rglob("*.py"))
                    if not ast.get_docstring(ast.parse(p.read_text(encoding="utf-8")))]
    assert not undocumented, f"modules without a docstring: {undocumented}"
