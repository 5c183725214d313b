"""Recording a take: microphone -> queue -> one consumer thread -> WAV file + recogniser.

The PortAudio callback runs on a real-time audio thread, so it does nothing but put the bytes (and the
moment they arrived) on a queue. One consumer thread owns everything slow: it writes the take's file
incrementally (a crash keeps the audio), feeds the streaming recogniser as the rep speaks (so the
transcript is ready the instant they stop), measures levels, and reports through the callbacks. The
callbacks therefore run on the consumer thread: never on the audio thread, never on the GUI thread.

A take ends in one of three ways, named in ``TakeResult.stopped_by``: ``"user"`` (``stop()``),
``"max_length"`` (the guard, 120 s by default) or ``"device_error"`` (the stream failed, the device went
away, or blocks stopped arriving). The audio recorded so far is kept in every case.

The end of a take is decided the moment it is asked for (``request_stop()``): a gate closes on the audio
callback, so the take holds exactly the blocks delivered before that moment, and the consumer finishes
them at once. Closing the PortAudio stream can take from a few to hundreds of milliseconds (PulseAudio
drains and tears down), and nothing in the take needs it, so it happens on a thread of its own while the
recogniser produces its final result; the next ``start()`` waits for it, since PortAudio does not like
streams opened while another one is still closing.

``prepare(transcript, companion_results)``, if given, runs on the consumer thread as soon as the
recogniser and the companions have finished, while the file is still being closed (its header written and
synced); what it returns is ``TakeResult.prepared``. The GUI analyses the take there, so the report is
ready by the time the file is.

``companions`` are other consumers of the same audio with the recogniser's ``feed()``/``finish()``
shape (a second, constrained decode; signals computed from the sound): each is fed every block on a thread
of its own, so its work runs beside the recogniser's (on the other core) rather than after it, and at the
end they all finish at the same time as the recogniser: the wait after Stop is the slowest one's tail,
not the sum.

``live``, if given, is told the words heard so far each time the recogniser changes them: the closed
utterances' words with their times and the open utterance's words, each timed by when it first appeared
in the partials (``audio.live_feed.LiveFeed`` checks them on a thread of its own for the live checklist).
At the end it checks the last words while the recogniser finishes, and its last state is out before
``on_finished`` is called.
"""

from __future__ import annotations

import contextlib
import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from voicecoach.audio.companions import Companion, CompanionFeed
from voicecoach.audio.devices import (
    AudioErrorKind,
    AudioUnavailableError,
    load_sounddevice,
    portaudio_problem,
    resolve_input_device,
)
from voicecoach.audio.levels import NOT_HEARD, Level, LevelStats, level_of
from voicecoach.audio.stream_closing import close_aside, shut, wait_streams_closed
from voicecoach.audio.wav_writer import IncrementalWavWriter
from voicecoach.core.live import stamp_partial, words_heard
from voicecoach.core.transcript import Transcript, Word
from voicecoach.native_stderr import quiet_native_stderr

DEVICE_LOST = "the microphone stopped working during the take (unplugged or the sound system stopped)"
DEVICE_STALLED = "the microphone stopped sending sound for {seconds:.0f} s"
NEVER_STARTED = "the microphone did not start within {seconds:.0f} s"
DROPPED = "the computer could not keep up: bits of audio were lost {n} time(s) during the take"
#: Seconds of silence at the start of a take after which ``on_warning(NOT_HEARD)`` fires once.
SILENT_START_SECONDS = 3.0


class LiveListener(Protocol):
    """Told the words heard so far whenever they change (``audio.live_feed.LiveFeed``)."""

    def hear(self, closed: Sequence[Word], open_words: Sequence[Word], seconds: float) -> None: ...

    def close(self) -> None: ...

    def join(self, timeout: float | None = None) -> None: ...


class StreamingRecognizer(Protocol):
    def feed(self, pcm: bytes) -> str | None: ...

    def finish(self) -> Transcript: ...


@dataclass(frozen=True, slots=True)
class TakeResult:
    path: Path
    seconds: float
    transcript: Transcript | None
    error: str | None = None
    stopped_by: str = "user"  # "user" | "max_length" | "device_error"
    warnings: tuple[str, ...] = ()
    sample_rate: int = 16000
    #: One entry per companion, in the order given: what its ``finish()`` returned, or None if it failed.
    companion_results: tuple[Any, ...] = ()
    #: What ``prepare`` returned (None without one, or if it failed).
    prepared: Any = None


@dataclass
class _Timing:
    """Block-arrival-to-recogniser delays, kept for the benchmark and diagnostics."""

    latencies: list[float] = field(default_factory=list)
    first_block_after: float | None = None


_STOP = object()
_STREAM_FINISHED = object()

class Recorder:
    """One take. ``start()`` opens the microphone (raising AudioUnavailableError with a user-facing
    message when it can't); ``stop()`` ends the take and returns its TakeResult. Not reusable."""

    def __init__(
        self,
        out_path: Path | str,
        *,
        sample_rate: int = 16000,
        device: int | str | None = None,
        recognizer: StreamingRecognizer | None = None,
        on_level: Callable[[Level], None] | None = None,
        on_partial: Callable[[str], None] | None = None,
        on_utterance: Callable[[str], None] | None = None,
        on_started: Callable[[], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        on_warning: Callable[[str], None] | None = None,
        on_finished: Callable[[TakeResult], None] | None = None,
        max_seconds: float = 120.0,
        sounddevice: Any = None,
        block_seconds: float = 0.1,
        start_timeout: float = 5.0,
        stall_timeout: float = 2.0,
        companions: Sequence[Companion] = (),
        prepare: Callable[[Transcript | None, tuple[Any, ...]], Any] | None = None,
        live: LiveListener | None = None,
    ) -> None:
        self.out_path = Path(out_path)
        self.sample_rate = int(sample_rate)
        self.device = device
        self.recognizer = recognizer
        self.companions = tuple(companions)
        self.prepare, self.live = prepare, live  # ``live``: told the words heard so far at each change
        self.on_level = on_level
        self.on_partial = on_partial
        self.on_utterance = on_utterance  # an utterance the recogniser closed: its words, for the live view
        self.on_started = on_started
        self.on_error = on_error
        self.on_warning = on_warning
        self.on_finished = on_finished
        self.max_seconds = max_seconds
        self._sd_arg = sounddevice
        self.block_seconds = block_seconds
        self.start_timeout = start_timeout
        self.stall_timeout = stall_timeout
        self.timing = _Timing()
        self.overflows = 0  # blocks PortAudio flagged: audio was dropped before it reached us
        self.stats = LevelStats()
        self.device_rate = self.sample_rate
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._stream: Any = None
        self._writer: IncrementalWavWriter | None = None
        self._thread: threading.Thread | None = None
        self._resampler: Any = None
        self._result: TakeResult | None = None
        self._done = threading.Event()
        self._stopping = threading.Event()
        self._stream_lock = threading.Lock()
        self._init_ending()
        self._started = threading.Event()
        self._start_time = 0.0
        self._stop_reason = "user"
        self._error: str | None = None
        self._transcript_error: str | None = None

    def _init_ending(self) -> None:
        """What deciding, and finishing, the take's end needs."""
        self._stream_closed = threading.Event()
        # Held by the audio callback while it enqueues: once closed, no later block enters the take.
        self._gate = threading.Lock()
        self._gate_closed = False
        self._feeds: list[CompanionFeed] = []  # started with the consumer thread
        self._closed_path: Path | None = None
        self._heard = ""  # the open utterance's latest partial text
        self._closed_words: list[Word] = []  # for the live listener: words of the closed utterances,
        self._open_words: list[Word] = []  # and of the open one
        self._last_block = 0.0  # when the consumer last took a block (the stall watchdog)
        self._silent_warned = False

    # -- state ------------------------------------------------------------------------------------------
    @property
    def started(self) -> bool:
        """True once the first block of audio has arrived (the microphone is really running)."""
        return self._started.is_set()

    @property
    def finished(self) -> bool:
        return self._done.is_set()

    @property
    def seconds(self) -> float:
        return self._writer.seconds if self._writer is not None else 0.0

    def wait_started(self, timeout: float | None = None) -> bool:
        return self._started.wait(timeout)

    def wait_finished(self, timeout: float | None = None) -> bool:
        return self._done.wait(timeout)

    @property
    def backlog_seconds(self) -> float:
        """Audio received but not yet written and recognised: about 0 while the recogniser keeps up, which
        is what makes the result ready as soon as Stop is pressed."""
        return self._queue.qsize() * self.block_seconds

    @property
    def stream_closed(self) -> bool:
        """True once the PortAudio stream is closed (it may still be closing after the take finished)."""
        return self._stream_closed.is_set()

    def wait_stream_closed(self, timeout: float | None = None) -> bool:
        return self._stream_closed.wait(timeout)

    # -- start ------------------------------------------------------------------------------------------
    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("a Recorder records one take; make a new one")
        wait_streams_closed()
        sd = load_sounddevice(self._sd_arg)
        pa_error = getattr(sd, "PortAudioError", OSError)
        dev = resolve_input_device(self.device, sd)
        self.device_rate = self._pick_rate(sd, dev.index, dev.default_samplerate, pa_error)
        if self.device_rate != self.sample_rate:
            import soxr

            self._resampler = soxr.ResampleStream(self.device_rate, self.sample_rate, 1, dtype="int16")
        try:
            with quiet_native_stderr():  # ALSA/JACK print their probing while a stream opens
                self._stream = self._open_stream(sd, dev.index)
        except pa_error as exc:
            raise portaudio_problem(exc) from None
        try:
            self._writer = IncrementalWavWriter(self.out_path, self.sample_rate)
        except OSError as exc:
            self._close_stream()
            raise AudioUnavailableError(f"cannot write the take to {self.out_path}: {exc.strerror or exc}",
                                        AudioErrorKind.WRITE_FAILED, remedies=()) from None
        self._start_time = time.monotonic()
        self._thread = threading.Thread(target=self._consume, name="voicecoach-capture", daemon=True)
        self._thread.start()
        try:
            with quiet_native_stderr():
                self._stream.start()
        except pa_error as exc:
            problem = portaudio_problem(exc)
            self._fail(str(problem))
            self._end_capture()
            self._thread.join()
            if self._result is not None and self._result.seconds == 0:
                self._result.path.unlink(missing_ok=True)  # nothing was recorded: leave no empty take
            raise AudioUnavailableError(self._error or str(problem), problem.kind) from None

    def _open_stream(self, sd: Any, index: int) -> Any:
        return sd.RawInputStream(
            samplerate=self.device_rate,
            blocksize=max(1, int(self.device_rate * self.block_seconds)),
            device=index,
            channels=1,
            dtype="int16",
            callback=self._audio_callback,
            finished_callback=self._stream_finished,
        )

    def _pick_rate(self, sd: Any, index: int, native: float, pa_error: type[BaseException]) -> int:
        """The requested rate when the device takes it; else the device's native rate (resampled later)."""
        check = getattr(sd, "check_input_settings", None)
        if check is None:
            return self.sample_rate
        try:
            check(device=index, channels=1, dtype="int16", samplerate=self.sample_rate)
            return self.sample_rate
        except pa_error as exc:
            if native and int(native) != self.sample_rate:
                try:
                    check(device=index, channels=1, dtype="int16", samplerate=int(native))
                    return int(native)
                except pa_error:
                    pass
            raise portaudio_problem(exc) from None

    # -- the audio thread: enqueue only ----------------------------------------------------------------
    def _audio_callback(self, indata: Any, frames: int, time_info: Any, status: Any) -> None:
        with self._gate:
            if not self._gate_closed:
                self._queue.put((bytes(indata), time.monotonic(), bool(status)))

    def _stream_finished(self) -> None:
        self._queue.put(_STREAM_FINISHED)

    # -- the consumer thread ---------------------------------------------------------------------------
    def _consume(self) -> None:
        self._feeds = [CompanionFeed(c, i) for i, c in enumerate(self.companions)]
        try:
            self._loop()
        except Exception as exc:  # a bug or an unexpected driver failure must still end the take cleanly
            self._fail(f"recording failed: {exc}")
        self._finish()

    def _loop(self) -> None:
        self._last_block = time.monotonic()
        self._silent_warned = False
        while True:
            try:
                item = self._queue.get(timeout=0.2)
            except queue.Empty:
                if self._watchdog_fired():
                    break
                continue
            if item is _STOP:
                break
            if item is _STREAM_FINISHED:
                if self._stopping.is_set():
                    continue
                self._fail(DEVICE_LOST)
                break
            if self._take_block(*item):
                break

    def _watchdog_fired(self) -> bool:
        """No block for a while: a microphone that never started, or one that stopped sending."""
        now = time.monotonic()
        if self._stopping.is_set():
            return False
        if not self.started and now - self._start_time > self.start_timeout:
            self._fail(NEVER_STARTED.format(seconds=self.start_timeout))
            return True
        if self.started and now - self._last_block > self.stall_timeout:
            self._fail(DEVICE_STALLED.format(seconds=self.stall_timeout))
            return True
        return False

    def _take_block(self, data: bytes, arrived: float, overflowed: bool) -> bool:
        """One block from the microphone; True when it ends the take."""
        self.overflows += overflowed
        self._last_block = time.monotonic()
        if not self.started:
            self.timing.first_block_after = arrived - self._start_time
            self._started.set()
            self._call(self.on_started)
        if self._resampler is not None:
            data = self._resampler.resample_chunk(_as_int16(data)).tobytes()
        if self._handle_block(data, arrived):
            return True
        if not self._silent_warned and self.stats.all_silent and self.seconds >= SILENT_START_SECONDS:
            self._silent_warned = True
            self._call(self.on_warning, NOT_HEARD)
        return False

    def _handle_block(self, data: bytes, arrived: float) -> bool:
        """Write, recognise, measure one block; True when the max-length guard ends the take."""
        assert self._writer is not None
        limit = int(self.max_seconds * self.sample_rate) * 2 - self._writer.data_bytes
        hit_limit = len(data) >= limit
        if hit_limit:
            data = data[: max(0, limit)]
        if data:
            try:
                self._writer.write(data)
            except OSError as exc:
                self._fail(f"the take could not be written ({exc.strerror or exc}); the audio before that is kept")
                return True
            if self.recognizer is not None and self._transcript_error is None:
                self.timing.latencies.append(time.monotonic() - arrived)
                try:
                    partial = self.recognizer.feed(data)
                except Exception as exc:  # the recogniser failing must not lose the audio
                    self._transcript_error = f"speech recognition failed: {exc}"
                    partial = None
                self._hear(partial)
            self._feed_companions(data)
            level = level_of(data)
            self.stats.add(level)
            self._call(self.on_level, level)
        if hit_limit:
            self._stop_reason = "max_length"
        return hit_limit

    def _hear(self, partial: str | None) -> None:
        """A new partial goes to ``on_partial``; "" means the recogniser closed the utterance (its words go
        to ``on_utterance``), so nobody has to guess utterance ends by comparing word lists."""
        if partial:
            self._heard = partial
            self._call(self.on_partial, partial)
        elif partial == "" and self._heard:
            closed, self._heard = self._heard, ""
            self._call(self.on_utterance, closed)
        else:
            return
        if self.live is not None:
            self._tell_live(partial)

    def _tell_live(self, partial: str) -> None:
        """The words so far to the live listener: the closed utterances' with the recogniser's times (its last
        result), the open one's timed by when each word first appeared in the partials."""
        begin = self._closed_words[-1].end if self._closed_words else 0.0
        if partial:
            self._open_words = stamp_partial(self._open_words, partial, self.seconds, begin)
        else:
            said = " ".join(w.word for w in self._open_words)
            self._closed_words += _closed_words(self.recognizer, said, self._closed_words, self.seconds)
            self._open_words = []
        if self.live is not None:
            self._call(self.live.hear, tuple(self._closed_words), tuple(self._open_words), self.seconds)

    def _feed_companions(self, data: bytes) -> None:
        for feed in self._feeds:
            feed.feed(data)

    def _fail(self, message: str) -> None:
        if self._error is None:
            self._error = message
            self._stop_reason = "device_error"
            self._call(self.on_error, message)

    def _call(self, fn: Callable[..., None] | None, *args: Any) -> None:
        if fn is None:
            return
        with contextlib.suppress(Exception):  # a broken listener must not kill the take
            fn(*args)

    def _finish(self) -> None:
        # The queue holds nothing of this take any more: a user's stop was the last item (the gate closed
        # behind it); a take that ended by itself stops taking blocks here.
        self._end_capture()
        if self._resampler is not None and self._stop_reason != "max_length":
            import numpy as np

            tail = self._resampler.resample_chunk(np.zeros(0, dtype=np.int16), last=True).tobytes()
            self._handle_block(tail, time.monotonic())
        assert self._writer is not None
        seconds = self._writer.seconds
        closing = threading.Thread(target=self._close_writer, name="voicecoach-take-close", daemon=True)
        closing.start()
        transcript = self._finish_decoders()
        extras = tuple(feed.result for feed in self._feeds)
        prepared = None
        if self.prepare is not None:
            with contextlib.suppress(Exception):  # whoever asked does the work again later
                prepared = self.prepare(transcript, extras)
        closing.join()
        error = self._error or self._transcript_error
        self._result = TakeResult(
            path=self._closed_path or self._writer.part_path,
            seconds=seconds,
            transcript=transcript,
            error=error,
            stopped_by=self._stop_reason,
            warnings=self.stats.warnings() + ((DROPPED.format(n=self.overflows),) if self.overflows else ()),
            sample_rate=self.sample_rate,
            companion_results=extras,
            prepared=prepared,
        )
        self._done.set()
        self._call(self.on_finished, self._result)
        self._release_decoders()

    def _release_decoders(self) -> None:
        """Let the recogniser and the companions go here, on the capture thread, once the result is handed
        over: freeing a Vosk recogniser takes about 50 ms, which would otherwise fall on whoever drops the
        last reference to the Recorder, the GUI thread on its way to showing the report."""
        self.recognizer = None
        self.companions = ()
        self.prepare = None
        self.live = None
        self._feeds = []

    def _finish_decoders(self) -> Transcript | None:
        """The recogniser's final result here while each companion finishes on its own thread (C code, the
        GIL released), and the file closes on another: the take is done when the slowest of them is, not
        after the sum of them."""
        for feed in self._feeds:
            feed.close()
        if self.live is not None:
            self._call(self.live.close)
        transcript = None
        if self.recognizer is not None:
            try:
                transcript = self.recognizer.finish()
            except Exception as exc:
                self._transcript_error = self._transcript_error or f"speech recognition failed: {exc}"
        for feed in self._feeds:
            feed.join()
        if self.live is not None:  # its last state goes out before the take's result does
            self._call(self.live.join, 1.0)
        return transcript

    def _close_writer(self) -> None:
        assert self._writer is not None
        try:
            self._closed_path = self._writer.close()
        except OSError as exc:
            self._error = self._error or f"the take could not be saved: {exc.strerror or exc}"

    def _end_capture(self) -> None:
        """Decide the take's end now: no block delivered from here on belongs to it, the consumer is told
        after the last one that does, and the stream is closed aside. Safe to call more than once."""
        with self._gate:
            if self._gate_closed:
                return
            self._gate_closed = True
            self._stopping.set()
            self._queue.put(_STOP)
        self._close_stream_aside()

    def _close_stream_aside(self) -> None:
        with self._stream_lock:
            stream, self._stream = self._stream, None
        if stream is None:
            self._stream_closed.set()
            return
        close_aside(stream, self._stream_closed.set)

    def _close_stream(self) -> None:
        """Close the stream here and now (start-up failures, before any take exists)."""
        with self._stream_lock:
            stream, self._stream = self._stream, None
        if stream is not None:
            shut(stream, self._stream_closed.set)

    # -- stop -------------------------------------------------------------------------------------------
    def request_stop(self) -> None:
        """End the take now without waiting for anything: ``on_finished`` brings the result.

        What the microphone delivered up to this call is the take; the recogniser finishes it at once,
        and the stream closes on its own thread meanwhile.
        """
        if self._thread is None:
            raise RuntimeError("the take was never started")
        self._end_capture()

    def join(self, timeout: float | None = None) -> bool:
        """Wait until the capture thread has ended: the result handed over and the decoders freed (an app
        about to exit must not leave a thread inside a recogniser's C code). False if it is still running."""
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def stop(self, timeout: float = 10.0) -> TakeResult:
        """End the take (if it has not ended by itself) and return its result, the stream closed too."""
        self.request_stop()
        assert self._thread is not None
        self._thread.join(timeout)
        if self._result is None:
            raise AudioUnavailableError(
                "the recording did not stop in time; the audio so far is in "
                + str(self._writer.part_path if self._writer else self.out_path)
            )
        self._stream_closed.wait(timeout)
        return self._result


def _closed_words(recognizer: Any, text: str, before: Sequence[Word], seconds: float) -> list[Word]:
    """The words of the utterance the recogniser just closed, with its times (its last result); from the
    text, spread up to now, for a recogniser that keeps no results."""
    results = getattr(recognizer, "results", None)
    if results:
        with contextlib.suppress(Exception):
            words = Transcript.from_vosk([results[-1]]).words
            if words:
                return list(words)
    return words_heard(before, text, seconds)[len(before) :]


def _as_int16(data: bytes) -> Any:
    import numpy as np

    return np.frombuffer(data, dtype=np.int16)


__all__ = ["Companion", "LiveListener", "Recorder", "StreamingRecognizer", "TakeResult", "wait_streams_closed"]
