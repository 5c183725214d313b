"""Written script text as the recogniser would print it when read aloud.

Vosk prints lower-case words without punctuation and spells numbers out, so a plan containing
"415-555-0142", "30%" or "dana@northwindrealty.com" must be turned into the same kind of words before
spoken words can be aligned to it.
"""

from __future__ import annotations

import re

from voicecoach.core.matching import fold_accents, spoken_address
from voicecoach.core.spoken_numbers import DIGIT_WORDS, TEENS, TENS, say_digits

_TEEN_WORDS = {int(v): k for k, v in TEENS.items()}
_TENS_WORDS = {int(v): k for k, v in TENS.items()}

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


def number_words(n: int) -> list[str]:
    """Cardinal words for 0–999999 ("142" -> one hundred forty two), the way Vosk spells them."""
    if n < 0:
        return ["minus", *number_words(-n)]
    if n < 10:
        return [DIGIT_WORDS[n]]
    if n < 20:
        return [_TEEN_WORDS[n]]
    if n < 100:
        tens, unit = divmod(n, 10)
        return [_TENS_WORDS[tens]] + ([DIGIT_WORDS[unit]] if unit else [])
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return [DIGIT_WORDS[hundreds], "hundred"] + (number_words(rest) if rest else [])
    if n < 1_000_000:
        thousands, rest = divmod(n, 1000)
        return [*number_words(thousands), "thousand"] + (number_words(rest) if rest else [])
    return say_digits(str(n))


def _number_token(token: str) -> list[str]:
    if len(token) > 1 and token.startswith("0"):
        return say_digits(token)
    if 1900 <= int(token) <= 2099 and len(token) == 4:
        hi, lo = divmod(int(token), 100)
        return number_words(hi) + (number_words(lo) if lo >= 10 else (["oh", DIGIT_WORDS[lo]] if lo else ["hundred"]))
    return number_words(int(token))


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
