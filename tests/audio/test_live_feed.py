"""The live checklist fed from the capture side: on a thread of its own, its last state before the result."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from tests.fakes import FakeSoundDevice
from tests.live_takes import UtteranceRecognizer
from tests.ui.uihelpers import DATA, data_profile, data_take, speechlike
from voicecoach.audio.capture import Recorder
from voicecoach.audio.live_feed import LiveFeed
from voicecoach.core.judgement import judgement_for
from voicecoach.core.live import LiveChecklist
from voicecoach.core.script import load_script


def _checklist() -> LiveChecklist:
    script = load_script(DATA / "scripts" / "expired-listing.txt")
    return LiveChecklist(judgement_for(script=script, profile=data_profile(), prospect="John"))


def test_the_checklist_runs_beside_the_recogniser_and_its_last_state_comes_before_the_result(tmp_path: Path) -> None:
    take = data_take("clean")
    events: list[tuple[str, Any]] = []
    threads: set[str] = set()

    def on_state(state: Any, heard_at: float) -> None:
        threads.add(threading.current_thread().name)
        events.append(("state", state))

    feed = LiveFeed(_checklist(), on_state)
    rec = UtteranceRecognizer(take)
    sd = FakeSoundDevice(speechlike(29.0), speed=0)
    recorder = Recorder(tmp_path / "t.wav", sounddevice=sd, recognizer=rec, live=feed,
                        on_finished=lambda r: events.append(("finished", r)))
    recorder.start()
    assert sd.wait_played(20)
    recorder.stop()
    assert threads == {"voicecoach-live"}
    assert events[-1][0] == "finished"
    last = events[-2][1]
    assert [t.part for t in last.ticks] == ["name", "company", "number", "number_again"]
    assert [t.at for t in last.ticks] == sorted(t.at for t in last.ticks)
    # Closed utterances carry the recogniser's own times.
    assert last.tick("number").start == next(w.start for w in take.words if w.word == "four")


def test_a_failing_checklist_costs_nothing(tmp_path: Path) -> None:
    class Broken:
        def update(self, words: Any, seconds: float, *, steady: Any = ()) -> Any:
            raise RuntimeError("bug")

    feed = LiveFeed(Broken(), lambda s, t: None)
    sd = FakeSoundDevice(speechlike(3.0), speed=0)
    recorder = Recorder(tmp_path / "t.wav", sounddevice=sd, recognizer=UtteranceRecognizer(data_take("clean")),
                        live=feed)
    recorder.start()
    assert sd.wait_played(10)
    result = recorder.stop()
    assert result.error is None and result.transcript is not None
