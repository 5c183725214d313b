"""A real user-space audio server with a virtual microphone, for tests of the real capture path.

``VirtualMic.start(tmp_dir)`` starts PulseAudio in its own runtime folder (nothing of the host's sound
setup is touched) with a 16 kHz mono null sink and a source remapped from its monitor, made the default
source. PortAudio reaches it through ALSA's ``pulse``/``default`` devices (libasound2-plugins), so the
app records from it exactly as from a microphone. ``play(wav)`` sends a file into the sink with paplay:
what is played is what the "microphone" hears, sample for sample.

Facts this relies on (PulseAudio 16, Debian 12, as root):
- ``-n`` skips the default start script, whose module-suspend-on-idle would suspend the idle sink and lose
  the start of what is played; ``--exit-idle-time=-1`` keeps the server up between tests;
  ``--enable-memfd=no`` avoids shared-memory trouble in containers. Running as root only logs a warning.
- Clients find the server through ``PULSE_SERVER``; autospawn is disabled through a client.conf so a
  stopped server stays stopped (the fault tests need that).
- PortAudio lists devices once, at initialisation: sounddevice is re-initialised after the server starts
  and after it stops (``sd._terminate(); sd._initialize()``), or it keeps a stale (or empty) device list.

The pytest fixtures ``virtual_mic`` (function scope; the server itself is shared per session) and
``no_audio_server`` are defined here and exposed through tests/conftest.py.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

SINK = "vc_test_sink"
SOURCE = "vc_test_mic"
RATE = 16000
_ENV_KEYS = ("PULSE_SERVER", "PULSE_RUNTIME_PATH", "PULSE_CLIENTCONFIG", "PULSE_STATE_PATH", "PULSE_SOURCE")


def pulseaudio_missing() -> str | None:
    """Why the real-audio tests can't run here, or None when they can."""
    for tool in ("pulseaudio", "pactl", "paplay"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (./dev test installs pulseaudio and pulseaudio-utils)"
    return None


def reinit_sounddevice() -> None:
    """Make PortAudio list devices again (it does so only when initialised)."""
    import sys

    sd = sys.modules.get("sounddevice")
    if sd is None:
        return
    sd._terminate()
    sd._initialize()


class VirtualMic:
    """A running PulseAudio server with a virtual microphone; see the module docstring."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.runtime = root / "runtime"
        self.socket = self.runtime / "native"
        self.client_conf = root / "client.conf"
        self.log = root / "pulseaudio.log"
        self.sink = SINK
        self.source = SOURCE
        self.rate = RATE
        self._remap_module: str | None = None

    # -- environment -------------------------------------------------------------------------------------
    def env(self) -> dict[str, str]:
        """Variables that point PulseAudio clients (and PortAudio through ALSA) at this server."""
        return {
            "PULSE_SERVER": f"unix:{self.socket}",
            "PULSE_RUNTIME_PATH": str(self.runtime),
            "PULSE_STATE_PATH": str(self.root / "state"),
            "PULSE_CLIENTCONFIG": str(self.client_conf),
        }

    def subprocess_env(self) -> dict[str, str]:
        """os.environ plus env(): for a recording subprocess (e.g. `voicecoach record`)."""
        return {**os.environ, **self.env()}

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, env=self.subprocess_env(), capture_output=True, text=True, check=check, timeout=30)

    def pactl(self, *args: str, check: bool = True) -> str:
        return self._run("pactl", *args, check=check).stdout.strip()

    # -- lifecycle -----------------------------------------------------------------------------------------
    def start(self) -> VirtualMic:
        self.runtime.mkdir(parents=True, exist_ok=True, mode=0o700)
        (self.root / "state").mkdir(exist_ok=True)
        self.client_conf.write_text("autospawn = no\n", encoding="utf-8")
        if self.socket.exists():
            self.socket.unlink()
        self._run(
            "pulseaudio", "-n", "--daemonize=yes", "--exit-idle-time=-1", "--enable-memfd=no",
            "--use-pid-file=yes", "--disallow-exit", f"--log-target=file:{self.log}",
            "-L", f"module-native-protocol-unix socket={self.socket} auth-anonymous=1",
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while self._run("pactl", "info", check=False).returncode != 0:
            if time.monotonic() > deadline:
                raise RuntimeError(f"PulseAudio did not start; log: {self._log_tail()}")
            time.sleep(0.1)
        self.pactl(
            "load-module",
            "module-null-sink",
            f"sink_name={self.sink}",
            f"rate={self.rate}",
            "channels=1",
            "format=s16le",
        )
        self.load_source()
        self.pactl("set-default-sink", self.sink)
        return self

    def load_source(self) -> None:
        self._remap_module = self.pactl(
            "load-module",
            "module-remap-source",
            f"source_name={self.source}",
            f"master={self.sink}.monitor",
            "channels=1",
        )
        self.pactl("set-default-source", self.source)

    def unload_source(self) -> None:
        """The microphone disappears: the remapped source and the sink (whose monitor PulseAudio would
        otherwise move the stream to) are unloaded, leaving no source at all."""
        if self._remap_module is not None:
            self.pactl("unload-module", self._remap_module, check=False)
            self._remap_module = None
        self.pactl("unload-module", "module-null-sink", check=False)

    def pid(self) -> int | None:
        pid_file = self.runtime / "pid"
        try:
            return int(pid_file.read_text().strip())
        except (OSError, ValueError):
            return None

    @property
    def running(self) -> bool:
        pid = self.pid()
        if pid is None:
            return False
        try:
            os.kill(pid, 0)
        except OSError:
            return False
        return self._run("pactl", "info", check=False).returncode == 0

    def stop_server(self) -> None:
        """Stop the server (SIGTERM to its own pid, then SIGKILL); waits until it is gone."""
        pid = self.pid()
        if pid is None:
            return
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                return
            deadline = time.monotonic() + 3
            while time.monotonic() < deadline:
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    return
                time.sleep(0.05)

    def _log_tail(self) -> str:
        try:
            return " | ".join(self.log.read_text(errors="replace").splitlines()[-5:])
        except OSError:
            return "(no log)"

    # -- audio ---------------------------------------------------------------------------------------------
    def play(self, wav_path: Path | str, *, wait: bool = True) -> subprocess.Popen[bytes]:
        """Play a file into the virtual microphone; with wait=True, return when it has been played."""
        proc = subprocess.Popen(
            ["paplay", "-d", self.sink, str(wav_path)],
            env=self.subprocess_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        if wait:
            _, err = proc.communicate(timeout=60)
            if proc.returncode != 0:
                raise RuntimeError(f"paplay failed: {err.decode(errors='replace').strip()}")
        return proc


def _apply_env(env: dict[str, str]) -> dict[str, str | None]:
    saved = {k: os.environ.get(k) for k in _ENV_KEYS}
    for k in _ENV_KEYS:
        os.environ.pop(k, None)
    os.environ.update(env)
    return saved


def _restore_env(saved: dict[str, str | None]) -> None:
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@pytest.fixture(scope="session")
def _pulse_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtualMic]:
    reason = pulseaudio_missing()
    if reason is not None:
        pytest.skip(reason)
    # A short path: the unix socket path must fit in 108 bytes.
    mic = VirtualMic(tmp_path_factory.mktemp("pulse"))
    try:
        mic.start()
        yield mic
    finally:
        mic.stop_server()


@pytest.fixture
def virtual_mic(_pulse_server: VirtualMic) -> Iterator[VirtualMic]:
    """A running virtual microphone (default source) for this test: the PULSE_* variables point at it and
    sounddevice is re-initialised to see it. A test may unload the source or stop the server: the next test
    gets them back. ``virtual_mic.subprocess_env()`` is the environment for a recording subprocess.
    """
    mic = _pulse_server
    saved = _apply_env(mic.env())
    if not mic.running:
        mic.start()
    elif mic._remap_module is None:
        if SINK not in mic.pactl("list", "short", "sinks"):
            mic.pactl(
                "load-module",
                "module-null-sink",
                f"sink_name={mic.sink}",
                f"rate={mic.rate}",
                "channels=1",
                "format=s16le",
            )
        mic.load_source()
    reinit_sounddevice()
    try:
        yield mic
    finally:
        _restore_env(saved)
        reinit_sounddevice()


@pytest.fixture
def no_audio_server(tmp_path: Path) -> Iterator[dict[str, str]]:
    """No sound server and no device: PortAudio finds nothing. Yields the environment for subprocesses."""
    root = tmp_path / "nopulse"
    root.mkdir()
    (root / "client.conf").write_text("autospawn = no\n", encoding="utf-8")
    env = {
        "PULSE_SERVER": f"unix:{root / 'absent'}",
        "PULSE_RUNTIME_PATH": str(root),
        "PULSE_STATE_PATH": str(root),
        "PULSE_CLIENTCONFIG": str(root / "client.conf"),
    }
    saved = _apply_env(env)
    reinit_sounddevice()
    try:
        yield {**os.environ}
    finally:
        _restore_env(saved)
        reinit_sounddevice()
