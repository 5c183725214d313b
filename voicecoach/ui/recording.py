"""The microphone side of a take, bridged into Qt: the ``TakeSession``'s part that records.

The capture adapter calls back on its consumer thread; here each callback becomes a signal, which Qt
queues onto the GUI thread. Opening the stream runs on a worker, since PortAudio may take a moment (the
first block can arrive seconds after start). Stop waits for nothing: it ends the take on the spot, the
capture thread finishes the recognition, and the result comes back through the same bridge while the
stream closes on a thread of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEvent, QObject, QTimer, Signal

from voicecoach.ui import words
from voicecoach.ui.take_state import Captured, LiveTick
from voicecoach.ui.text import mic_problem
from voicecoach.ui.workers import run_task

__all__ = ["STOP_TIMEOUT_MS", "RecorderState", "RecordingController", "meters"]

#: How long a take may take to finish after Stop before the rep is told why it is slow (the recogniser is far
#: behind on a busy computer); the report still follows.
STOP_TIMEOUT_MS = 10_000


class RecorderState(StrEnum):
    """Where a take is: nothing happening, the microphone opening, recording, or the take being finished."""

    IDLE = "idle"
    OPENING = "opening"
    RECORDING = "recording"
    STOPPING = "stopping"


class RecordingController(QObject):
    state_changed = Signal(RecorderState)
    level_changed = Signal(float, float, bool)  # one block's rms and peak dBFS, and whether it clipped
    partial_changed = Signal(str)  # the open utterance's words so far
    utterance_closed = Signal(str)  # the recogniser closed an utterance: its words
    live_changed = Signal(LiveTick)
    audio_started = Signal()  # the first block arrived
    error_occurred = Signal(str)  # mid-take or on open; the audio so far is kept
    warning_occurred = Signal(str)  # clipping, silence: worth a word, not a stop
    take_finished = Signal(Captured)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = RecorderState.IDLE
        self.recorder: Any = None
        self._last_recorder: Any = None  # kept past delivery, so an exit can wait for its capture thread
        self.last_signals: Any = None  # SoundSignals of the last take, measured while it was recorded
        self.started_at: datetime | None = None
        self.elapsed = QElapsedTimer()
        self._stop_requested = False
        self._opened = False
        self._take = 0  # which take the bridge's signals belong to
        self._early_result: Any = None  # a take that ended before its opening was reported
        self.prepared: Any = None  # what ``then`` returned for the take ``take_finished`` just carried
        self.open_failed = False  # the last take's microphone did not open: no take, none will come
        self._stop_watch = QTimer(self)
        self._stop_watch.setSingleShot(True)
        self._stop_watch.setInterval(STOP_TIMEOUT_MS)
        self._stop_watch.timeout.connect(self._on_stop_watch_timeout)
        # Callbacks from the consumer thread arrive here through these queued signals.
        self._level_in = _Bridge(self)
        self._level_in.level.connect(self.level_changed)
        self._level_in.partial.connect(self.partial_changed)
        self._level_in.utterance.connect(self.utterance_closed)
        self._level_in.live.connect(self._on_bridge_live)
        self._level_in.started.connect(self._on_bridge_started)
        self._level_in.error.connect(self._on_bridge_error)
        self._level_in.warning.connect(self.warning_occurred)
        self._level_in.finished.connect(self._on_bridge_finished)

    def _set_state(self, state: RecorderState) -> None:
        self.state = state
        self.state_changed.emit(state)

    @property
    def busy(self) -> bool:
        return self.state != RecorderState.IDLE

    def seconds(self) -> float:
        return self.elapsed.elapsed() / 1000.0 if self.elapsed.isValid() else 0.0

    def start(self, out_path: Path, *, make_recognizer: Callable[[], Any] | None = None, device: Any = None,
              sounddevice: Any = None, sample_rate: int = 16000, max_seconds: float = 120.0,
              then: Callable[[Any, Any], Any] | None = None, live: Any = None) -> None:
        """Build the recogniser and open the stream on a worker; ``audio_started`` when sound flows.

        ``then(transcript, signals)``, if given, runs on the capture thread the moment the transcript is final,
        while the take's file is still closing (the practice view analyses the take there); what it returns
        is ``prepared`` when ``take_finished`` arrives, so the report needs no further trip through a worker.
        ``signals`` (also ``last_signals``) are the take's SoundSignals, measured during the take by a meter
        beside the recogniser (None when there was none).
        ``live`` (a ``core.live.LiveChecklist``), if given, is fed the words heard so far on a thread of the
        capture side (``audio.live_feed``); each state comes back as ``live_changed``.
        """
        if self.busy:
            return
        from voicecoach.audio.capture import Recorder

        bridge = self._level_in
        self._stop_requested = False
        self._opened = False
        self._early_result = None
        self.prepared = None
        self.open_failed = False
        self._take += 1
        take = self._take
        self.elapsed.invalidate()
        self.started_at = datetime.now(UTC)

        def on_level(level: Any) -> None:
            bridge.level.emit(level.rms_dbfs, level.peak_dbfs, level.clipped)

        def on_partial(text: str) -> None:
            bridge.partial.emit(str(text))

        def on_utterance(text: str) -> None:
            bridge.utterance.emit(str(text))

        def on_error(err: Any) -> None:
            bridge.error.emit(str(err))

        def job() -> Any:
            recognizer = None
            if make_recognizer is not None:
                try:
                    recognizer = make_recognizer()
                except Exception as exc:  # the take is still recorded and kept for later analysis
                    bridge.warning.emit(words.recognition_not_started(exc))
            companions = meters(sample_rate) if recognizer is not None else []
            feed = self._live_feed(live, take, companions)
            recorder = Recorder(out_path, sample_rate=sample_rate, device=device, recognizer=recognizer,
                                companions=companions,
                                on_level=on_level, on_partial=on_partial, on_utterance=on_utterance,
                                on_started=lambda *_: bridge.started.emit(),
                                on_error=on_error, on_warning=lambda text: bridge.warning.emit(str(text)),
                                on_finished=self._finisher(take), prepare=_first_signals(then),
                                max_seconds=max_seconds, sounddevice=sounddevice, live=feed)
            return _opened(recorder, feed)

        self._set_state(RecorderState.OPENING)
        run_task(job, self._on_opened, self._on_open_failed)

    def _live_feed(self, live: Any, take: int, companions: list[Any]) -> Any:
        """The live checklist's feed on the capture side (None without one): its states come back here; the
        sound meter's held stretches so far count the held "uhh"s."""
        if live is None:
            return None
        from voicecoach.audio.live_feed import LiveFeed

        bridge = self._level_in
        steady = next((getattr(c, "steady_so_far", None) for c in companions), None)
        return LiveFeed(live, lambda state, heard_at: bridge.live.emit(take, LiveTick(state, heard_at)),
                        steady=steady)

    def _finisher(self, take: int) -> Callable[[Any], None]:
        bridge = self._level_in

        def on_finished(result: Any) -> None:  # on the capture thread
            signals = next(iter(getattr(result, "companion_results", ()) or ()), None)
            bridge.finished.emit(take, Captured(result, getattr(result, "prepared", None), signals))

        return on_finished

    def _on_opened(self, recorder: Any) -> None:
        self.recorder = self._last_recorder = recorder
        self._opened = True
        if self._early_result is not None:
            result, self._early_result = self._early_result, None
            self._deliver(result)
        elif self._stop_requested:
            self.stop()

    def _on_open_failed(self, exc: BaseException) -> None:
        self.recorder = None
        self._early_result = None
        self.open_failed = True
        self._set_state(RecorderState.IDLE)
        self.error_occurred.emit(mic_problem(exc))

    def _on_bridge_started(self) -> None:
        if self.state == RecorderState.OPENING:
            self.elapsed.start()
            self._set_state(RecorderState.RECORDING)
            self.audio_started.emit()

    def _on_bridge_live(self, take: int, tick: LiveTick) -> None:
        if take == self._take:
            self.live_changed.emit(tick)

    def _on_bridge_error(self, text: str) -> None:
        self.error_occurred.emit(mic_problem(text))
        self.stop()

    def _on_bridge_finished(self, take: int, outcome: Captured) -> None:
        """The take's result, after Stop or because it ended by itself (length guard, device gone)."""
        if take != self._take or self.state == RecorderState.IDLE:
            return
        if not self._opened:  # it ended while start() was still returning: deliver once it has
            self._early_result = outcome
            return
        self._deliver(outcome)

    def _deliver(self, outcome: Captured) -> None:
        self.prepared, self.last_signals = outcome.report, outcome.signals
        self._stop_watch.stop()
        self.recorder = None
        self._set_state(RecorderState.IDLE)
        self.take_finished.emit(outcome)

    def stop(self) -> None:
        """End the take now; ``take_finished`` carries the result as soon as recognition has finished."""
        if self.state in (RecorderState.IDLE, RecorderState.STOPPING):
            return
        if not self._opened:  # still opening the stream: stop as soon as it is open
            self._stop_requested = True
            return
        # The capture thread first (it takes a lock and hands the stream to a closing thread: no waiting),
        # so the recogniser's last step is under way before anything here redraws for the new state.
        self.recorder.request_stop()
        self._set_state(RecorderState.STOPPING)
        self._stop_watch.start()

    def _on_stop_watch_timeout(self) -> None:
        # Only a recogniser far behind (a very busy computer) takes this long: the take is not abandoned,
        # its report still comes, and the rep is told why it is slow.
        if self.state == RecorderState.STOPPING:
            self.warning_occurred.emit(words.FINISHING_SLOWLY)

    def close(self, timeout: float = 3.0) -> None:
        """At exit: a take still recording ends; a take still finishing closes its file (and hands its result
        over, ``deliver_waiting``), and its stream closes."""
        import sys

        self.stop()
        # The last take (``recorder`` is it while it runs) may still be freeing its recognisers after
        # handing the result over.
        if self._last_recorder is not None:
            self._last_recorder.join(timeout)
        capture = sys.modules.get("voicecoach.audio.capture")
        if capture is not None:
            capture.wait_streams_closed(timeout)

    def deliver_waiting(self) -> None:
        """Deliver now what the capture thread has sent here (a finished take's result): at exit the event
        loop that would have delivered it has stopped."""
        QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall)
        QCoreApplication.sendPostedEvents(self._level_in, QEvent.Type.MetaCall)


def _opened(recorder: Any, feed: Any) -> Any:
    """Start the take; a microphone that does not open ends the live feed's thread too."""
    try:
        recorder.start()
    except BaseException:
        if feed is not None:
            feed.close()
        raise
    return recorder


def _first_signals(then: Callable[[Any, Any], Any] | None) -> Callable[[Any, tuple[Any, ...]], Any] | None:
    """The Recorder's ``prepare`` from ``then(transcript, signals)``: the meter is the first companion."""
    if then is None:
        return None
    return lambda transcript, extras: then(transcript, extras[0] if extras else None)


def meters(sample_rate: int) -> list[Any]:
    """A signal meter fed beside the recogniser (a capture companion): pitch and loudness are measured
    during the take, and its last half second is finished at the same time as the recogniser's final
    result, not after it. Imported lazily: pyworld is not needed to open the app. Without a meter the
    sound is measured from the take's file instead."""
    try:
        from voicecoach.acoustics import SignalMeter

        return [SignalMeter(sample_rate)]
    except Exception:
        return []


class _Bridge(QObject):
    level = Signal(float, float, bool)
    partial = Signal(str)
    utterance = Signal(str)
    live = Signal(int, LiveTick)  # take number, the live checklist's state
    started = Signal()
    error = Signal(str)
    warning = Signal(str)
    finished = Signal(int, Captured)  # take number, what capture handed over
