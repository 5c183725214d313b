"""Build the VoiceCoach desktop app with PyInstaller: `python packaging/build.py` (or `./dev package`).

Checks the speech model first (a broken `vosk-model/` stops the build before minutes are spent), runs the
spec, then adds the Linux desktop entry and icon and records BUILD-INFO.json with the size and build time.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import build_info  # noqa: E402
import contents  # noqa: E402
import strip_debug  # noqa: E402
from model_bundle import BundleError, plan_model_bundle  # noqa: E402

from voicecoach import __version__  # noqa: E402


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="build.py", description="Build the VoiceCoach desktop app.")
    model = parser.add_mutually_exclusive_group()
    model.add_argument(
        "--model", type=Path, help="bundle this Vosk model folder (default: vosk-model/ if it holds one)"
    )
    model.add_argument("--no-model", action="store_true", help="bundle no model; the app offers the download")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the app folder goes (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller", help="PyInstaller's work folder")
    parser.add_argument("--clean", action="store_true", help="start without PyInstaller's cache")
    parser.add_argument("--archive", action="store_true", help="also pack the folder into a .tar.gz (Linux/macOS)")
    return parser.parse_args(argv)


def check_model(args: argparse.Namespace) -> tuple[str, str | None]:
    """The VOICECOACH_BUNDLE_MODEL value for the spec and the bundled model's name; BundleError if refused."""
    if args.no_model:
        print("build: no speech model bundled (--no-model); the app offers the download at first run")
        return "none", None
    folder = args.model if args.model is not None else ROOT / "vosk-model"
    bundle = plan_model_bundle(folder, required=args.model is not None)
    print(f"build: {bundle.describe()}")
    value = str(folder.resolve()) if args.model is not None else ""
    return value, (bundle.model_root.name if bundle.model_root else None)


def run_pyinstaller(args: argparse.Namespace, model_value: str) -> None:
    env = dict(os.environ, VOICECOACH_BUNDLE_MODEL=model_value)
    cmd = [
        sys.executable,
        "-m",
        "PyInstaller",
        str(HERE / "voicecoach.spec"),
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(args.dist),
        "--workpath",
        str(args.work),
    ]
    if args.clean:
        cmd.append("--clean")
    subprocess.run(cmd, check=True, env=env, cwd=ROOT)


def add_desktop_files(app_dir: Path) -> None:
    """The .desktop entry, its installer and the icon, at the top of the folder where a user sees them."""
    for name in ("voicecoach.desktop", "install-desktop-entry.sh"):
        shutil.copy2(HERE / "linux" / name, app_dir / name)
    icons = contents.icon_paths(ROOT)
    for fmt in ("png", "svg"):
        if fmt in icons:
            shutil.copy2(icons[fmt], app_dir / f"voicecoach.{fmt}")
    if not icons:
        print("build: warning: no icon in assets/icons/ (voicecoach.png, voicecoach.svg); the menu entry has none")


def app_folder(dist: Path) -> Path:
    if sys.platform == "darwin":
        return dist / f"{contents.APP_NAME}.app"
    return dist / contents.APP_NAME


def make_archive(app_dir: Path) -> Path:
    """A .tar.gz that keeps the symlinks PyInstaller made (a zip would turn them into copies)."""
    machine = platform.machine().lower() or "unknown"
    target = app_dir.parent / f"{contents.APP_NAME}-{__version__}-{sys.platform}-{machine}.tar.gz"
    with tarfile.open(target, "w:gz", compresslevel=6) as tar:
        tar.add(app_dir, arcname=app_dir.name)
    return target


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        model_value, model_name = check_model(args)
    except BundleError as exc:
        print(f"build: {exc}", file=sys.stderr)
        return 2
    started = time.monotonic()
    try:
        run_pyinstaller(args, model_value)
    except subprocess.CalledProcessError as exc:
        print(f"build: PyInstaller failed (exit {exc.returncode}); see its messages above", file=sys.stderr)
        return 1
    app_dir = app_folder(args.dist)
    if sys.platform.startswith("linux"):
        saved = strip_debug.strip_debug_info(app_dir)
        if saved:
            print(f"build: removed {saved / 1e6:.0f} MB of debug information")
        add_desktop_files(app_dir)
    seconds = time.monotonic() - started

    size = build_info.folder_size(app_dir)
    build_info.write_info(
        app_dir if sys.platform != "darwin" else app_dir / "Contents" / "Resources",
        {
            "version": __version__,
            "platform": f"{sys.platform}-{platform.machine()}",
            "python": platform.python_version(),
            "source_digest": build_info.source_digest(ROOT),
            "model": model_name,
            "build_seconds": round(seconds, 1),
            "size_bytes": size,
        },
    )
    print(f"build: {app_dir} ({size / 1e6:.0f} MB) in {seconds:.0f} s")
    if args.archive:
        archive = make_archive(app_dir)
        print(f"build: archive {archive} ({archive.stat().st_size / 1e6:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
