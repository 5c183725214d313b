"""Playing a take back, with seeking from the transcript and the waveform.

QtMultimedia does the work; if it cannot start (no audio output on the machine), the position still moves
so the rest of the report keeps working and the rep is told once.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl, Signal

from voicecoach.ui.qt_paths import qt_name

if TYPE_CHECKING:  # QtMultimedia loads with the first playback
    from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer


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
        # A seek asked for before QMediaPlayer has loaded the file is lost (the first click on a word used
        # to play from 0:00): it waits here until the media is loaded.
        self._pending: float | None = None
        self._play_when_loaded = False

    def _ensure(self) -> bool:
        if self._player is not None:
            return True
        try:
            from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
        except ImportError:
            self.error_occurred.emit("Playback is unavailable: QtMultimedia is not installed.")
            return False
        self._player = player = QMediaPlayer(self)
        self._output = QAudioOutput(self)
        player.setAudioOutput(self._output)
        player.positionChanged.connect(self._on_player_position)
        player.playbackStateChanged.connect(self._on_player_state)
        player.mediaStatusChanged.connect(self._on_media_status)
        player.errorOccurred.connect(lambda _e, text: self.error_occurred.emit(f"Playback: {text}"))
        if self.path is not None:
            player.setSource(QUrl.fromLocalFile(qt_name(self.path)))
        return True

    def load(self, path: Path | None) -> None:
        self.stop()
        self.path = Path(path) if path else None
        self.position = 0.0
        self._pending, self._play_when_loaded = None, False
        if self._player is not None:
            self._player.setSource(QUrl.fromLocalFile(qt_name(path)) if path else QUrl())
        self.position_changed.emit(0.0)

    @property
    def playing(self) -> bool:
        from PySide6.QtMultimedia import QMediaPlayer

        return self._player is not None and self._player.playbackState() == QMediaPlayer.PlaybackState.PlayingState

    def toggle(self) -> None:
        if self.path is None or not self._ensure():
            return
        if self.playing:
            self._media.pause()
        else:
            self._go(self.position, play=True)

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

        status = self._media.mediaStatus()
        return status in (QMediaPlayer.MediaStatus.LoadedMedia, QMediaPlayer.MediaStatus.BufferedMedia,
                          QMediaPlayer.MediaStatus.BufferingMedia, QMediaPlayer.MediaStatus.EndOfMedia)

    def _go(self, seconds: float, play: bool) -> None:
        if not self._loaded():
            self._pending, self._play_when_loaded = seconds, play or self._play_when_loaded
            return
        self._media.setPosition(int(seconds * 1000))
        if play:
            self._media.play()

    def _on_media_status(self, _status: object) -> None:
        if self._pending is not None and self._loaded():
            seconds, play = self._pending, self._play_when_loaded
            self._pending, self._play_when_loaded = None, False
            self._go(seconds, play)

    def stop(self) -> None:
        if self._player is not None:
            self._player.stop()

    def _on_player_position(self, ms: int) -> None:
        if self._pending is not None:
            return  # the player reports 0 while it loads; the position asked for still stands
        self.position = ms / 1000.0
        self.position_changed.emit(self.position)

    def _on_player_state(self, _state: object) -> None:
        self.playing_changed.emit(self.playing)
