"""The traps a new user fell into (issue 14): each test fails on the version that had the trap."""

from __future__ import annotations

from typing import Any

from tests.ui.test_ui_views import seed_takes


def test_ctrl_n_never_loads_an_existing_script_into_the_new_one(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    app.window.new_script()  # Ctrl+N: Scripts opens and its library loads in the background
    view = app.window.scripts
    qtbot.waitUntil(lambda: view.list.count() == 1, timeout=5000)
    assert view.current is None
    assert view.editor.toPlainText() == "" and view.title_edit.text() == ""
    view.title_edit.setText("Brand new")
    view.editor.setPlainText("Hi {prospect}, it's {first_name} at {company}, {phone}.")
    view.save()
    qtbot.waitUntil(lambda: view.list.count() == 2, timeout=5000)
    titles = sorted(s.title for s in app.store_call(qtbot, lambda s: s.list_scripts()))
    assert titles == ["Brand new", "Expired listing"]


def _open_scripts(app: Any, qtbot: Any) -> Any:
    app.window.go_to(1)
    view = app.window.scripts
    qtbot.waitUntil(lambda: view.list.count() >= 1 and view.current is not None, timeout=5000)
    return view


def test_deleting_a_script_keeps_its_takes_and_can_be_undone(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    takes = seed_takes(app, qtbot, ("clean", "missing_number"))
    view = _open_scripts(app, qtbot)
    script = view.current
    view.delete_button.click()
    qtbot.waitUntil(lambda: view.list.count() == 0, timeout=5000)
    qtbot.waitUntil(lambda: app.window.practice.script_combo.count() == 0, timeout=5000)
    for take in takes:  # the takes are still there, pointing at the version they were judged against
        kept = app.store_call(qtbot, lambda s, t=take: s.get_take(t.id))
        assert not kept.trashed and kept.script_version_id == script.version_id
    banner = app.window.banners.banner("script-delete")
    assert banner is not None and "Undo" in [b.text() for b in banner.buttons]
    banner.buttons[0].click()
    qtbot.waitUntil(lambda: view.list.count() == 1, timeout=5000)
    qtbot.waitUntil(lambda: app.window.practice.script_combo.count() == 1, timeout=5000)


def test_archived_script_leaves_practice_and_comes_back(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    view = _open_scripts(app, qtbot)
    view.archive_button.click()
    qtbot.waitUntil(lambda: app.window.practice.script_combo.count() == 0, timeout=5000)
    assert view.list.count() == 0
    view.show_archived.setChecked(True)
    qtbot.waitUntil(lambda: view.list.count() == 1, timeout=5000)
    view.list.setCurrentRow(0)
    assert view.archive_button.text() == "Restore"
    view.archive_button.click()
    qtbot.waitUntil(lambda: app.window.practice.script_combo.count() == 1, timeout=5000)


def test_profile_is_edited_in_settings_with_the_number_checked_and_read_back(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    app.window.go_to(4)
    view = app.window.settings
    form = view.profile_form
    assert form.fields["name"].text() == "Dana Whitfield"
    form.fields["phone"].setText("12")
    assert "too short" in form.read_back.text()
    view.save_profile()
    assert "Nothing was saved" in view.profile_error.text()
    stored = app.store_call(qtbot, lambda s: s.get_profile(1).profile)
    assert stored.phone == "+1 415-555-0142"
    form.region.setCurrentIndex(form.region.findData("GB"))
    form.fields["phone"].setText("020 7946 0958 ext 7")
    assert "zero two zero, seven nine four six, zero nine five eight, extension seven" in form.read_back.text()
    view.save_profile()
    qtbot.waitUntil(lambda: app.ctx.profile.phone == "+44 20 7946 0958 ext. 7", timeout=5000)
    assert app.store_call(qtbot, lambda s: s.get_profile(1).profile).phone == "+44 20 7946 0958 ext. 7"
    assert app.ctx.profile.phone_number.e164 == "+442079460958"


def test_changing_the_profile_warns_about_scripts_that_no_longer_fit(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    app.store_call(qtbot, lambda s: s.add_script("Typed by hand", "Hi, Dana at Northwind Realty, 415 555 0142. "
                                                 "See {website}."))
    app.window.go_to(4)
    view = app.window.settings
    view.profile_form.set_values(company="Harbor Homes", phone="415-555-0199", website="")
    view.save_profile()
    qtbot.waitUntil(lambda: app.window.banners.banner("profile-scripts") is not None, timeout=5000)
    text = app.window.banners.banner("profile-scripts").text
    assert "“Typed by hand”" in text and "old number" in text and "{website}" in text and "Northwind" in text
    assert "Expired listing" not in text  # it uses placeholders only, and they are all filled


def test_first_run_refuses_a_number_that_is_not_one(qtbot: Any, make_app: Any) -> None:
    app = make_app(seed=False, model=False)
    qtbot.waitUntil(lambda: app.startup.profile_dialog is not None, timeout=5000)
    dialog = app.startup.profile_dialog
    dialog.set_values(name="Dana Whitfield", company="Northwind Realty", phone="12")
    dialog.accept_button.click()
    assert dialog.isVisible() and dialog.error.text().startswith("The phone number “12” is too short")
    assert dialog.error.text().endswith(".")


def _adapters_with_model_folders(good: str | None = "good-model") -> Any:
    from pathlib import Path

    from tests.fakes import FakeSoundDevice
    from tests.ui.uihelpers import FakeModel, speechlike
    from voicecoach.asr.errors import ModelInvalidError
    from voicecoach.ui.context import Adapters

    def find_model(explicit: Any) -> Path:
        if good is None or (explicit and explicit != good):
            where = explicit or "vosk-model"
            raise ModelInvalidError(f"{where} holds no Vosk model (expected am/, conf/ and graph/ inside).")
        return Path(str(good))

    return Adapters(sounddevice=FakeSoundDevice(speechlike(), speed=8.0), find_model=find_model,
                    load_model=lambda _p: FakeModel())


def test_a_bad_model_folder_keeps_the_working_model_and_offers_buttons(qtbot: Any, make_app: Any) -> None:
    app = make_app(adapters=_adapters_with_model_folders())
    working = app.ctx.model.model
    app.ctx.model.use_folder("/tmp/not-a-model")
    banner = app.window.banners.banner("model")
    qtbot.waitUntil(lambda: (b := app.window.banners.banner("model")) is not None and "keeps using" in b.text,
                    timeout=5000)
    banner = app.window.banners.banner("model")
    assert app.ctx.model.model is working and app.ctx.model.ready and app.ctx.model.state == "ready"
    assert app.ctx.prefs.model_folder is None  # the bad folder is not remembered
    assert "voicecoach model" not in banner.text and "--model" not in banner.text
    assert "VOICECOACH_MODEL" not in banner.text
    assert [b.text() for b in banner.buttons] == ["Download English model…", "Choose model folder…"]


def test_first_run_dialog_gives_the_model_message_the_full_width(qtbot: Any, make_app: Any) -> None:
    app = make_app(seed=False, model=False, adapters=_adapters_with_model_folders(None))
    qtbot.waitUntil(lambda: app.startup.profile_dialog is not None, timeout=5000)
    qtbot.waitUntil(lambda: app.ctx.model.state == "error", timeout=5000)
    dialog = app.startup.profile_dialog
    label = dialog.model_label
    qtbot.waitUntil(lambda: label.isVisible(), timeout=3000)
    assert "voicecoach model" not in label.text() and "--model" not in label.text()
    assert label.width() > 0.8 * dialog.form.width()
    assert label.height() >= label.heightForWidth(label.width())  # every line of the message shows
    for field in dialog.fields.values():
        assert field.height() >= field.sizeHint().height()  # fields keep their height


def test_double_clicking_a_past_take_opens_its_report_once(qtbot: Any, make_app: Any) -> None:
    from PySide6.QtCore import Qt

    from voicecoach.ui.views.take_dialog import TakeDialog

    app = make_app()
    seed_takes(app, qtbot, ("clean",))
    app.window.go_to(2)
    view = app.window.progress
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=5000)
    rect = view.table.visualRect(view.proxy.index(0, 1))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    # The dialog is built inside the double-click's own event handling, by each connected signal.
    assert len(view.findChildren(TakeDialog)) == 1


def test_tab_leaves_the_transcript_in_one_press_and_enter_plays_from_a_word(qtbot: Any) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

    from tests.ui.uihelpers import data_take
    from voicecoach.ui.widgets.transcript_view import TranscriptView

    host = QWidget()
    qtbot.addWidget(host)
    lay = QVBoxLayout(host)
    view = TranscriptView()
    after = QPushButton("Next control")
    lay.addWidget(view)
    lay.addWidget(after)
    take = data_take("clean")
    assert len(take.words) > 40
    view.set_transcript(take)
    host.show()
    qtbot.waitExposed(host)
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert after.hasFocus()
    view.setFocus()
    for _ in range(2):
        qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)  # two words on
    with qtbot.waitSignal(view.word_clicked) as heard:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert heard.args == [2]


def test_only_the_current_page_looks_active_in_the_side_bar(qtbot: Any, make_app: Any) -> None:
    from PySide6.QtCore import Qt

    app = make_app()
    window = app.window
    qtbot.mouseClick(window.nav.button(0), Qt.MouseButton.LeftButton)  # the click gives it focus
    qtbot.waitUntil(window.nav.button(0).hasFocus)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentIndex() == 2
    # The focus ring follows the page: no other page's button is left focused (it looked selected).
    assert [b for b in window.nav.buttons() if b.hasFocus() or b.isChecked()] == [window.nav.button(2)]
    qtbot.keyClick(window.nav.button(2), Qt.Key.Key_Down)
    assert window.stack.currentIndex() == 3
    assert [b for b in window.nav.buttons() if b.hasFocus() or b.isChecked()] == [window.nav.button(3)]


def test_f1_help_lists_ctrl_s(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    app.window.show_help()
    assert "Ctrl+S" in app.window.help_box.text()


def test_a_take_kept_for_the_model_claims_nothing_and_the_banner_follows_the_model(qtbot: Any,
                                                                                     make_app: Any) -> None:
    from pathlib import Path

    from tests.fakes import FakeSoundDevice
    from tests.ui.uihelpers import FakeModel, data_take, speechlike
    from voicecoach.asr.errors import ModelNotFoundError
    from voicecoach.ui.context import Adapters

    have_model = {"yes": False}

    def find_model(_explicit: Any) -> Path:
        if not have_model["yes"]:
            raise ModelNotFoundError("No speech model found.")
        return Path("fake-model")

    adapters = Adapters(sounddevice=FakeSoundDevice(speechlike(), speed=8.0), find_model=find_model,
                        load_model=lambda _p: FakeModel(),
                        transcribe_file=lambda path, model, progress=None, cancel=None: data_take("clean"))
    app = make_app(adapters=adapters, model=False)
    qtbot.waitUntil(lambda: app.ctx.model.state == "missing", timeout=5000)
    practice = app.window.practice
    practice.toggle_recording()
    qtbot.waitUntil(lambda: practice.session.recorder.seconds() > 0.5, timeout=5000)
    with qtbot.waitSignal(practice.report_shown, timeout=5000):
        practice.toggle_recording()
    panel = practice.report
    shown = [panel.flag_list.item(i).text() for i in range(panel.flag_list.count())]
    assert not any("Nothing to fix" in t or "clean take" in t for t in shown)
    assert any("Not analysed yet" in t for t in shown)
    qtbot.waitUntil(lambda: panel.fact_labels["length"].text().startswith("Recorded"), timeout=5000)
    assert "0.0 s" not in panel.fact_labels["length"].text()
    have_model["yes"] = True
    app.ctx.model.use_folder("/models/fake")
    qtbot.waitUntil(lambda: app.ctx.model.ready, timeout=5000)
    text = app.window.banners.banner("pending").text
    assert "unavailable" not in text and "ready" in text


def test_session_end_asks_which_goals_were_met_and_the_pdf_is_saved(qtbot: Any, make_app: Any,
                                                                     tmp_path: Any, monkeypatch: Any) -> None:
    from PySide6.QtWidgets import QFileDialog

    app = make_app()
    seed_takes(app, qtbot, ("missing_number", "clean"))
    app.window.go_to(3)
    coach = app.window.coach
    qtbot.waitUntil(lambda: coach.take_list.count() == 2, timeout=5000)
    coach.goals.setText("Say the number twice; under 25 s")
    coach.toggle_session()
    qtbot.waitUntil(lambda: app.ctx.session_id is not None, timeout=5000)
    sid = app.ctx.session_id
    coach.toggle_session()
    qtbot.waitUntil(lambda: getattr(coach, "goals_dialog", None) is not None, timeout=5000)
    dialog = coach.goals_dialog
    assert list(dialog.boxes) == ["Say the number twice", "under 25 s"]
    dialog.boxes["Say the number twice"].setChecked(True)
    dialog.accept()
    qtbot.waitUntil(lambda: app.store_call(qtbot, lambda s: s.get_session(sid)).goal_results != (), timeout=5000)
    assert dict(app.store_call(qtbot, lambda s: s.get_session(sid)).goal_results) == {
        "Say the number twice": True, "under 25 s": False}
    asked: list[str] = []

    def fake_save(_parent: Any, _title: str, start: str, _filters: str) -> tuple[str, str]:
        asked.append(start)
        return str(tmp_path / "report.pdf"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_save))
    coach.export_pdf_button.click()
    qtbot.waitUntil(lambda: (tmp_path / "report.pdf").exists(), timeout=10000)
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    from voicecoach.ui.file_dialogs import documents_dir

    assert asked[0].startswith(str(documents_dir())) and asked[0].endswith(".pdf")  # not the program's folder


def test_a_bundle_is_imported_from_the_window(qtbot: Any, make_app: Any, tmp_path: Any, monkeypatch: Any) -> None:
    from PySide6.QtWidgets import QFileDialog

    app = make_app()
    seed_takes(app, qtbot, ("clean",))
    bundle = app.store_call(qtbot, lambda s: s.export_bundle(tmp_path / "dana.zip", 1))
    app.store_call(qtbot, lambda s: (s.trash_take(s.list_takes()[0].id), s.empty_trash()))
    assert app.store_call(qtbot, lambda s: s.list_takes()) == []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a: (str(bundle), "")))
    app.window.go_to(3)
    coach = app.window.coach
    coach.import_bundle()
    qtbot.waitUntil(lambda: len(app.store_call(qtbot, lambda s: s.list_takes())) == 1, timeout=5000)
    qtbot.waitUntil(lambda: coach.take_list.count() == 1, timeout=5000)
    assert "Imported dana.zip" in app.window.toast.text()


def test_the_first_click_on_a_word_plays_from_that_word(qtbot: Any, tmp_path: Any) -> None:
    import numpy as np
    import soundfile

    from voicecoach.ui.playback import Player

    wav = tmp_path / "take.wav"
    soundfile.write(str(wav), (np.sin(np.arange(16000 * 5) / 5) * 8000).astype(np.int16), 16000)
    player = Player()
    player.load(wav)
    seen: list[float] = []
    player.position_changed.connect(seen.append)
    player.seek(2.5, play=True)  # the first click: the media player does not exist yet
    qtbot.waitUntil(lambda: player.playing, timeout=5000)
    qtbot.waitUntil(lambda: len(seen) >= 3, timeout=5000)
    assert min(seen) >= 2.5 and player.position >= 2.5  # never back to 0:00 while the file loads
    player.stop()  # mid-play: QMediaPlayer.stop runs from the event loop, where it cannot wait on the GIL
    qtbot.waitUntil(lambda: player.settled, timeout=5000)
    assert not player.playing and player.position == 0.0
    with qtbot.waitSignal(player.destroyed, timeout=5000):  # its FFmpeg threads joined before the test ends
        player.deleteLater()


def test_a_restored_window_fits_the_screen(qtbot: Any, make_app: Any) -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow

    from voicecoach.ui.prefs import Prefs

    big = QMainWindow()
    qtbot.addWidget(big)
    room = QApplication.primaryScreen().availableGeometry()
    big.setGeometry(room.x() + 40, room.y() + 40, room.width() + 600, int(room.height() * 1.5))  # saved at 1.5×
    Prefs().set("window/geometry", big.saveGeometry())
    app = make_app()
    frame = app.window.frameGeometry()
    assert room.contains(frame), (room, frame)


def test_play_and_pause_keep_the_waveform_in_place(qtbot: Any) -> None:
    from voicecoach.ui.widgets.report_panel import ReportPanel

    panel = ReportPanel()
    qtbot.addWidget(panel)
    panel.resize(900, 600)
    panel.show()
    qtbot.waitExposed(panel)
    before = panel.waveform.geometry()
    panel.play_button.setText("❚❚ Pause")  # what playing_changed(True) does
    panel.layout().activate()
    assert panel.waveform.geometry() == before


def test_progress_charts_read_distinct_labels_and_skip_a_silent_take(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    seed_takes(app, qtbot, ("clean", "filler_heavy", "silence", "clean"))
    app.window.go_to(2)
    view = app.window.progress
    qtbot.waitUntil(lambda: view.model.rowCount() == 4, timeout=5000)  # the silent take is in the table
    assert len(view.charts["length"].values) == 3 and min(view.charts["length"].values) > 0
    for chart in view.charts.values():
        labels = chart.axis_labels()
        assert len(labels) == len(set(labels)) >= 2, labels


def _adapters_with_devices(**fake: Any) -> Any:
    from pathlib import Path

    from tests.fakes import FakeSoundDevice
    from tests.ui.uihelpers import FakeModel, speechlike
    from voicecoach.ui.context import Adapters

    return Adapters(sounddevice=FakeSoundDevice(speechlike(), speed=8.0, **fake),
                    find_model=lambda _e: Path("m"), load_model=lambda _p: FakeModel())


def test_settings_names_devices_as_people_do(qtbot: Any, make_app: Any) -> None:
    devices = [{"name": n, "index": i, "hostapi": 0, "max_input_channels": 2, "max_output_channels": 2,
                "default_samplerate": 44100.0} for i, n in enumerate(("HDA Intel PCH: ALC3246 Analog (hw:0,0)",
                                                                      "pulse", "default"))]
    app = make_app(adapters=_adapters_with_devices(devices=devices, default_input=2))
    app.window.go_to(4)
    combo = app.window.settings.device_combo
    qtbot.waitUntil(lambda: combo.count() == 4, timeout=5000)
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert labels == ["System default", "HDA Intel PCH: ALC3246 Analog", "PulseAudio sound server",
                      "System default device"]
    assert combo.itemData(2) == "pulse"  # what is remembered is still the device's own name


def test_a_lost_microphone_says_what_to_do(qtbot: Any, make_app: Any) -> None:
    from tests.fakes import FakeSoundDevice

    app = make_app(adapters=_adapters_with_devices(
        fail_on_open=FakeSoundDevice.PortAudioError("Unanticipated host error [PaErrorCode -9999]")))
    practice = app.window.practice
    with qtbot.waitSignal(practice.session.recorder.error_occurred, timeout=5000) as said:
        practice.toggle_recording()
    text = said.args[0]
    assert "Settings → Microphone" in text and "plugged in" in text and text[0].isupper()
    assert not text.startswith("Unanticipated") and "PaErrorCode" not in text  # no raw codes (logged instead)


def test_window_messages_are_sentences(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    app.ctx.post("the disk is full", "error", key="x")
    assert app.window.banners.banner("x").text == "The disk is full."


def test_open_folder_without_a_file_manager_says_where_the_folder_is(qtbot: Any, make_app: Any,
                                                                     monkeypatch: Any) -> None:
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QApplication

    from voicecoach import paths
    from voicecoach.ui.views import settings as settings_view

    monkeypatch.setattr(settings_view, "FOLDER_OPENER", ())  # where Qt itself opens folders (not Linux)
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda _url: False))
    app = make_app()
    app.window.go_to(4)
    assert app.window.settings.open_data_folder() is False
    banner = app.window.banners.banner("open-folder")
    assert banner is not None and str(paths.data_dir()) in banner.text
    assert QApplication.clipboard().text() == str(paths.data_dir())


def test_the_theme_can_be_chosen_in_settings(qtbot: Any, make_app: Any) -> None:
    from voicecoach.ui import theme

    app = make_app()
    app.window.go_to(4)
    view = app.window.settings
    combo = view.theme_combo
    try:
        combo.setCurrentIndex(combo.findData("dark"))
        combo.activated.emit(combo.currentIndex())
        assert theme.colors().dark and app.ctx.prefs.get("ui/theme") == "dark"
        combo.setCurrentIndex(combo.findData("light"))
        combo.activated.emit(combo.currentIndex())
        assert not theme.colors().dark and app.ctx.prefs.get("ui/theme") == "light"
    finally:
        from PySide6.QtWidgets import QApplication

        theme.set_theme_choice(QApplication.instance(), "system")


def test_a_narrow_compare_panel_cuts_no_figure_or_button(qtbot: Any) -> None:
    from tests.ui.uihelpers import data_profile, data_take
    from voicecoach.core.report import analyze
    from voicecoach.ui.widgets.report_panel import ReportPanel

    panel = ReportPanel(actions=True, compact=True)
    qtbot.addWidget(panel)
    panel.buttons["again"].hide()
    panel.buttons["discard"].hide()
    panel.resize(265, 600)  # one of the two panels on Coach at 1024×700
    take = data_take("missing_number")
    panel.show_report(take, analyze(take, profile=data_profile(), time_limit=30))
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.minimumSizeHint().width() <= 265  # it fits, instead of being squeezed below its minimum
    assert panel.width() == 265
    for widget in [*panel.fact_labels.values(), panel.buttons["note"], panel.verdict]:
        if widget.isVisible() and widget.text():
            assert widget.width() >= widget.minimumSizeHint().width(), widget.text()
            if not getattr(widget, "wordWrap", lambda: False)():
                assert widget.width() >= widget.sizeHint().width(), widget.text()


def cut_off(root: Any) -> list[str]:
    """Visible buttons, labels, fields and pickers narrower than their text needs, or overlapping a
    neighbour (text cut off or drawn over)."""
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QWidget

    kinds = QAbstractButton | QLabel | QComboBox | QLineEdit
    shown = [w for w in root.findChildren(QWidget) if isinstance(w, kinds) and w.isVisibleTo(root) and w.width() > 1]
    out = [f"{type(w).__name__} {_text(w)!r}: {w.width()} < {_need(w)}" for w in shown if w.width() + 1 < _need(w)]
    out += [f"{_text(w)!r} runs off the page" for w in shown if _off_page(root, w)]
    for i, a in enumerate(shown):
        for b in shown[i + 1:]:
            if a.parentWidget() is b.parentWidget() and a.geometry().intersects(b.geometry()):
                out.append(f"{_text(a)!r} overlaps {_text(b)!r}")
    return out


def _off_page(root: Any, w: Any) -> bool:
    """Outside the page's visible area (not counting controls in a scrolling area, which can scroll in)."""
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import QAbstractScrollArea

    parent = w.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QAbstractScrollArea):
            return False
        parent = parent.parentWidget()
    return not root.rect().contains(QRect(w.mapTo(root, QPoint(0, 0)), w.size()))


def _text(w: Any) -> str:
    text = getattr(w, "text", None) or getattr(w, "currentText", None)
    return text() if callable(text) else ""


def _need(w: Any) -> int:
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit

    need = w.minimumSizeHint().width()
    if isinstance(w, QComboBox):  # the chosen entry shows whole, up to the picker's usual size
        need = max(need, min(w.sizeHint().width(), w.fontMetrics().horizontalAdvance(w.currentText()) + 44))
    if isinstance(w, QAbstractButton) or (isinstance(w, QLabel) and not w.wordWrap()):
        need = max(need, w.sizeHint().width())
    if isinstance(w, QLabel) and not w.text():
        return 0
    if isinstance(w, QLineEdit):  # the text typed (or the hint) shows whole, up to the field's usual size
        shown = w.text() or w.placeholderText()
        need = max(need, min(w.sizeHint().width(), w.fontMetrics().horizontalAdvance(shown) + 20))
    return need


def _at_size(qtbot: Any, make_app: Any, monkeypatch: Any, width: int = 1024, height: int = 700) -> Any:
    from voicecoach.ui.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "fit_to_screen", lambda self: None)  # the offscreen screen is 800 px wide
    app = make_app()
    app.window.resize(width, height)
    return app


def test_scripts_at_1024_cut_nothing(qtbot: Any, make_app: Any, monkeypatch: Any) -> None:
    app = _at_size(qtbot, make_app, monkeypatch)
    view = _open_scripts(app, qtbot)
    app.window.layout().activate()
    assert cut_off(view) == []
    view.insert_placeholder("phone")
    assert "{phone}" in view.editor.toPlainText()


def _settled_cuts(qtbot: Any, view: Any) -> list[str]:
    import contextlib

    from pytestqt.exceptions import TimeoutError as WaitTimeout

    with contextlib.suppress(WaitTimeout):  # the caller's assertion says what is still cut
        qtbot.waitUntil(lambda: cut_off(view) == [], timeout=2000)
    return cut_off(view)


def test_practice_header_at_1024_wraps_instead_of_overlapping(qtbot: Any, make_app: Any, monkeypatch: Any) -> None:
    app = _at_size(qtbot, make_app, monkeypatch)
    practice = app.window.practice
    practice.prospect_edit.setText("Daniel")
    assert _settled_cuts(qtbot, practice) == []


def test_coach_at_1024_cuts_nothing(qtbot: Any, make_app: Any, monkeypatch: Any) -> None:
    app = _at_size(qtbot, make_app, monkeypatch)
    seed_takes(app, qtbot, ("missing_number", "clean"))
    app.window.go_to(3)
    coach = app.window.coach
    qtbot.waitUntil(lambda: coach.take_list.count() == 2, timeout=5000)
    coach.compare_first_latest()
    qtbot.waitUntil(lambda: all(p.badge.score is not None for p in coach.panels), timeout=5000)
    assert _settled_cuts(qtbot, coach) == []


def _two_scripts_two_reps(app: Any, qtbot: Any) -> dict[str, Any]:
    from tests.ui.uihelpers import data_profile, data_take
    from voicecoach.core.profile import Profile
    from voicecoach.core.report import analyze

    def job(store: Any) -> dict[str, Any]:
        first = store.list_scripts()[0]
        other = store.add_script("Referral voicemail", "Hi {prospect}, {referral} said to call. {name}, {phone}.")
        sam = store.add_profile(Profile("Sam Ortiz", "Bayline Homes", "212-555-0199"))
        out: dict[str, Any] = {"sam": sam, "first": first, "other": other, "takes": []}
        for script, name in ((first, "missing_number"), (other, "clean"), (first, "clean"), (other, "filler_heavy")):
            report = analyze(data_take(name), profile=data_profile(), time_limit=30)
            out["takes"].append(store.save_take(profile_id=1, script_version_id=script.version_id,
                                                transcript=data_take(name), report=report))
        report = analyze(data_take("clean"), time_limit=30)
        out["sam_take"] = store.save_take(profile_id=sam, script_version_id=first.version_id,
                                          transcript=data_take("clean"), report=report)
        return out

    seeded = app.store_call(qtbot, job)
    app.ctx.takes_changed.emit()
    return seeded


def test_coach_keeps_reps_and_scripts_apart(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    seeded = _two_scripts_two_reps(app, qtbot)
    app.window.go_to(3)
    coach = app.window.coach
    qtbot.waitUntil(lambda: coach.take_list.count() == 4, timeout=5000)
    texts = [coach.take_list.item(i).text() for i in range(4)]
    assert sum("Expired listing #1" in t for t in texts) == 1 and sum("Referral voicemail #1" in t for t in texts) == 1
    coach.compare_first_latest()  # the latest take is a Referral one: its first and latest, not a mix
    assert coach.compared == [seeded["takes"][1].id, seeded["takes"][3].id]
    coach.take_list.setCurrentRow(3)  # the oldest take, an Expired listing one
    coach.add_note(seeded["takes"][0].id, "Say the number.", 3.0)
    qtbot.waitUntil(lambda: "Expired listing #1" in coach.notes_label.text(), timeout=5000)
    qtbot.waitUntil(lambda: coach.notes_list.count() == 1 and "Say the number" in coach.notes_list.item(0).text(),
                    timeout=5000)
    coach.goals.setText("Dana's goal")
    sam = app.store_call(qtbot, lambda s: s.get_profile(seeded["sam"]).profile)
    coach.switch_rep(seeded["sam"], sam)
    assert coach.goals.text() == "" and coach.notes_list.count() == 0 and coach.notes_label.text() == "Notes"
    assert all(p.property("take_id") is None for p in coach.panels)
    qtbot.waitUntil(lambda: coach.take_list.count() == 1, timeout=5000)
    assert coach.takes[0].id == seeded["sam_take"].id


def test_a_note_added_on_practice_shows_on_its_waveform(qtbot: Any, make_app: Any) -> None:
    from tests.ui.test_ui_practice import record_take

    app = make_app()
    practice = app.window.practice
    record_take(qtbot, app, use_keyboard=False)
    qtbot.waitUntil(lambda: practice.session.processor.last_record is not None, timeout=5000)
    qtbot.waitUntil(lambda: bool(practice.report.waveform.peaks), timeout=5000)
    practice.add_note(practice.session.processor.last_record.id, "Slow down on the number", 1.5)
    qtbot.waitUntil(lambda: [m.start for m in practice.report.note_markers] == [1.5], timeout=5000)


def test_importing_audio_starts_in_documents(qtbot: Any, make_app: Any, monkeypatch: Any) -> None:
    from PySide6.QtWidgets import QFileDialog

    from voicecoach.ui.file_dialogs import documents_dir

    asked: list[str] = []

    def fake_open(_parent: Any, _title: str, start: str, _filters: str) -> tuple[str, str]:
        asked.append(start)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(fake_open))
    app = make_app()
    app.window.practice.choose_import()
    assert asked and asked[0].startswith(str(documents_dir()))
