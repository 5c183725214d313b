"""Light and dark looks that follow the system colour scheme.

The stylesheets live in ``assets/`` so a designer can tweak them without touching code; the few colours
custom-painted widgets need (severity, highlight, meter) come from :func:`colors` so they match.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QApplication

from voicecoach import paths

__all__ = [
    "THEME_CHOICES",
    "Colors",
    "apply_theme",
    "colors",
    "follow_system_theme",
    "is_dark",
    "set_theme_choice",
    "severity_color",
    "theme_choice",
]


@dataclass(frozen=True)
class Colors:
    dark: bool
    text: QColor
    muted: QColor
    card: QColor
    grid: QColor
    accent: QColor
    ok: QColor
    warn: QColor
    bad: QColor
    tip: QColor
    wave: QColor
    highlight: dict[str, str]


_LIGHT = Colors(
    dark=False,
    text=QColor("#1f2630"),
    muted=QColor("#6b7684"),
    card=QColor("#ffffff"),
    grid=QColor("#e3e7ec"),
    accent=QColor("#2f6fbd"),
    ok=QColor("#2e8b57"),
    warn=QColor("#d8902a"),
    bad=QColor("#d64541"),
    tip=QColor("#2f6fbd"),
    wave=QColor("#8ca6c6"),
    highlight={
        "contact": "#cdeccf",
        "filler": "#fde2b8",
        "repeat": "#f8d0ce",
        "unplanned": "#e4dcf5",
        "unclear": "#e6e9ed",
        "pause": "#6b7684",
        "focus": "#bcd3f0",
    },
)

_DARK = Colors(
    dark=True,
    text=QColor("#e3e7ec"),
    muted=QColor("#9aa4b1"),
    card=QColor("#252a31"),
    grid=QColor("#363c46"),
    accent=QColor("#5d93d1"),
    ok=QColor("#4fb27c"),
    warn=QColor("#e0a447"),
    bad=QColor("#e0625e"),
    tip=QColor("#5d93d1"),
    wave=QColor("#5a7597"),
    highlight={
        "contact": "#24492c",
        "filler": "#5a4320",
        "repeat": "#5c2b2a",
        "unplanned": "#3e3458",
        "unclear": "#3a4049",
        "pause": "#9aa4b1",
        "focus": "#35557d",
    },
)

_current: Colors = _LIGHT
THEME_CHOICES = (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark"))
_choice = "system"  # what the user picked in Settings


def is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def colors() -> Colors:
    return _current


def severity_color(severity: str) -> QColor:
    c = colors()
    return {"error": c.bad, "warning": c.warn}.get(str(severity), c.tip)


def apply_theme(app: QApplication, dark: bool | None = None) -> bool:
    """Load the stylesheet matching the system scheme (or ``dark`` when given); False when that look was
    already applied (setting the same sheet again would re-polish every widget for nothing)."""
    global _current
    dark = is_dark() if dark is None else dark
    before, _current = _current, _DARK if dark else _LIGHT
    name = "style-dark.qss" if dark else "style.qss"
    try:
        qss = (paths.assets_dir() / name).read_text(encoding="utf-8")
        sheet = qss.replace("@ICONS@", (paths.assets_dir() / "icons").as_posix())
    except OSError:
        sheet = ""  # the app stays usable with Qt's own look
    if app.styleSheet() == sheet:
        return _current is not before  # custom-painted widgets still need the other colours
    app.setStyleSheet(sheet)
    return True


def follow_system_theme(app: QApplication) -> None:
    """Re-style when the user flips the desktop between light and dark (unless they chose one)."""
    apply_theme(app)
    QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _scheme: _restyle(app))


def theme_choice() -> str:
    return _choice


def set_theme_choice(app: QApplication, choice: str) -> None:
    """"system", "light" or "dark"; applied at once to every open widget."""
    global _choice
    _choice = choice if choice in dict(THEME_CHOICES) else "system"
    _restyle(app)


def _restyle(app: QApplication) -> None:
    if not apply_theme(app, None if _choice == "system" else _choice == "dark"):
        return  # the same look: nothing to redo
    for widget in app.allWidgets():
        restyle = getattr(widget, "restyle", None)
        if callable(restyle):
            restyle()  # custom-painted widgets and charts take their colours from colors()
        widget.update()
