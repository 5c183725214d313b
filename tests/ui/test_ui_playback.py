"""The report's player with real media on the offscreen platform: stopping, loading and toggling in quick
succession leave it in the state the rep asked for, and QMediaPlayer.stop/setSource never run from Python."""

from __future__ import annotations

import ast
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile
from shiboken6 import isValid as shiboken_valid

from voicecoach.ui.playback import Player

Takes = tuple[Path, Path]
UI = Path(__file__).resolve().parents[2] / "voicecoach" / "ui"


def _wav(path: Path, seconds: float, pitch: float = 5.0) -> Path:
    soundfile.write(str(path), (np.sin(np.arange(int(16000 * seconds)) / pitch) * 8000).astype(np.int16), 16000)
    return path


@pytest.fixture
def takes(tmp_path: Path) -> Takes:
    return _wav(tmp_path / "one.wav", 6.0), _wav(tmp_path / "two.wav", 4.0, pitch=7.0)


@pytest.fixture
def player(qtbot: Any) -> Iterator[Player]:
    made = Player()
    yield made
    if shiboken_valid(made):  # a test that failed before its own _dispose
        _dispose(qtbot, made)


def _dispose(qtbot: Any, player: Player) -> None:
    """Gone, with its FFmpeg threads, within the test: a renderer thread that logs while pytest-qt removes its
    message handler (right after the test) crashes the run."""
    media = [made for made in (player._player, player._output) if made is not None]
    player.dispose()
    _gone(qtbot, media)
    with qtbot.waitSignal(player.destroyed, timeout=5000):
        player.deleteLater()


def _gone(qtbot: Any, objects: list[Any]) -> None:
    qtbot.waitUntil(lambda: not any(shiboken_valid(o) for o in objects), timeout=5000)


def _media_state(player: Player) -> Any:
    from PySide6.QtMultimedia import QMediaPlayer

    assert player._player is not None
    return {QMediaPlayer.PlaybackState.PlayingState: "playing", QMediaPlayer.PlaybackState.PausedState: "paused",
            QMediaPlayer.PlaybackState.StoppedState: "stopped"}[player._player.playbackState()]


def _source(player: Player) -> str:
    assert player._player is not None
    return Path(player._player.source().toLocalFile()).name


def _settle(qtbot: Any, player: Player) -> None:
    """The queued calls have run and the file is loaded (or failed)."""
    qtbot.waitUntil(lambda: player.settled and (player._pending is None or player._failed()), timeout=5000)


def _playing(qtbot: Any, player: Player) -> None:
    qtbot.waitUntil(lambda: player._player is not None and _media_state(player) == "playing", timeout=5000)
    assert player.playing


def test_stop_while_playing_stops_and_goes_back_to_the_start(qtbot: Any, takes: Takes, player: Player) -> None:
    player.load(takes[0])
    player.toggle()
    _playing(qtbot, player)
    qtbot.waitUntil(lambda: player.position > 0.2, timeout=5000)
    with qtbot.waitSignal(player.playing_changed, check_params_cb=lambda on: on is False, timeout=1000):
        player.stop()
    assert not player.playing and player.position == 0.0  # at once, before the queued stop has run
    _settle(qtbot, player)
    assert _media_state(player) == "stopped" and not player.playing and player.position == 0.0
    _dispose(qtbot, player)


def test_a_load_right_after_a_stop_plays_the_new_take(qtbot: Any, takes: Takes, player: Player) -> None:
    player.load(takes[0])
    player.toggle()
    _playing(qtbot, player)
    player.stop()
    player.load(takes[1])
    player.toggle()
    assert player.playing  # asked for: it plays as soon as the new take is loaded
    _settle(qtbot, player)
    _playing(qtbot, player)
    assert _source(player) == "two.wav"
    _dispose(qtbot, player)


def test_a_stop_right_after_a_load_does_not_play(qtbot: Any, takes: Takes, player: Player) -> None:
    player.load(takes[0])
    player.seek(1.0, play=True)  # the first click on a word: the media player does not exist yet
    player.load(takes[1])
    player.seek(0.5, play=True)
    player.stop()
    assert not player.playing
    _settle(qtbot, player)
    assert _source(player) == "two.wav"
    assert _media_state(player) == "stopped" and not player.playing and player.position == 0.0
    _dispose(qtbot, player)


def test_a_stop_while_the_first_click_loads_does_not_play_later(qtbot: Any, takes: Takes, player: Player) -> None:
    player.load(takes[0])
    player.seek(2.0, play=True)
    player.stop()
    _settle(qtbot, player)
    assert _media_state(player) == "stopped" and not player.playing
    _dispose(qtbot, player)


@pytest.mark.parametrize("toggles", [1, 2, 3, 4])
def test_rapid_toggles_end_as_the_last_one_asked(qtbot: Any, takes: Takes, toggles: int, player: Player) -> None:
    player.load(takes[0])
    for _ in range(toggles):
        player.toggle()
    _settle(qtbot, player)
    if toggles % 2:
        _playing(qtbot, player)
    else:
        assert _media_state(player) != "playing" and not player.playing
    _dispose(qtbot, player)


def test_rapid_toggles_while_playing_pause_and_resume(qtbot: Any, takes: Takes, player: Player) -> None:
    player.load(takes[0])
    player.toggle()
    _playing(qtbot, player)
    for _ in range(4):
        player.toggle()
    _playing(qtbot, player)
    player.toggle()
    qtbot.waitUntil(lambda: _media_state(player) == "paused", timeout=5000)
    assert not player.playing
    _dispose(qtbot, player)


def test_a_take_that_cannot_load_does_not_stay_playing(qtbot: Any, tmp_path: Path, player: Player) -> None:
    broken = tmp_path / "broken.wav"
    broken.write_bytes(b"not a wave file at all" * 10)
    player.load(broken)
    player.toggle()
    qtbot.waitUntil(lambda: player.settled and not player.playing, timeout=5000)
    _dispose(qtbot, player)


def test_disposing_a_playing_player_returns_at_once_and_the_event_loop_deletes_it(
        qtbot: Any, takes: Takes, player: Player) -> None:
    player.load(takes[0])
    player.toggle()
    _playing(qtbot, player)
    media = [player._player, player._output]
    player.dispose()
    assert all(shiboken_valid(o) for o in media)  # not destroyed from Python (that may wait for FFmpeg for ever)
    assert not player.playing and player.position == 0.0 and player._player is None
    _gone(qtbot, media)
    player.load(takes[1])  # the Player itself still plays, with a new media player
    player.toggle()
    _playing(qtbot, player)
    _dispose(qtbot, player)


def test_a_player_whose_widget_is_deleted_while_playing_leaves_its_media_to_the_event_loop(
        qtbot: Any, takes: Takes) -> None:
    from PySide6.QtWidgets import QWidget
    from shiboken6 import delete as shiboken_delete

    owner = QWidget()
    player = Player(owner)
    player.load(takes[0])
    player.toggle()
    _playing(qtbot, player)
    media = [player._player, player._output]
    shiboken_delete(owner)  # the report's widget deleted from Python while its take plays
    assert not shiboken_valid(player) and all(shiboken_valid(o) for o in media)
    _gone(qtbot, media)


def _calls_to(tree: ast.AST, names: set[str]) -> list[int]:
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in names]


def test_no_python_code_calls_qmediaplayer_stop_or_set_source() -> None:
    """They wait for FFmpeg's renderer thread, which may wait for the GIL: only the queued path may run them."""
    offenders = []
    for path in UI.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        offenders += [f"{path.name}:{line}" for line in _calls_to(tree, {"setSource", "setSourceDevice"})]
        if "QtMultimedia" in source:
            offenders += [f"{path.name}:{line}" for line in _calls_to(tree, {"stop"})]
    assert offenders == []
    playback = (UI / "playback.py").read_text(encoding="utf-8")
    assert 'self._post("stop")' in playback and 'self._post("setSource"' in playback


def test_loading_a_take_opens_no_multimedia_library_before_the_first_play(tmp_path: Path) -> None:
    """The report loads its take while the take is still finishing, when the capture side may be opening
    libraries of its own: QtMultimedia's library is opened only when the rep plays (two threads opening
    libraries, one of them waiting for the GIL inside a library's start-up, wait for each other for ever)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from voicecoach.ui.playback import Player\n"
        "p = Player()\n"
        f"p.load(Path({str(_wav(tmp_path / 'take.wav', 0.5))!r}))\n"
        "p.stop()\n"
        "print('PySide6.QtMultimedia' in sys.modules, p.playing)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.stdout.split() == ["False", "False"], out.stderr


def test_the_sound_meter_has_its_fft_library_before_a_take_finishes() -> None:
    import subprocess
    import sys

    code = "import sys\nimport voicecoach.acoustics\nprint('numpy.fft' in sys.modules)\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "True", out.stderr
