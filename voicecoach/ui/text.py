"""How the window words things: every message a full sentence, microphone trouble with what to do.

The adapters' messages are written to be joined into the command line's one-line errors ("the
microphone could not be opened (…)"); in the window each one becomes a sentence of its own, followed by
what to do (``ui.remedies``).
"""

from __future__ import annotations

import re

from voicecoach.ui import words

__all__ = ["device_label", "mic_problem", "sentence"]


def sentence(text: str) -> str:
    """Capital first letter, full stop at the end (unless it ends in other punctuation already)."""
    text = " ".join(str(text).split())
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?", "…", ":")) else text + "."


def mic_problem(problem: BaseException | str) -> str:
    """A microphone failure as the rep should read it: the audio adapter's sentence, built from the
    error's kind (its codes stay in the log: ``audio.devices.portaudio_problem``), and what to do. A
    plain text (a take that ended mid-way) is the microphone's to check."""
    from voicecoach.core.remedy import Remedy, problem_of
    from voicecoach.ui.remedies import advice, window_sentence

    if isinstance(problem, BaseException) and problem_of(problem) is not None:
        return window_sentence(problem)
    text = str(problem) or (type(problem).__name__ if isinstance(problem, BaseException) else "")
    return f"{sentence(text or words.MIC_STOPPED)} {advice([Remedy.CHECK_MICROPHONE])}"


def device_label(name: str, is_default: bool = False) -> str:
    """An input device as a person would name it: ALSA's "pulse" is the PulseAudio sound server,
    "HDA Intel PCH: ALC3246 Analog (hw:0,0)" loses its hardware address."""
    raw = " ".join(str(name).split())
    label = words.SOUND_SERVERS.get(raw.lower())
    if label is None:
        label = re.sub(r"\s*\((?:hw|plughw):\d+,\d+\)$", "", raw) or raw
    if is_default and "default" not in label.lower():
        label = words.default_device(label)
    return label
