"""The speech model's life in the app: found and loaded in the background, downloaded on request.

Recording never waits for it: until the model is ready takes are recorded and kept, and analysed once it
is.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from voicecoach.core.remedy import Remedy
from voicecoach.ui import words
from voicecoach.ui.messages import BannerKey, Level
from voicecoach.ui.remedies import advice, with_advice
from voicecoach.ui.workers import TaskHandle, run_task

if TYPE_CHECKING:
    from voicecoach.ui.context import AppContext

__all__ = ["BUTTONS_HINT", "FIND_OR_FETCH", "MODEL_KEY", "ModelService", "ModelState", "window_text"]

MODEL_KEY = BannerKey.MODEL
# a model error's remedies (asr.errors, which is not imported before the first frame)
FIND_OR_FETCH = (Remedy.DOWNLOAD_MODEL, Remedy.CHOOSE_MODEL_FOLDER)
BUTTONS_HINT = advice(FIND_OR_FETCH)


def window_text(exc: BaseException) -> str:
    """The adapter's failure for a desktop user: what is wrong (the adapter says no more) and the buttons
    its remedies are in this window."""
    return with_advice(str(exc).strip() or words.MODEL_NOT_LOADED, exc)


class ModelState(StrEnum):
    """Where the speech model is; the values are the strings older call sites compare with."""

    IDLE = "idle"
    LOADING = "loading"
    READY = "ready"
    MISSING = "missing"
    ERROR = "error"
    DOWNLOADING = "downloading"


class ModelService(QObject):
    state_changed = Signal(ModelState)
    download_progress_changed = Signal(tuple)  # (done_bytes, total_bytes or None)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self._ctx = ctx
        self.state = ModelState.IDLE
        self.model: Any = None
        self.message = ""
        self._download: TaskHandle | None = None
        self._generation = 0
        ctx.remedies.provide(Remedy.DOWNLOAD_MODEL, self.download)
        ctx.remedies.provide(Remedy.CHOOSE_MODEL_FOLDER, self.choose_folder)

    @property
    def ready(self) -> bool:
        return self.model is not None

    def _set_state(self, state: ModelState, message: str = "") -> None:
        self.state, self.message = state, message
        self.state_changed.emit(state)

    # -- loading -------------------------------------------------------------------------------------
    def load(self, folder: str | None = None) -> None:
        """Find and load the model on a worker; the banner tells the rep what happens.

        With ``folder`` (a folder the user chose) the model in use, if any, stays in use until the new
        one has loaded; only then is the folder remembered.
        """
        ad = self._ctx.adapters
        explicit = folder or self._ctx.prefs.model_folder

        def job() -> Any:
            if ad.find_model is not None:
                path = ad.find_model(explicit)
            else:
                from voicecoach.asr.model_locator import find_model

                path = find_model(explicit)
            if ad.load_model is not None:
                return ad.load_model(path)
            from voicecoach.asr.recognizer import load_speech_model

            return load_speech_model(path)

        if self.model is None:
            self._set_state(ModelState.LOADING, words.MODEL_LOADING)
            self._ctx.post(words.MODEL_LOADING_RECORD_ANYWAY, Level.INFO, key=MODEL_KEY)
        else:
            self._ctx.post(words.model_checking(folder), Level.INFO, key=MODEL_KEY)
        self._generation += 1
        generation = self._generation

        def loaded(model: Any) -> None:
            if generation == self._generation:  # a later request (another folder) wins
                if folder:
                    self._ctx.prefs.model_folder = folder
                self._on_loaded(model)

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self._on_load_failed(exc, folder)

        run_task(job, loaded, failed)

    def _on_loaded(self, model: Any) -> None:
        self.model = model
        self._ctx.clear(MODEL_KEY)
        name = self.model_name(model)
        self._set_state(ModelState.READY, words.model_ready_status(name))
        self._ctx.post(words.model_ready(name), Level.INFO)

    def _on_load_failed(self, exc: BaseException, folder: str | None = None) -> None:
        if self.model is not None:  # a chosen folder did not validate: keep the model that works
            name = self.model_name(self.model)
            self._set_state(ModelState.READY, words.model_folder_not_used_status(name, folder))
            self._ctx.post(words.model_folder_not_used(name, window_text(exc)), Level.ERROR, key=MODEL_KEY,
                           actions=self.actions())
            return
        from voicecoach.asr.errors import ModelNotFoundError

        missing = isinstance(exc, ModelNotFoundError)
        # The locator's own wording is for the command line; in the window, name the buttons instead.
        detail = window_text(exc)
        text = detail
        if missing:
            text = words.NO_MODEL_YET
            detail = words.no_model_found(BUTTONS_HINT)
        self._set_state(ModelState.MISSING if missing else ModelState.ERROR, detail)
        self._ctx.post(text, Level.WARNING if missing else Level.ERROR, key=MODEL_KEY, actions=self.actions())

    @staticmethod
    def model_name(model: Any) -> str:
        path = Path(str(getattr(model, "path", "") or "model"))
        return path.parent.name if path.name == "model" and path.parent.name else path.name

    def actions(self) -> list[tuple[str, Any]]:
        return self._ctx.remedies.buttons(FIND_OR_FETCH)

    def use_folder(self, folder: str) -> None:
        """Try ``folder``; it replaces the model in use (and is remembered) only once it has loaded.

        An empty folder means "find it automatically" again.
        """
        if not folder:
            self._ctx.prefs.model_folder = None
        self.load(folder or None)

    def choose_folder(self) -> None:
        from PySide6.QtWidgets import QApplication, QFileDialog

        folder = QFileDialog.getExistingDirectory(QApplication.activeWindow(), words.CHOOSE_MODEL_FOLDER_TITLE)
        if folder:
            self.use_folder(folder)

    # -- download ------------------------------------------------------------------------------------
    def download(self) -> None:
        if self._download is not None and not self._download.done:
            return

        fetch = self._ctx.adapters.download_model

        def job(handle: TaskHandle) -> Path:
            if fetch is not None:
                return fetch(progress=lambda done, total: handle.report_progress((done, total)),
                             cancel=handle.cancel_event)
            from voicecoach.asr.model_locator import download_model

            return download_model(progress=lambda done, total: handle.report_progress((done, total)),
                                  cancel=handle.cancel_event)

        self._set_state(ModelState.DOWNLOADING, words.MODEL_DOWNLOADING_STATUS)
        self._ctx.post(words.MODEL_DOWNLOADING, Level.INFO, key=MODEL_KEY,
                       actions=[(words.CANCEL, self.cancel_download)])
        self._download = run_task(job, self._on_downloaded, self._on_download_failed,
                                  on_progress=self._on_download_progress, with_handle=True)

    def _on_download_progress(self, value: tuple[int, int | None]) -> None:
        self.download_progress_changed.emit(value)

    def cancel_download(self) -> None:
        if self._download is not None and not self._download.done:
            self._download.cancel()

    def _on_downloaded(self, path: Any) -> None:
        self._download = None
        self.use_folder(str(path))

    def _on_download_failed(self, exc: BaseException) -> None:
        self._download = None
        from voicecoach.asr.errors import DownloadCancelled

        cancelled = isinstance(exc, DownloadCancelled)
        text = words.DOWNLOAD_CANCELLED if cancelled else words.download_failed(window_text(exc))
        if self.model is not None:
            self._set_state(ModelState.READY, words.model_ready_status(self.model_name(self.model)))
            self._ctx.post(text, Level.INFO if cancelled else Level.ERROR, key=MODEL_KEY)
            return
        self._set_state(ModelState.MISSING, text)
        self._ctx.post(text, Level.INFO if cancelled else Level.ERROR, key=MODEL_KEY, actions=self.actions())
