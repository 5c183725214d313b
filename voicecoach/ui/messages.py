"""What a posted message is: its ``Level``, the ``BannerKey`` that names its banner, and the ``Message`` itself.

Light on purpose (no Qt): the window's words (``ui.words``) and every view share these types. A banner key
names one slot in the banner stack: a message posted with a key replaces the earlier one with that key, and
``AppContext.clear(key)`` takes it down. The values are internal names, never shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

__all__ = ["Action", "BannerKey", "Level", "Message"]

Action = tuple[str, Callable[[], None]]


class Level(StrEnum):
    """How a message shows: info as a toast, warning and error as a banner; clear takes a banner down."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"
    CLEAR = "clear"


class BannerKey(StrEnum):
    """The banner slots. The first group is posted by name; the second names what failed (``ctx.fail``, an
    operation's ``what``), and ``ui.words.failed`` says it."""

    BACKUP = "backup"
    CADENCE = "cadence"
    CALL_LIST = "call-list"
    DATABASE = "database"
    EXPORT = "Export"
    IMPORT = "import"
    JUDGE = "judge"
    MODEL = "model"
    OPEN_FOLDER = "open-folder"
    PENDING = "pending"
    PROFILE = "profile"
    PROFILE_SCRIPTS = "profile-scripts"
    RECORDING = "recording"
    SAVE = "save"
    SCRIPT = "script"
    SCRIPT_ARCHIVE = "script-archive"
    SCRIPT_DELETE = "script-delete"
    SETTINGS = "settings"
    TEAM = "team"
    TRASH = "trash"
    UNEXPECTED = "unexpected"
    # -- what failed
    ADDING_REP = "Adding the rep"
    ANALYSIS = "Analysis failed"
    ARCHIVING = "Archiving"
    CADENCE_CHECK = "Cadence check"
    CADENCE_PROGRESS = "Cadence progress"
    CADENCES = "Cadences"
    CALL_LIST_LOAD = "Call list"
    DELETING_SCRIPT = "Deleting the script"
    DISCARD = "Discard"
    EMPTYING_TRASH = "Emptying the trash"
    ENDING_SESSION = "Ending the session"
    IMPORTING_BUNDLE = "Importing the bundle"
    JOINING_TEAM = "Joining the team folder"
    JUDGING_AGAIN = "Judging again"
    LEAVING_TEAM = "Leaving the team folder"
    NOTE = "Note"
    NOTES = "Notes"
    OPENING_PROFILES = "Opening profiles"
    OPENING_REP = "Opening the rep"
    OPENING_TAKE = "Opening the take"
    PREPARING_CADENCE = "Preparing the cadence"
    PROGRESS = "Progress"
    REPS = "Reps"
    RESTORE = "Restore"
    RESTORING_BACKUP = "Restoring the backup"
    RESTORING_SCRIPT = "Restoring the script"
    SAVING_CADENCE = "Saving the cadence"
    SAVING_GOALS = "Saving the goals"
    SAVING_PROFILE = "Saving your profile"
    SAVING_SCRIPT = "Saving the script"
    SAVING_SESSION_GOALS = "Saving the session's goals"
    SAVING_TAKE = "Saving the take"
    SCRIPTS = "Scripts"
    SESSIONS = "Sessions"
    STARTING_SESSION = "Starting the session"
    TAKES = "Takes"
    TEAM_FOLDER = "Team folder"
    TEAM_STATUS = "Team"


@dataclass(frozen=True)
class Message:
    text: str
    level: Level
    key: BannerKey | None
    actions: tuple[Action, ...]
