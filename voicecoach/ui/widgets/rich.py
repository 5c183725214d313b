"""Text from files (a shared cadence, a call list) shown in labels and tooltips exactly as written.

Qt renders any label or tooltip text that looks like HTML as HTML, so a topic such as
``<img src='file:///…'>`` would load a local file and a ``<h1>`` would take over the layout. ``esc`` makes a
value safe inside rich text the app builds; ``tip`` makes a whole tooltip plain whatever it holds.
"""

from __future__ import annotations

import html

__all__ = ["esc", "tip"]


def esc(text: str) -> str:
    """``text`` for use inside rich text: shown as the characters written."""
    return html.escape(text, quote=False)


def tip(text: str) -> str:
    """A tooltip that shows ``text`` as written (always rich text, so the escaping is undone on screen)."""
    return "<p style='white-space:pre-wrap'>" + esc(text) + "</p>"
