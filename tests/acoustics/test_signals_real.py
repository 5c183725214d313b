"""The sound checks on real synthesised audio: flat versus varied speech (espeak-ng SSML prosody ranges),
held "uhh"/"umm" vowels put into takes (recall and false alarms printed), and sox for gain, clipping and
a quiet last sentence; read from files as imported audio is."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from tests.sound_takes import RATE, VOICEMAIL, build_take, have_tools, speak_ssml
from voicecoach.acoustics import measure
from voicecoach.asr.sound_file import measure_file
from voicecoach.core import codes
from voicecoach.core.filled_pauses import find_filled_pauses
from voicecoach.core.profile import Profile
from voicecoach.core.report import analyze
from voicecoach.core.settings import Settings
from voicecoach.core.transcript import Transcript, Word

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not have_tools(), reason="espeak-ng is not installed")]
PROFILE = Profile("Sam Park", "Northwind Realty", "+1 415 555 0142")
TAKES = 10  # seeds; each gives a take with 3 held fillers and a clean one (about 30 s each)


def _spanning_words(seconds: float) -> Transcript:
    """Stand-in words over the whole utterance (the pitch checks look at the voice, not the words)."""
    n = int(seconds / 0.4)
    return Transcript.from_words([Word(f"w{i}", 0.3 + i * 0.4, 0.3 + i * 0.4 + 0.35, 1.0) for i in range(n - 1)])


@pytest.mark.parametrize(("prosody", "monotone"), [("x-low", True), ("x-high", False), ("medium", False)])
def test_flat_speech_is_monotone_and_varied_speech_is_not(prosody: str, monotone: bool) -> None:
    text = " ".join(VOICEMAIL)
    x = speak_ssml(f'<speak><prosody range="{prosody}">{text}</prosody></speak>')
    sig = measure(x, RATE)
    print(f"\nprosody range={prosody}: pitch range {sig.pitch_range_semitones} semitones over {sig.voiced_seconds} s")
    report = analyze(_spanning_words(len(x) / RATE), signals=sig)
    assert report.has(codes.MONOTONE) is monotone
    assert report.metrics["pitch_range_semitones"] == sig.pitch_range_semitones


def _overlaps(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@pytest.fixture(scope="module")
def synth_takes() -> list[tuple[object, object, object]]:
    """(take, its signals, the signals with white noise at -35 dBFS, about 15 dB below the voice)."""
    out = []
    rng = np.random.default_rng(0)
    for seed in range(TAKES):
        for fillers in (3, 0):
            take = build_take(fillers=fillers, seed=seed)
            noise = rng.normal(0, 10 ** (-35 / 20), len(take.samples)).astype(np.float32)
            out.append((take, measure(take.samples, RATE), measure(take.samples + noise, RATE)))
    return out


@pytest.mark.parametrize("timing", ["exact", "blurred", "recognised_as_uh", "recognised_as_the", "noisy"])
def test_filled_pause_recall_and_false_alarms(synth_takes: list, timing: str) -> None:
    """Recall at least 80 %, at most one false filled pause per clean 30 s take (figures printed)."""
    settings = Settings()
    found_true = total = 0
    false_per_clean: list[int] = []
    seconds = 0.0
    for take, clean_sig, noisy_sig in synth_takes:
        sig = noisy_sig if timing == "noisy" else clean_sig
        words = {
            "exact": take.words,
            "blurred": take.blurred(0.1, seed=len(take.words)),  # recogniser-like times, ±100 ms
            "recognised_as_uh": take.with_filler_words("uh"),
            "recognised_as_the": take.with_filler_words("the"),
            "noisy": take.blurred(0.1, seed=len(take.words)),
        }[timing]
        pauses = [(p.start, p.end) for p in find_filled_pauses(words, sig, settings)]
        truth = take.fillers
        found_true += sum(any(_overlaps(t, p) for p in pauses) for t in truth)
        total += len(truth)
        if not truth:
            false_per_clean.append(len(pauses))
            seconds += len(take.samples) / RATE
        else:
            assert sum(not any(_overlaps(p, t) for t in truth) for p in pauses) <= 1
    recall = found_true / total
    print(
        f"\nfilled pauses ({timing} word times): recall {found_true}/{total} = {recall:.0%}; "
        f"false on clean takes {false_per_clean} over {seconds:.0f} s"
    )
    assert recall >= 0.8
    assert max(false_per_clean) <= 1


@pytest.fixture(scope="module")
def clean_take_wav(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    take = build_take(fillers=0, seed=3)
    return take.write(tmp_path_factory.mktemp("sox") / "clean.wav"), take


def _sox(src: Path, out: Path, *effects: str) -> Path:
    subprocess.run(["sox", str(src), str(out), *effects], check=True, capture_output=True)
    return out


def _report(path: Path, take: object) -> object:
    return analyze(take.transcript, profile=PROFILE, signals=measure_file(path))  # type: ignore[attr-defined]


def test_clean_take_from_a_file_raises_no_sound_flag(clean_take_wav: tuple[Path, object]) -> None:
    path, take = clean_take_wav
    report = _report(path, take)
    sound = {codes.MONOTONE, codes.TOO_QUIET, codes.CLIPPING, codes.TRAILING_OFF}
    keys = ("speech_level_dbfs", "pitch_range_semitones", "last_sentence_drop_db", "clipped_events")
    print(f"\nclean take: { {k: report.metrics[k] for k in keys} }")
    assert not (sound & set(report.codes))
    assert report.metrics["filled_pauses"] == [] and report.metrics["audio_analysed"] is True


def test_quiet_take_made_with_sox_gain(clean_take_wav: tuple[Path, object], tmp_path: Path) -> None:
    path, take = clean_take_wav
    report = _report(_sox(path, tmp_path / "quiet.wav", "gain", "-25"), take)
    assert report.has(codes.TOO_QUIET) and not report.has(codes.TRAILING_OFF)
    assert report.metrics["speech_level_dbfs"] < Settings().quiet_speech_dbfs


def test_clipped_take_made_with_sox_gain(clean_take_wav: tuple[Path, object], tmp_path: Path) -> None:
    path, take = clean_take_wav
    report = _report(_sox(path, tmp_path / "loud.wav", "gain", "18"), take)
    flag = next(f for f in report.flags if f.code == codes.CLIPPING)
    assert flag.details["events"] >= 3 and all(e.start is not None for e in flag.evidence)


def _last_sentence_start(take: object) -> float:
    words = take.words  # type: ignore[attr-defined]
    i = max(i for i, w in enumerate(words) if w.word == "that")  # "that number is …", the last sentence
    return words[i].start - 0.05


@pytest.mark.parametrize(("effect", "flagged"), [(("gain", "-10"), True), (("gain", "-3"), False)])
def test_quiet_last_sentence_made_with_sox(
    clean_take_wav: tuple[Path, object], tmp_path: Path, effect: tuple[str, str], flagged: bool
) -> None:
    path, take = clean_take_wav
    cut = f"{_last_sentence_start(take):.3f}"
    head = _sox(path, tmp_path / "head.wav", "trim", "0", cut)
    tail = _sox(path, tmp_path / "tail.wav", "trim", cut, *effect)
    joined = tmp_path / "trailing.wav"
    subprocess.run(["sox", str(head), str(tail), str(joined)], check=True, capture_output=True)
    report = _report(joined, take)
    print(f"\nlast sentence {effect}: measured drop {report.metrics['last_sentence_drop_db']} dB")
    assert report.has(codes.TRAILING_OFF) is flagged


def test_fade_out_over_the_number_is_trailing_off(clean_take_wav: tuple[Path, object], tmp_path: Path) -> None:
    path, take = clean_take_wav
    seconds = sf.info(str(path)).duration
    fade = seconds - _last_sentence_start(take)
    report = _report(_sox(path, tmp_path / "fade.wav", "fade", "l", "0", f"{seconds:.3f}", f"{fade:.3f}"), take)
    print(f"\nlogarithmic fade over the last {fade:.1f} s: drop {report.metrics['last_sentence_drop_db']} dB")
    assert report.has(codes.TRAILING_OFF)


def test_stereo_44k_file_measures_like_the_16k_take(clean_take_wav: tuple[Path, object], tmp_path: Path) -> None:
    path, _ = clean_take_wav
    stereo = _sox(path, tmp_path / "stereo.wav", "rate", "44100", "channels", "2")
    a, b = measure_file(path), measure_file(stereo)
    assert b.pitch_range_semitones == pytest.approx(a.pitch_range_semitones, abs=0.5)
    assert np.mean(b.level_db) == pytest.approx(np.mean(a.level_db), abs=1.0)
