"""Regenerate the English real-recognition takes in english_takes/ (run from the repository root).

Each take of ``tests/english_takes.TAKES`` is spoken by its voice (flite slt/rms/awb or espeak-ng) and
recognised by pocketsphinx twice, freely and limited to the script's words, as the app's CheckedRecognizer
does; the file holds what was said, the recogniser's vocabulary and the transcript with its recognition
evidence. flite's takes regenerate to the same file; the stored espeak-ng takes were resampled with sox's
random dither (``speak`` now resamples without it), so theirs regenerate to the same verdicts
(tests/asr/test_english_takes_fresh.py checks one of each).

    PYTHONPATH=. .venv/bin/python tests/data/make_english_takes.py [KEY ...]
"""

from __future__ import annotations

import functools
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from tests.english_asr import _decoder, recognize, speak
from tests.english_takes import DATA, TAKES, EnglishTake
from voicecoach.core.judgement import judgement_for
from voicecoach.core.script import plan_tokens


def record(take: EnglishTake, folder: Path) -> dict[str, object]:
    """The take spoken and recognised: what was said and the transcript as the app would store it."""
    wav = folder / f"{take.key}.wav"
    speak(take.said, wav, voice=take.voice, engine="espeak" if take.voice == "espeak" else "flite")
    transcript = recognize(wav, plan_tokens(take.filled))
    return {"key": take.key, "said": take.said, "vocabulary": vocabulary(take),
            "transcript": json.loads(transcript.to_json())}


@functools.cache
def _lookup() -> object:
    return _decoder()


def vocabulary(take: EnglishTake) -> dict[str, object]:
    """The words of the script and profile the recogniser cannot print, as the app asks its model once."""
    decoder: Any = _lookup()
    judgement = judgement_for(script=take.script, profile=take.profile, prospect=take.rep.prospect,
                              knows=lambda w: decoder.lookup_word(w) is not None, model="pocketsphinx en-us")
    assert judgement.vocabulary is not None
    return judgement.vocabulary.to_dict()


def main(keys: list[str]) -> None:
    DATA.mkdir(parents=True, exist_ok=True)
    if keys[:1] == ["--vocabulary"]:  # only ask the model's vocabulary again
        for take in TAKES:
            data = json.loads(take.path.read_text(encoding="utf-8"))
            data = {"key": data["key"], "said": data["said"], "vocabulary": vocabulary(take),
                    "transcript": data["transcript"]}
            take.path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return
    with tempfile.TemporaryDirectory() as tmp:
        for take in TAKES:
            if keys and take.key not in keys:
                continue
            data = record(take, Path(tmp))
            take.path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            print(take.key, len(data["transcript"]), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
