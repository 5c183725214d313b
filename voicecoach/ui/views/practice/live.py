"""The practice page while the rep speaks: the live checklist, the live words, and their agreement at Stop.

``LiveCoaching`` wires the take session's signals to the widgets. The checking itself runs on the capture
side (``audio.live_feed``): here each state is only shown. At Stop, ``core.live_agreement`` compares the
last state with the report; wherever the final transcript undid a tick, a line under the report says why.
The checklist hides with Ctrl+Shift+H (for a take "as real"), and with the script unless the rep unticks
"Hide with the script" in its menu; both choices are remembered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from voicecoach.ui.take_session import TakeSession
from voicecoach.ui.take_state import LiveTick
from voicecoach.ui.widgets.live_checklist import HIDE_SHORTCUT, LiveChecklistPanel
from voicecoach.ui.widgets.live_words import LiveWords

if TYPE_CHECKING:  # with phonenumbers: loaded with the first take
    from voicecoach.core.live import LiveChecklist

__all__ = ["FOLLOWS_SCRIPT_PREF", "HIDDEN_PREF", "LiveCoaching"]

HIDDEN_PREF = "practice/live_hidden"
FOLLOWS_SCRIPT_PREF = "practice/live_hides_with_script"


def _flag(prefs: Any, key: str, default: bool) -> bool:
    value = prefs.get(key, default)
    return value if isinstance(value, bool) else str(value).lower() in ("true", "1")


class LiveCoaching(QObject):
    def __init__(self, page: QWidget, session: TakeSession, prefs: Any, hide_script: QAbstractButton,
                 panel: LiveChecklistPanel, words: LiveWords, note: QLabel) -> None:
        super().__init__(page)
        self.prefs, self.hide_script = prefs, hide_script
        self.panel, self.words, self.note = panel, words, note
        self.time_limit = 0.0
        self._take_pending = False  # a recorded take whose report has not come yet (an import has no ticks)
        self.hidden = _flag(prefs, HIDDEN_PREF, False)
        self.panel.follow_action.setChecked(_flag(prefs, FOLLOWS_SCRIPT_PREF, True))
        self.shortcut = QShortcut(QKeySequence(HIDE_SHORTCUT), page)
        self.shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.shortcut.activated.connect(self.toggle_hidden)
        panel.hide_requested.connect(self.toggle_hidden)
        panel.follow_script_changed.connect(self._on_follow_script_changed)
        hide_script.toggled.connect(self.update_visibility)
        session.live_changed.connect(self._on_live_changed)
        session.partial_changed.connect(words.set_open)
        session.utterance_closed.connect(words.close_utterance)
        self.update_visibility()

    # -- showing and hiding ----------------------------------------------------------------------------
    @property
    def follows_script(self) -> bool:
        return self.panel.follow_action.isChecked()

    def toggle_hidden(self) -> None:
        self.hidden = not self.hidden
        self.prefs.set(HIDDEN_PREF, self.hidden)
        self.update_visibility()

    def _on_follow_script_changed(self, follows: bool) -> None:
        self.prefs.set(FOLLOWS_SCRIPT_PREF, follows)
        self.update_visibility()

    def update_visibility(self, *_: object) -> None:
        quiet = self.hidden or (self.hide_script.isChecked() and self.follows_script)
        self.panel.setVisible(not quiet)

    # -- a take ------------------------------------------------------------------------------------------
    def start(self, checklist: LiveChecklist) -> None:
        """A new take: everything unticked (``checklist``: the take's, fed on the capture side)."""
        self.time_limit = float(checklist.judgement.time_limit)
        self.panel.reset(checklist.parts)
        self.words.clear_words()
        self.note.hide()
        self._take_pending = True

    def _on_live_changed(self, tick: LiveTick) -> None:
        self.panel.show_state(tick.state)

    def set_elapsed(self, seconds: float) -> None:
        self.panel.set_elapsed(seconds, self.time_limit)

    def clear(self) -> None:
        """Back to the script before the next take: no words, and no ticks from the take before."""
        self.words.clear_words()
        self.panel.reset(tuple(self.panel.rows))
        self.note.hide()

    def show_report(self, report: Any, transcript: Any) -> None:
        """The report is in: say why wherever it differs from a tick shown while the rep spoke."""
        from voicecoach.core.live_agreement import disagreements

        found = disagreements(self.panel.state, report, transcript) if self._take_pending else []
        self._take_pending = False
        self.note.setText(" ".join(d.message for d in found))
        self.note.setVisible(bool(found))
