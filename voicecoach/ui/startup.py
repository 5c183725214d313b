"""What happens after the window is on screen: open the store, find the rep, seed scripts, recover takes.

Everything here is asynchronous: the window's first frame is painted first (``after_first_frame``), then
the database opens on the store thread and the model loads on a worker, each reporting back by signal.
Even their imports (sqlite-utils, Vosk, numpy) happen on those threads: imported on the GUI thread, or
merely at the same time as the first paint, they would hold the interpreter and delay the frame.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from voicecoach import paths
from voicecoach.core.remedy import Remedy
from voicecoach.ui import words
from voicecoach.ui.context import AppContext
from voicecoach.ui.main_window import MainWindow
from voicecoach.ui.messages import BannerKey, Level
from voicecoach.ui.operations import Changes
from voicecoach.ui.workers import run_task

__all__ = ["Startup", "TakeFilesCleaned", "seed_sample_scripts"]

log = logging.getLogger(__name__)

if TYPE_CHECKING:  # the dialogs (and the profile and phone-number code behind them) load when first shown
    from voicecoach.storage.cleanup import Cleaned
    from voicecoach.storage.db import Store
    from voicecoach.ui.dialogs import ProfileDialog


def _open_default_store() -> Any:
    # Imported here, on the store thread: the storage stack is the slowest import of the app.
    from voicecoach.storage.db import open_store

    return open_store()


def seed_sample_scripts(store: Store, folder: Path | None = None) -> int:
    """Add the sample scripts from assets/scripts once (by title); returns how many were added."""
    from voicecoach.core.script import load_script

    folder = folder or paths.assets_dir() / "scripts"
    have = {s.title for s in store.list_scripts()}
    added = 0
    for path in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
        try:
            script = load_script(path)
        except ValueError:
            continue
        title = script.title or path.stem.replace("_", " ").replace("-", " ").capitalize()
        if title in have:
            continue
        store.add_script(title, script.text, time_limit=script.time_limit, referral=script.referral)
        added += 1
    return added


@dataclass(frozen=True)
class TakeFilesCleaned:
    """What ``take_files_cleaned`` carries, wrapped so the signal has a type the first frame can load
    (``Cleaned`` lives in storage, which loads after it)."""

    cleaned: Cleaned


class Startup(QObject):
    ready = Signal()  # the store is open and a rep is chosen
    failed = Signal(str)
    take_files_cleaned = Signal(TakeFilesCleaned)  # once the files a crash left were tidied
    analysis_warm = Signal()  # the analysis and the pronouncing lexicon are loaded: no take waits for them

    def __init__(self, ctx: AppContext, window: MainWindow, *, load_model: bool = True,
                 ask_profile: bool = True) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.load_model = load_model
        self.ask_profile = ask_profile
        self.profile_dialog: ProfileDialog | None = None
        self.db_box: QMessageBox | None = None
        self.is_ready = False
        self.started = False  # start-up work has begun (it waits for the first frame)
        ctx.remedies.provide(Remedy.RESTORE_BACKUP, self.restore_backup)

    def start(self) -> None:
        self.started = True
        if self.load_model:
            self.ctx.model.load()
        self._open_store()

    def _open_store(self) -> None:
        opener = self.ctx.adapters.open_store or _open_default_store
        self.ctx.store.open(opener, lambda _s: self._load_profiles(), self._on_store_failed)

    # -- damaged or newer database ---------------------------------------------------------------------
    def _on_store_failed(self, exc: BaseException) -> None:
        from voicecoach.ui.dialogs import database_problem, database_problem_box

        self.ctx.post(words.database_failed(database_problem(exc)), Level.ERROR, key=BannerKey.DATABASE)
        self.db_box = box = database_problem_box(self.window, exc, self.ctx.remedies)
        box.buttonClicked.connect(lambda button: self._on_db_choice(box.buttonRole(button)))
        box.open()
        self.failed.emit(str(exc))

    def _on_db_choice(self, role: QMessageBox.ButtonRole) -> None:
        if role != QMessageBox.ButtonRole.AcceptRole:  # restoring the backup (its button's remedy) carries on
            QApplication.quit()

    def restore_backup(self) -> None:
        """Put the last backup in place of a damaged database and carry on with it; a database open in this
        window (damage found while practising) is closed first."""
        if self.ctx.store.store is not None:
            self.ctx.store.close()

        def job() -> Path:
            from voicecoach.storage.backups import restore_latest_backup

            return restore_latest_backup()

        def done(backup: Path) -> None:
            self.ctx.clear(BannerKey.DATABASE)
            self.ctx.post(words.backup_restored(backup.name), Level.INFO)
            self._open_store()

        run_task(job, done, self.ctx.fail(BannerKey.RESTORING_BACKUP))

    # -- the rep ---------------------------------------------------------------------------------------
    def _load_profiles(self) -> None:
        self.ctx.store.call(lambda s: s.list_profiles(), self._on_profiles, self.ctx.fail(BannerKey.OPENING_PROFILES))

    def _on_profiles(self, records: list[Any]) -> None:
        if not records:
            if self.ask_profile:
                self.show_first_run()
            return
        wanted = self.ctx.prefs.current_profile_id
        rec = next((r for r in records if r.id == wanted), records[0])
        home = next((r for r in records if r.id == self.ctx.prefs.get_int("profile/home")), None)
        if home is not None and home.id != rec.id:  # closed while coaching another rep: still this computer's rep
            self.ctx.home_profile_id, self.ctx.home_profile = home.id, home.profile
        self._finish(rec.id, rec.profile)

    def show_first_run(self) -> ProfileDialog:
        from voicecoach.ui.dialogs import ProfileDialog

        dialog = ProfileDialog(self.window, first_run=True, model=self.ctx.model)
        dialog.accepted.connect(lambda: self._on_first_profile(dialog))
        dialog.rejected.connect(lambda: self.ctx.post(words.NO_PROFILE_YET, Level.WARNING, key=BannerKey.PROFILE))
        self.profile_dialog = dialog
        dialog.open()
        return dialog

    def _on_first_profile(self, dialog: ProfileDialog) -> None:
        profile = dialog.profile
        assert profile is not None, "the dialog is accepted only with a valid profile"
        seed = dialog.seed_samples.isChecked()

        def job(store: Store) -> int:
            pid = store.add_profile(profile)
            if seed:
                seed_sample_scripts(store)
            return pid

        self.ctx.store.call(job, lambda pid: self._finish(pid, profile), self.ctx.fail(BannerKey.SAVING_PROFILE))

    def _finish(self, profile_id: int, profile: Any) -> None:
        # Recovery renames unfinished files in the recordings folder, so it must be over before the
        # first take can start there: the rep (and so recording) is set only once it is done.
        self._recover_takes(lambda: self._become_ready(profile_id, profile))

    def _become_ready(self, profile_id: int, profile: Any) -> None:
        home = self.ctx.home_profile_id
        self.ctx.set_profile(profile_id, profile, coaching=home is not None and home != profile_id)
        self.ctx.announce(Changes(takes=True, scripts=True))  # the store is open: everything is new
        self.is_ready = True
        self.ready.emit()
        self._routine_backup()
        self._warm_up_analysis()

    def _warm_up_analysis(self) -> None:
        """The analysis and its lexicon load now, on a worker, not when the first take is stopped."""
        from voicecoach.ui import take_pipeline

        def failed(exc: BaseException) -> None:
            log.warning("could not load the analysis ahead of the first take: %s", exc)

        run_task(take_pipeline.warm_up, lambda _ok: self.analysis_warm.emit(), failed, owner=self)

    def _routine_backup(self) -> None:
        """A backup a day, on the store's thread after start-up; it checks the whole file first (storage.backups)."""

        def failed(exc: BaseException) -> None:
            self.ctx.post(words.backup_failed(exc), Level.ERROR, key=BannerKey.BACKUP)

        self.ctx.store.call(lambda store: store.backup_if_older_than(24), lambda _path: None, failed)

    def _clean_take_files(self, pending: list[Path]) -> None:
        """After recovery had its chance: crash leftovers in the takes folder go (see storage.cleanup)."""

        def job(store: Store) -> Cleaned:
            from voicecoach.storage.cleanup import clean_take_files

            return clean_take_files(store, pending)

        def failed(exc: BaseException) -> None:
            log.warning("could not tidy the takes folder: %s", exc)

        self.ctx.store.call(job, self._on_take_files_cleaned, failed)

    def _on_take_files_cleaned(self, cleaned: Cleaned) -> None:
        if cleaned.removed:
            log.info("removed %d file(s) a crash left in the takes folder", len(cleaned.removed))
        self.take_files_cleaned.emit(TakeFilesCleaned(cleaned))

    def _recover_takes(self, then: Callable[[], None]) -> None:
        folder = self.ctx.recordings_dir()

        def job() -> list[tuple[Path, float]]:
            # Crashed takes are repaired; takes kept while no model was ready are still here too
            # (a take leaves this folder only once the store has its own copy).
            import soundfile

            from voicecoach.audio.recovery import recover_folder
            from voicecoach.audio.wav_writer import PART_SUFFIX

            recover_folder(folder)  # a take being recorded in another window is left alone
            found = []
            finished = [p for p in folder.glob("*.wav") if not p.name.lower().endswith(PART_SUFFIX)]
            for wav in sorted(finished, key=lambda p: p.stat().st_mtime):
                try:
                    found.append((wav, float(soundfile.info(str(wav)).duration)))
                except (RuntimeError, OSError):
                    continue
            return found

        def done(found: list[tuple[Path, float]]) -> None:
            then()
            if found:
                self.window.practice.session.add_recovered(found)
            self._clean_take_files([path for path, _ in found])

        def failed(exc: BaseException) -> None:
            then()
            self.ctx.post(words.recovery_failed(exc), Level.WARNING)

        run_task(job, done, failed)
