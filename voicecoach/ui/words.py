"""Every sentence the window says, in one place: messages, dialog titles and texts, status lines, hints and
empty states, grouped by page.

Views import their words from here and never write a sentence of their own (tests/ui/test_ui_words.py
checks it). A fixed sentence is a constant; a sentence with values in it is a small function whose
arguments are the values, so the whole sentence (not pieces glued together at the call site) is what a
translation later replaces. That is the shape catalogue-based translation needs (Fluent as in Anki, gettext
as in napari): one message per sentence, named arguments instead of an f-string's concatenation, and
counts passed whole so each language chooses its plural (today's English ``plural`` stays inside this
module). A function's body then becomes a catalogue lookup and no call site changes. Widget captions
(button labels, column headers) may stay beside their widgets. Plain ``str`` throughout and no Qt, so this
module is light enough for the first frame.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from voicecoach.core.remedy import Remedy
from voicecoach.ui.messages import BannerKey

__all__ = [
    "ANALYSE_NOW",
    "ANALYSING_KEPT_TAKE",
    "ARCHIVE_TIP",
    "ATTEMPTS_HINT",
    "ATTEMPT_SCRIPT_PLACEHOLDER",
    "CADENCE_CHECK_EMPTY",
    "CADENCE_DAY_WHOLE",
    "CADENCE_NAME_PLACEHOLDER",
    "CADENCE_TIP",
    "CALL_LIST_TITLE",
    "CANCEL",
    "CANCELLED",
    "CHOOSE_MODEL_FOLDER_TITLE",
    "CHOOSE_SCRIPT_TO_ANALYSE",
    "CHOOSE_SCRIPT_TO_IMPORT",
    "COACH_NOTE_TITLE",
    "DAMAGED_DATABASE",
    "DATABASE_TITLE",
    "DATA_FOLDER_HINT",
    "DELETE_SCRIPT_TIP",
    "DISMISS",
    "DOWNLOAD_CANCELLED",
    "EMPTY_TRASH_QUESTION",
    "EMPTY_TRASH_TIP",
    "EMPTY_TRASH_TITLE",
    "END_SESSION_INFO",
    "END_SESSION_TITLE",
    "EXPORT_BUNDLE_TIP",
    "EXPORT_BUNDLE_TITLE",
    "EXPORT_PDF_TIP",
    "FAILED_WHAT",
    "FILLERS_CHART_TIP",
    "FILLERS_NONE",
    "FILLERS_TIP",
    "FILTER_REPS_PLACEHOLDER",
    "FILTER_TAKES_PLACEHOLDER",
    "FINISHING_SLOWLY",
    "FINISHING_TAKE",
    "FINISH_CALL_LIST",
    "FIRST_JUDGED_TIP",
    "FLAGS_EMPTY",
    "FLAGS_NOT_ANALYSED",
    "FOLLOW_UP_TIP",
    "GOALS_INTRO",
    "GOALS_PLACEHOLDER",
    "GOALS_TITLE",
    "HELP_TEXT",
    "HELP_TITLE",
    "HIDE_SCRIPT_TIP",
    "HOOK_TIP",
    "IMPORT_BUNDLE_TIP",
    "IMPORT_BUNDLE_TITLE",
    "IMPORT_NEEDS_MODEL",
    "IMPORT_RECORDING_TITLE",
    "IMPORT_TIP",
    "INSERT_PLACEHOLDER_TIP",
    "JUDGE_ALL_TIP",
    "JUDGE_SELECTED_TIP",
    "JUDGE_TAKE_TIP",
    "JUDGING_ALL",
    "KEPT_FOR_THE_MODEL",
    "MIC_PROBLEM_STATUS",
    "MIC_STOPPED",
    "MODEL_DOWNLOADING",
    "MODEL_DOWNLOADING_STATUS",
    "MODEL_FOLDER_PLACEHOLDER",
    "MODEL_LOADING",
    "MODEL_LOADING_RECORD_ANYWAY",
    "MODEL_NOT_LOADED",
    "MODEL_STARTING",
    "MONOTONE_TIP",
    "NEW_SCRIPT_TIP",
    "NEXT_ATTEMPT",
    "NEXT_PROSPECT",
    "NOTES_TITLE",
    "NOTE_ON_WAVEFORM",
    "NOTE_SAVED",
    "NOTHING_CHANGED",
    "NOTHING_DELETED",
    "NOTHING_RECORDED",
    "NOTHING_YET",
    "NOT_IN_A_TEAM",
    "NOT_IN_A_TEAM_YET",
    "NOT_REHEARSED",
    "NO_AUDIO",
    "NO_AUDIO_KEPT",
    "NO_BACKUP",
    "NO_CADENCES",
    "NO_INPUT_DEVICE",
    "NO_MICROPHONE",
    "NO_MODEL_YET",
    "NO_NOTES_YET",
    "NO_PROFILE_YET",
    "NO_REPS_YET",
    "NO_REP_YET",
    "NO_SCRIPT_YET",
    "NO_SESSION",
    "NO_VERDICT_YET",
    "NO_WORDS_RECOGNISED",
    "PACE_LISTENING",
    "PACE_RANGE_INVERTED",
    "PACE_UNRELIABLE_TIP",
    "PHONE_HINT",
    "PICK_A_TAKE",
    "PITCH_CHART_TIP",
    "PLAYBACK_UNAVAILABLE",
    "PLAY_TIP",
    "PROFILE_AND_SCRIPT_FIRST",
    "PROFILE_HINT",
    "PROFILE_INTRO",
    "PROFILE_SAVED",
    "PROFILE_TITLE",
    "PROFILE_TITLE_FIRST",
    "PROSPECT_PLACEHOLDER",
    "PROSPECT_TIP",
    "QUIT",
    "QUIT_AND_RETRY",
    "READY_TO_CALL",
    "READY_TO_RECORD",
    "RECORDING_STATUS",
    "RECORD_TIP",
    "REFERRAL_PLACEHOLDER",
    "REGION_TIP",
    "REMEDY_ADVICE",
    "REMEDY_BUTTONS",
    "REPORT_UNREADABLE",
    "SCRIPTS_OPENING",
    "SCRIPT_CHECK_EMPTY",
    "SCRIPT_INCOMPLETE",
    "SCRIPT_LENGTH_HINT",
    "SCRIPT_PLACEHOLDER",
    "SCRIPT_TITLE_PLACEHOLDER",
    "SEARCH_SCRIPTS",
    "SESSION_REPORT_TITLE",
    "SETTINGS_SAVED",
    "SOUND_SERVERS",
    "STARTING_MICROPHONE",
    "STOP_REHEARSING",
    "TAKE_DISCARDED",
    "TAKE_NOTE_TITLE",
    "TAKE_TITLE",
    "TAKE_TRASHED",
    "TIME_LIMIT_TIP",
    "TRANSCRIPT_EMPTY",
    "TRY_AGAIN",
    "UNSAVED_CADENCE_LOST",
    "UNSAVED_CADENCE_NEW",
    "UNSAVED_CADENCE_TITLE",
    "UNSAVED_SCRIPT_LOST",
    "UNSAVED_SCRIPT_NEW",
    "UNSAVED_SCRIPT_TITLE",
    "UNVERIFIED_FIGURES",
    "WAVEFORM_LOADING",
    "attempt_name",
    "attempt_tooltip_head",
    "attempt_tooltip_takes",
    "audio_so_far_kept",
    "audio_unreadable",
    "backup_failed",
    "backup_restored",
    "badge_tip",
    "best_take",
    "bundle_imported",
    "bundle_saved",
    "cadence_attempt_title",
    "cadence_item",
    "cadence_ready_summary",
    "cadence_saved",
    "cadence_summary",
    "cadence_topic_line",
    "cadence_unreadable",
    "call_line",
    "call_list_done",
    "call_list_for",
    "database_failed",
    "days_practised",
    "default_device",
    "download_failed",
    "end_session_question",
    "failed",
    "fillers_line",
    "flag_tip",
    "from_memory",
    "goals_saved",
    "hide_checklist_tip",
    "importing",
    "input_devices",
    "judged_again",
    "judging_stopped",
    "last_session",
    "last_sync_failed",
    "level_tip",
    "microphone_problem",
    "model_checking",
    "model_folder_not_used",
    "model_folder_not_used_status",
    "model_ready",
    "model_ready_status",
    "model_status",
    "no_file_manager",
    "no_model_found",
    "not_a_cadence",
    "not_a_cadence_rich",
    "note_tip",
    "notes_on",
    "now_coaching",
    "over_limit",
    "pace_gauge_tip",
    "pace_line",
    "page_tip",
    "pdf_failed",
    "phone_read_back",
    "playback_failed",
    "plural",
    "profile_model_status",
    "profile_not_saved",
    "projected_over",
    "readiness_reason",
    "ready_count",
    "recognition_not_started",
    "recovery_failed",
    "rep_label",
    "rep_label_told_apart",
    "rep_line",
    "report_saved",
    "saved_as",
    "script_archived",
    "script_back",
    "script_check_unavailable",
    "script_deleted",
    "script_estimate",
    "script_item_tip",
    "script_saved",
    "script_too_long",
    "scripts_not_fitting",
    "seconds_left",
    "session_ended",
    "session_running",
    "slow_down",
    "stored_take_title",
    "streak",
    "take_item_tip",
    "take_not_saved",
    "takes_count",
    "takes_waiting",
    "team_joined",
    "team_left",
    "team_membership",
    "team_sync_error",
    "team_sync_failed",
    "team_title",
    "then_try_again",
    "trash_emptied",
    "unexpected_error",
    "unsaved_cadence",
    "unsaved_script",
    "work_failed",
]


def plural(n: int, word: str) -> str:
    """``3 takes``, ``1 take``: English plurals by an ``s`` (every counted noun here takes one)."""
    return f"{n} {word}{'s' if n != 1 else ''}"


# -- what failed ------------------------------------------------------------------------------------------
# ``ctx.fail(key)`` and a failed operation say "<what>: <reason>"; this is the <what> of every banner key.
FAILED_WHAT: Mapping[BannerKey, str] = {
    BannerKey.BACKUP: "Backup",
    BannerKey.CADENCE: "Cadence",
    BannerKey.CALL_LIST: "Call list",
    BannerKey.DATABASE: "Practice history",
    BannerKey.EXPORT: "Export",
    BannerKey.IMPORT: "Import",
    BannerKey.JUDGE: "Judging again",
    BannerKey.MODEL: "Speech model",
    BannerKey.OPEN_FOLDER: "Opening the folder",
    BannerKey.PENDING: "Waiting takes",
    BannerKey.PROFILE: "Profile",
    BannerKey.PROFILE_SCRIPTS: "Scripts",
    BannerKey.RECORDING: "Recording",
    BannerKey.SAVE: "Saving the take",
    BannerKey.SCRIPT: "Script",
    BannerKey.SCRIPT_ARCHIVE: "Archiving",
    BannerKey.SCRIPT_DELETE: "Deleting the script",
    BannerKey.SETTINGS: "Settings",
    BannerKey.TEAM: "Team folder",
    BannerKey.TRASH: "Discard",
    BannerKey.UNEXPECTED: "Something went wrong",
    BannerKey.ADDING_REP: "Adding the rep",
    BannerKey.ANALYSIS: "Analysis failed",
    BannerKey.ARCHIVING: "Archiving",
    BannerKey.CADENCE_CHECK: "Cadence check",
    BannerKey.CADENCE_PROGRESS: "Cadence progress",
    BannerKey.CADENCES: "Cadences",
    BannerKey.CALL_LIST_LOAD: "Call list",
    BannerKey.DELETING_SCRIPT: "Deleting the script",
    BannerKey.DISCARD: "Discard",
    BannerKey.EMPTYING_TRASH: "Emptying the trash",
    BannerKey.ENDING_SESSION: "Ending the session",
    BannerKey.IMPORTING_BUNDLE: "Importing the bundle",
    BannerKey.JOINING_TEAM: "Joining the team folder",
    BannerKey.JUDGING_AGAIN: "Judging again",
    BannerKey.LEAVING_TEAM: "Leaving the team folder",
    BannerKey.NOTE: "Note",
    BannerKey.NOTES: "Notes",
    BannerKey.OPENING_PROFILES: "Opening profiles",
    BannerKey.OPENING_REP: "Opening the rep",
    BannerKey.OPENING_TAKE: "Opening the take",
    BannerKey.PREPARING_CADENCE: "Preparing the cadence",
    BannerKey.PROGRESS: "Progress",
    BannerKey.REPS: "Reps",
    BannerKey.RESTORE: "Restore",
    BannerKey.RESTORING_BACKUP: "Restoring the backup",
    BannerKey.RESTORING_SCRIPT: "Restoring the script",
    BannerKey.SAVING_CADENCE: "Saving the cadence",
    BannerKey.SAVING_GOALS: "Saving the goals",
    BannerKey.SAVING_PROFILE: "Saving your profile",
    BannerKey.SAVING_SCRIPT: "Saving the script",
    BannerKey.SAVING_SESSION_GOALS: "Saving the session's goals",
    BannerKey.SAVING_TAKE: "Saving the take",
    BannerKey.SCRIPTS: "Scripts",
    BannerKey.SESSIONS: "Sessions",
    BannerKey.STARTING_SESSION: "Starting the session",
    BannerKey.TAKES: "Takes",
    BannerKey.TEAM_FOLDER: "Team folder",
    BannerKey.TEAM_STATUS: "Team",
}


def failed(what: BannerKey, reason: BaseException | str) -> str:
    return f"{FAILED_WHAT[what]}: {reason}"


# -- window and start-up ----------------------------------------------------------------------------------
HELP_TITLE = "VoiceCoach help"
HELP_TEXT = """<h3>VoiceCoach shortcuts</h3>
<table cellpadding=3>
<tr><td><b>Space</b></td><td>Record / stop (Practice)</td></tr>
<tr><td><b>Ctrl+1 … Ctrl+5</b></td><td>Practice, Scripts, Progress, Coach, Settings</td></tr>
<tr><td><b>Ctrl+N</b></td><td>New script</td></tr>
<tr><td><b>Ctrl+I</b></td><td>Import an audio file for analysis</td></tr>
<tr><td><b>Ctrl+H</b></td><td>Hide / show the script</td></tr>
<tr><td><b>Ctrl+Shift+H</b></td><td>Hide / show the live checklist (for a take "as real")</td></tr>
<tr><td><b>Ctrl+F</b></td><td>Search scripts or takes</td></tr>
<tr><td><b>Ctrl+S</b></td><td>Save the script being edited</td></tr>
<tr><td><b>Del</b></td><td>Delete the script picked in the library (Undo brings it back)</td></tr>
<tr><td><b>F1</b></td><td>This help</td></tr>
<tr><td><b>Ctrl+Q</b></td><td>Quit</td></tr>
</table>
<p>Tab moves between controls; Up and Down move between pages in the side bar; Enter opens a take in
a list. Click a word in a transcript to hear it, or move to it with the arrow keys and press Enter.</p>"""
_MODEL_STATUS = {"loading": "Speech model: loading…", "ready": "Speech model: ready",
                 "missing": "Speech model: none — recording still works",
                 "error": "Speech model: problem — see the banner", "downloading": "Speech model: downloading…"}


def model_status(state: str) -> str:
    return _MODEL_STATUS.get(state, f"Speech model: {state}")


NO_REP_YET = "No rep yet"


def rep_line(name: str, company: str, coaching: str | None = None) -> str:
    """The side bar's rep: name and company, and whom they coach on the Coach page meanwhile."""
    return f"{name}\n{company}" + (f"\nCoaching {coaching}" if coaching else "")


DATABASE_TITLE = "Your practice history could not be opened"


def database_failed(problem: str) -> str:
    return f"Your practice history could not be opened: {problem}"


def backup_restored(name: str) -> str:
    return f"Restored the backup {name}; the damaged file was kept aside."


def backup_failed(exc: BaseException) -> str:
    return f"No backup of your practice history was made: {exc}"


NO_PROFILE_YET = ("No profile yet: takes can't be checked for your name and number. Add it under Settings → "
                  "Your profile.")


def recovery_failed(exc: BaseException) -> str:
    return f"Could not check for unfinished takes: {exc}"


PROFILE_TITLE_FIRST = "Welcome to VoiceCoach"
PROFILE_TITLE = "Rep profile"
PHONE_HINT = "Type your number with its area code; it is read back here."


def profile_not_saved(problem: str) -> str:
    return f"{problem} Nothing was saved."


def phone_read_back(stored: str, heard: str) -> str:
    # Not "Saved as": nothing is saved until Save is pressed.
    return f"Understood as {stored}. A listener hears “{heard}”."


DISMISS = "Dismiss"


def page_tip(name: str, number: int) -> str:
    return f"{name} (Ctrl+{number})"


REGION_TIP = "Used for a number written without +country code"
PROFILE_INTRO = ("<h3>Let's set you up</h3>Your voicemails are checked for your name, your company and your "
                 "callback number, so tell VoiceCoach what they are. Everything stays on this computer.")
MODEL_STARTING = "Speech model: starting…"
_PROFILE_MODEL_STATUS = {"ready": "Speech model: ready.", "loading": "Speech model: loading in the background…",
                         "downloading": "Speech model: downloading…"}


def profile_model_status(state: str, message: str | None) -> str:
    """The speech model as the profile dialog says it (its buttons offer what to do about it)."""
    return _PROFILE_MODEL_STATUS.get(state) or f"Speech model: {message or state}"


def unexpected_error(kind: str, exc: BaseException) -> str:
    """A bug in a slot, said to the rep (the window carries on)."""
    return (f"Something went wrong ({kind}: {exc}). Your takes are safe; please report this if it happens "
            "again.")


# -- the speech model -------------------------------------------------------------------------------------
MODEL_NOT_LOADED = "The speech model could not be loaded."
MODEL_LOADING = "Loading the speech model…"
MODEL_LOADING_RECORD_ANYWAY = "Loading the speech model… you can already record."
NO_MODEL_YET = "No speech model yet. You can still record: takes are kept and analysed once a model is ready."
CHOOSE_MODEL_FOLDER_TITLE = "Choose the speech model folder"
MODEL_DOWNLOADING_STATUS = "Downloading the English model…"
MODEL_DOWNLOADING = "Downloading the English speech model…"
DOWNLOAD_CANCELLED = "Download cancelled."
CANCEL = "Cancel"


def model_checking(folder: str | None) -> str:
    return f"Checking the speech model in {folder}…"


def model_ready_status(name: str) -> str:
    return f"Speech model ready ({name})."


def model_ready(name: str) -> str:
    return f"Speech model ready: {name}"


def model_folder_not_used_status(name: str, folder: str | None) -> str:
    return f"Speech model ready ({name}). The folder {folder} was not used."


def model_folder_not_used(name: str, problem: str) -> str:
    """A chosen folder that is not a model, while another model works; ``problem`` says why, with what to do."""
    return f"The folder you chose is not a usable speech model, so VoiceCoach keeps using {name}. {problem}"


def no_model_found(hint: str) -> str:
    return f"No speech model found. {hint}"


def download_failed(problem: str) -> str:
    return f"The download failed: {problem}"


# -- the microphone ---------------------------------------------------------------------------------------
MIC_STOPPED = "the microphone stopped working"
SOUND_SERVERS: Mapping[str, str] = {
    "pulse": "PulseAudio sound server", "pipewire": "PipeWire sound server", "jack": "JACK sound server",
    "sysdefault": "System default (ALSA)", "default": "System default device",
}


def default_device(label: str) -> str:
    return f"{label} — default"


def recognition_not_started(exc: BaseException) -> str:
    return f"Speech recognition could not start ({exc}); the take is kept."


FINISHING_SLOWLY = ("Finishing the take is taking longer than usual: the computer is busy and the transcript is "
                    "still catching up. The report follows as soon as it is ready; the audio is safe.")


def audio_so_far_kept(error: str) -> str:
    """``error``: capture's own sentence about why the take ended early."""
    return f"{error} The audio so far is kept."


# -- practice ---------------------------------------------------------------------------------------------
FILLERS_NONE = "Fillers: 0"
PACE_LISTENING = "Pace: listening…"


def fillers_line(fillers: int, held: int) -> str:
    return f"Fillers: {fillers}" + (f" (+{held} held “uhh”)" if held else "")


def pace_line(wpm: float | None) -> str:
    return PACE_LISTENING if wpm is None else f"Pace: {wpm:.0f} words/min"


def slow_down(digits_per_second: float | None) -> str:
    return f"Slow down: the number is coming at {digits_per_second:.1f} digits a second"


def call_list_done(summary: str) -> str:
    return f"Call list done: {summary}."


TAKE_TITLE = "Take"
TAKE_NOTE_TITLE = "Note on this take"
TAKE_TRASHED = "Take moved to the trash."
NOTE_SAVED = "Note saved."
RECORD_TIP = "Record / stop (Space)"
PROSPECT_PLACEHOLDER = "Prospect's name"
PROSPECT_TIP = "Fills {prospect} in the script"
HIDE_SCRIPT_TIP = "Practise from memory (Ctrl+H)"
FOLLOW_UP_TIP = ("You have called this prospect before, so mentioning your last message is honest. Saved with the "
                 "script.")
CADENCE_TIP = "Step through a planned series of voicemails, one attempt at a time"
IMPORT_TIP = "Analyse a recording made elsewhere (Ctrl+I)"


def hide_checklist_tip(shortcut: str) -> str:
    return f"Hide the checklist ({shortcut})"


def level_tip(rms: float, clipped: bool) -> str:
    return f"Level {rms:.0f} dBFS" + (" — clipping" if clipped else "")


def pace_gauge_tip(wpm: float | None, low: float, high: float) -> str:
    if wpm is None:
        return "Pace: not enough words yet"
    return f"Pace over the last 10 s: {wpm:.0f} words a minute (aim for {low:.0f}–{high:.0f})"


READY_TO_RECORD = "Press Space or Record when you're ready."
RECORDING_STATUS = "Recording — press Space to stop."
STARTING_MICROPHONE = "Starting microphone…"
FINISHING_TAKE = "Finishing the take…"


def over_limit(limit: float) -> str:
    return f"Over the {limit:.0f} s limit — wrap up with your number."


def seconds_left(seconds: float) -> str:
    return f"{seconds:.0f} s left."


def projected_over(projected: float | None) -> str:
    return f"At this pace you'll need about {projected:.0f} s — tighten up."


SCRIPTS_OPENING = "Opening your scripts…"
NO_SCRIPT_YET = "No script yet — write one under Scripts (Ctrl+N), then practise it here."
PROFILE_AND_SCRIPT_FIRST = "Create your profile and choose a script before recording."
MIC_PROBLEM_STATUS = "Microphone problem — see the message above."
TRY_AGAIN = "Press Space to try again."
NOTHING_RECORDED = "Nothing was recorded."
TAKE_DISCARDED = "The take was discarded."
NOTE_ON_WAVEFORM = "Note saved; it is marked on the waveform."
NO_CADENCES = "No cadences: make one under Scripts → Cadences"
CALL_LIST_TITLE = "Import a call list"
IMPORT_RECORDING_TITLE = "Import a recording"


def from_memory(title: str) -> str:
    return f"“{title}” — from memory. Untick “Hide script” to see it again."


def cadence_item(name: str, voicemails: int) -> str:
    return f"{name} ({voicemails} voicemails)"


def call_list_for(cadence: str) -> str:
    return f"Import a call list for “{cadence}”…"


def saved_as(take: int, cadence: str | None, attempt: int | None) -> str:
    """"Saved as take 3." (the script's third take: outside a cadence there are no attempts to count) — or,
    for a cadence's take, "Saved as take 3 of Cold series · attempt 1." (the cadence's bar above counts the
    series' attempts, not the script's takes)."""
    if cadence:
        return f"Saved as take {take} of {cadence} · attempt {attempt}."
    return f"Saved as take {take}."


def then_try_again(said: str) -> str:
    """``said`` (a whole sentence, as ``saved_as``'s), then how to record the next take."""
    return f"{said} {TRY_AGAIN}"


def take_not_saved(exc: BaseException, folder: Path) -> str:
    return f"The take could not be saved: {exc} Its audio is kept in {folder}."


# -- takes that wait for the speech model, imports --------------------------------------------------------
ANALYSE_NOW = "Analyse now"
CHOOSE_SCRIPT_TO_ANALYSE = "Choose a script first, then analyse the waiting takes."
CHOOSE_SCRIPT_TO_IMPORT = "Choose a script first: an imported take is judged against it."
IMPORT_NEEDS_MODEL = "Importing audio needs the speech model, which is not ready yet."
ANALYSING_KEPT_TAKE = "Analysing a kept take"
CANCELLED = "Cancelled."


def takes_waiting(waiting: int, recovered: int, model_ready: bool) -> str:
    """What the banner says about takes that wait: never "transcription is unavailable" once it is not.
    ``recovered`` of the ``waiting`` takes were left unfinished by a crash."""
    if recovered:
        head = f"Recovered {plural(recovered, 'unfinished take')} from last time"
        if waiting > recovered:
            head += f", and {plural(waiting - recovered, 'take')} recorded without a speech model"
    else:
        head = f"{plural(waiting, 'take')} recorded without a speech model"
    if model_ready:
        return f"{head}. The speech model is ready: analyse {'it' if waiting == 1 else 'them'} now."
    return f"{head}, kept safely. {'It is' if waiting == 1 else 'They are'} analysed once a speech model is ready."


def importing(name: str) -> str:
    return f"Importing {name}"


def work_failed(what: str, exc: BaseException) -> str:
    """``what``: the busy row's words for the work (``importing``, ``ANALYSING_KEPT_TAKE``)."""
    return f"{what} failed: {exc}"


# -- a take's report --------------------------------------------------------------------------------------
FLAGS_EMPTY = "Nothing to fix — clean take."
TRANSCRIPT_EMPTY = "Your words appear here after a take."
FLAGS_NOT_ANALYSED = "Not analysed yet: the flags appear once the speech model is ready."
NO_WORDS_RECOGNISED = "No words were recognised in this take."
NO_AUDIO_KEPT = "No audio kept for this take."
WAVEFORM_LOADING = "Loading the waveform…"


def audio_unreadable(exc: BaseException) -> str:
    return f"Cannot read audio: {exc}"


PLAY_TIP = "Play the take (click a word or the waveform to jump)"
PACE_UNRELIABLE_TIP = "Worked out from words I couldn't hear reliably"
JUDGE_TAKE_TIP = ("Judge this take with today's rules, against what it was judged against then. Its current "
                  "report is kept in its history.")
NO_VERDICT_YET = "No verdict yet"


def badge_tip(label: str, score: float | None) -> str:
    return label if score is None else f"{label} · score {score:.0f}"


def flag_tip(severity: str, code: str) -> str:
    return f"{severity}: {code}"


UNVERIFIED_FIGURES = "pace, words and fillers not verified"
NO_AUDIO = "No audio for this take."
KEPT_FOR_THE_MODEL = "Kept — waiting for the speech model"
REPORT_UNREADABLE = "This report cannot be read"
PLAYBACK_UNAVAILABLE = "Playback is unavailable: QtMultimedia is not installed."


def playback_failed(text: str) -> str:
    return f"Playback: {text}"


def note_tip(text: str) -> str:
    return f"Note: {text}"


def stored_take_title(script: str, take: int, started: datetime, cadence: str | None, attempt: int | None,
                      judged_on: str | None) -> str:
    """"Expired listing — take 10, <date>"; a cadence's take also names its attempt ("take 3 of Cold series
    · attempt 1"): "attempt" is a cadence's voicemail, the script's takes are counted as takes.
    ``judged_on``: the day it was judged again, if it was."""
    which = f"take {take}" + (f" of {cadence} · attempt {attempt}" if cadence else "")
    title = f"{script} — {which}, {started:%d %b %Y %H:%M}"
    return title + (f" · judged again on {judged_on}" if judged_on is not None else "")


# -- judging again ----------------------------------------------------------------------------------------
JUDGING_ALL = "Judging every take again with today's rules…"


def judged_again(n: int, failures: list[str]) -> str:
    text = f"Judged {plural(n, 'take')} again; each one's earlier report is kept in its history."
    if failures:
        text += f" {len(failures)} could not be judged again: {'; '.join(failures[:3])}"
    return text


def judging_stopped(exc: BaseException) -> str:
    return f"Judging again stopped: {exc}"


# -- scripts ----------------------------------------------------------------------------------------------
SCRIPT_CHECK_EMPTY = "Nothing to fix in this script."
UNSAVED_SCRIPT_TITLE = "Unsaved changes"
UNSAVED_SCRIPT_NEW = "Save the script you started?"
UNSAVED_SCRIPT_LOST = "If you don't save, your unsaved edits are lost."
SCRIPT_INCOMPLETE = "A script needs a title and some text."
SCRIPT_LENGTH_HINT = "Write or pick a script to see its estimated length."


def unsaved_script(title: str) -> str:
    return f"Save your changes to “{title}”?"


def script_too_long(length: int, limit: int) -> str:
    return (f"This script is {length:,} characters long; VoiceCoach keeps scripts of up to {limit:,} "
            "(a voicemail is about 500). Shorten it to save it.")


def script_saved(title: str, version: int) -> str:
    return f"Saved “{title}” (version {version})."


def script_archived(title: str, archived: bool) -> str:
    if archived:
        return f"Archived “{title}”. Show archived scripts to bring it back."
    return f"Restored “{title}”."


def script_deleted(title: str) -> str:
    return f"Deleted “{title}”. Its takes keep the script they were judged against."


def script_back(title: str) -> str:
    return f"“{title}” is back."


def script_check_unavailable(exc: BaseException) -> str:
    return f"Script check unavailable: {exc}"


def script_estimate(seconds: float, measured: bool, wpm: float, words: int, limit: float) -> str:
    """Rich text: the script's spoken length at the rep's pace, against its limit."""
    pace = "your measured pace" if measured else "a typical pace"
    return (f"About <b>{seconds:.0f} s</b> at {pace} ({wpm:.0f} wpm) — {words} words; limit {limit:.0f} s."
            + (" <b>Too long.</b>" if seconds > limit else ""))


SEARCH_SCRIPTS = "Search scripts…"
NEW_SCRIPT_TIP = "Ctrl+N"
ARCHIVE_TIP = "Keep this script aside: out of the library and Practice, restorable"
DELETE_SCRIPT_TIP = ("Delete this script (Del); its takes keep the version they were judged against, and Undo "
                     "brings it back")
SCRIPT_TITLE_PLACEHOLDER = "e.g. Cold voicemail — listing follow-up"
TIME_LIMIT_TIP = "Time limit for this script; Default uses the limit in Settings"
REFERRAL_PLACEHOLDER = "Who referred you (fills {referral})"
SCRIPT_PLACEHOLDER = "Hi {prospect}, this is {first_name} with {company}…"
INSERT_PLACEHOLDER_TIP = "Insert a placeholder at the cursor: filled from your profile when you practise"


def script_item_tip(version: int, time_limit: float | None) -> str:
    return f"Version {version}" + (f" · {time_limit:.0f} s limit" if time_limit else "")


# -- cadences ---------------------------------------------------------------------------------------------
CADENCE_CHECK_EMPTY = "Nothing to fix in this cadence."
UNSAVED_CADENCE_TITLE = "Unsaved cadence"
UNSAVED_CADENCE_NEW = "Save this new cadence first?"
UNSAVED_CADENCE_LOST = "Otherwise the edits to its attempts are lost."
CADENCE_DAY_WHOLE = "A day is a whole number: day 1 is the first voicemail."


def unsaved_cadence(name: str) -> str:
    return f"Save your changes to “{name}” first?"


def cadence_unreadable(name: str, problem: str) -> str:
    return f"{name} cannot be read: {problem}"


def not_a_cadence(problem: object) -> str:
    return f"This is not a cadence yet: {problem}"


def not_a_cadence_rich(problem_html: str) -> str:
    """Rich text; ``problem_html`` is already escaped."""
    return f"<b>Not a cadence yet:</b> {problem_html}"


def cadence_summary(voicemails: int, days: int, passed: bool) -> str:
    return f"{voicemails} voicemails over {days} days: the cadence {'passes' if passed else 'does not pass yet'}."


def cadence_saved(name: str) -> str:
    return f"Saved the cadence “{name}”."


CADENCE_NAME_PLACEHOLDER = "e.g. Cold series"
ATTEMPT_SCRIPT_PLACEHOLDER = "Script title"
ATTEMPTS_HINT = ("Attempts in order: drag a row to move it (the days stay in place). Double-click a day or topic "
                 "to change it.")


def attempt_name(number: int) -> str:
    return f"Attempt {number}"


# -- rehearsing a cadence (the bar above the script) ------------------------------------------------------
NOT_REHEARSED = "not rehearsed"
NEXT_ATTEMPT = "Next attempt ▶"
STOP_REHEARSING = "Stop rehearsing"
NEXT_PROSPECT = "Next prospect ▶"
FINISH_CALL_LIST = "Finish the list"


def call_line(index: int, count: int, prospect: str, company: str, trigger: str, summary: str) -> str:
    """The call list's line (values already escaped): "Prospect 2 of 5: <b>Ann (Acme)</b> — moved · 1 ready"."""
    who = prospect + (f" ({company})" if company else "")
    why = f" — {trigger}" if trigger else ""
    return f"Prospect {index + 1} of {count}: <b>{who}</b>{why} · {summary}"


def cadence_attempt_title(cadence: str, number: int, count: int, day: int) -> str:
    return f"{cadence} · attempt {number} of {count} · day {day}"


def cadence_topic_line(topic: str, follow_up: bool) -> str:
    """The attempt's topic (escaped) and whether it may refer back to an earlier message."""
    back = "you may refer to your earlier message" if follow_up else "a first call: no “following up”"
    return f"Topic: <b>{topic}</b> — one topic per voicemail; {back}."


def cadence_ready_summary(ready: int, total: int, needed: int) -> str:
    if ready == total:
        return f"The cadence is ready: all {total} voicemails."
    return f"{ready} of {total} voicemails ready; each needs {needed} takes ready to send in a row."


def attempt_tooltip_head(number: int, day: int, topic: str) -> str:
    return f"Attempt {number}, day {day}: {topic}"


def attempt_tooltip_takes(takes: int, best: float | None, latest: list[str]) -> str:
    best_text = f"; best {best:.0f}" if best is not None else ""
    return f"{plural(takes, 'take')}{best_text}; latest: " + ", ".join(latest)


# -- progress ---------------------------------------------------------------------------------------------
JUDGE_ALL_TIP = ("Judge every take of this rep with today's rules, each against what it was judged against then. "
                 "Earlier reports are kept in each take's history.")
FIRST_JUDGED_TIP = "Show each take's score as it was when recorded, before any re-judging"
FILLERS_CHART_TIP = "Filler words plus held “uhh”s heard in the recording"
PITCH_CHART_TIP = "How much your voice moves; below 4 semitones it sounds read"
FILTER_TAKES_PLACEHOLDER = "Filter takes (script, flag, date)…"
NOTHING_YET = "None yet"
READY_TO_CALL = "Ready to call"


def best_take(take: int, when: datetime) -> str:
    """The script's take number: "attempt" is a cadence's voicemail."""
    return f"take {take}, {when:%d %b}"


def streak(days: int) -> str:
    return plural(days, "day")


def days_practised(days: int) -> str:
    return f"{days} days practised"


def takes_count(n: int) -> str:
    return f"{n} takes"


def ready_count(clean: int, needed: int) -> str:
    return f"{clean} of {needed} ready"


def readiness_reason(reason: str) -> str:
    return f"{reason[:1].upper()}{reason[1:]}."


# -- coach ------------------------------------------------------------------------------------------------
NO_SESSION = "No session running."
NOTES_TITLE = "Notes"
PICK_A_TAKE = "Pick a take"
COACH_NOTE_TITLE = "Coach note"
EXPORT_BUNDLE_TITLE = "Export bundle"
IMPORT_BUNDLE_TITLE = "Import a bundle"
SESSION_REPORT_TITLE = "Save the session report"
GOALS_TITLE = "Session goals"


def now_coaching(name: str) -> str:
    return f"Now coaching {name}."


def last_session(started: datetime, goals: str | None) -> str:
    return f"Last session: {started:%d %b %H:%M}" + (f" — {goals}" if goals else "") + "."


def session_running(started: datetime) -> str:
    return f"Session running since {started:%H:%M} — notes are attached to it."


def session_ended(ended: datetime) -> str:
    return f"Session ended at {ended:%H:%M}. Export its report to share it."


def notes_on(take_name: str) -> str:
    return f"Notes on {take_name}"


def bundle_imported(name: str, summary: str) -> str:
    return f"Imported {name}: {summary}."


def bundle_saved(path: Path) -> str:
    return f"Bundle saved to {path}."


def goals_saved(met: int, total: int) -> str:
    return f"Goals saved: {met} of {total} met."


def report_saved(path: Path) -> str:
    return f"Session report saved to {path}."


def pdf_failed(exc: BaseException) -> str:
    return f"The PDF could not be saved: {exc}."


EXPORT_BUNDLE_TIP = "A zip of this rep's takes, audio and notes, for another coach's VoiceCoach"
IMPORT_BUNDLE_TIP = "Add a rep's takes, audio and notes from a bundle another VoiceCoach exported"
GOALS_PLACEHOLDER = "Goals, separated by ; (e.g. say the number twice; under 25 s)"
EXPORT_PDF_TIP = "The session report as a PDF, ready to print or mail"
JUDGE_SELECTED_TIP = ("Judge the selected takes (none selected: all of this rep's) with today's rules; their "
                      "earlier reports are kept")
GOALS_INTRO = "Which goals did the rep meet in this session? The session report shows it."
FILTER_REPS_PLACEHOLDER = "Filter reps (name, issue, ready…)"


def take_item_tip(name: str, started: datetime, verdict: str) -> str:
    return f"{name}, {started:%d %b %Y %H:%M}, {verdict}"


NO_NOTES_YET = "No notes on this take yet."
END_SESSION_TITLE = "End the session?"
END_SESSION_INFO = "Ending it asks which of its goals were met; its notes stay with it."


def end_session_question(current: str, other: str) -> str:
    return f"A session with {current} is running. End it to coach {other}?"


def rep_label(name: str, company: str) -> str:
    return f"{name} · {company}"


def rep_label_told_apart(label: str, phone: str, takes: int, last: datetime | None) -> str:
    """A rep whose name and company another rep shares: their number, takes and last practice tell them apart."""
    count = plural(takes, "take") if takes else "no takes"
    return f"{label} · {phone} · {count}" + (f", last {last:%d %b}" if last is not None else "")


# -- settings ---------------------------------------------------------------------------------------------
PROFILE_SAVED = "Profile saved; the next take is checked against it."
SETTINGS_SAVED = "Settings saved; the next take uses them."
PACE_RANGE_INVERTED = "The pace range needs a lower bound below the upper one."
EMPTY_TRASH_TITLE = "Empty trash"
EMPTY_TRASH_QUESTION = "Delete every discarded take for good?"
NO_INPUT_DEVICE = "No input device found — plug in a microphone, then Refresh."


def scripts_not_fitting(misfits: list[tuple[str, list[str]]]) -> str:
    """Scripts that say another name, number or company than the profile just saved, and why."""
    n = len(misfits)
    lines = " ".join(f"“{title}”: {' '.join(problems)}" for title, problems in misfits)
    return f"{plural(n, 'script')} no longer fit{'s' if n == 1 else ''} your profile. {lines}"


def no_file_manager(folder: str) -> str:
    return f"No file manager could open the data folder. It is {folder} (the path is copied to the clipboard)."


def trash_emptied(n: int) -> str:
    return f"Deleted {plural(n, 'take')} from the trash."


def input_devices(n: int) -> str:
    return f"{plural(n, 'input device')} found."


def microphone_problem(text: str) -> str:
    return f"Microphone: {text}"


MODEL_FOLDER_PLACEHOLDER = "Found automatically (vosk-model/ or the data folder)"
FILLERS_TIP = "Comma-separated words and phrases counted as fillers"
HOOK_TIP = "A tip when small talk or a pitch delays the reason for calling by more than this"
MONOTONE_TIP = "A warning when your pitch moves less than this over the take (sounds read)"
EMPTY_TRASH_TIP = "Delete discarded takes for good (their audio too)"
DATA_FOLDER_HINT = "Database, takes and downloaded models live here. Set VOICECOACH_HOME to move them."
PROFILE_HINT = "Every take is checked for these: change them when your number or company changes."


# -- team folder ------------------------------------------------------------------------------------------
NOT_IN_A_TEAM = ("Not in a team. Join a folder your team shares (a network share, Syncthing, Dropbox…) to send "
                 "your takes to your coach.")


def team_membership(folder: Path, available: bool, coach: bool, member_id: str, own_folder: Path) -> str:
    where = "" if available else " — not available right now (offline or not mounted)"
    return (f"{folder}{where}\nYou are {'the coach' if coach else 'a rep'} ({member_id}); this laptop writes "
            f"only into {own_folder}.")


NO_REPS_YET = "No reps yet: once reps join the team folder and sync, they appear here."


def team_title(reps: int) -> str:
    return f"Team ({plural(reps, 'rep')})"


def team_joined(folder: Path) -> str:
    return f"Joined the team folder {folder}."


def team_left(folder: Path) -> str:
    return f"Left the team folder {folder}; nothing was deleted."


def team_sync_error(error: str) -> str:
    return f"Team folder: {error}. The next sync tries again."


def team_sync_failed(exc: BaseException) -> str:
    return f"Team folder sync failed: {exc}"


def last_sync_failed(exc: BaseException) -> str:
    return f"The last sync failed: {exc}"


NOT_IN_A_TEAM_YET = "Not in a team."


# -- remedies ---------------------------------------------------------------------------------------------
# What the window offers for an error's remedy (ui.remedies): the button that does it, and the sentence
# beside the problem. A remedy without a button (nothing the app can do for you) is said in words only.
REMEDY_BUTTONS: dict[Remedy, str] = {
    Remedy.DOWNLOAD_MODEL: "Download English model…",
    Remedy.CHOOSE_MODEL_FOLDER: "Choose model folder…",
    Remedy.CHECK_MICROPHONE: "Microphone settings",
    Remedy.FREE_DISK_SPACE: "Show the data folder",
    Remedy.RESTORE_BACKUP: "Restore last backup",
    Remedy.MAKE_FOLDER_WRITABLE: "Show the data folder",
}
REMEDY_ADVICE: dict[Remedy, str] = {
    Remedy.DOWNLOAD_MODEL: "Use “Download English model…” (about 40 MB) to get the English speech model.",
    Remedy.CHOOSE_MODEL_FOLDER: "Or use “Choose model folder…” for an unpacked Vosk model.",
    Remedy.CHECK_MICROPHONE: ("Check that the microphone is plugged in and not used by another program, or choose "
                              "another input under Settings → Microphone, then try again."),
    Remedy.INSTALL_PORTAUDIO: ("Install PortAudio (the libportaudio2 package on Debian and Ubuntu), then start "
                               "VoiceCoach again."),
    Remedy.FREE_DISK_SPACE: "“Show the data folder” opens it in the file manager, to see what takes the space.",
    Remedy.RESTORE_BACKUP: ("“Restore last backup” puts the last backup back and carries on; the damaged file is "
                            "kept aside, not deleted."),
    Remedy.MAKE_FOLDER_WRITABLE: ("Make the data folder writable (“Show the data folder” opens it), then start "
                                  "VoiceCoach again."),
    Remedy.UPDATE_APP: "Install a newer VoiceCoach to open it.",
}
NO_MICROPHONE = "No microphone found."
DAMAGED_DATABASE = "the database {path} is damaged ({detail}) and was left untouched"
NO_BACKUP = "There is no backup to restore: quit, then move the file aside to start a new database."
NOTHING_CHANGED = "Nothing was changed."
NOTHING_DELETED = "Nothing was deleted."
QUIT_AND_RETRY = "Quit, then try again."
QUIT = "Quit"
