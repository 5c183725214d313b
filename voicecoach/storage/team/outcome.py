"""What one sync did, in counts and in sentences: the CLI prints it, the GUI shows its one-line summary."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["BUSY", "MAX_NOTES", "SyncOutcome"]

BUSY = "Another sync of this data folder is running; this one was skipped."
MAX_NOTES = 200  # a folder full of junk must not turn into a million lines


@dataclass
class SyncOutcome:
    available: bool = True
    busy: bool = False  # another sync of this data folder was running: this one did nothing
    published: int = 0
    published_audio: int = 0
    withdrawn: int = 0
    takes: int = 0
    audio: int = 0
    notes: int = 0
    sessions: int = 0
    trashed: int = 0
    pending: int = 0
    skipped: int = 0
    messages: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def note(self, text: str) -> None:
        """A file skipped or waited for, said once in a full sentence."""
        if len(self.messages) < MAX_NOTES and text not in self.messages:
            self.messages.append(text)

    def skip(self, text: str) -> None:
        self.skipped += 1
        self.note(text)

    def fail(self, text: str) -> None:
        """A whole step that could not be done (the share refused a write, the connection dropped)."""
        self.errors.append(text)

    def wait(self, text: str) -> None:
        self.pending += 1
        self.note(text)

    def describe(self) -> str:
        if not self.available:
            return "The team folder is not available (offline or not mounted); nothing was synced."
        if self.busy:
            return BUSY
        parts = []
        for count, one, many in (
            (self.published, "take published", "takes published"), (self.takes, "take pulled", "takes pulled"),
            (self.audio, "recording pulled", "recordings pulled"),
            (self.notes, "coach note received", "coach notes received"),
            (self.sessions, "session goal received", "session goals received"),
            (self.trashed, "take withdrawn by its rep", "takes withdrawn by their reps"),
        ):
            if count:
                parts.append(f"{count} {one if count == 1 else many}")
        text = ", ".join(parts) if parts else ("Nothing synced" if self.errors else "Everything is up to date")
        if self.pending:
            text += f"; {self.pending} file{'s' if self.pending != 1 else ''} still syncing"
        if self.skipped:
            text += f"; {self.skipped} file{'s' if self.skipped != 1 else ''} skipped"
        text = text[0].upper() + text[1:] + "."
        return " ".join([text, *(f"{e}." for e in self.errors)])
