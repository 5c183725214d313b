"""The Settings page's microphone section: the input device, and a test that shows the level live.

The test records through its own RecordingController (no recogniser) into a temporary file that is
deleted when it ends.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QWidget

from voicecoach.ui import words
from voicecoach.ui.context import AppContext
from voicecoach.ui.recording import RecordingController
from voicecoach.ui.text import device_label
from voicecoach.ui.widgets.level_meter import LevelMeter
from voicecoach.ui.workers import run_task

__all__ = ["MicrophoneSettings"]


class MicrophoneSettings(QGroupBox):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Microphone", parent)
        self.ctx = ctx
        self.devices: list[Any] = []
        self.tester = RecordingController(self)
        self._build()
        self.tester.level_changed.connect(self.meter.set_level)
        self.tester.state_changed.connect(self._on_tester_state)
        self.tester.error_occurred.connect(lambda t: self.device_status.setText(words.microphone_problem(t)))
        self.tester.take_finished.connect(lambda taken: Path(taken.result.path).unlink(missing_ok=True))

    def _build(self) -> None:
        ml = QFormLayout(self)
        row = QHBoxLayout()
        self.device_combo = QComboBox()
        self.device_combo.setMinimumWidth(320)
        self.device_combo.setAccessibleName("Input device")
        self.device_combo.activated.connect(self._on_device_chosen)
        row.addWidget(self.device_combo, 1)
        refresh = QPushButton("Refresh")
        refresh.clicked.connect(self.refresh_devices)
        row.addWidget(refresh)
        ml.addRow("Input device", row)
        mrow = QHBoxLayout()
        self.test_button = QPushButton("Test microphone")
        self.test_button.setCheckable(True)
        self.test_button.toggled.connect(self._on_test_toggled)
        mrow.addWidget(self.test_button)
        self.meter = LevelMeter()
        mrow.addWidget(self.meter, 1)
        ml.addRow("Level", mrow)
        self.device_status = QLabel("")
        self.device_status.setProperty("muted", True)
        self.device_status.setWordWrap(True)
        ml.addRow("", self.device_status)

    def refresh_devices(self) -> None:
        sd = self.ctx.adapters.sounddevice

        def job() -> list[Any]:
            from voicecoach.audio.devices import list_input_devices

            return list_input_devices(sd)

        run_task(job, self._on_devices_loaded, self._on_devices_failed)

    def _on_devices_loaded(self, devices: list[Any]) -> None:
        self.devices = list(devices)
        self.device_combo.clear()
        self.device_combo.addItem("System default", None)
        for d in self.devices:
            self.device_combo.addItem(device_label(d.name, d.is_default), d.name)
            self.device_combo.setItemData(self.device_combo.count() - 1, d.name, Qt.ItemDataRole.ToolTipRole)
        i = self.device_combo.findData(self.ctx.prefs.input_device)
        self.device_combo.setCurrentIndex(max(0, i))
        count = len(self.devices)
        self.device_status.setText(words.input_devices(count) if self.devices else words.NO_INPUT_DEVICE)

    def _on_devices_failed(self, exc: BaseException) -> None:
        self.device_combo.clear()
        self.device_combo.addItem("No microphone available", None)
        self.device_status.setText(str(exc))

    def _on_device_chosen(self, index: int) -> None:
        self.ctx.prefs.input_device = self.device_combo.itemData(index)

    def _on_test_toggled(self, on: bool) -> None:
        if on:
            out = Path(tempfile.gettempdir()) / "voicecoach-mic-test.wav"
            self.tester.start(out, device=self.ctx.prefs.input_device, sounddevice=self.ctx.adapters.sounddevice,
                              max_seconds=30.0)
        else:
            self.tester.stop()

    def _on_tester_state(self, state: str) -> None:
        self.test_button.blockSignals(True)
        self.test_button.setChecked(state in ("opening", "recording"))
        self.test_button.setText({"opening": "Starting microphone…", "recording": "Stop test"}.get(state,
                                                                                                  "Test microphone"))
        self.test_button.blockSignals(False)
        if state == "idle":
            self.meter.reset()
