"""Written script text as the recogniser would print it when read aloud.

Vosk prints lower-case words without punctuation and spells numbers out, so a plan containing
"415-555-0142", "30%" or "dana@northwindrealty.com" must be turned into the same kind of words before
spoken words can be aligned to it.
"""

from __future__ import annotations

import re

from voicecoach.core.matching import fold_accents, spoken_address
from voicecoach.core.spoken_numbers import number_token as _number_token
from voicecoach.core.spoken_numbers import number_words, say_digits

__all__ = ["number_words", "spoken_tokens"]


# Every pattern here runs on text a rep types, so each must be linear in its length. A search tries every
# start position; a pattern that can start anywhere inside a long run of letters and scan to the run's end
# costs the square of the run (20 KB of "aaaa..." took 7 s). So each alternative may start only where its
# run starts (the look-behinds), and its repeats are possessive, never handing characters back.

# Phone-like: 7+ digits, possibly with + ( ) - . and spaces between groups.
_PHONE = re.compile(r"\+?\(?\d[\d\s().\-]{5,}\d")
_TLD = r"(?:com|org|net|io|co|us|ca|uk|biz|info|ai|app|dev)\b"
_ADDRESS = re.compile(
    r"(?<![\w.+\-])[\w.+\-]++@[\w\-]++(?:\.[\w\-]++)++"
    r"|(?<![\w.\-])(?:https?://)?(?:www\.)?[\w\-]++(?:\.[\w\-]++)*\." + _TLD + r"(?:/\S*+)?",
    re.I,
)
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[%$&+]")
_SYMBOLS = {"%": "percent", "$": "dollars", "&": "and", "+": "plus"}


def spoken_tokens(text: str) -> list[str]:
    """Lower-case spoken words of written text; phone numbers digit by digit, addresses read out."""
    text = text.replace("\u2019", "'")
    text = re.sub(r"\$(\d[\d,]*(?:\.\d+)?)", r"\1 dollars", text)  # "$5,000" is said "five thousand dollars"
    text = _ADDRESS.sub(lambda m: " " + " ".join(spoken_address(m.group(0))) + " ", text)
    text = _PHONE.sub(
        lambda m: (
            " " + " ".join(say_digits(m.group(0))) + " " if sum(c.isdigit() for c in m.group(0)) >= 7 else m.group(0)
        ),
        text,
    )
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)  # 5,000 -> 5000
    text = re.sub(r"(?<=\d)\.(?=\d)", " point ", text)  # 2.5 -> 2 point 5
    out: list[str] = []
    for token in _TOKEN.findall(fold_accents(text)):
        if token.isdigit():
            out.extend(_number_token(token))
        elif token in _SYMBOLS:
            out.append(_SYMBOLS[token])
        elif re.fullmatch(r"\d+[a-z]+", token):
            digits = re.match(r"\d+", token)
            assert digits is not None
            out.extend(_number_token(digits.group(0)))
        else:
            out.append(token)
    return out
