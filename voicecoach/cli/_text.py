"""Text that came from the database or a team folder, printed on a terminal: control characters are shown
as escapes, never obeyed, so a name cannot clear the screen, recolour it or start a fake row."""

from __future__ import annotations

import unicodedata

__all__ = ["shown"]

# Controls (ESC, CR, LF, TAB, DEL, C1), format characters (bidi overrides, zero-width) and line separators.
_HIDDEN = frozenset({"Cc", "Cf", "Zl", "Zp"})


def shown(text: object) -> str:
    """``text`` with every control or invisible formatting character written as a visible escape (``\\x1b``)."""
    value = str(text)
    if all(unicodedata.category(ch) not in _HIDDEN for ch in value):
        return value
    return "".join(_escaped(ch) if unicodedata.category(ch) in _HIDDEN else ch for ch in value)


def _escaped(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
