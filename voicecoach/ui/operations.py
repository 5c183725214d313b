"""Named operations: one small function per user action that changes the store.

Each function returns an ``Op``: what it is called (the key of its error banner), the work to do on the store's
thread, and which kinds of data it changes. ``run_op`` runs it in the background and, once it succeeded
and the caller has updated itself, announces the ``Changes`` through ``AppContext.announce``: every
view refreshes from that one signal (``operation_did_execute``), so no view emits another view's
``*_changed`` signal by hand. Queries that change nothing stay ``ctx.store.call``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QObject

from voicecoach.ui import words
from voicecoach.ui.messages import BannerKey, Level

if TYPE_CHECKING:
    from voicecoach.storage.db import Store
    from voicecoach.ui.context import AppContext
    from voicecoach.ui.take_pipeline import TakeContext

__all__ = [
    "NOTES",
    "SCRIPTS",
    "TAKES",
    "Changes",
    "Judged",
    "Op",
    "add_note",
    "add_rep",
    "archive_script",
    "delete_script",
    "empty_trash",
    "end_session",
    "import_bundle",
    "join_team",
    "judge_again",
    "leave_team",
    "prepare_cadence",
    "reanalyze_takes",
    "restore_script",
    "restore_take",
    "run_op",
    "save_profile",
    "save_script",
    "save_take",
    "set_follow_up",
    "set_goal_results",
    "set_publish_audio",
    "start_session",
    "trash_take",
    "update_session_goals",
]

T = TypeVar("T")


@dataclass(frozen=True)
class Changes:
    """Which kinds of data an operation changed; views refresh only for what concerns them."""

    takes: bool = False
    scripts: bool = False
    notes: bool = False
    profiles: bool = False
    sessions: bool = False


TAKES = Changes(takes=True)
SCRIPTS = Changes(scripts=True)
NOTES = Changes(notes=True)


@dataclass(frozen=True)
class Op(Generic[T]):
    what: BannerKey  # what failed, when it fails: the error banner's key, worded by ``words.failed``
    work: Callable[[Store], T]  # runs on the store's thread
    changes: Changes


def run_op(ctx: AppContext, op: Op[T], on_done: Callable[[T], Any] | None = None, *,
           on_error: Callable[[BaseException], Any] | None = None, owner: QObject | None = None) -> None:
    """Run ``op`` in the background; on success ``on_done(result)``, then the changes are announced."""

    def done(result: T) -> None:
        try:
            if on_done is not None:
                on_done(result)
        finally:
            ctx.announce(op.changes)

    ctx.store.call(op.work, done, on_error or ctx.fail(op.what), owner=owner)


# -- takes ---------------------------------------------------------------------------------------------
def save_take(tc: TakeContext, transcript: Any, report: Any, audio: Path | None, started_at: datetime | None,
              *, remove_source: bool = False) -> Op[Any]:
    """Keep a take just judged (recorded, imported or recovered), with what it was judged against."""
    from voicecoach.ui import take_pipeline as tp

    return Op(BannerKey.SAVING_TAKE,
              lambda s: tp.save_take(s, tc, transcript, report, audio, started_at, remove_source=remove_source),
              TAKES)


def trash_take(take_id: int) -> Op[Any]:
    return Op(BannerKey.DISCARD, lambda s: s.trash_take(take_id), TAKES)


def restore_take(take_id: int) -> Op[Any]:
    return Op(BannerKey.RESTORE, lambda s: s.restore_take(take_id), TAKES)


def empty_trash() -> Op[int]:
    return Op(BannerKey.EMPTYING_TRASH, lambda s: s.empty_trash(), TAKES)


def reanalyze_takes(take_ids: Sequence[int] | None, profile_id: int | None = None) -> Op[Judged]:
    """Judge takes again (None: every take of the rep) with today's rules and their stored contexts; their
    old reports are kept. The sound is measured from each take's stored audio."""
    from voicecoach.storage.reanalysis import TakeUnreadableError
    from voicecoach.ui.take_pipeline import sound_of

    def work(store: Store) -> Judged:
        ids = list(take_ids) if take_ids is not None else store.takes_to_reanalyze(profile_id)
        judged = Judged([], [])
        for take_id in ids:  # take by take: one unreadable take does not stop the others
            try:
                judged.records.append(store.reanalyze_take(take_id, measure=sound_of))
            except TakeUnreadableError as exc:
                judged.failures.append(str(exc))
        return judged

    return Op(BannerKey.JUDGING_AGAIN, work, TAKES)


@dataclass(frozen=True)
class Judged:
    """What "Judge again" did: the takes judged, and one sentence per take that could not be."""

    records: list[Any]
    failures: list[str]


def judge_again(ctx: AppContext, button: Any, take_ids: Sequence[int] | None, profile_id: int | None = None, *,
                owner: QObject, then: Callable[[], Any] | None = None,
                say: Callable[[str], Any] | None = None) -> None:
    """The "Judge again" button's action wherever it is (a take, Coach, Progress): ``reanalyze_takes`` with
    the button off meanwhile, and one message saying how many takes were judged, or why it stopped."""
    button.setEnabled(False)

    def done(judged: Judged) -> None:
        button.setEnabled(True)
        text = words.judged_again(len(judged.records), judged.failures)
        if say is not None:  # a window of its own (a take's) says it there, not behind itself
            say(text)
        else:
            ctx.post(text, Level.WARNING if judged.failures else Level.INFO, key=BannerKey.JUDGE)
        if then is not None:
            then()

    def failed(exc: BaseException) -> None:
        button.setEnabled(True)
        ctx.post(words.judging_stopped(exc), Level.ERROR, key=BannerKey.JUDGE)

    run_op(ctx, reanalyze_takes(take_ids, profile_id), done, on_error=failed, owner=owner)


def add_note(take_id: int, text: str, at_seconds: float | None, session_id: int | None, *,
             author: str | None = None) -> Op[Any]:
    """``author``: "rep" (written on Practice or Progress) or "coach" (on Coach)."""
    return Op(BannerKey.NOTE, lambda s: s.add_note(take_id, text, at_seconds=at_seconds, session_id=session_id,
                                           author=author), NOTES)


# -- reps and coaching sessions --------------------------------------------------------------------------
def add_rep(profile: Any) -> Op[int]:
    return Op(BannerKey.ADDING_REP, lambda s: s.add_profile(profile), Changes(profiles=True))


def start_session(profile_id: int, goals: str) -> Op[Any]:
    return Op(BannerKey.STARTING_SESSION, lambda s: s.start_session(profile_id, goals), Changes(sessions=True))


def update_session_goals(session_id: int, goals: str) -> Op[Any]:
    return Op(BannerKey.SAVING_SESSION_GOALS, lambda s: s.update_session_goals(session_id, goals),
              Changes(sessions=True))


def end_session(session_id: int) -> Op[Any]:
    return Op(BannerKey.ENDING_SESSION, lambda s: s.end_session(session_id), Changes(sessions=True))


# -- scripts and bundles ---------------------------------------------------------------------------------
def set_follow_up(script_id: int, follow_up: bool) -> Op[Any]:
    """First call or follow-up is the script's own field: a change is a new version of it."""
    return Op(BannerKey.SAVING_SCRIPT, lambda s: s.update_script(script_id, follow_up=follow_up), SCRIPTS)


def save_script(script_id: int | None, title: str, text: str, time_limit: float | None,
                referral: str | None) -> Op[Any]:
    """A new script (``script_id`` None) or a change to one (a new version when what it judges changes)."""
    if script_id is None:
        return Op(BannerKey.SAVING_SCRIPT,
                  lambda s: s.add_script(title, text, time_limit=time_limit, referral=referral), SCRIPTS)
    return Op(BannerKey.SAVING_SCRIPT, lambda s: s.update_script(script_id, title=title, text=text,
                                                             time_limit=time_limit, referral=referral), SCRIPTS)


def prepare_cadence(cadence: Any) -> Op[Any]:
    """Rehearsing a cadence: each attempt's script found in the library, or added to it, so takes can point
    at it; the result is {attempt number: ScriptRecord}."""
    from voicecoach.storage.cadence_files import stored_scripts

    return Op(BannerKey.PREPARING_CADENCE, lambda s: stored_scripts(s, cadence), SCRIPTS)


def archive_script(script_id: int, archived: bool) -> Op[Any]:
    return Op(BannerKey.ARCHIVING, lambda s: s.archive_script(script_id, archived), SCRIPTS)


def delete_script(script_id: int) -> Op[Any]:
    return Op(BannerKey.DELETING_SCRIPT, lambda s: s.delete_script(script_id), SCRIPTS)


def restore_script(script_id: int) -> Op[Any]:
    return Op(BannerKey.RESTORING_SCRIPT, lambda s: s.restore_script(script_id), SCRIPTS)


def import_bundle(path: Path) -> Op[Any]:
    return Op(BannerKey.IMPORTING_BUNDLE, lambda s: s.import_bundle(path),
              Changes(takes=True, scripts=True, profiles=True, notes=True, sessions=True))


# -- reps and sessions -----------------------------------------------------------------------------------
def save_profile(profile_id: int | None, profile: Any, check: Callable[[Store], T]) -> Op[tuple[int, T]]:
    """The rep's contact details (a new rep when ``profile_id`` is None); ``check(store)`` runs after, in the
    same background step (which scripts no longer fit)."""

    def work(store: Store) -> tuple[int, T]:
        new_id = store.add_profile(profile) if profile_id is None else store.update_profile(profile_id, profile).id
        return new_id, check(store)

    return Op(BannerKey.SAVING_PROFILE, work, Changes(profiles=True))


def set_goal_results(session_id: int, results: dict[str, bool]) -> Op[Any]:
    return Op(BannerKey.SAVING_GOALS, lambda s: s.set_goal_results(session_id, results), Changes(sessions=True))


# -- the team folder ---------------------------------------------------------------------------------------
# Membership changes are operations like any other; the syncs themselves run on the general pool with their
# own connection (see ui/team_service.py) and announce what they pulled through the same ``announce``.
def join_team(folder: Path, *, as_coach: bool, profile_id: int | None, publish_audio: bool) -> Op[Any]:
    """Join a team folder as the coach, or as a rep publishing ``profile_id``'s takes (None: who practised last)."""
    from voicecoach.storage.team import join

    def work(store: Store) -> Any:
        rep = None if as_coach else (profile_id or store.pick_profile(None).id)
        return join(store, folder, as_coach=as_coach, profile_id=rep, publish_audio=publish_audio)

    return Op(BannerKey.JOINING_TEAM, work, Changes())


def leave_team() -> Op[Any]:
    from voicecoach.storage.team import leave

    return Op(BannerKey.LEAVING_TEAM, leave, Changes())


def set_publish_audio(on: bool) -> Op[Any]:
    """Publish recordings too (or stop); returns the membership as it now is."""
    from voicecoach.storage.team import current
    from voicecoach.storage.team import set_publish_audio as store_setting

    def work(store: Store) -> Any:
        store_setting(store, on)
        return current(store)

    return Op(BannerKey.TEAM_FOLDER, work, Changes())
