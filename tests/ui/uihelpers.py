"""Helpers shared by the GUI tests: test data, a stand-in model, a recogniser that hears a known take."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from voicecoach.core.profile import Profile
from voicecoach.core.script import load_script
from voicecoach.core.transcript import Transcript

DATA = Path(__file__).resolve().parent.parent / "data"
RATE = 16000


def data_take(name: str) -> Transcript:
    return Transcript.from_json((DATA / "takes" / f"{name}.json").read_text(encoding="utf-8"))


def data_profile() -> Profile:
    return Profile.from_dict(json.loads((DATA / "profile.json").read_text(encoding="utf-8")))


class FakeModel:
    """Stands in for asr.recognizer.SpeechModel where only its presence matters."""

    sample_rate = RATE
    path = Path("fake-model")

    def knows(self, word: str) -> bool:
        return True


class ScriptedRecognizer:
    """Hears ``transcript``: a growing partial while audio is fed, the whole take on finish()."""

    def __init__(self, transcript: Transcript) -> None:
        self.transcript = transcript
        self.fed = 0
        self.blocks = 0

    def feed(self, pcm: bytes) -> str | None:
        self.fed += len(pcm)
        self.blocks += 1
        seconds = self.fed / 2 / RATE
        said = [w.word for w in self.transcript.words if w.end <= seconds * 4]  # "speaks" 4x faster
        return " ".join(said[-12:]) if said else None

    def finish(self) -> Transcript:
        return self.transcript


def speechlike(seconds: float = 3.0) -> np.ndarray:
    """A loud, varying tone: enough for the level meter; recognition comes from the scripted recogniser."""
    t = np.arange(int(seconds * RATE)) / RATE
    wave = 0.3 * np.sin(2 * np.pi * 220 * t) * (0.6 + 0.4 * np.sin(2 * np.pi * 3 * t))
    return (wave * 32767).astype(np.int16)


@dataclass
class UiApp:
    ctx: Any
    window: Any
    startup: Any
    sd: Any
    recognizers: list[ScriptedRecognizer]

    def store_call(self, qtbot: Any, fn: Callable[[Any], Any], timeout: int = 5000) -> Any:
        """Run fn(store) on the app's store thread and wait for the answer."""
        box: list[Any] = []
        self.ctx.store.call(fn, box.append, box.append)
        qtbot.waitUntil(lambda: bool(box), timeout=timeout)
        if isinstance(box[0], BaseException):
            raise box[0]
        return box[0]


def seed_store(profile: Profile | None = None, scripts: tuple[str, ...] = ("expired-listing",)) -> None:
    from voicecoach.storage.db import open_store

    store = open_store()
    try:
        if profile is not None:
            store.add_profile(profile)
        for name in scripts:
            s = load_script(DATA / "scripts" / f"{name}.txt")
            store.add_script(s.title or name, s.text, time_limit=s.time_limit, referral=s.referral)
    finally:
        store.close()


def adapters_whose_model_fails(exc: BaseException) -> Any:
    """The test adapters (a fake microphone), with a model search that raises ``exc``."""
    from tests.fakes import FakeSoundDevice
    from voicecoach.ui.context import Adapters

    def find_model(_explicit: Any) -> Path:
        raise exc

    return Adapters(sounddevice=FakeSoundDevice(speechlike(), speed=8.0), find_model=find_model,
                    load_model=lambda _p: FakeModel())
