"""`voicecoach transcribe AUDIO`: an audio file to text, or to Vosk's result list with --json.

The JSON output is exactly what `voicecoach analyze --transcript` reads and what a take stores, so a
file can be transcribed once and analysed many times. The speech adapter is imported only when the
command runs, so building the parser stays cheap.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from voicecoach.cli.main import CliError

__all__ = ["load_model_for_cli", "register", "run"]


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "transcribe",
        help="transcribe an audio file offline with the speech model",
        description="Transcribe an audio file (WAV, FLAC, OGG, MP3, ... any rate or channel count) offline.",
    )
    p.add_argument("audio", metavar="AUDIO", help="the audio file to transcribe")
    p.add_argument("--model", metavar="DIR", help="speech model folder (default: see `voicecoach model path`)")
    p.add_argument(
        "--grammar",
        metavar="WORD",
        nargs="+",
        help="recognise only these words or phrases (each argument is one phrase)",
    )
    p.add_argument("--json", action="store_true", help="print the Vosk result list instead of the text")
    p.set_defaults(func=run)


def load_model_for_cli(model_dir: str | None) -> Any:
    """find_model + load_speech_model with every model problem turned into a one-line CLI error."""
    from voicecoach.asr.model_locator import ModelError, find_model
    from voicecoach.asr.recognizer import load_speech_model

    try:
        return load_speech_model(find_model(model_dir))
    except ModelError as exc:
        raise CliError(str(exc)) from None


def run(args: argparse.Namespace) -> int:
    from voicecoach.asr.audio_files import audio_to_analyse
    from voicecoach.asr.transcribe import transcribe_file

    info = audio_to_analyse(args.audio)  # an unreadable or too long file fails before the model is loaded
    model = load_model_for_cli(args.model)
    if 0 < info.rate < model.sample_rate:
        print(
            f"voicecoach: note: {info.rate} Hz audio lacks the high frequencies the {model.sample_rate} Hz model "
            "listens for; expect missed words (record at 16 kHz or more)",
            file=sys.stderr,
        )
    progress = _progress_line if sys.stderr.isatty() else None
    try:
        transcript = transcribe_file(args.audio, model, grammar=args.grammar, progress=progress)
    finally:
        if progress:
            print(file=sys.stderr)
    if args.json:
        print(json.dumps(transcript.to_vosk(), ensure_ascii=False, indent=2))
    else:
        print(transcript.text)
    return 0


def _progress_line(fraction: float) -> None:
    print(f"\rtranscribing {fraction * 100:5.1f}%", end="", file=sys.stderr, flush=True)
