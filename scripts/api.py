"""Print the public API of VoiceCoach's modules: each module's first docstring line, then every name in its
``__all__`` with its signature and the first line of its docstring.

    .venv/bin/python scripts/api.py                      # every module
    .venv/bin/python scripts/api.py voicecoach.core      # a package (and the modules under it)
    .venv/bin/python scripts/api.py voicecoach.core.report

This is the API list docs/architecture.md used to keep by hand; tests/test_public_api.py keeps ``__all__``
complete, so what this prints is what the code offers.
"""

from __future__ import annotations

import importlib
import inspect
import os
import pkgutil
import sys


def _first_line(obj: object) -> str:
    doc = inspect.getdoc(obj) or ""
    return doc.strip().splitlines()[0] if doc.strip() else ""


def _signature(obj: object) -> str:
    if not callable(obj):
        return ""
    try:
        return str(inspect.signature(obj))
    except (TypeError, ValueError):
        return ""


def _modules(name: str) -> list[str]:
    module = importlib.import_module(name)
    names = [name]
    if hasattr(module, "__path__"):
        names += [info.name for info in pkgutil.walk_packages(module.__path__, prefix=name + ".")
                  if not info.name.endswith("__main__")]
    return names


def describe(name: str) -> list[str]:
    module = importlib.import_module(name)
    lines = [f"{name} — {_first_line(module)}"]
    for public in getattr(module, "__all__", ()):
        obj = getattr(module, public, None)
        kind = "class " if inspect.isclass(obj) else ""
        summary = _first_line(obj) if (inspect.isclass(obj) or inspect.isroutine(obj)) else ""
        lines.append(f"    {kind}{public}{_signature(obj) if inspect.isroutine(obj) else ''}"
                     + (f" — {summary}" if summary else ""))
    return lines


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for root in argv or ["voicecoach"]:
        for name in _modules(root):
            print("\n".join(describe(name)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
