"""The window's sentences and labels, in one place (the ground for translating them later)."""

from __future__ import annotations

from voicecoach.core.remedy import Remedy

# -- remedies
# What the window offers for each remedy: the button that does it, and the sentence beside the problem.
# A remedy without a button (nothing the app can do for you) is said in words only.
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
