"""How the window words things: every message a full sentence, microphone trouble with what to do.

The adapters' messages are written to be joined into the command line's one-line errors ("the
microphone could not be opened (…)"); in the window each one becomes a sentence of its own.
"""

from __future__ import annotations

import re

MIC_ADVICE = ("Check that the microphone is plugged in and not used by another program, or choose another "
              "input under Settings → Microphone, then try again.")


def sentence(text: str) -> str:
    """Capital first letter, full stop at the end (unless it ends in other punctuation already)."""
    text = " ".join(str(text).split())
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?", "…", ":")) else text + "."


def mic_problem(text: str) -> str:
    """A microphone failure as the rep should read it: PortAudio's code moved to the end, and advice."""
    text = str(text or "the microphone stopped working")
    codes = re.findall(r"\[PaErrorCode -?\d+\]", text)
    for code in codes:
        text = text.replace(code, "")
    text = re.sub(r"\s*\(\s*Unanticipated host error\s*\)", "", text).replace("Unanticipated host error", "")
    text = re.sub(r"\(\s*\)", "", text)
    body = sentence(text.strip(" ;:,"))
    if not re.search(r"plug|Settings|install", body, re.IGNORECASE):
        body += " " + MIC_ADVICE
    if codes:
        body += f" (Sound system code: {codes[0].strip('[]')}.)"
    return body


_SOUND_SERVERS = {"pulse": "PulseAudio sound server", "pipewire": "PipeWire sound server",
                  "jack": "JACK sound server", "sysdefault": "System default (ALSA)",
                  "default": "System default device"}


def device_label(name: str, is_default: bool = False) -> str:
    """An input device as a person would name it: ALSA's "pulse" is the PulseAudio sound server,
    "HDA Intel PCH: ALC3246 Analog (hw:0,0)" loses its hardware address."""
    raw = " ".join(str(name).split())
    label = _SOUND_SERVERS.get(raw.lower())
    if label is None:
        label = re.sub(r"\s*\((?:hw|plughw):\d+,\d+\)$", "", raw) or raw
    if is_default and "default" not in label.lower():
        label += " — default"
    return label
