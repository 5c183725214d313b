"""`voicecoach devices`: the input devices PortAudio sees, the default one marked.

The index or (part of) the name shown here is what `voicecoach record --device` and the app's settings take.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from voicecoach.cli.main import CliError

__all__ = ["register", "run"]


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "devices",
        help="list the microphones (input devices)",
        description="List input devices; the default is marked with *. Use the index or name with --device.",
    )
    p.add_argument("--json", action="store_true", help="print the list as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from voicecoach.audio.devices import NO_INPUT_DEVICE, AudioUnavailableError, list_input_devices

    try:
        devices = list_input_devices()
    except AudioUnavailableError as exc:
        raise CliError(str(exc)) from None
    if args.json:
        rows = [
            {
                "index": d.index,
                "name": d.name,
                "default_samplerate": d.default_samplerate,
                "max_input_channels": d.max_input_channels,
                "is_default": d.is_default,
            }
            for d in devices
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not devices:
        raise CliError(NO_INPUT_DEVICE)
    width = max(len(d.name) for d in devices)
    for d in devices:
        mark = "*" if d.is_default else " "
        print(f"{mark} {d.index:>3}  {d.name:<{width}}  {d.default_samplerate:>7.0f} Hz  {d.max_input_channels} ch")
    return 0
