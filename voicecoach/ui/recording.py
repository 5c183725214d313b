"""The microphone side of a take, bridged into Qt.

The capture adapter calls back on its consumer thread; here each callback becomes a signal, which Qt
queues onto the GUI thread. Opening and closing the stream run on a worker too, since PortAudio may take
a moment (the first block can arrive seconds after start).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QElapsedTimer, QObject, Signal

from voicecoach.ui.workers import run_task


class RecordingController(QObject):
    state_changed = Signal(str)  # idle / opening / recording / stopping
    level_changed = Signal(float, float, bool)  # rms dBFS, peak dBFS, clipped
    partial_changed = Signal(str)
    audio_started = Signal()  # the first block arrived
    error_occurred = Signal(str)  # mid-take or on open; the audio so far is kept
    warning_occurred = Signal(str)  # clipping, silence: worth a word, not a stop
    take_finished = Signal(object)  # TakeResult

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = "idle"
        self.recorder: Any = None
        self.started_at: datetime | None = None
        self.elapsed = QElapsedTimer()
        self._stop_requested = False
        self._opened = False
        # Callbacks from the consumer thread arrive here through these queued signals.
        self._level_in = _Bridge(self)
        self._level_in.level.connect(self.level_changed)
        self._level_in.partial.connect(self.partial_changed)
        self._level_in.started.connect(self._on_bridge_started)
        self._level_in.error.connect(self._on_bridge_error)
        self._level_in.warning.connect(self.warning_occurred)
        self._level_in.finished.connect(self._on_bridge_finished)

    def _set_state(self, state: str) -> None:
        self.state = state
        self.state_changed.emit(state)

    @property
    def busy(self) -> bool:
        return self.state != "idle"

    def seconds(self) -> float:
        return self.elapsed.elapsed() / 1000.0 if self.elapsed.isValid() else 0.0

    def start(self, out_path: Path, *, make_recognizer: Callable[[], Any] | None = None, device: Any = None,
              sounddevice: Any = None, sample_rate: int = 16000, max_seconds: float = 120.0) -> None:
        """Build the recogniser and open the stream on a worker; ``audio_started`` when sound flows."""
        if self.busy:
            return
        from voicecoach.audio.capture import Recorder

        bridge = self._level_in
        self._stop_requested = False
        self._opened = False
        self.elapsed.invalidate()
        self.started_at = datetime.now(UTC)

        def on_level(level: Any) -> None:
            bridge.level.emit(float(level.rms_dbfs), float(level.peak_dbfs), bool(level.clipped))

        def on_partial(text: str) -> None:
            bridge.partial.emit(str(text))

        def on_error(err: Any) -> None:
            bridge.error.emit(str(err))

        def job() -> Any:
            recognizer = None
            if make_recognizer is not None:
                try:
                    recognizer = make_recognizer()
                except Exception as exc:  # the take is still recorded and kept for later analysis
                    bridge.warning.emit(f"Speech recognition could not start ({exc}); the take is kept.")
            recorder = Recorder(out_path, sample_rate=sample_rate, device=device, recognizer=recognizer,
                                on_level=on_level, on_partial=on_partial,
                                on_started=lambda *_: bridge.started.emit(),
                                on_error=on_error, on_warning=lambda text: bridge.warning.emit(str(text)),
                                on_finished=lambda _result: bridge.finished.emit(),
                                max_seconds=max_seconds, sounddevice=sounddevice)
            recorder.start()
            return recorder

        self._set_state("opening")
        run_task(job, self._on_opened, self._on_open_failed)

    def _on_opened(self, recorder: Any) -> None:
        self.recorder = recorder
        self._opened = True
        if self._stop_requested:
            self.stop()

    def _on_open_failed(self, exc: BaseException) -> None:
        self.recorder = None
        self._set_state("idle")
        self.error_occurred.emit(str(exc) or type(exc).__name__)

    def _on_bridge_started(self) -> None:
        if self.state == "opening":
            self.elapsed.start()
            self._set_state("recording")
            self.audio_started.emit()

    def _on_bridge_error(self, text: str) -> None:
        self.error_occurred.emit(text)
        self.stop()

    def _on_bridge_finished(self) -> None:
        # The take ended by itself (length guard, device gone): collect its result.
        if self.state in ("opening", "recording"):
            self.stop()

    def stop(self) -> None:
        """Close the stream and finish recognition on a worker; ``take_finished`` carries the result."""
        if self.state in ("idle", "stopping"):
            return
        if not self._opened:  # still opening the stream: stop as soon as it is open
            self._stop_requested = True
            return
        recorder = self.recorder
        self._set_state("stopping")
        run_task(recorder.stop, self._on_stopped, self._on_stop_failed)

    def _on_stopped(self, result: Any) -> None:
        self.recorder = None
        self._set_state("idle")
        self.take_finished.emit(result)

    def _on_stop_failed(self, exc: BaseException) -> None:
        self.recorder = None
        self._set_state("idle")
        self.error_occurred.emit(f"Stopping the recording failed: {exc}")


class _Bridge(QObject):
    level = Signal(float, float, bool)
    partial = Signal(str)
    started = Signal()
    error = Signal(str)
    warning = Signal(str)
    finished = Signal()
