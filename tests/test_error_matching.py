"""Failures are told apart by their type, error code or errno, never by reading their message.

A library's wording changes between versions and languages (SQLite, PortAudio, libsndfile, msgspec), so
``"locked" in str(exc)`` breaks silently. This test walks the adapters and the two faces and refuses any
search in the text of an exception: ``in``/``not in`` on it, a regex over it, or startswith/split-style
calls with a literal.
"""

from __future__ import annotations

import ast
import pathlib

import pytest

import voicecoach

ROOT = pathlib.Path(voicecoach.__path__[0])
LAYERS = ("storage", "audio", "asr", "ui", "cli")
SEARCHES = {"startswith", "endswith", "find", "index", "count", "split", "rsplit", "partition", "rpartition"}
REGEX = {"search", "match", "fullmatch", "findall", "finditer", "sub", "subn", "split"}
# Where a message is reshaped for display, never used to tell failures apart: msgspec gives the place of a
# validation error only in its text ("… - at `$.takes[0].attempt`"), which the bundle import words as
# "takes[0].attempt: …".
RESHAPED_FOR_DISPLAY = {"storage/bundle_schema.py"}
# A parameter with one of these annotations, or a name bound by ``except ... as``, is an exception.
EXCEPTION_HINTS = ("Error", "Exception", "exc")


class _TextOfExceptions(ast.NodeVisitor):
    """Within each function: the exception names, the names holding their text, and searches in either."""

    def __init__(self) -> None:
        self.problems: list[int] = []
        self.exceptions: set[str] = set()
        self.texts: set[str] = set()

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        outer = self.exceptions, self.texts
        self.exceptions, self.texts = set(self.exceptions), set(self.texts)
        for arg in [*node.args.args, *node.args.kwonlyargs]:
            hint = ast.unparse(arg.annotation) if arg.annotation is not None else ""
            if any(word in hint for word in EXCEPTION_HINTS):
                self.exceptions.add(arg.arg)
        self.generic_visit(node)
        self.exceptions, self.texts = outer

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        if node.name:
            self.exceptions.add(node.name)
        self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        if self._is_text(node.value):
            self.texts.update(t.id for t in node.targets if isinstance(t, ast.Name))
        self.generic_visit(node)

    def visit_Compare(self, node: ast.Compare) -> None:
        if any(isinstance(op, ast.In | ast.NotIn) for op in node.ops) and any(
                self._is_text(c) for c in node.comparators):
            self.problems.append(node.lineno)
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Attribute):
            if func.attr in SEARCHES and self._is_text(func.value) and node.args and \
                    isinstance(node.args[0], ast.Constant):
                self.problems.append(node.lineno)
            if isinstance(func.value, ast.Name) and func.value.id == "re" and func.attr in REGEX and \
                    any(self._is_text(a) for a in node.args[1:]):
                self.problems.append(node.lineno)
        self.generic_visit(node)

    def _is_text(self, node: ast.expr) -> bool:
        """``str(exc)``, ``exc.args[0]``, a name holding one, or a method call on one (``.lower()``)."""
        if isinstance(node, ast.Name):
            return node.id in self.texts
        if isinstance(node, ast.BoolOp):  # str(exc) or "a default"
            return any(self._is_text(v) for v in node.values)
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id == "str" and len(node.args) == 1:
                arg = node.args[0]
                return isinstance(arg, ast.Name) and arg.id in self.exceptions
            return isinstance(func, ast.Attribute) and self._is_text(func.value)
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute):
            owner = node.value.value
            return node.value.attr == "args" and isinstance(owner, ast.Name) and owner.id in self.exceptions
        return False


def _searches(path: pathlib.Path) -> list[int]:
    visitor = _TextOfExceptions()
    visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
    return visitor.problems


@pytest.mark.parametrize("layer", LAYERS)
def test_no_failure_is_told_apart_by_its_message(layer: str) -> None:
    found = [f"{p.relative_to(ROOT).as_posix()}:{line}" for p in sorted((ROOT / layer).rglob("*.py"))
             if p.relative_to(ROOT).as_posix() not in RESHAPED_FOR_DISPLAY for line in _searches(p)]
    assert found == [], "tell these failures apart by type, error code or errno: " + ", ".join(found)


@pytest.mark.parametrize("source", [
    'def f(exc: Exception):\n    return "locked" in str(exc)\n',
    'try:\n    pass\nexcept OSError as e:\n    text = str(e)\n    if "busy" in text.lower():\n        pass\n',
    'import re\ndef f(exc: BaseException):\n    text = str(exc).strip() or "?"\n    return re.sub("x", "", text)\n',
    'def f(exc: Exception):\n    return str(exc).split(" Fix:")[0]\n',
    'def f(exc: Exception):\n    return "truncated" in exc.args[0]\n',
])
def test_the_check_sees_the_old_ways(source: str, tmp_path: pathlib.Path) -> None:
    path = tmp_path / "sample.py"
    path.write_text(source, encoding="utf-8")
    assert _searches(path) != []
