"""What the package leaves out and why: system ALSA, Qt translations, unused Qt plugins and their libraries."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType


def test_alsa_and_fonts_are_left_to_the_system_but_portaudio_ships(contents: ModuleType) -> None:
    assert not contents.keep_binary("libasound.so.2")
    assert not contents.keep_binary("libfontconfig.so.1")
    assert not contents.keep_binary("libfreetype.so.6")
    assert contents.keep_binary("libportaudio.so.2")
    assert contents.keep_binary("vosk/libvosk.so")
    assert contents.keep_binary("_soundfile_data/libsndfile_x86_64.so")


def test_only_qt_translations_are_dropped_from_data(contents: ModuleType) -> None:
    assert not contents.keep_data("PySide6/Qt/translations/qtbase_de.qm")
    assert not contents.keep_data("PySide6\\Qt\\translations\\qt_fr.qm")
    assert contents.keep_data("assets/translations/notes.txt")
    assert contents.keep_data("vosk-model/manifest.json")


def test_heavy_qt_modules_are_excluded_but_used_ones_are_not(contents: ModuleType) -> None:
    excluded = set(contents.excludes())
    assert {"PySide6.QtWebEngineCore", "PySide6.Qt3DCore", "PySide6.QtQuick", "tkinter"} <= excluded
    # The GUI uses these: charts for progress, multimedia to play takes back, SVG for the icon.
    assert not {"PySide6.QtCharts", "PySide6.QtMultimedia", "PySide6.QtSvg", "PySide6.QtWidgets"} & excluded


def test_icon_choice_per_platform(contents: ModuleType, tmp_path: Path) -> None:
    icons = tmp_path / "assets" / "icons"
    icons.mkdir(parents=True)
    assert contents.platform_icon(tmp_path, "win32") is None
    (icons / "voicecoach.png").write_bytes(b"png")
    assert contents.platform_icon(tmp_path, "win32") == str(icons / "voicecoach.png")
    (icons / "voicecoach-256.png").write_bytes(b"png")
    assert contents.platform_icon(tmp_path, "win32") == str(icons / "voicecoach-256.png")
    (icons / "voicecoach.ico").write_bytes(b"ico")
    assert contents.platform_icon(tmp_path, "win32") == str(icons / "voicecoach.ico")
    assert contents.platform_icon(tmp_path, "darwin") == str(icons / "voicecoach-256.png")
    assert contents.platform_icon(tmp_path, "linux") is None


def test_assets_ship_at_the_same_place_as_in_the_checkout(contents: ModuleType, tmp_path: Path) -> None:
    assert contents.asset_datas(tmp_path) == []
    (tmp_path / "assets").mkdir()
    assert contents.asset_datas(tmp_path) == [(str(tmp_path / "assets"), "assets")]


def test_dropping_a_plugin_drops_the_libraries_only_it_needed(qt_prune: ModuleType) -> None:
    vk = "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so"
    media = "PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so"
    binaries = [
        (vk, "/src/vk.so", "BINARY"),
        ("PySide6/Qt/lib/libQt6VirtualKeyboard.so.6", "/src/libQt6VirtualKeyboard.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Quick.so.6", "/src/libQt6Quick.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "/src/libQt6Core.so.6", "BINARY"),
        ("libQt6VirtualKeyboard.so.6", "PySide6/Qt/lib/libQt6VirtualKeyboard.so.6", "SYMLINK"),
        ("libQt6Quick.so.6", "PySide6/Qt/lib/libQt6Quick.so.6", "SYMLINK"),
        (media, "/src/media.so", "BINARY"),
        ("vosk/libvosk.so", "/src/libvosk.so", "BINARY"),
    ]
    needed = {
        "/src/vk.so": {"libQt6VirtualKeyboard.so.6", "libQt6Quick.so.6", "libQt6Core.so.6"},
        "/src/libQt6VirtualKeyboard.so.6": {"libQt6Quick.so.6", "libQt6Core.so.6"},
        "/src/libQt6Quick.so.6": {"libQt6Core.so.6"},
        "/src/media.so": {"libQt6Quick.so.6", "libQt6Core.so.6"},
    }
    kept = qt_prune.prune(binaries, lambda path: frozenset(needed.get(path, ())))
    names = {dest for dest, _, _ in kept}
    assert vk not in names
    assert "PySide6/Qt/lib/libQt6VirtualKeyboard.so.6" not in names
    assert "libQt6VirtualKeyboard.so.6" not in names  # its symlink goes too
    # Still linked by the multimedia plugin, so it stays; libvosk is loaded by dlopen and never judged.
    assert {"PySide6/Qt/lib/libQt6Quick.so.6", "libQt6Quick.so.6", media, "vosk/libvosk.so"} <= names
    assert "PySide6/Qt/lib/libQt6Core.so.6" in names


def test_chains_of_orphans_are_dropped_and_other_plugins_kept(qt_prune: ModuleType) -> None:
    gtk = "PySide6/Qt/plugins/platformthemes/libqgtk3.so"
    portal = "PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so"
    binaries = [
        (gtk, "/s/gtk", "BINARY"),
        (portal, "/s/portal", "BINARY"),
        ("libcairo.so.2", "/s/cairo", "BINARY"),
        ("libpixman-1.so.0", "/s/pixman", "BINARY"),
        ("libglib-2.0.so.0", "/s/glib", "BINARY"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "/s/core", "BINARY"),
    ]
    needed = {
        "/s/gtk": {"libcairo.so.2", "libglib-2.0.so.0"},
        "/s/cairo": {"libpixman-1.so.0", "libglib-2.0.so.0"},
        "/s/core": {"libglib-2.0.so.0"},
    }
    kept = {dest for dest, _, _ in qt_prune.prune(binaries, lambda path: frozenset(needed.get(path, ())))}
    assert kept == {portal, "libglib-2.0.so.0", "PySide6/Qt/lib/libQt6Core.so.6"}


def test_only_qt_plugins_count_as_unwanted(qt_prune: ModuleType) -> None:
    assert qt_prune.is_unwanted_plugin("PySide6/Qt/plugins/platforms/libqeglfs.so")
    assert qt_prune.is_unwanted_plugin("PySide6\\Qt\\plugins\\egldeviceintegrations\\libqeglfs-kms.so")
    assert not qt_prune.is_unwanted_plugin("PySide6/Qt/plugins/platforms/libqxcb.so")
    assert not qt_prune.is_unwanted_plugin("PySide6/Qt/plugins/platforms/libqwayland.so")
    assert not qt_prune.is_unwanted_plugin("elsewhere/plugins/platforms/libqeglfs.so")


def test_vosk_native_libraries_of_every_wheel_are_collected(contents: ModuleType, tmp_path: Path) -> None:
    for name in ("__init__.py", "vosk_cffi.py", "libvosk.dyld", "libvosk.dll", "libstdc++-6.dll", "libvosk.so"):
        (tmp_path / name).write_bytes(b"")
    (tmp_path / "transcriber").mkdir()
    assert contents.vosk_binaries(tmp_path) == [
        (str(tmp_path / name), "vosk") for name in ("libstdc++-6.dll", "libvosk.dll", "libvosk.dyld", "libvosk.so")
    ]


def test_the_installed_vosk_library_is_found(contents: ModuleType) -> None:
    import importlib.util

    spec = importlib.util.find_spec("vosk")
    assert spec is not None and spec.origin is not None
    names = [Path(src).name for src, _ in contents.vosk_binaries(Path(spec.origin).parent)]
    assert any(name.startswith("libvosk.") for name in names)


def test_the_pronunciation_data_ships_without_the_unused_models(contents: ModuleType) -> None:
    import importlib.util

    spec = importlib.util.find_spec("gruut_lang_en")
    assert spec is not None and spec.origin is not None
    datas = contents.pronunciation_datas(Path(spec.origin).parent)
    shipped = {(Path(src).name, dest) for src, dest in datas}
    assert {("lexicon.db", "gruut_lang_en"), ("model.crf", "gruut_lang_en/g2p")} <= shipped
    assert not any("espeak" in src or "/pos/" in src for src, _ in datas)
