"""Playing a take back, with seeking from the transcript and the waveform.

QtMultimedia does the work; if it cannot start (no audio output on the machine), the position still moves
so the rest of the report keeps working and the rep is told once.

``QMediaPlayer.stop`` (and ``setSource``, which stops first) waits for the FFmpeg renderer thread, and that
thread may need the Python GIL to finish: called from Python, which holds the GIL, the two wait for each other
for ever. So both only ever run from the event loop (queued on the C++ slot, with no Python code on the stack);
until they have run, the player counts as loading and what the rep asked for waits in ``_pending``.
Destroying a playing QMediaPlayer waits the same way, so Python never destroys one: the QMediaPlayer and its
QAudioOutput belong to the application (not to the Player, whose owner may be deleted from Python, nor to
Python's garbage collector), and when the Player is disposed or goes away with its owner widget they are
stopped and deleted from the event loop (``retire``).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Q_ARG, QCoreApplication, QMetaObject, QObject, Qt, QUrl, Signal, Slot

from voicecoach.ui import words
from voicecoach.ui.qt_paths import qt_name

if TYPE_CHECKING:  # QtMultimedia loads with the first playback
    from PySide6.QtCore import QGenericArgumentHolder
    from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

__all__ = ["Player", "retire"]


def retire(media: QMediaPlayer, output: QAudioOutput, *_destroyed: object) -> None:
    """Silenced now; stopped, then deleted, from the event loop. Returns at once (nothing here waits).
    ``_destroyed``: the argument of the ``destroyed`` signal it also answers."""
    media.blockSignals(True)  # nothing it says reaches Python any more, not even while it stops
    QMetaObject.invokeMethod(media, "stop", Qt.ConnectionType.QueuedConnection)
    media.deleteLater()
    output.deleteLater()


class Player(QObject):
    position_changed = Signal(float)  # seconds
    playing_changed = Signal(bool)
    error_occurred = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._player: QMediaPlayer | None = None
        self._output: QAudioOutput | None = None
        self.path: Path | None = None
        self.position = 0.0
        # A seek asked for before QMediaPlayer has loaded the file (or has run a queued stop/setSource) would
        # be lost (the first click on a word used to play from 0:00): it waits here until the media is ready.
        self._pending: float | None = None
        self._play_when_loaded = False
        self._queued = 0  # stop/setSource calls posted to the event loop that have not run yet

    def _ensure(self) -> bool:
        if self._player is not None:
            return True
        try:
            from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
        except ImportError:
            self.error_occurred.emit(words.PLAYBACK_UNAVAILABLE)
            return False
        keeper = QCoreApplication.instance()  # deletes them only when the Player is done (see the module)
        self._player = player = QMediaPlayer(keeper)
        self._output = output = QAudioOutput(keeper)
        self._retire_with_player = partial(retire, player, output)
        self.destroyed.connect(self._retire_with_player)
        player.setAudioOutput(output)
        player.positionChanged.connect(self._on_player_position)
        player.playbackStateChanged.connect(self._on_player_state)
        player.mediaStatusChanged.connect(self._on_media_status)
        player.errorOccurred.connect(lambda _e, text: self.error_occurred.emit(words.playback_failed(text)))
        if self.path is not None:
            self._set_source(self.path)
        return True

    def _post(self, slot: str, *args: QGenericArgumentHolder) -> None:
        """Runs QMediaPlayer's ``slot`` from the event loop, then ``_posted_ran``."""
        self._queued += 1
        QMetaObject.invokeMethod(self._media, slot, Qt.ConnectionType.QueuedConnection, *args)
        QMetaObject.invokeMethod(self, "_posted_ran", Qt.ConnectionType.QueuedConnection)

    @Slot()
    def _posted_ran(self) -> None:
        self._queued -= 1
        self._on_media_status(None)

    @property
    def settled(self) -> bool:
        """No queued stop or load is still waiting to run."""
        return not self._queued

    def _set_source(self, path: Path | None) -> None:
        url = QUrl.fromLocalFile(qt_name(path)) if path else QUrl()
        self._post("setSource", Q_ARG(QUrl, url))  # setSource stops the take that played before

    def _hold(self) -> None:
        """Back to 0:00, not playing, until the queued stop or load has run."""
        was_playing = self.playing
        self.position = 0.0
        self._pending, self._play_when_loaded = 0.0, False
        self.position_changed.emit(0.0)
        if was_playing:
            self.playing_changed.emit(False)

    def load(self, path: Path | None) -> None:
        self.path = Path(path) if path else None
        self._hold()
        if self._player is not None:
            self._set_source(self.path)

    def stop(self) -> None:
        self._hold()
        if self._player is not None:
            self._post("stop")

    def dispose(self) -> None:
        """Let the media player go (stopped and deleted from the event loop) and return at once; playing
        again later makes a new one."""
        self._hold()
        if self._player is None or self._output is None:
            return
        self.destroyed.disconnect(self._retire_with_player)
        retire(self._player, self._output)
        self._player = self._output = None

    @property
    def playing(self) -> bool:
        """Whether the take plays, or will as soon as it is loaded."""
        if self._pending is not None:
            return self._play_when_loaded
        if self._player is None:  # QtMultimedia is not loaded before the first play (see ``_ensure``)
            return False
        from PySide6.QtMultimedia import QMediaPlayer

        return self._player.playbackState() == QMediaPlayer.PlaybackState.PlayingState

    def toggle(self) -> None:
        if self.path is None or not self._ensure():
            return
        if not self.playing:
            self._go(self.position, play=True)
        elif self._pending is not None:
            self._play_when_loaded = False
            self.playing_changed.emit(False)
        else:
            self._media.pause()

    def seek(self, seconds: float, play: bool = False) -> None:
        self.position = max(0.0, seconds)
        self.position_changed.emit(self.position)
        if self.path is None:
            return
        if self._player is not None or play:
            if not self._ensure():
                return
            self._go(self.position, play=play and not self.playing)

    @property
    def _media(self) -> QMediaPlayer:
        """The player, once ``_ensure`` has made it."""
        assert self._player is not None, "playback used before _ensure()"
        return self._player

    def _loaded(self) -> bool:
        from PySide6.QtMultimedia import QMediaPlayer

        if self._queued:
            return False
        status = self._media.mediaStatus()
        return status in (QMediaPlayer.MediaStatus.LoadedMedia, QMediaPlayer.MediaStatus.BufferedMedia,
                          QMediaPlayer.MediaStatus.BufferingMedia, QMediaPlayer.MediaStatus.EndOfMedia)

    def _go(self, seconds: float, play: bool) -> None:
        if not self._loaded():
            was_playing = self.playing
            self._pending, self._play_when_loaded = seconds, play or self._play_when_loaded
            if self.playing != was_playing:
                self.playing_changed.emit(self.playing)
            return
        self._media.setPosition(int(seconds * 1000))
        if play:
            self._media.play()

    def _on_media_status(self, _status: object) -> None:
        if self._pending is None or self._queued or self._player is None:
            return
        if self._loaded():
            seconds, play = self._pending, self._play_when_loaded
            self._pending, self._play_when_loaded = None, False
            self._go(seconds, play)
        elif self._failed() and self._play_when_loaded:
            self._play_when_loaded = False  # errorOccurred tells the rep why
            self.playing_changed.emit(False)

    def _failed(self) -> bool:
        from PySide6.QtMultimedia import QMediaPlayer

        return self._media.mediaStatus() in (QMediaPlayer.MediaStatus.InvalidMedia, QMediaPlayer.MediaStatus.NoMedia)

    def _on_player_position(self, ms: int) -> None:
        if self._pending is not None:
            return  # the player reports 0 while it loads; the position asked for still stands
        self.position = ms / 1000.0
        self.position_changed.emit(self.position)

    def _on_player_state(self, _state: object) -> None:
        self.playing_changed.emit(self.playing)
