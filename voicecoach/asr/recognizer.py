"""Vosk behind a small, safe interface: load a model once, stream PCM in, get the take's result list out.

Loading is the risky part: Vosk reports a broken folder only as a bare `Exception`, prints its reasons to
the native stderr, and some defects (graph, ivector files) surface only when the first recogniser is
built. So `load_speech_model` validates the files first, captures Vosk's native messages while loading,
builds a throwaway recogniser, and turns every failure into a `ModelInvalidError` whose message says what
is wrong. A model folder is loaded once per process (about 0.5 GB and seconds for a large model) and
shared by every recogniser; each recogniser belongs to one thread.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from voicecoach.asr.errors import ModelError, ModelErrorKind, ModelInvalidError
from voicecoach.asr.model_files import validate_model_dir
from voicecoach.core.transcript import Transcript

DEFAULT_SAMPLE_RATE = 16000

_cache: dict[Path, SpeechModel] = {}
_cache_lock = threading.Lock()


class SpeechModel:
    """A loaded Vosk model; share one instance between all recognisers of the process."""

    def __init__(self, path: Path, vosk_model: Any, sample_rate: int = DEFAULT_SAMPLE_RATE) -> None:
        self.path = path
        self.sample_rate = sample_rate
        self._model = vosk_model

    @property
    def vosk_model(self) -> Any:
        return self._model

    def _vocab_form(self, word: str) -> str | None:
        """The spelling the model knows (as written, else lower- or upper-cased), or None when it has no such word.

        Transcripts lower-case every word, while some vocabularies hold upper-case tokens.
        """
        for form in dict.fromkeys((word, word.lower(), word.upper())):
            if form and self._model.vosk_model_find_word(form) >= 0:
                return form
        return None

    def knows(self, word: str) -> bool:
        """True when every word of `word` is in the model's vocabulary (so it can ever be recognised)."""
        parts = word.split()
        return bool(parts) and all(self._vocab_form(p) is not None for p in parts)

    def unknown_words(self, words: Iterable[str]) -> list[str]:
        return [w for w in words if not self.knows(w)]

    def __repr__(self) -> str:
        return f"SpeechModel({str(self.path)!r}, sample_rate={self.sample_rate})"


def _model_sample_rate(root: Path) -> int:
    try:
        text = (root / "conf" / "mfcc.conf").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return DEFAULT_SAMPLE_RATE
    match = re.search(r"--sample-frequency\s*=\s*(\d+)", text)
    return int(match.group(1)) if match else DEFAULT_SAMPLE_RATE


@contextlib.contextmanager
def _native_stderr_captured() -> Iterator[list[str]]:
    """Collect what native code writes to fd 2 (Vosk's C++ log) so it can go into our message instead.

    Lines that are not Vosk's are written back, so nothing else printed meanwhile is lost. Loads are
    serialised by the cache lock, so two captures never nest.
    """
    lines: list[str] = []
    try:
        saved = os.dup(2)
    except OSError:  # no stderr at all (a windowed app on Windows): nothing to capture or to protect
        yield lines
        return
    with tempfile.TemporaryFile() as tmp:
        os.dup2(tmp.fileno(), 2)
        try:
            yield lines
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            tmp.seek(0)
            lines.extend(tmp.read().decode("utf-8", errors="replace").splitlines())
            others = [line for line in lines if "(VoskAPI:" not in line]
            if others:
                os.write(2, ("\n".join(others) + "\n").encode())


def _vosk_reason(lines: list[str]) -> str:
    """The last error Vosk printed, without its source-location prefix."""
    for line in reversed(lines):
        if line.startswith(("ERROR", "ASSERTION_FAILED")):
            return re.sub(r"^\S+ \(VoskAPI:.*?:\d+\)\s*", "", line).strip()
    return ""


def _import_vosk() -> Any:
    try:
        import vosk
    except (ImportError, OSError) as exc:  # OSError: the bundled libvosk cannot be loaded
        raise ModelError(
            f"Speech recognition is unavailable: the vosk package cannot be loaded ({exc}). "
            "Reinstall VoiceCoach (./dev setup in a checkout).", kind=ModelErrorKind.UNAVAILABLE, remedies=()
        ) from None
    vosk.SetLogLevel(-1)
    return vosk


def _load_vosk_model(root: Path, sample_rate: int) -> Any:
    """vosk.Model plus a throwaway recogniser, as the only place that lets Vosk touch a model folder."""
    vosk = _import_vosk()
    stage = "model"
    with _native_stderr_captured() as log:
        try:
            model = vosk.Model(str(root))  # always a path: the other forms try to download
            stage = "recogniser"
            vosk.KaldiRecognizer(model, float(sample_rate))
            return model
        except Exception:
            pass
    reason = _vosk_reason(log) or "Vosk gave no reason"
    if stage == "model":
        what = "Vosk could not read the model in"
    else:
        what = "Vosk read the model, but cannot decode with it (graph or ivector files damaged or missing) in"
    raise ModelInvalidError(f"{what} {root}: {reason}.", path=root)


def load_speech_model(path: Path | str) -> SpeechModel:
    """Validate and load a model folder once per process; raises ModelError with a user-facing message."""
    root = validate_model_dir(path)
    key = root.resolve()
    with _cache_lock:
        cached = _cache.get(key)
        if cached is None:
            sample_rate = _model_sample_rate(root)
            cached = SpeechModel(root, _load_vosk_model(root, sample_rate), sample_rate)
            _cache[key] = cached
        return cached


class StreamingRecognizer:
    """Feed 16-bit mono PCM as it arrives; collect Vosk's result list; `finish()` gives the Transcript.

    `grammar` restricts recognition to the given words/phrases; words the model does not know are left out
    (listed in `.ignored_words`) rather than letting Vosk warn on stderr. `partials=False` skips the
    partial-result query after each block, which a file transcription does not need.
    """

    def __init__(
        self,
        model: SpeechModel,
        sample_rate: int = DEFAULT_SAMPLE_RATE,
        grammar: Sequence[str] | None = None,
        *,
        partials: bool = True,
    ) -> None:
        vosk = _import_vosk()
        if sample_rate <= 0:
            raise ValueError(f"sample rate must be positive, got {sample_rate}")
        self.model = model
        self.sample_rate = sample_rate
        self.results: list[dict[str, Any]] = []
        self.ignored_words: list[str] = []
        self.grammar: list[str] | None = None
        self._partials = partials
        self._partial = ""
        self._carry = b""
        self._finished = False
        if grammar is not None:
            self.grammar = self._build_grammar(grammar)
            self._rec = vosk.KaldiRecognizer(
                model.vosk_model, float(sample_rate), json.dumps(self.grammar, ensure_ascii=False)
            )
        else:
            self._rec = vosk.KaldiRecognizer(model.vosk_model, float(sample_rate))
        self._rec.SetWords(True)

    def _build_grammar(self, phrases: Sequence[str]) -> list[str]:
        kept: list[str] = []
        for phrase in phrases:
            words = []
            for word in str(phrase).split():
                form = self.model._vocab_form(word)
                if form is None:
                    if word not in self.ignored_words:
                        self.ignored_words.append(word)
                else:
                    words.append(form)
            if words and " ".join(words) not in kept:
                kept.append(" ".join(words))
        if not kept:
            raise ValueError("none of the grammar words are in the speech model's vocabulary")
        if self.model._vocab_form("[unk]") is not None:
            kept.append("[unk]")
        return kept

    @property
    def partial_text(self) -> str:
        return self._partial

    @property
    def text(self) -> str:
        """Everything recognised so far, final results then the current partial (for live display)."""
        done = [r.get("text", "") for r in self.results]
        return " ".join(t for t in [*done, self._partial] if t)

    def feed(self, pcm: bytes) -> str | None:
        """Recognise one block; returns the new partial text when it changed, else None."""
        if self._finished:
            raise RuntimeError("this recogniser has finished; make a new one for the next take")
        data = self._carry + bytes(pcm)
        if len(data) % 2:
            data, self._carry = data[:-1], data[-1:]
        else:
            self._carry = b""
        if not data:
            return None
        if self._rec.AcceptWaveform(data):
            self.results.append(json.loads(self._rec.Result()))
            new = ""
        elif self._partials:
            new = json.loads(self._rec.PartialResult()).get("partial", "")
        else:
            return None
        if new == self._partial:
            return None
        self._partial = new
        return new

    def finish(self) -> Transcript:
        """Flush the decoder and return the whole take; the result list is also left in `.results`."""
        if not self._finished:
            self._finished = True
            self._carry = b""
            self.results.append(json.loads(self._rec.FinalResult()))
            self._partial = ""
        return Transcript.from_vosk(self.results)


__all__ = ["DEFAULT_SAMPLE_RATE", "SpeechModel", "StreamingRecognizer", "load_speech_model"]
