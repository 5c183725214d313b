"""A team on a shared folder: reps publish their takes, a coach pulls them and writes notes and goals back.

The transport is any folder the team already shares (a network share, Syncthing, Dropbox, OneDrive,
Google Drive). Each install writes only its own subfolder (``reps/<rep id>/`` or ``coach/<coach id>/``)
with immutable files renamed into place and one manifest listing them with checksums; readers validate
every file against its schema and skip whatever is incomplete, conflicting, too large or linked. Layout,
formats and setup: docs/team.md.
"""

from voicecoach.storage.team.feedback import CoachFeedback, FeedbackNote, coach_feedback
from voicecoach.storage.team.folder import TeamFolderError, is_safe_id
from voicecoach.storage.team.membership import Membership, Role, current, join, leave, set_publish_audio
from voicecoach.storage.team.outcome import SyncOutcome
from voicecoach.storage.team.schema import TeamFileError
from voicecoach.storage.team.status import PublishState, RepStatus, publish_state, team_status
from voicecoach.storage.team.sync import sync

__all__ = [
    "CoachFeedback",
    "FeedbackNote",
    "Membership",
    "PublishState",
    "RepStatus",
    "Role",
    "SyncOutcome",
    "TeamFileError",
    "TeamFolderError",
    "coach_feedback",
    "current",
    "is_safe_id",
    "join",
    "leave",
    "publish_state",
    "set_publish_audio",
    "sync",
    "team_status",
]
