"""`voicecoach record OUT.wav` and `voicecoach recover [FOLDER]`: headless takes and their rescue.

`record` shows a level bar and the live partial transcript on stderr (when a speech model is found; without
one it records anyway and says so), stops after `--seconds` or on Ctrl-C, and always keeps the file. The
take is written as OUT.part.wav while recording, so a crash leaves something `recover` can repair.
"""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path
from typing import Any

from voicecoach.cli.main import CliError

__all__ = ["BAR_WIDTH", "MAX_RECORD_SECONDS", "register", "run", "run_recover"]

BAR_WIDTH = 30


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "record",
        help="record a take from the microphone (with a live transcript)",
        description="Record a take to OUT.wav with a level bar and a live transcript. Ctrl-C stops and keeps it.",
    )
    p.add_argument("out", metavar="OUT.wav", help="where to save the take")
    p.add_argument("--seconds", type=_positive_float, metavar="N", help="stop after N seconds (default: 120 max)")
    p.add_argument("--device", metavar="X", help="input device index or name (see `voicecoach devices`)")
    p.add_argument("--model", metavar="DIR", help="speech model folder (default: see `voicecoach model path`)")
    p.add_argument("--no-model", action="store_true", help="record without a transcript")
    p.add_argument("--grammar", metavar="WORD", nargs="+", help="recognise only these words or phrases")
    p.add_argument("--json", action="store_true", help="print the transcript as Vosk's result list")
    p.add_argument("--recover", action="store_true", help="recover unfinished takes in OUT's folder without asking")
    p.add_argument("--overwrite", action="store_true", help="replace OUT.wav if it exists (default: refuse)")
    p.set_defaults(func=run)

    r = subparsers.add_parser(
        "recover",
        help="repair takes left unfinished by a crash",
        description="Find NAME.part.wav takes left by a crash, repair their headers and rename them NAME.wav.",
    )
    r.add_argument("folder", nargs="?", metavar="FOLDER", help="where to look (default: the app's take folders)")
    r.set_defaults(func=run_recover)


#: The longest take `record --seconds` accepts (ten minutes; without it a take stops at 120 s).
MAX_RECORD_SECONDS = 600.0


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 < value <= MAX_RECORD_SECONDS:  # also refuses nan and inf
        raise argparse.ArgumentTypeError(f"give a number of seconds between 0 and {MAX_RECORD_SECONDS:g}")
    return value


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# -- recovery -----------------------------------------------------------------------------------------------
def _recover(folder: Path, avoid: Path | None = None) -> int:
    from voicecoach.audio.recovery import RecoveryError, recover_take

    count = 0
    for part in _unfinished(folder):
        try:
            taken = recover_take(part, avoid=avoid)
        except (RecoveryError, OSError) as exc:
            _say(f"could not recover {part.name}: {exc}")
            continue
        count += 1
        _say(f"recovered {taken.path} ({taken.seconds:.1f} s)")
    return count


def _unfinished(folder: Path) -> list[Path]:
    from voicecoach.audio.recovery import find_unfinished_takes

    return find_unfinished_takes(folder)


def run_recover(args: argparse.Namespace) -> int:
    from voicecoach import paths

    if args.folder:
        folders = [Path(args.folder)]
        if not folders[0].is_dir():
            raise CliError(f"no such folder: {folders[0]}")
    else:
        # Where the app records takes, and where the store keeps them.
        folders = [paths.data_dir() / "recordings", paths.takes_dir()]
    from voicecoach.audio.recovery import find_live_takes

    for live in (p for f in folders for p in find_live_takes(f)):
        _say(f"{live} is being recorded right now; it was left alone")
    found = [f for f in folders if _unfinished(f)]
    if not found:
        _say(f"no unfinished takes in {' or '.join(str(f) for f in folders)}")
        return 0
    for folder in found:
        _recover(folder)
    return 0


def _offer_recovery(folder: Path, out: Path, always: bool) -> None:
    """Before recording, offer to rescue takes a crash left behind. The unfinished take of OUT itself is
    always rescued (to OUT-recovered.wav if OUT exists): recording would otherwise overwrite it."""
    from voicecoach.audio.recovery import RecoveryError, recover_take
    from voicecoach.audio.wav_writer import is_being_recorded, part_path_for

    own = part_path_for(out)
    if own.exists() and is_being_recorded(own):
        raise CliError(f"{out} is being recorded right now by another VoiceCoach window or command: "
                       "give another name")
    if own.exists():
        try:
            taken = recover_take(own, avoid=out)
            _say(f"recovered the unfinished {own.name} as {taken.path} ({taken.seconds:.1f} s)")
        except (RecoveryError, OSError) as exc:
            raise CliError(f"{own} is an unfinished take that could not be recovered ({exc}): move it away") from None
    parts = _unfinished(folder)
    if not parts:
        return
    if not always:
        if not sys.stdin.isatty():
            _say(f"{len(parts)} unfinished take(s) in {folder}: run `voicecoach recover {folder}` to keep them")
            return
        try:
            answer = input(f"{len(parts)} unfinished take(s) in {folder} (a crash?). Recover them now? [Y/n] ")
        except EOFError:
            answer = "n"
        if answer.strip().lower() not in ("", "y", "yes"):
            return
    _recover(folder, avoid=out)


# -- recording ----------------------------------------------------------------------------------------------
def _load_recognizer(args: argparse.Namespace) -> tuple[Any, int]:
    """(recogniser or None, sample rate). A missing model is not fatal: the take is recorded anyway."""
    if args.no_model:
        return None, 16000
    try:
        from voicecoach.asr.model_locator import ModelError, find_model
        from voicecoach.asr.recognizer import StreamingRecognizer, load_speech_model
    except ImportError as exc:
        _say(f"speech recognition unavailable ({exc}): recording without a transcript")
        return None, 16000
    try:
        model = load_speech_model(find_model(args.model))
    except ModelError as exc:
        _say(f"{exc}")
        _say("recording without a transcript")
        return None, 16000
    return StreamingRecognizer(model, sample_rate=model.sample_rate, grammar=args.grammar), model.sample_rate


class _Display:
    """The live status line; callbacks arrive on the capture thread, drawing happens on the main thread."""

    def __init__(self, tty: bool) -> None:
        self.tty = tty
        self.lock = threading.Lock()
        self.fraction = 0.0
        self.clipped = False
        self.partial = ""
        self._shown_partial = ""

    def on_level(self, level: Any) -> None:
        from voicecoach.audio.levels import meter_fraction

        with self.lock:
            self.fraction = meter_fraction(level)
            self.clipped = level.clipped

    def on_partial(self, text: str) -> None:
        with self.lock:
            self.partial = text

    def draw(self, seconds: float) -> None:
        with self.lock:
            fraction, clipped, partial = self.fraction, self.clipped, self.partial
        if self.tty:
            filled = round(fraction * BAR_WIDTH)
            bar = "#" * filled + "-" * (BAR_WIDTH - filled)
            tail = partial[-60:]
            sys.stderr.write(f"\r\x1b[K{seconds:5.1f}s [{bar}]{' CLIP' if clipped else ''} {tail}")
            sys.stderr.flush()
        elif partial and partial != self._shown_partial:
            self._shown_partial = partial
            _say(f"… {partial}")

    def end(self) -> None:
        if self.tty:
            sys.stderr.write("\n")
            sys.stderr.flush()


def run(args: argparse.Namespace) -> int:
    from voicecoach.audio.capture import Recorder
    from voicecoach.audio.devices import AudioUnavailableError

    out = Path(args.out)
    if out.suffix.lower() != ".wav":
        raise CliError(f"the take is saved as WAV: give a file name ending in .wav, not {out.name}")
    if out.is_dir():
        raise CliError(f"{out} is a folder: give a file name ending in .wav")
    if out.exists() and not args.overwrite:
        raise CliError(f"{out} already exists and was left as it is: give another name, or add --overwrite "
                       "to replace it")
    folder = out.parent
    if folder.exists():
        _offer_recovery(folder, out, args.recover)
    recognizer, rate = _load_recognizer(args)
    display = _Display(sys.stderr.isatty())
    recorder = Recorder(
        out,
        sample_rate=rate,
        device=args.device,
        recognizer=recognizer,
        on_level=display.on_level,
        on_partial=display.on_partial,
        on_warning=lambda message: _say(f"warning: {message}"),
        max_seconds=args.seconds or 120.0,
    )
    _say("starting microphone…")
    try:
        recorder.start()
    except AudioUnavailableError as exc:
        raise CliError(str(exc)) from None
    announced = False
    try:
        while not recorder.wait_finished(0.1):
            if not recorder.started:
                continue
            if not announced:
                announced = True
                _say("recording — press Ctrl-C to stop")
            display.draw(recorder.seconds)
    except KeyboardInterrupt:
        pass
    finally:
        display.end()
    result = recorder.stop()
    return _report(result, args)


def _report(result: Any, args: argparse.Namespace) -> int:
    import json

    _say(f"saved {result.path} ({result.seconds:.1f} s)")
    if result.stopped_by == "max_length":
        _say(f"stopped at the {result.seconds:.0f} s limit")
    for warning in result.warnings:
        _say(f"warning: {warning}")
    if result.transcript is not None:
        if args.json:
            print(json.dumps(result.transcript.to_vosk(), ensure_ascii=False, indent=2))
        else:
            print(result.transcript.text)
    if result.error:
        _say(f"voicecoach: {result.error}; the audio recorded so far is kept in {result.path}")
        return 1
    return 0
