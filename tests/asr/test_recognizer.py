"""The streaming recogniser and file transcription on the real Korean model and espeak-ng speech."""

from __future__ import annotations

import itertools
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import soundfile

from tests.speech import SENTENCE, synthesize
from voicecoach.asr.audio_files import AudioFileError, read_pcm_blocks
from voicecoach.asr.model_locator import ModelInvalidError, ModelNotFoundError
from voicecoach.asr.recognizer import StreamingRecognizer, load_speech_model
from voicecoach.asr.transcribe import TranscriptionCancelled, transcribe_file
from voicecoach.cli.remedies import error_line

pytestmark = pytest.mark.model


def stream(model, path: Path, grammar=None, block_seconds: float = 0.1):
    rec = StreamingRecognizer(model, model.sample_rate, grammar=grammar)
    partials = []
    for block in read_pcm_blocks(path, rate=model.sample_rate, block_seconds=block_seconds):
        new = rec.feed(block)
        if new is not None:
            partials.append(new)
    return rec, rec.finish(), partials


def without_conf(results: list[dict]) -> list[dict]:
    return [
        {**r, "result": [{k: v for k, v in w.items() if k != "conf"} for w in r.get("result", [])]} for r in results
    ]


def words_only(results: list[dict]) -> list[list[str]]:
    return [[w["word"] for w in r.get("result", [])] for r in results]


def test_grammar_mode_recognises_the_spoken_words(ko_model, ko_speech_wav) -> None:
    rec, transcript, partials = stream(ko_model, ko_speech_wav.path, ko_speech_wav.grammar)
    assert transcript.tokens == list(ko_speech_wav.words)
    assert any(partials), "partial text appears while speaking"
    assert partials[-1] == "" or set(partials[-1].split()) <= set(ko_speech_wav.words)
    assert rec.results == [dict(r) for r in transcript.results]
    assert all(w.conf > 0.5 for w in transcript.words)


@pytest.mark.slow
def test_free_mode_gives_ordered_times_inside_the_audio(ko_model, ko_speech_wav) -> None:
    _, transcript, _ = stream(ko_model, ko_speech_wav.path)
    words = transcript.words
    assert len(words) >= 3
    assert all(w.start < w.end for w in words)
    assert all(a.end <= b.start + 1e-6 for a, b in itertools.pairwise(words))
    assert words[0].start >= 0 and words[-1].end <= ko_speech_wav.seconds + 0.05
    # espeak-ng's Korean is too robotic for free decoding to get the words; it must still be Korean words
    # the model knows, covering most of the speech.
    assert any("\uac00" <= ch <= "\ud7a3" for ch in transcript.text)
    assert all(ko_model.knows(w.word) for w in words)
    assert transcript.speech_seconds > 0.6 * ko_speech_wav.seconds


@pytest.mark.parametrize(("rate", "channels"), [(44100, 1), (48000, 2)])
def test_same_words_at_other_rates_and_channels(ko_model, ko_speech_wav, tmp_path: Path, rate, channels) -> None:
    path = synthesize(SENTENCE, tmp_path / f"ko-{rate}-{channels}.wav", rate=rate, channels=channels)
    info = soundfile.info(str(path))
    assert (info.samplerate, info.channels) == (rate, channels)
    transcript = transcribe_file(path, ko_model, grammar=ko_speech_wav.grammar)
    assert transcript.tokens == list(ko_speech_wav.words)


def test_8khz_speech_gives_the_same_words_as_the_same_band_at_16khz(ko_model, ko_speech_wav, tmp_path: Path) -> None:
    """Narrowband audio has lost everything above 4 kHz, and this wideband model then misses sibilant words
    whatever the pipeline does; so the 8 kHz file must decode exactly like that same narrowband speech
    handed over at 16 kHz (resampled by sox, not by us)."""
    narrow = synthesize(SENTENCE, tmp_path / "ko-8k.wav", rate=8000)
    reference = tmp_path / "ko-8k-as-16k.wav"
    subprocess.run(["sox", str(narrow), "-r", "16000", str(reference)], check=True, capture_output=True)
    at_8k = transcribe_file(narrow, ko_model, grammar=ko_speech_wav.grammar)
    at_16k = transcribe_file(reference, ko_model, grammar=ko_speech_wav.grammar)
    assert at_8k.tokens == at_16k.tokens
    assert at_8k.tokens[0] == ko_speech_wav.words[0]
    assert [round(w.start, 1) for w in at_8k.words] == [round(w.start, 1) for w in at_16k.words]


def test_streaming_and_file_paths_give_the_same_result_list(ko_model, ko_speech_wav) -> None:
    rec, _, _ = stream(ko_model, ko_speech_wav.path, ko_speech_wav.grammar, block_seconds=0.1)
    from_file = transcribe_file(ko_speech_wav.path, ko_model, grammar=ko_speech_wav.grammar).to_vosk()
    # Vosk's word confidences, and now and then a word boundary (seen: one start 0.18 s apart), vary between
    # two decodes of the same audio in one process; the words, the utterances and the texts must match exactly.
    assert words_only(rec.results) == words_only(from_file)
    assert [r.get("text") for r in rec.results] == [r.get("text") for r in from_file]
    assert rec.results[-1]["text"] == ko_speech_wav.text
    for streamed, filed in zip(rec.results, from_file, strict=True):
        for a, b in zip(streamed.get("result", []), filed.get("result", []), strict=True):
            assert abs(a["start"] - b["start"]) <= 0.25 and abs(a["end"] - b["end"]) <= 0.25, (a, b)


def test_progress_and_cancel(ko_model, ko_speech_wav) -> None:
    fractions: list[float] = []
    transcribe_file(ko_speech_wav.path, ko_model, grammar=ko_speech_wav.grammar, progress=fractions.append)
    assert fractions[0] == 0.0 and fractions[-1] == 1.0
    assert fractions == sorted(fractions) and len(fractions) > 3
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(TranscriptionCancelled):
        transcribe_file(ko_speech_wav.path, ko_model, cancel=cancel)


def test_unreadable_file_fails_before_recognition(ko_model, tmp_path: Path) -> None:
    bad = tmp_path / "bad.mp3"
    bad.write_text("nope")
    with pytest.raises(AudioFileError, match="not a readable audio file"):
        transcribe_file(bad, ko_model)


def test_silence_gives_an_empty_transcript(ko_model) -> None:
    rec = StreamingRecognizer(ko_model)
    for _ in range(10):
        rec.feed(bytes(3200))
    transcript = rec.finish()
    assert transcript.words == () and transcript.text == ""
    assert transcript.results and all(r.get("text", "") == "" for r in transcript.results)


def test_odd_sized_blocks_are_stitched(ko_model, ko_speech_wav) -> None:
    data = b"".join(read_pcm_blocks(ko_speech_wav.path))
    rec = StreamingRecognizer(ko_model, grammar=ko_speech_wav.grammar)
    for i in range(0, len(data), 3333):  # odd sizes split samples across blocks
        rec.feed(data[i : i + 3333])
    assert rec.finish().tokens == list(ko_speech_wav.words)
    with pytest.raises(RuntimeError, match="finished"):
        rec.feed(b"\0\0")


def test_grammar_leaves_out_unknown_words(ko_model) -> None:
    rec = StreamingRecognizer(ko_model, grammar=["안녕하세요", "zzzqx", "오늘 zzzqx"])
    assert rec.ignored_words == ["zzzqx"]
    assert rec.grammar == ["안녕하세요", "오늘"]
    with pytest.raises(ValueError, match="vocabulary"):
        StreamingRecognizer(ko_model, grammar=["zzzqx"])


def test_knows_words_of_the_vocabulary(ko_model) -> None:
    assert ko_model.knows("안녕하세요")
    assert ko_model.knows("안녕하세요 오늘")
    assert not ko_model.knows("zzzqx")
    assert not ko_model.knows("안녕하세요 zzzqx")
    assert not ko_model.knows("")
    assert ko_model.unknown_words(["오늘", "qqxz", "감사합니다"]) == ["qqxz"]


def test_final_result_is_ready_quickly_after_the_last_block(ko_model, ko_speech_wav, tmp_path: Path) -> None:
    """As in a real take, the speaker pauses before pressing Stop; recognition ran during the take."""
    path = synthesize(SENTENCE, tmp_path / "take.wav", pad_seconds=1.0)
    rec = StreamingRecognizer(ko_model, grammar=ko_speech_wav.grammar)
    blocks = list(read_pcm_blocks(path, block_seconds=0.1))
    for block in blocks:
        rec.feed(block)
    started = time.perf_counter()
    transcript = rec.finish()
    assert time.perf_counter() - started < 0.15
    assert transcript.tokens == list(ko_speech_wav.words)


def test_model_is_loaded_once_per_process(ko_model, ko_model_path: Path) -> None:
    started = time.perf_counter()
    again = load_speech_model(ko_model_path)
    assert again is ko_model
    assert time.perf_counter() - started < 0.5
    assert ko_model.sample_rate == 16000 and ko_model.path == ko_model_path


def _mirror(src: Path, dst: Path) -> Path:
    """A copy of the model made of symlinks, so single files can be replaced cheaply."""
    for f in src.rglob("*"):
        if f.is_file():
            target = dst / f.relative_to(src)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(f)
    return dst


def test_missing_and_empty_model_folders(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError, match="does not exist"):
        load_speech_model(tmp_path / "missing")
    with pytest.raises(ModelInvalidError, match="holds no Vosk model"):
        load_speech_model(tmp_path)


def test_truncated_acoustic_model_is_a_clear_error(ko_model_path: Path, tmp_path: Path) -> None:
    broken = _mirror(ko_model_path, tmp_path / "broken")
    (broken / "am/final.mdl").unlink()
    (broken / "am/final.mdl").write_bytes((ko_model_path / "am/final.mdl").read_bytes()[:100_000])
    with pytest.raises(ModelInvalidError) as info:
        load_speech_model(broken)
    message = error_line(info.value)
    assert "could not read the model" in message and "Read failure" in message
    assert "voicecoach model download" in message and "\n" not in message


@pytest.mark.slow
def test_missing_ivector_fails_at_the_recogniser_in_a_child_process(ko_model_path: Path, tmp_path: Path) -> None:
    """Vosk loads such a model and fails only when decoding starts; the check must catch it, without dying."""
    broken = _mirror(ko_model_path, tmp_path / "no-ivector")
    for f in (broken / "ivector").iterdir():
        f.unlink()
    (broken / "ivector").rmdir()
    code = (
        "import sys\n"
        "from voicecoach.asr.recognizer import load_speech_model\n"
        "from voicecoach.asr.model_locator import ModelInvalidError\n"
        "try:\n"
        f"    load_speech_model({str(broken)!r})\n"
        "except ModelInvalidError as exc:\n"
        "    print('ERR', exc)\n"
        "print('alive')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "cannot decode with it" in out.stdout and "Ivector" in out.stdout
    assert out.stdout.strip().endswith("alive")
