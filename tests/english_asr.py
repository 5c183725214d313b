"""Real English recognition for tests: PyPI's pocketsphinx (its bundled US English model) on speech from
flite or espeak-ng, turned into Vosk's result JSON, with a second decode limited to the script's words.

No English Vosk model can be fetched on the test machines, so this stands in for "a recogniser with many
errors on real English speech". pocketsphinx is a test dependency only; the app never imports it.
"""

from __future__ import annotations

import math
import shutil
import subprocess
import wave
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from voicecoach.asr.checked import VoiceMeter, script_grammar
from voicecoach.core.transcript import RecognitionEvidence, Transcript, Word

FLITE_VOICES = ("slt", "rms", "awb")
_FRAMES_PER_SECOND = 100


def flite_available() -> bool:
    return shutil.which("flite") is not None and shutil.which("sox") is not None


def speak(text: str, path: Path, *, voice: str = "slt", engine: str = "flite") -> Path:
    """Synthesise English speech to a 16 kHz mono WAV (flite voice slt/rms/awb, or espeak-ng)."""
    raw = path.with_suffix(".raw.wav")
    if engine == "flite":
        subprocess.run(["flite", "-voice", voice, "-t", text, "-o", str(raw)], check=True, capture_output=True)
    else:
        subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(raw), text], check=True, capture_output=True)
    # -R: no random dither, so the same text gives the same samples (and the same recognition) every time
    resample = ["sox", "-R", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(path)]
    subprocess.run(resample, check=True, capture_output=True)
    raw.unlink(missing_ok=True)
    return path


def _pcm(path: Path) -> bytes:
    with wave.open(str(path), "rb") as w:
        assert w.getframerate() == 16000 and w.getnchannels() == 1
        return w.readframes(w.getnframes())


def _decoder(**kwargs: Any) -> Any:
    from pocketsphinx import Decoder

    return Decoder(samprate=16000, loglevel="FATAL", **kwargs)


def _words(decoder: Any) -> list[Word]:
    out = []
    for seg in decoder.seg():
        word = seg.word.split("(")[0]
        if word.startswith("<") or word.startswith("[") or word.startswith("+"):
            continue  # <s>, </s>, <sil>, fillers
        start, end = seg.start_frame / _FRAMES_PER_SECOND, (seg.end_frame + 1) / _FRAMES_PER_SECOND
        out.append(Word(word.lower(), round(start, 2), round(end, 2), round(float(seg.prob), 3)))
    return out


def _decode(decoder: Any, pcm: bytes) -> list[Word]:
    decoder.start_utt()
    decoder.process_raw(pcm, full_utt=True)
    decoder.end_utt()
    return _words(decoder)


def _known(decoder: Any, words: Sequence[str]) -> list[str]:
    return [w for w in words if decoder.lookup_word(w) is not None]


def _word_loop(decoder: Any, words: Sequence[str], arpa: Path) -> Any:
    """A language model in which every script word is equally likely after any other: pocketsphinx's
    counterpart of a Vosk grammar (a JSGF loop decodes the same way but ten times slower)."""
    from pocketsphinx import NGramModel

    entries = ["<s>", "</s>", *words]
    logp = math.log10(1.0 / len(entries))
    lines = ["\\data\\", f"ngram 1={len(entries)}", "", "\\1-grams:"]
    lines += [f"{logp:.4f} {w}" for w in entries] + ["", "\\end\\", ""]
    arpa.write_text("\n".join(lines), encoding="utf-8")
    return NGramModel(decoder.config, decoder.logmath, str(arpa))


def recognize(path: Path, plan: Sequence[str] = ()) -> Transcript:
    """Free decode of a WAV as a Vosk-style Transcript; with a plan, also the script-constrained decode."""
    pcm = _pcm(path)
    free = _decoder()
    words = _decode(free, pcm)
    transcript = Transcript.from_words(words)
    meter = VoiceMeter(16000)
    meter.add(pcm)
    if not plan:
        return transcript.with_recognition(RecognitionEvidence(voiced_seconds=meter.seconds))
    grammar = script_grammar(plan)
    known = _known(free, grammar)
    plan_words = {w.lower() for w in plan}
    constrained = _decoder()
    constrained.add_lm("script", _word_loop(constrained, known, path.with_suffix(".arpa")))
    constrained.activate_search("script")
    evidence = RecognitionEvidence(
        constrained=tuple(_decode(constrained, pcm)),
        grammar_words=len(plan_words & set(known)),
        grammar_missing=len(plan_words - set(known)),
        voiced_seconds=meter.seconds,
    )
    return transcript.with_recognition(evidence)
