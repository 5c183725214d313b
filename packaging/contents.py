"""What goes into the packaged app besides what PyInstaller finds by following imports.

Kept apart from the spec file so the rules are plain Python that tests can import and ruff can check.
Note: this folder must never get an ``__init__.py``: a package named ``packaging`` would shadow the PyPI
``packaging`` library that pip, pytest and PyInstaller import.
"""

from __future__ import annotations

import sys
from pathlib import Path

APP_NAME = "VoiceCoach"
# The executable inside the folder; lower case like the console script, so `voicecoach --version` reads
# the same in a checkout and in the package.
EXE_NAME = "voicecoach"
# On Windows the GUI executable has no console, so the headless commands get their own executable.
WINDOWS_CLI_EXE_NAME = "voicecoach-cli"
BUNDLE_ID = "app.voicecoach.VoiceCoach"

# Libraries the app loads at run time, listed so they ship even before (or if ever) the code that imports
# them moves behind a lazy import PyInstaller cannot follow. Their hooks bring the native parts: PortAudio,
# libsndfile; libvosk is added by the spec.
# certifi is the CA bundle the certificates runtime hook falls back on.
RUNTIME_LIBRARIES = [
    "vosk", "sounddevice", "soundfile", "soxr", "numpy", "sqlite_utils", "platformdirs", "certifi",
    "pycrfsuite", "gruut_lang_en", "pyworld",
]  # fmt: skip

# Qt modules the app never uses. PyInstaller only collects what is imported, so these are a guard against
# a stray import (or a dependency's optional one) dragging in a few hundred megabytes.
QT_EXCLUDES = [
    f"PySide6.{name}"
    for name in (
        "Qt3DAnimation",
        "Qt3DCore",
        "Qt3DExtras",
        "Qt3DInput",
        "Qt3DLogic",
        "Qt3DRender",
        "QtBluetooth",
        "QtDataVisualization",
        "QtDesigner",
        "QtGraphs",
        "QtHelp",
        "QtLocation",
        "QtNfc",
        "QtPdf",
        "QtPdfWidgets",
        "QtPositioning",
        "QtQml",
        "QtQuick",
        "QtQuick3D",
        "QtQuickControls2",
        "QtQuickWidgets",
        "QtRemoteObjects",
        "QtScxml",
        "QtSensors",
        "QtSerialBus",
        "QtSerialPort",
        "QtSpatialAudio",
        "QtTextToSpeech",
        "QtUiTools",
        "QtWebChannel",
        "QtWebEngineCore",
        "QtWebEngineQuick",
        "QtWebEngineWidgets",
        "QtWebSockets",
        "QtWebView",
    )
]
# Python modules that are importable here but never needed by the app.
PYTHON_EXCLUDES = ["tkinter", "_tkinter", "IPython", "matplotlib", "PIL", "pytest", "hypothesis", "pytestqt"]

# Libraries left to the system even when a dependency links them; every Linux desktop has them, and a
# copy from the build machine can disagree with the user's configuration (AppImage's excludelist leaves
# out the same ones for the same reasons):
# - ALSA must match the system's plugins and configuration, which route sound through PulseAudio/PipeWire;
# - fontconfig must understand the system's /etc/fonts (an older one rejects newer elements and the app
#   can end up without fonts), and FreeType goes with the fontconfig it was built for.
SYSTEM_LIBRARY_PREFIXES = ("libasound.so", "libfontconfig.so", "libfreetype.so")

# Qt ships translations for its own dialogs in ~40 languages; the app's text is English only.
_QT_TRANSLATIONS_MARKER = "/translations/"


def vosk_binaries(vosk_dir: Path) -> list[tuple[str, str]]:
    """libvosk and, on Windows, the MinGW runtime DLLs beside it; vosk loads them by path from its folder.

    Not PyInstaller's collect_dynamic_libs: the macOS wheel names its library `libvosk.dyld`, which no
    shared-library pattern matches.
    """
    found = sorted(p for p in vosk_dir.iterdir() if p.is_file() and p.suffix in {".so", ".dll", ".dylib", ".dyld"})
    return [(str(p), "vosk") for p in found]


def excludes() -> list[str]:
    return [*QT_EXCLUDES, *PYTHON_EXCLUDES]


def keep_binary(dest_name: str) -> bool:
    """False for shared libraries the package must take from the user's system."""
    base = dest_name.replace("\\", "/").rsplit("/", 1)[-1]
    return not base.startswith(SYSTEM_LIBRARY_PREFIXES)


def keep_data(dest_name: str) -> bool:
    """False for Qt's translation catalogues, which the English-only app never loads."""
    dest = "/" + dest_name.replace("\\", "/")
    return not ("/PySide6/" in dest and _QT_TRANSLATIONS_MARKER in dest)


def asset_datas(root: Path) -> list[tuple[str, str]]:
    """assets/ goes in whole, at the same place relative to the app root as in the checkout."""
    assets = root / "assets"
    if not assets.is_dir():
        return []
    return [(str(assets), "assets")]


# The pronunciation data names are matched with: the lexicon and the grapheme-to-phoneme model. The package's
# other folders (an eSpeak-style lexicon, a part-of-speech model; about 25 MB) are not used.
PRONUNCIATION_FILES = ("lexicon.db", "g2p/model.crf", "__init__.py", "VERSION")


def pronunciation_datas(package_dir: Path) -> list[tuple[str, str]]:
    """gruut_lang_en's data files that core.pronounce reads, at their place inside the package."""
    out = []
    for rel in PRONUNCIATION_FILES:
        path = package_dir / rel
        if path.is_file():
            out.append((str(path), str(Path("gruut_lang_en", rel).parent)))
    return out


# File names in assets/icons/ by format, best first (the PNG is the 256 px one menus and docks use).
_ICON_NAMES = {
    "png": ("voicecoach-256.png", "voicecoach.png"),
    "svg": ("voicecoach.svg",),
    "ico": ("voicecoach.ico",),
    "icns": ("voicecoach.icns",),
}


def icon_paths(root: Path) -> dict[str, Path]:
    """Icons by format; missing formats are simply absent (PyInstaller converts the PNG when Pillow exists)."""
    icons = root / "assets" / "icons"
    found = {}
    for fmt, names in _ICON_NAMES.items():
        path = next((icons / name for name in names if (icons / name).is_file()), None)
        if path is not None:
            found[fmt] = path
    return found


def platform_icon(root: Path, platform: str = sys.platform) -> str | None:
    """The icon PyInstaller embeds in the executable (Windows) or the .app (macOS); unused on Linux."""
    icons = icon_paths(root)
    preferred = {"win32": ("ico", "png"), "darwin": ("icns", "png")}.get(platform, ())
    for fmt in preferred:
        if fmt in icons:
            return str(icons[fmt])
    return None
