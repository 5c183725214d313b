"""How the window words things: every message a full sentence, microphone trouble with what to do.

The adapters' messages are written to be joined into the command line's one-line errors ("the
microphone could not be opened (…)"); in the window each one becomes a sentence of its own.
"""

from __future__ import annotations

import logging
import re

log = logging.getLogger(__name__)

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
    """A microphone failure as the rep should read it: the sound system's own words kept, its codes
    ("[PaErrorCode -9999]", "[ALSA error -5]") and stream names left to the log, and what to do."""
    text = str(text or "the microphone stopped working")
    codes = re.findall(r"\[(?:PaErrorCode|[A-Za-z ]+ error) -?\d+\]", text)
    if codes:
        log.info("microphone problem: %s", text)
    for code in codes:
        text = text.replace(code, "")
    text = re.sub(r"Error (?:opening|starting|stopping) \w*Stream|Unanticipated host error|'", "", text)
    text = re.sub(r"\(\s*[:;,]?(?:\s*[:;,])*\s*", "(", text)
    text = re.sub(r"\s*[:;,](?:\s*[:;,])*\s*\)", ")", text)
    text = re.sub(r"\s*\(\s*\)", "", text)
    text = re.sub(r"\s+\)", ")", " ".join(text.split()))
    body = sentence(text.strip(" ;:,"))
    if not re.search(r"plug|Settings|install", body, re.IGNORECASE):
        body += " " + MIC_ADVICE
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
