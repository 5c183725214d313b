"""An error's remedy is a button in the window, and pressing it does the remedy (see ui.remedies)."""

from __future__ import annotations

from typing import Any

from voicecoach import paths
from voicecoach.core.remedy import Remedy
from voicecoach.ui.messages import BannerKey


def _failing_folder_opener(monkeypatch: Any) -> None:
    """A file manager that fails: opening the folder then says where it is, in the "open-folder" banner."""
    from voicecoach.ui import open_folder

    monkeypatch.setattr(open_folder, "FOLDER_OPENER", ("sh", "-c", "exit 3"))


def test_every_remedy_with_a_button_is_done_by_the_window(qtbot: Any, make_app: Any) -> None:
    from voicecoach.ui.words import REMEDY_ADVICE, REMEDY_BUTTONS

    app = make_app()
    assert all(app.ctx.remedies.can(remedy) for remedy in REMEDY_BUTTONS)
    assert set(REMEDY_ADVICE) == set(Remedy)


def test_the_no_microphone_banner_offers_the_microphone_settings(qtbot: Any, make_app: Any) -> None:
    from tests.fakes import FakePortAudioError
    from tests.ui.test_ui_traps import _adapters_with_devices

    raw = FakePortAudioError("Error opening RawInputStream: Unanticipated host error", -9999,
                             (0, -5, "Input/output error"))
    app = make_app(adapters=_adapters_with_devices(fail_on_open=raw))
    app.window.practice.toggle_recording()
    qtbot.waitUntil(lambda: app.window.banners.banner("recording") is not None, timeout=5000)
    banner = app.window.banners.banner("recording")
    assert "Input/output error" in banner.text
    for raw_bit in ("PaErrorCode", "ALSA", "-9999", "-5]"):
        assert raw_bit not in banner.text, (raw_bit, banner.text)
    assert [b.text() for b in banner.buttons] == ["Microphone settings"]
    banner.buttons[0].click()
    assert app.window.stack.currentIndex() == 4
    qtbot.waitUntil(lambda: app.window.settings.device_combo.hasFocus(), timeout=3000)


def test_a_full_disk_while_practising_offers_the_data_folder(qtbot: Any, make_app: Any, monkeypatch: Any) -> None:
    from voicecoach.storage.errors import disk_full_error

    _failing_folder_opener(monkeypatch)
    app = make_app()
    app.ctx.fail(BannerKey.SAVING_TAKE)(disk_full_error(paths.data_dir(), "the take was not saved"))
    banner = app.window.banners.banner(BannerKey.SAVING_TAKE)
    assert "is full" in banner.text and "“Show the data folder”" in banner.text
    assert [b.text() for b in banner.buttons] == ["Show the data folder"]
    banner.buttons[0].click()
    qtbot.waitUntil(lambda: app.window.banners.banner("open-folder") is not None, timeout=5000)
    assert str(paths.data_dir()) in app.window.banners.banner("open-folder").text


def test_damage_found_while_practising_offers_the_backup_and_restores_it(qtbot: Any, make_app: Any) -> None:
    from tests.storage import damage
    from tests.storage.builders import ANN

    paths.ensure_dir(paths.data_dir())
    damage.build_database(paths.database_path())  # a rep, 40 takes and a backup
    app = make_app(seed=False)
    qtbot.waitUntil(lambda: app.startup.is_ready, timeout=5000)
    app.store_call(qtbot, lambda s: s.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall())
    data = bytearray(paths.database_path().read_bytes())
    data[20 * 4096:30 * 4096] = b"\x5a" * (10 * 4096)  # pages in the middle of the takes table go bad
    paths.database_path().write_bytes(bytes(data))
    app.store_call(qtbot, lambda s: s.db.conn.execute("PRAGMA shrink_memory").fetchall())  # read from the disk
    app.ctx.store.call(lambda s: [t.transcript for t in s.list_takes()], None, app.ctx.fail(BannerKey.TAKES))
    qtbot.waitUntil(lambda: app.window.banners.banner(BannerKey.TAKES) is not None, timeout=5000)
    banner = app.window.banners.banner(BannerKey.TAKES)
    assert "damaged" in banner.text and "`" not in banner.text and "restore-backup" not in banner.text
    assert [b.text() for b in banner.buttons] == ["Restore last backup"]
    app.startup.is_ready = False
    banner.buttons[0].click()
    qtbot.waitUntil(lambda: app.startup.is_ready, timeout=10000)
    assert app.ctx.profile.name == ANN.name
    assert list(paths.data_dir().glob("voicecoach.db.damaged-*")), "the damaged file is kept aside"
    assert len(app.store_call(qtbot, lambda s: s.list_takes())) == 40


def test_the_read_only_dialog_shows_the_folder_and_names_no_setting(qtbot: Any, make_app: Any,
                                                                     monkeypatch: Any) -> None:
    from PySide6.QtWidgets import QMessageBox

    from tests.readonly import read_only
    from tests.ui.uihelpers import data_profile, seed_store

    _failing_folder_opener(monkeypatch)
    seed_store(data_profile())
    with read_only(paths.data_dir()):
        app = make_app(seed=False)
        qtbot.waitUntil(lambda: app.startup.db_box is not None, timeout=5000)
        box = app.startup.db_box
        assert "VOICECOACH_HOME" not in box.informativeText() and "`" not in box.informativeText()
        show = next(b for b in box.buttons() if b.text() == "Show the data folder")
        assert box.buttonRole(show) == QMessageBox.ButtonRole.ActionRole
        show.click()
        qtbot.waitUntil(lambda: app.window.banners.banner("open-folder") is not None, timeout=5000)
        assert box.isVisible(), "showing the folder leaves the choice open"


def test_a_model_folder_whose_name_looks_like_an_option_is_still_named(qtbot: Any, make_app: Any) -> None:
    from pathlib import Path

    from tests.ui.uihelpers import adapters_whose_model_fails
    from voicecoach.asr.errors import ModelInvalidError

    adapters = adapters_whose_model_fails(ModelInvalidError(
        "/data/my--model-files holds no Vosk model (expected am/, conf/ and graph/ inside).",
        path=Path("/data/my--model-files"), setting="VOICECOACH_MODEL"))
    app = make_app(adapters=adapters, model=False)
    qtbot.waitUntil(lambda: app.window.banners.banner("model") is not None, timeout=5000)
    banner = app.window.banners.banner("model")
    assert "/data/my--model-files holds no Vosk model" in banner.text, banner.text
    assert "“Download English model…”" in banner.text and "VOICECOACH_MODEL" not in banner.text
    assert [b.text() for b in banner.buttons] == ["Download English model…", "Choose model folder…"]


def test_the_window_words_microphone_failures_by_their_kind() -> None:
    from voicecoach.audio.devices import NO_INPUT_DEVICE, PORTAUDIO_MISSING, AudioErrorKind, AudioUnavailableError
    from voicecoach.ui.text import mic_problem

    missing = AudioUnavailableError(PORTAUDIO_MISSING, AudioErrorKind.NO_PORTAUDIO,
                                    remedies=(Remedy.INSTALL_PORTAUDIO,))
    text = mic_problem(missing)
    assert text.startswith("The PortAudio library is missing") and "libportaudio2" in text and "sudo" not in text
    none = mic_problem(AudioUnavailableError(NO_INPUT_DEVICE, AudioErrorKind.NO_INPUT))
    assert none.startswith("No microphone found. Check that the microphone is plugged in") and none.count("plug") == 1
