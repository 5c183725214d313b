"""Fixtures for driving the real widgets: the app built with fakes only at the adapter boundaries.

Audio enters through ``FakeSoundDevice`` (the capture adapter's ``sounddevice=`` argument), recognition
through a small recogniser with ``feed``/``finish`` that "hears" a realistic take from tests/data; the
database, the analysis core and every widget are the real ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.fakes import FakeSoundDevice
from tests.ui.uihelpers import FakeModel, ScriptedRecognizer, UiApp, data_profile, data_take, seed_store, speechlike
from voicecoach.ui.context import Adapters


def _test_adapters(take: str, sd: Any, model: bool, recognizers: list[ScriptedRecognizer]) -> Adapters:
    """Fakes at the boundaries only: the microphone, a recogniser that hears ``take``, a stand-in model."""

    def make_recognizer(_model: Any) -> ScriptedRecognizer:
        rec = ScriptedRecognizer(data_take(take))
        recognizers.append(rec)
        return rec

    def find_model(_explicit: Any) -> Path:
        if not model:
            from voicecoach.asr.errors import ModelNotFoundError

            raise ModelNotFoundError("No speech model found (looked in the test folders).")
        return Path("fake-model")

    return Adapters(sounddevice=sd, make_recognizer=make_recognizer, find_model=find_model,
                    load_model=lambda _p: FakeModel())


def _started(qtbot: Any, app: UiApp, *, seed: bool, wait_model: bool) -> None:
    app.startup.start()
    if seed:
        qtbot.waitUntil(lambda: app.startup.is_ready, timeout=5000)
        qtbot.waitUntil(lambda: app.window.practice.current_script() is not None, timeout=5000)
    if wait_model:
        qtbot.waitUntil(lambda: app.ctx.model.ready, timeout=5000)


@pytest.fixture
def make_app(qtbot: Any) -> Iterator[Callable[..., UiApp]]:
    """Build the app; by default with a seeded rep and script, fake mic, scripted recogniser, fake model."""
    from voicecoach.ui import theme
    from voicecoach.ui.app import build
    from voicecoach.ui.workers import wait_for_background

    built: list[UiApp] = []

    def factory(*, take: str = "clean", sd: Any = None, model: bool = True, seed: bool = True,
                load_model: bool = True, adapters: Adapters | None = None, start: bool = True) -> UiApp:
        if seed:
            seed_store(data_profile())
        recognizers: list[ScriptedRecognizer] = []
        sd = sd if sd is not None else FakeSoundDevice(speechlike(), speed=8.0)
        adapters = adapters or _test_adapters(take, sd, model, recognizers)
        from PySide6.QtWidgets import QApplication

        theme.apply_theme(QApplication.instance(), dark=False)
        ctx, window, startup = build(adapters, load_model=load_model)
        qtbot.addWidget(window)
        window.show()
        app = UiApp(ctx, window, startup, sd, recognizers)
        built.append(app)
        if start:
            _started(qtbot, app, seed=seed, wait_model=load_model and model)
        return app

    yield factory
    for app in built:
        rec = app.window.practice.session.recorder
        if rec.recorder is not None:
            rec.recorder.stop()
        app.window.close()
        app.ctx.shutdown()
    wait_for_background(5000)
    _delete_windows([app.window for app in built])


def _delete_windows(windows: list[Any]) -> None:
    """Delete the test's windows now, so no timer of theirs (a script check 200 ms after typing) fires in a
    later test, on a closed window the garbage collector may free while it runs."""
    import gc

    from PySide6.QtCore import QCoreApplication, QEvent

    for window in windows:
        window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
