"""How a word sounds, so names can be matched on pronunciation rather than spelling.

A recogniser that does not know "Siobhan" prints what it heard, "shiv on"; no spelling comparison sees
that these are the same name, but their phonemes are nearly identical. Phonemes come from the
``gruut-lang-en`` data package (MIT): an English pronouncing lexicon of about 130,000 words derived from
the CMU dictionary, and a grapheme-to-phoneme model (a CRF, read with ``python-crfsuite``, MIT) for words
the lexicon lacks, such as most non-English names. Both ship inside the package; nothing is downloaded.

Matching then works on a coarse *sound key*: one letter per phoneme, with sounds a small recogniser
confuses folded together (voiced and voiceless pairs, "th" with "t", vowels into five groups). Two
phrases sound alike when their keys are close.

Reading the lexicon is a read-only lookup in a data file shipped with the code, like a table in a
module; without the data package (a broken install) ``phonemes`` returns None and callers fall back
to spelling.
"""

from __future__ import annotations

import base64
import sqlite3
import threading
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from voicecoach.core.inputs import MAX_WORD_CHARS

_lock = threading.Lock()
_state: dict[str, Any] = {}

# One letter per sound class. Voiced/voiceless pairs share a letter, "th" goes with t/d (recognisers
# print "with field" for Whitfield), r-coloured vowels as a vowel and r, and vowels fall into five groups.
_SOUND_CLASS: dict[str, str] = {
    "p": "P", "b": "P", "t": "T", "d": "T", "θ": "T", "ð": "T", "ɾ": "T", "k": "K", "ɡ": "K", "g": "K",
    "f": "F", "v": "F", "s": "S", "z": "S", "ʃ": "X", "ʒ": "X", "t͡ʃ": "C", "d͡ʒ": "C", "tʃ": "C",
    "dʒ": "C", "m": "M", "n": "N", "ŋ": "N", "l": "L", "ɫ": "L", "ɹ": "R", "r": "R", "ɚ": "AR", "ɝ": "AR",
    "w": "W", "j": "J", "h": "H", "x": "H", "ʔ": "",
    "i": "I", "ɪ": "I", "iː": "I", "ɛ": "E", "e": "E", "eɪ": "E", "æ": "E",
    "ɑ": "A", "ɔ": "A", "ɒ": "A", "a": "A", "ʌ": "A", "ə": "A", "ɐ": "A", "aɪ": "AI",
    "aʊ": "AU", "ɔɪ": "OI", "oʊ": "O", "o": "O", "u": "U", "ʊ": "U", "uː": "U",
}  # fmt: skip
VOWEL_CLASSES = frozenset("IEAOU")
_STRESS = str.maketrans("", "", "ˈˌː")


def _lexicon() -> sqlite3.Connection | None:
    """The lexicon, copied once into memory with an index on the word.

    The shipped file has no index, so every lookup in it scans all 130,000 rows (about 14 ms a query, paid
    again for each take's new words); the copy costs about 120 ms and 12 MB once, and a lookup then takes
    microseconds. It lives in SQLite's memory, not as Python objects, so the garbage collector never walks it.
    """
    with _lock:
        if "lexicon" not in _state:
            _state["lexicon"] = _indexed_copy()
    lexicon: sqlite3.Connection | None = _state["lexicon"]
    return lexicon


def _indexed_copy() -> sqlite3.Connection | None:
    try:
        path = Path(str(resources.files("gruut_lang_en").joinpath("lexicon.db"))).resolve()
        uri = f"{path.as_uri()}?mode=ro&immutable=1"  # percent-encoded: spaces, '#', Windows drives
        # Opened as a URI so that the ATTACH below reads its URI (read-only, immutable) on every build of SQLite.
        db = sqlite3.connect("file::memory:", uri=True, check_same_thread=False)
        db.execute("ATTACH DATABASE ? AS shipped", (uri,))
        db.execute("CREATE TABLE word_phonemes (word TEXT, pron_order INTEGER, id INTEGER, phonemes TEXT)")
        db.execute("INSERT INTO word_phonemes SELECT word, pron_order, id, phonemes FROM shipped.word_phonemes")
        db.execute("CREATE INDEX word_phonemes_word ON word_phonemes (word)")
        db.commit()
        db.execute("DETACH DATABASE shipped")
    except (ImportError, OSError, sqlite3.Error):
        return None
    return db


def _tagger() -> Any:
    if "tagger" not in _state:
        try:
            import pycrfsuite

            tagger = pycrfsuite.Tagger()
            tagger.open(str(resources.files("gruut_lang_en").joinpath("g2p", "model.crf")))
            _state["tagger"] = tagger
        except (ImportError, OSError):
            _state["tagger"] = None
    return _state["tagger"]


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode("ascii")


def _features(word: str) -> list[dict[str, Any]]:
    """The model's input: each letter with up to three neighbours on each side and the word edges."""
    out: list[dict[str, Any]] = []
    for i, letter in enumerate(word):
        f: dict[str, Any] = {"bias": 1.0, "grapheme": _b64(letter)}
        if i == 0:
            f["begin"] = True
        for j in range(1, 4):
            if i >= j:
                f[f"grapheme-{j}"] = _b64(word[i - j])
            if i < len(word) - j:
                f[f"grapheme+{j}"] = _b64(word[i + j])
        if i == len(word) - 1:
            f["end"] = True
        out.append(f)
    return out


def _guess(word: str) -> tuple[str, ...] | None:
    tagger = _tagger()
    if tagger is None:
        return None
    out: list[str] = []
    for coded in tagger.tag(_features(word)):
        out.extend(p for p in base64.b64decode(coded).decode().split("|") if p != "_")
    return tuple(out)


_known: dict[str, tuple[str, ...]] = {}  # lexicon pronunciations looked up so far
_MAX_KNOWN = 50_000


def _norm(word: str) -> str:
    return unicodedata.normalize("NFC", word.strip().lower())


def prime(words: Iterable[str]) -> None:
    """Look up many words in one query (a take's words at once)."""
    db = _lexicon()
    wanted = sorted({w for w in map(_norm, words) if w and w not in _known and w not in _missing})
    if db is None or not wanted:
        return
    with _lock:
        if len(_known) > _MAX_KNOWN:
            _known.clear()
            _missing.clear()
        for at in range(0, len(wanted), 500):
            chunk = wanted[at : at + 500]
            rows = db.execute(
                f"SELECT word, phonemes FROM word_phonemes WHERE word IN ({','.join('?' * len(chunk))}) "
                "ORDER BY pron_order DESC, id DESC",
                chunk,
            ).fetchall()
            _known.update((w, tuple(ph.split())) for w, ph in rows)  # the first pronunciation is set last
            _missing.update(w for w in chunk if w not in _known)


_missing: set[str] = set()


@lru_cache(maxsize=16384)
def phonemes(word: str) -> tuple[str, ...] | None:
    """IPA phonemes of one word: the lexicon's first pronunciation, else the model's guess; None if unavailable."""
    if len(word) > MAX_WORD_CHARS:
        return ()  # no word anyone says: matched by its letters only, so the work per word stays bounded
    word = _norm(word)
    if not word:
        return ()
    prime([word])
    if word in _known:
        return _known[word]
    letters = "".join(ch for ch in word if ch.isalpha())
    if not letters:
        return ()
    with _lock:
        return _guess(letters)


def _latin(word: str) -> bool:
    letters = [ch for ch in unicodedata.normalize("NFKD", word) if ch.isalpha()]
    return bool(letters) and all(ch.isascii() for ch in letters)


@lru_cache(maxsize=16384)
def sound_key(word: str) -> str | None:
    """The word's coarse sound key ("whitfield" -> "WITFILT"), or None when phonemes are unavailable.

    A word in another writing system (a Korean model's output) has no English pronunciation: "".
    """
    if len(word) > MAX_WORD_CHARS or not _latin(word):
        return ""
    ph = phonemes(word)
    if ph is None:
        return None
    out = []
    for p in ph:
        p = p.translate(_STRESS)
        out.append(_SOUND_CLASS.get(p, p[:1].upper()))
    return "".join(out)


def phrase_key(words: tuple[str, ...] | list[str]) -> str | None:
    """Sound key of several words said in a row."""
    keys = [sound_key(w) for w in words]
    if any(k is None for k in keys):
        return None
    return "".join(k for k in keys if k)


def available() -> bool:
    """True when pronunciations can be looked up (the data package is installed). The first call loads the
    lexicon and the guesser (about 130 ms): call it ahead, off the GUI thread, so no take waits for that."""
    return _lexicon() is not None and _tagger() is not None


__all__ = ["VOWEL_CLASSES", "available", "phonemes", "phrase_key", "prime", "sound_key"]
