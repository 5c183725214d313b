"""Regenerate the golden takes in takes/ from the spoken text below (run from the repository root).

Each take is what Vosk prints with SetWords(True): one result per utterance, words lower case with
start/end times and confidences. Word lengths follow word length in letters, sentence ends get a short
pause, "|" a long one; the random jitter is seeded so the files are stable.

    .venv/bin/python tests/data/make_takes.py
"""

from __future__ import annotations

import json
import random
from pathlib import Path

HERE = Path(__file__).parent
NUMBER = "four one five five five five oh one four two"

TAKES: dict[str, tuple[str, float]] = {
    # name: (spoken text, words per minute)
    "clean": (
        f"hi john it's dana with north wind realty {NUMBER} . i saw your listing on elm street came off the "
        "market . we sold three homes on your block this year each within sixty days . if you're still "
        f"thinking of selling i have one idea for your place . again dana whitfield {NUMBER}",
        150,
    ),
    "missing_number": (
        "hi john it's dana with northwind realty . i saw your listing on elm street came off the market . "
        "we sold three homes on your block this year each within sixty days . if you're still thinking of "
        "selling i have one idea for your place . give me a call back when you get a chance . again dana whitfield",
        148,
    ),
    "partial_number": (
        "hi john it's dana with northwind realty four one five five five five . i saw your listing on elm "
        "street came off the market . we sold three homes on your block this year each within sixty days . "
        "if you're still thinking of selling i have one idea for your place . again dana whitfield four one "
        "five five five five",
        150,
    ),
    "overrun": (
        f"hi john it's dana with northwind realty {NUMBER} . i saw your listing on elm street came off the "
        "market last week . we sold three homes on your block this year and each of them within sixty days . "
        "if you're still thinking of selling i have one idea for your place that i think you'll like . "
        f"again dana whitfield {NUMBER}",
        132,
    ),
    "filler_heavy": (
        f"hi john um it's dana with northwind realty {NUMBER} . uh i saw your listing on elm street it's like "
        "came off the market . we sold um three homes on your block this year you know each within sixty "
        "days . if you're uh still thinking of selling i'd like to share one idea for your place . um "
        f"again dana whitfield {NUMBER}",
        158,
    ),
    "restarts": (
        f"hi john it's dana with northwind realty {NUMBER} . i i saw your your listing on elm street came off "
        "the market . we sold we sold three homes on your block this year each within sixty days . if if "
        f"you're still thinking of selling i have one idea for your place . again dana whitfield {NUMBER}",
        155,
    ),
    "off_script": (
        f"hey john this is dana from northwind realty {NUMBER} . so we offer a complete marketing package "
        "our team does professional photos staging and open houses . our platform reaches thousands of "
        "buyers every month and we have a great track record . anyway let me know if that helps . "
        f"again dana whitfield {NUMBER}",
        150,
    ),
}


DIGITS = frozenset(["zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"])


def _units(word: str) -> int:
    """Relative spoken length: letters plus a constant; digits are read slowly, as reps do."""
    return (max(len(word), 6) if word in DIGITS else len(word)) + 3


def words_for(text: str, wpm: float, rng: random.Random) -> list[list[dict[str, object]]]:
    tokens = text.split()
    spoken = [t for t in tokens if t not in {".", "|"}]
    budget = len(spoken) / wpm * 60.0
    pause_total = sum(0.45 if t == "." else 2.6 if t == "|" else 0.0 for t in tokens)
    letters = sum(_units(w) for w in spoken)
    per_letter = (budget - pause_total) / letters
    t = round(0.35 + rng.random() * 0.2, 2)
    results: list[list[dict[str, object]]] = [[]]
    for tok in tokens:
        if tok in {".", "|"}:
            t += 0.45 if tok == "." else 2.6
            results.append([])
            continue
        length = _units(tok) * per_letter
        dur = length * rng.uniform(0.78, 0.9)
        conf = 1.0 if rng.random() < 0.6 else round(rng.uniform(0.72, 0.99), 6)
        results[-1].append({"conf": conf, "end": round(t + dur, 2), "start": round(t, 2), "word": tok})
        t += length
    return [r for r in results if r]


def main() -> None:
    out = HERE / "takes"
    out.mkdir(exist_ok=True)
    for name, (text, wpm) in TAKES.items():
        rng = random.Random(name)
        results = [{"result": ws, "text": " ".join(str(w["word"]) for w in ws)} for ws in words_for(text, wpm, rng)]
        (out / f"{name}.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    (out / "silence.json").write_text(json.dumps({"text": ""}) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
