"""Can the words be trusted? An honest "I couldn't hear you" instead of accusing the rep.

Every check that reads the words (contact, rambling, referral, ...) assumes the recogniser heard them.
On a poor microphone, with a model for another language, or with a recogniser that makes many errors,
those checks accuse the rep of things they did say. So before judging, the take's recognition is
assessed from several signals, because no single one is reliable (Vosk often gives a confidence of 1.0
to a wrong word):

- ``script_language``: how many of the script's words the speech model knows at all. A model for
  another language knows almost none; it is a fact about the setup, so it weighs double.
- ``low_confidence``: the share of words the recogniser itself marked unclear, or printed as ``[unk]``.
- ``constrained_gain``: how much more of the script a second decode of the same audio, limited to the
  script's words, finds than the free decode. Far more means the rep said the script and the free
  recogniser failed; both low means the rep went off-script.
- ``decodes_disagree``: how many of the free decode's words the constrained decode printed at the same
  time. A recogniser that hears the words agrees with itself; one that guesses does not.
- ``words_vs_speech``: seconds of speech in the audio against the words recognised in them.

The take is unreliable when the signals that fired weigh ``unreliable_min_points`` (2) or more. The
report then leads with ``recognition_unreliable``, the word-based flags are marked unverified (a tip that
costs nothing, saying what could not be checked) and the score is provisional. A contact part that the
constrained decode also misses, while it finds the rest of the script, is still a real miss.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from voicecoach.core import codes
from voicecoach.core.contact import ContactFindings
from voicecoach.core.flags import Flag, Severity
from voicecoach.core.script import Alignment
from voicecoach.core.settings import Settings
from voicecoach.core.transcript import RecognitionEvidence, Transcript, Word

# Flags that read the words: unverified when the words cannot be trusted.
WORD_CODES = frozenset(
    {
        codes.MISSING_CONTACT_INFO,
        codes.RAMBLING,
        codes.OFF_TOPIC,
        codes.CONTACT_NOT_REPEATED,
        codes.PACE_TOO_FAST,
        codes.PACE_TOO_SLOW,
        codes.NUMBER_TOO_FAST,
        codes.DEAD_AIR,
        codes.TOO_SHORT,
        codes.PRODUCT_TALK,
        codes.REFERRAL_NOT_SAID,
        codes.FALSE_FOLLOW_UP,
        codes.CLICHE_OPENER,
        codes.CONTACT_MISHEARD,
        codes.LATE_HOOK,
        codes.UNCLEAR_WORDS,
    }
)
_NEUTRAL = {
    codes.RAMBLING: "Whether your message wanders could not be judged: too few of your words were recognised.",
    codes.CONTACT_NOT_REPEATED: "Whether you repeated your number at the end could not be checked.",
    codes.PACE_TOO_FAST: "Your pace could not be measured reliably from the words recognised.",
    codes.PACE_TOO_SLOW: "Your pace could not be measured reliably from the words recognised.",
    codes.NUMBER_TOO_FAST: "How fast you said the number could not be measured reliably.",
    codes.DEAD_AIR: "The pauses could not be measured reliably: words may be missing between them.",
    codes.TOO_SHORT: "Whether you gave a reason to call back could not be checked.",
    codes.PRODUCT_TALK: "Whether you talked more about yourselves than the prospect could not be checked.",
    codes.REFERRAL_NOT_SAID: "Whether you said the referral's name could not be checked.",
    codes.FALSE_FOLLOW_UP: "The phrases that imply a prior call could not be checked.",
    codes.CLICHE_OPENER: "Your opener could not be checked.",
    codes.OFF_TOPIC: "Whether you kept to this voicemail's one topic could not be checked.",
    codes.LATE_HOOK: "When your reason for calling starts could not be checked from the words recognised.",
    codes.UNCLEAR_WORDS: "Many words were unclear to the recogniser; with this recognition that says little about "
    "how clearly you spoke.",
}


@dataclass(frozen=True, slots=True)
class Reliability:
    """The verdict on a take's recognition, with every signal (value, threshold, fired, points)."""

    unreliable: bool
    signals: tuple[dict[str, Any], ...] = ()
    constrained: Transcript | None = None
    constrained_contact: ContactFindings | None = None
    constrained_coverage: float | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def fired(self) -> list[dict[str, Any]]:
        return [s for s in self.signals if s["fired"]]

    def to_dict(self) -> dict[str, Any]:
        """For the report's metrics: the verdict and the signals that fired (all of them are in the flag)."""
        return {
            "unreliable": self.unreliable,
            "fired": [dict(s) for s in self.fired],
            "constrained_coverage": None if self.constrained_coverage is None else round(self.constrained_coverage, 4),
        }


def _signal(reason: str, value: float, threshold: float, fired: bool, points: int, text: str) -> dict[str, Any]:
    return {
        "reason": reason,
        "value": round(value, 3),
        "threshold": threshold,
        "fired": fired,
        "points": points if fired else 0,
        "text": text,
    }


def writing_system(word: str) -> str:
    """The Unicode script of a word's first letter: "LATIN", "HANGUL", "CJK", "CYRILLIC", ... ("" if none)."""
    for ch in word:
        if ch.isalpha():
            return unicodedata.name(ch, "").split(" ")[0]
    return ""


def _foreign_share(transcript: Transcript, plan: Sequence[str]) -> float | None:
    """Share of recognised words written in another writing system than the script (Korean for English)."""
    systems = Counter(writing_system(w) for w in plan if writing_system(w))
    spoken = [writing_system(w.word) for w in transcript.words if writing_system(w.word)]
    if not systems or len(spoken) < 3:
        return None
    home = systems.most_common(1)[0][0]
    return sum(s != home for s in spoken) / len(spoken)


def _known_share(
    plan: Sequence[str], vocabulary: Callable[[str], bool] | None, ev: RecognitionEvidence | None
) -> float | None:
    words = sorted({w for w in plan if w.isalpha()})
    if vocabulary is not None and words:
        try:
            return sum(bool(vocabulary(w)) for w in words) / len(words)
        except Exception:  # a vocabulary lookup must never break a report
            pass
    if ev is not None and ev.grammar_words is not None and ev.grammar_missing is not None:
        total = ev.grammar_words + ev.grammar_missing
        return ev.grammar_words / total if total else None
    return None


def _script_language(
    transcript: Transcript,
    plan: Sequence[str],
    vocabulary: Callable[[str], bool] | None,
    ev: RecognitionEvidence | None,
    s: Settings,
) -> dict[str, Any] | None:
    """Model language vs script language: the words it prints are in another alphabet, or it lacks the script's."""
    foreign = _foreign_share(transcript, plan)
    known = _known_share(plan, vocabulary, ev)
    if foreign is not None and foreign >= s.unreliable_foreign_share:
        text = (
            f"{foreign:.0%} of the words recognised are in another alphabet than your script: the speech model "
            "is for another language; choose a model for your script's language in Settings"
        )
        return _signal("script_language", foreign, s.unreliable_foreign_share, True, 2, text)
    if known is None:
        return None
    fired = known < s.unreliable_script_known_share
    text = (
        f"the speech model knows only {known:.0%} of your script's words: it is probably for another language "
        "than your script; choose a model for your script's language in Settings"
    )
    return _signal("script_language", known, s.unreliable_script_known_share, fired, 2, text)


def _low_confidence(transcript: Transcript, s: Settings) -> dict[str, Any] | None:
    words = transcript.words
    if len(words) < s.unreliable_min_words:
        return None
    low = sum(w.conf < s.low_confidence or w.word == "[unk]" for w in words)
    share = low / len(words)
    fired = share >= s.unreliable_low_confidence_share
    text = (
        f"{share:.0%} of the words were unclear to the recogniser: move closer to the microphone, check its "
        "level and cut background noise"
    )
    return _signal("low_confidence", share, s.unreliable_low_confidence_share, fired, 1, text)


def _constrained_gain(free: float | None, constrained: float | None, s: Settings) -> dict[str, Any] | None:
    if free is None or constrained is None:
        return None
    gain = constrained - free
    fired = gain >= s.unreliable_constrained_gain
    text = (
        f"listening for your script's words, the recogniser found {constrained:.0%} of the script but only "
        f"{free:.0%} when listening freely: you probably said it, and the free recognition failed"
    )
    return _signal("constrained_gain", gain, s.unreliable_constrained_gain, fired, 1, text)


def agreement(free: Sequence[Word], constrained: Sequence[Word]) -> float:
    """Share of the free decode's words that the constrained decode printed too, at the same time."""
    if not free:
        return 1.0
    hits = 0
    j = 0
    for w in free:
        while j < len(constrained) and constrained[j].end <= w.start:
            j += 1
        k = j
        while k < len(constrained) and constrained[k].start < w.end:
            if constrained[k].word == w.word:
                hits += 1
                break
            k += 1
    return hits / len(free)


def _decodes_disagree(transcript: Transcript, constrained: Transcript | None, s: Settings) -> dict[str, Any] | None:
    if constrained is None or len(transcript.words) < s.unreliable_min_words:
        return None
    share = agreement(transcript.words, constrained.words)
    fired = share < s.unreliable_min_agreement
    text = (
        f"the two decodes of your audio agree on only {share:.0%} of the words: the recogniser is guessing; "
        "check the microphone, the distance to it and the room's noise"
    )
    return _signal("decodes_disagree", share, s.unreliable_min_agreement, fired, 1, text)


def _words_vs_speech(transcript: Transcript, voiced: float | None, s: Settings) -> dict[str, Any] | None:
    if voiced is None or voiced < s.unreliable_min_voiced_seconds:
        return None
    rate = len(transcript.words) / voiced
    fired = rate < s.unreliable_words_per_voiced_second
    text = (
        f"the audio holds {voiced:.0f} s of speech but only {len(transcript.words)} words were "
        "recognised: check the microphone and that the speech model fits your language"
    )
    return _signal("words_vs_speech", rate, s.unreliable_words_per_voiced_second, fired, 2 if not rate else 1, text)


def assess_recognition(
    transcript: Transcript,
    *,
    settings: Settings,
    plan: Sequence[str] = (),
    alignment: Alignment | None = None,
    vocabulary: Callable[[str], bool] | None = None,
    constrained: Transcript | None = None,
    constrained_alignment: Alignment | None = None,
    constrained_contact: ContactFindings | None = None,
    voiced_seconds: float | None = None,
) -> Reliability:
    """Weigh every available signal; unreliable when the fired ones reach ``unreliable_min_points``.

    ``voiced_seconds`` are from the recording's sound signals. The recorder's voice meter counts only frames
    above -50 dBFS (``asr.checked.VoiceMeter``), so a voice it measures at -56 dBFS is no speech there; the
    larger of the two counts, so a quiet voice with no words is "couldn't hear you", not "you said nothing".
    """
    ev = transcript.recognition
    measured = [v for v in (ev.voiced_seconds if ev is not None else None, voiced_seconds) if v is not None]
    voiced = max(measured) if measured else None
    free_cov = alignment.coverage if alignment is not None and alignment.plan else None
    con_cov = constrained_alignment.coverage if constrained_alignment is not None and plan else None
    found = (
        _script_language(transcript, plan, vocabulary, ev, settings),
        _low_confidence(transcript, settings),
        _constrained_gain(free_cov, con_cov, settings),
        _decodes_disagree(transcript, constrained, settings),
        _words_vs_speech(transcript, voiced, settings),
    )
    signals = tuple(sig for sig in found if sig is not None)
    points = sum(sig["points"] for sig in signals)
    return Reliability(
        unreliable=points >= settings.unreliable_min_points and bool(transcript.words or voiced),
        signals=signals,
        constrained=constrained,
        constrained_contact=constrained_contact,
        constrained_coverage=con_cov,
    )


def recognition_flag(reliability: Reliability) -> Flag:
    checks = "; ".join(sig["text"] for sig in reliability.fired)
    message = (
        "I couldn't hear this take reliably, so the checks that depend on your words are not verified and the "
        f"take gets no score. What to check: {checks}."
    )
    details = {"signals": [dict(s) for s in reliability.signals], "unverified_codes": sorted(WORD_CODES)}
    return Flag(codes.RECOGNITION_UNRELIABLE, Severity.ERROR, message, (), details)


def unverified(flag: Flag, message: str, why: str) -> Flag:
    """The flag kept for the record, but as a note that accuses no one and costs no points."""
    details = {
        **dict(flag.details),
        "unverified": True,
        "unverified_reason": why,
        "severity_if_verified": str(flag.severity),
        "original_message": flag.message,
    }
    return replace(flag, severity=Severity.TIP, message=message, details=details)


def neutral_message(flag: Flag) -> str:
    if flag.code == codes.MISSING_CONTACT_INFO:
        parts = [*flag.details.get("missing", ()), *flag.details.get("incomplete", ())]
        names = {"name": "your name", "company": "your company", "number": "your full callback number"}
        named = [names.get(p, p) for p in parts] or ["your contact details"]
        said = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
        return (
            f"The recogniser did not pick up {said}, but it could not hear this take reliably, so you may well "
            "have said it. Listen back to check."
        )
    return _NEUTRAL.get(flag.code, "Not verified, because the recognition was unreliable: " + flag.message)


def apply_reliability(flags: list[Flag], ctx: Any) -> list[Flag]:
    """Lead with ``recognition_unreliable`` and mark the word-based flags unverified, when the take is unreliable.

    ``missing_contact_info`` decides per part itself (a part the constrained decode confirms stays a miss).
    """
    rel = ctx.reliability
    if rel is None or not rel.unreliable:
        return flags
    out = [recognition_flag(rel)]
    for f in flags:
        if f.code in WORD_CODES and f.code != codes.MISSING_CONTACT_INFO and not f.details.get("unverified"):
            f = unverified(f, neutral_message(f), "recognition_unreliable")
        out.append(f)
    return out


__all__ = [
    "WORD_CODES",
    "Reliability",
    "agreement",
    "apply_reliability",
    "assess_recognition",
    "neutral_message",
    "recognition_flag",
    "unverified",
    "writing_system",
]
