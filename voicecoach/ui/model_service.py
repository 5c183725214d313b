"""The speech model's life in the app: found and loaded in the background, downloaded on request.

Recording never waits for it: until the model is ready takes are recorded and kept, and analysed once it
is.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from voicecoach.ui.workers import TaskHandle, run_task

if TYPE_CHECKING:
    from voicecoach.ui.context import AppContext

MODEL_KEY = "model"


class ModelService(QObject):
    state_changed = Signal(str)  # idle / loading / ready / missing / error / downloading
    download_progress_changed = Signal(object)  # (done_bytes, total_bytes or None)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self._ctx = ctx
        self.state = "idle"
        self.model: Any = None
        self.message = ""
        self._download: TaskHandle | None = None
        self._generation = 0

    @property
    def ready(self) -> bool:
        return self.model is not None

    def _set_state(self, state: str, message: str = "") -> None:
        self.state, self.message = state, message
        self.state_changed.emit(state)

    # -- loading -------------------------------------------------------------------------------------
    def load(self, folder: str | None = None) -> None:
        """Find and load the model on a worker; the banner tells the rep what happens."""
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

        self._set_state("loading", "Loading the speech model…")
        self._ctx.post("Loading the speech model… you can already record.", "info", key=MODEL_KEY)
        self._generation += 1
        generation = self._generation

        def loaded(model: Any) -> None:
            if generation == self._generation:  # a later request (another folder) wins
                self._on_loaded(model)

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self._on_load_failed(exc)

        run_task(job, loaded, failed)

    def _on_loaded(self, model: Any) -> None:
        self.model = model
        self._ctx.clear(MODEL_KEY)
        path = Path(str(getattr(model, "path", "") or "model"))
        name = path.parent.name if path.name == "model" and path.parent.name else path.name
        self._set_state("ready", f"Speech model ready ({name}).")
        self._ctx.post(f"Speech model ready: {name}", "info")

    def _on_load_failed(self, exc: BaseException) -> None:
        self.model = None
        missing = type(exc).__name__ == "ModelNotFoundError"
        text = str(exc) or "The speech model could not be loaded."
        detail = text
        if missing:
            text = ("No speech model yet. You can still record: takes are kept and analysed once a model is "
                    "ready.")
            # The locator's own wording is for the command line; in the window, name the buttons instead.
            detail = ("No speech model found. Use “Download English model…” (about 40 MB) or “Choose model "
                      "folder…” for an unpacked Vosk model.")
        self._set_state("missing" if missing else "error", detail)
        self._ctx.post(text, "warning" if missing else "error", key=MODEL_KEY, actions=self.actions())

    def actions(self) -> list[tuple[str, Any]]:
        return [("Download English model…", self.download), ("Choose model folder…", self.choose_folder)]

    def use_folder(self, folder: str) -> None:
        self._ctx.prefs.model_folder = folder
        self.model = None
        self.load(folder)

    def choose_folder(self) -> None:
        from PySide6.QtWidgets import QApplication, QFileDialog

        folder = QFileDialog.getExistingDirectory(QApplication.activeWindow(), "Choose the speech model folder")
        if folder:
            self.use_folder(folder)

    # -- download ------------------------------------------------------------------------------------
    def download(self) -> None:
        if self._download is not None and not self._download.done:
            return

        download_model = self._ctx.adapters.download_model

        def job(handle: TaskHandle) -> Path:
            nonlocal download_model
            if download_model is None:
                from voicecoach.asr.model_locator import download_model
            return download_model(progress=lambda done, total: handle.report_progress((done, total)),
                                  cancel=handle.cancel_event)

        self._set_state("downloading", "Downloading the English model…")
        self._ctx.post("Downloading the English speech model…", "info", key=MODEL_KEY,
                       actions=[("Cancel", self.cancel_download)])
        self._download = run_task(job, self._on_downloaded, self._on_download_failed,
                                  on_progress=self._on_download_progress, with_handle=True)

    def _on_download_progress(self, value: Any) -> None:
        self.download_progress_changed.emit(value)

    def cancel_download(self) -> None:
        if self._download is not None and not self._download.done:
            self._download.cancel()

    def _on_downloaded(self, path: Any) -> None:
        self._download = None
        self.use_folder(str(path))

    def _on_download_failed(self, exc: BaseException) -> None:
        self._download = None
        cancelled = type(exc).__name__ == "DownloadCancelled"
        text = "Download cancelled." if cancelled else f"Download failed: {exc}"
        self._set_state("missing", text)
        self._ctx.post(text, "info" if cancelled else "error", key=MODEL_KEY, actions=self.actions())
