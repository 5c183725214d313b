"""`voicecoach model list | path | verify [DIR] | download [NAME]`: find, check and fetch the speech model."""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from voicecoach.cli.main import CliError

__all__ = ["ProgressBar", "register", "run_download", "run_list", "run_path", "run_verify"]


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("model", help="find, check or download the speech model")
    sub = p.add_subparsers(dest="model_command", metavar="ACTION", required=True)
    sub.add_parser("list", help="every place the app looks for a model, and what it found").set_defaults(
        func=run_list
    )
    path = sub.add_parser("path", help="print the model folder the app would use")
    path.add_argument("--model", metavar="DIR", help="check this folder instead of searching")
    path.set_defaults(func=run_path)
    verify = sub.add_parser("verify", help="check a model folder file by file, then load it with Vosk")
    verify.add_argument("dir", metavar="DIR", nargs="?", help="the folder (default: the one the app would use)")
    verify.set_defaults(func=run_verify)
    dl = sub.add_parser("download", help="download and unpack the default model into the user models folder")
    dl.add_argument("name", metavar="NAME", nargs="?", help="model name (default: the manifest's model)")
    dl.add_argument("--dest", metavar="DIR", help="unpack under this folder instead of the user models folder")
    dl.add_argument("--url", help="download from this address instead of the manifest's")
    dl.add_argument("--sha256", metavar="HEX", help="expected sha256 of the archive given by --url")
    dl.set_defaults(func=run_download)


def _model_error() -> type[Exception]:
    from voicecoach.asr.model_locator import ModelError

    return ModelError


def run_list(args: argparse.Namespace) -> int:
    from voicecoach import paths
    from voicecoach.asr.model_locator import DEFAULT_MODEL, list_candidates

    candidates = list_candidates()
    for c in candidates:
        status = "ok" if c.ok else f"unusable: {c.problem}"
        print(f"{c.source:<17} {c.path}  [{status}]")
    if not candidates:
        print("no model found")
    print(f"looked in: $VOICECOACH_MODEL, {paths.bundled_model_dir()}, {paths.user_models_dir()}")
    print(f"default model: {DEFAULT_MODEL.name} ({DEFAULT_MODEL.language}, {DEFAULT_MODEL.licence})")
    return 0


def run_path(args: argparse.Namespace) -> int:
    from voicecoach.asr.model_locator import find_model

    try:
        print(find_model(args.model))
    except _model_error() as exc:
        raise CliError(str(exc)) from None
    return 0


def run_verify(args: argparse.Namespace) -> int:
    from voicecoach.asr.model_locator import find_model
    from voicecoach.asr.recognizer import load_speech_model

    started = time.perf_counter()
    try:
        model = load_speech_model(find_model(args.dir))
    except _model_error() as exc:
        raise CliError(str(exc)) from None
    seconds = time.perf_counter() - started
    print(f"ok: {model.path} loads and decodes ({model.sample_rate} Hz, loaded in {seconds:.1f} s)")
    return 0


def run_download(args: argparse.Namespace) -> int:
    from voicecoach.asr.model_locator import DEFAULT_MODEL, DownloadCancelled, download_model

    if args.name and args.name != DEFAULT_MODEL.name and not args.url:
        raise CliError(f"unknown model {args.name!r}; known: {DEFAULT_MODEL.name} (or give --url)")
    bar = ProgressBar(sys.stderr)
    try:
        if args.url:
            target = download_model(args.dest, url=args.url, sha256=args.sha256, progress=bar.update)
        else:
            target = download_model(args.dest, progress=bar.update)
    except DownloadCancelled as exc:
        bar.close()
        raise CliError(str(exc)) from None
    except _model_error() as exc:
        bar.close()
        raise CliError(str(exc)) from None
    bar.close()
    print(target)
    return 0


class ProgressBar:
    """A one-line `[#####.....] 12.3/39.3 MB 31%` bar redrawn in place, at most ten times a second."""

    WIDTH = 30

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self._last = 0.0
        self._drawn = False

    def update(self, done: int, total: int | None) -> None:
        now = time.monotonic()
        if self._drawn and now - self._last < 0.1 and (total is None or done < total):
            return
        self._last = now
        self._drawn = True
        if total:
            fraction = min(1.0, done / total)
            filled = int(fraction * self.WIDTH)
            bar = "#" * filled + "." * (self.WIDTH - filled)
            line = f"[{bar}] {done / 1e6:.1f}/{total / 1e6:.1f} MB {fraction:4.0%}"
        else:
            line = f"[???] {done / 1e6:.1f} MB"
        self.stream.write(f"\rdownloading {line}")
        self.stream.flush()

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\n")
            self.stream.flush()
            self._drawn = False
