"""What every view shares: the store worker, the current rep, thresholds, the speech model, messages.

Views never reach for globals; they get this context, so a test can build one with fakes at the adapter
boundaries (a fake ``sounddevice``, a small recogniser) and drive the real widgets.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from voicecoach import paths
from voicecoach.core.settings import Settings
from voicecoach.ui.closing import Closing, Stage
from voicecoach.ui.messages import Action, BannerKey, Level, Message
from voicecoach.ui.operations import Changes
from voicecoach.ui.prefs import Prefs
from voicecoach.ui.remedies import Remedies, with_advice
from voicecoach.ui.workers import StoreWorker

if TYPE_CHECKING:  # the profile module pulls in phonenumbers: not needed for the first frame
    from voicecoach.core.profile import Profile

__all__ = ["Action", "Adapters", "AppContext", "BannerKey", "Level", "Message"]  # the message types live in ui.messages


@dataclass
class Adapters:
    """The edges of the app; ``None`` means the real implementation."""

    sounddevice: Any = None
    make_recognizer: Callable[[Any], Any] | None = None  # (model) -> object with feed() and finish()
    find_model: Callable[[str | None], Path] | None = None
    load_model: Callable[[Path], Any] | None = None
    transcribe_file: Callable[..., Any] | None = None
    open_store: Callable[[], Any] | None = None
    download_model: Callable[..., Path] | None = None  # (progress=, cancel=) -> unpacked model folder

    def recognizer_for(self, model: Any, plan: Sequence[str] = ()) -> Any:
        """The take's recogniser; with the script's words (``plan``) a second, constrained decode runs alongside."""
        if self.make_recognizer is not None:
            return self.make_recognizer(model)
        rate = int(getattr(model, "sample_rate", 16000) or 16000)
        if plan:
            from voicecoach.asr.checked import CheckedRecognizer

            return CheckedRecognizer(model, plan, rate)
        from voicecoach.asr.recognizer import StreamingRecognizer

        return StreamingRecognizer(model, sample_rate=rate)

    def transcribe(self, path: Path, model: Any, progress: Callable[[float], None] | None = None,
                   cancel: Any = None, plan: Sequence[str] = ()) -> Any:
        if self.transcribe_file is not None:
            return self.transcribe_file(path, model, progress=progress, cancel=cancel)
        from voicecoach.asr.transcribe import transcribe_file

        return transcribe_file(path, model, progress=progress, cancel=cancel, plan=list(plan) or None)


class AppContext(QObject):
    profile_changed = Signal()
    scripts_changed = Signal()  # emitted by ``announce`` only
    takes_changed = Signal()  # emitted by ``announce`` only
    operation_did_execute = Signal(Changes)  # what a named operation changed
    settings_changed = Signal()
    message_posted = Signal(Message)

    def __init__(self, adapters: Adapters | None = None, prefs: Prefs | None = None) -> None:
        super().__init__()
        self.adapters = adapters or Adapters()
        self.prefs = prefs or Prefs()
        self.store = StoreWorker()
        self.closing = Closing()  # the one exit: every owner adds its step (see ``shutdown``)
        self.closing.add(Stage.STORE, self.store.close)
        self.settings: Settings = self.prefs.analysis_settings()
        self.profile_id: int | None = None
        self.profile: Profile | None = None
        # The rep practising on this computer (what the side bar names): a coach opening a rep from Coach
        # coaches them, the side bar keeps its own identity.
        self.home_profile_id: int | None = None
        self.home_profile: Profile | None = None
        self.session_id: int | None = None  # an open coach session
        self.measured_wpm: float | None = None  # the rep's own pace, for script lint
        self.remedies = Remedies()  # who does what an error's remedy asks (ui.remedies)
        from voicecoach.ui.model_service import ModelService

        self.model = ModelService(self)
        from voicecoach.ui.team_service import TeamService

        self.team = TeamService(self)
        self.closing.add(Stage.SERVICES, self.team.stop)
        self.closing.add(Stage.SERVICES, self.model.cancel_download)

    # -- messages ------------------------------------------------------------------------------------
    def post(self, text: str, level: Level = Level.INFO, key: BannerKey | None = None,
             actions: Sequence[Action] = ()) -> None:
        """A non-blocking message: info becomes a toast, warnings and errors a banner; always a sentence.
        The text comes from ``ui.words``; a ``key`` names the banner it replaces (see ``BannerKey``)."""
        from voicecoach.ui.text import sentence

        self.message_posted.emit(Message(sentence(text), Level(level), key, tuple(actions)))

    def clear(self, key: BannerKey) -> None:
        self.message_posted.emit(Message("", Level.CLEAR, key, ()))

    def fail(self, what: BannerKey) -> Callable[[BaseException], None]:
        """An ``on_error`` for workers: what failed and why (``words.failed``) as an error banner keyed ``what``,
        with the buttons of its remedies (``ui.remedies``)."""
        from voicecoach.ui import words

        def on_error(exc: BaseException) -> None:
            self.post(with_advice(words.failed(what, exc), exc), Level.ERROR, key=what,
                      actions=self.remedies.actions(exc))

        return on_error

    def announce(self, changes: Changes) -> None:
        """What an operation changed, for every view to refresh what concerns it (see ui.operations)."""
        self.operation_did_execute.emit(changes)
        if changes.scripts:
            self.scripts_changed.emit()
        if changes.takes:
            self.takes_changed.emit()

    # -- state ---------------------------------------------------------------------------------------
    def set_profile(self, profile_id: int | None, profile: Profile | None, *, coaching: bool = False) -> None:
        """The current rep; ``coaching``: a rep opened on the Coach page, not the one practising here."""
        self.profile_id, self.profile = profile_id, profile
        if not coaching or self.home_profile_id is None or profile_id == self.home_profile_id:
            self.home_profile_id, self.home_profile = profile_id, profile
            self.prefs.set("profile/home", profile_id)  # kept for the next start, which may resume coaching
        self.prefs.current_profile_id = profile_id
        self.profile_changed.emit()

    def set_settings(self, settings: Settings) -> None:
        self.settings = settings
        self.prefs.set_analysis_settings(settings)
        self.settings_changed.emit()

    def recordings_dir(self) -> Path:
        """Where takes are written while recording, before the store copies them in."""
        return paths.ensure_dir(paths.data_dir() / "recordings")

    def shutdown(self) -> None:
        """The app's exit: every step added to ``closing`` (the take, the services, the store), then the
        workers; once only."""
        self.closing.close()

