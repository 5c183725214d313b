"""The take's words with what went wrong coloured in; click a word to hear it."""

from __future__ import annotations

import contextlib
import html
from collections.abc import Iterable, Mapping

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QTextBrowser, QWidget

from voicecoach.core.take_view import LEGEND, Pause
from voicecoach.core.transcript import Transcript
from voicecoach.ui import theme


class TranscriptView(QTextBrowser):
    word_clicked = Signal(int)  # index into Transcript.words

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        # Every word is a link; with links reachable by Tab a 100-word take took 100 Tabs to leave. Tab
        # leaves the transcript; the arrow keys move through it and Enter plays from the word there.
        flags = Qt.TextInteractionFlag
        self.setTextInteractionFlags(flags.TextSelectableByMouse | flags.TextSelectableByKeyboard
                                     | flags.LinksAccessibleByMouse)
        self.setTabChangesFocus(True)
        self.setAccessibleName("Transcript")
        self.anchorClicked.connect(self._on_anchor_clicked)
        self._transcript = Transcript(words=())
        self._categories: dict[int, str] = {}
        self._focus: set[int] = set()
        self._pauses: tuple[Pause, ...] = ()
        self._empty = "Your words appear here after a take."

    def set_transcript(self, transcript: Transcript, categories: Mapping[int, str] | None = None,
                       pauses: Iterable[Pause] = (), empty_text: str | None = None) -> None:
        """Show the words coloured by ``categories`` with ``pauses`` marked (both from the take's report)."""
        self._transcript = transcript
        self._categories = dict(categories or {})
        self._focus = set()
        self._pauses = tuple(pauses)
        if empty_text is not None:
            self._empty = empty_text
        self._render()

    def restyle(self) -> None:
        self._render()

    def focus_words(self, indexes: Iterable[int]) -> None:
        """Outline the evidence of a flag and scroll it into view."""
        self._focus = set(indexes)
        self._render()
        if self._focus:
            self.scrollToAnchor(f"w{min(self._focus)}")

    @property
    def categories(self) -> dict[int, str]:
        return dict(self._categories)

    @property
    def focused(self) -> set[int]:
        return set(self._focus)

    def _render(self) -> None:
        c = theme.colors()
        words = self._transcript.words
        if not words:
            self.setHtml(f"<p style='color:{c.muted.name()}'>{html.escape(self._empty)}</p>")
            return
        gaps = {p.after_index: p.seconds for p in self._pauses}
        out: list[str] = []
        for i, w in enumerate(words):
            cat = self._categories.get(i)
            style = f"color:{c.text.name()};text-decoration:none;"
            if cat:
                style += f"background-color:{c.highlight[cat]};"
            if i in self._focus:
                style += f"background-color:{c.highlight['focus']};font-weight:600;"
                style += "text-decoration:underline;"
            title = f"{w.start:.1f} s" + (f" — {LEGEND[cat]}" if cat else "")
            out.append(
                f"<a name='w{i}' href='word:{i}' style='{style}' title='{html.escape(title)}'>"
                f"{html.escape(w.word)}</a>"
            )
            if i in gaps:
                out.append(
                    f"<span style='color:{c.highlight['pause']}'> ⏸ {gaps[i]:.1f} s </span>"
                )
        legend = " ".join(
            f"<span style='background-color:{c.highlight[k]}'>&nbsp;{html.escape(v)}&nbsp;</span>"
            for k, v in LEGEND.items()
            if k in self._categories.values()
        )
        body = " ".join(out)
        foot = f"<p style='color:{c.muted.name()};font-size:9pt'>{legend}</p>" if legend else ""
        self.setHtml(f"<div style='font-size:13pt;line-height:150%'>{body}</div>{foot}")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            index = self.word_at_cursor()
            if index is not None:
                self.word_clicked.emit(index)
                return
        super().keyPressEvent(event)

    def word_at_cursor(self) -> int | None:
        cursor = self.textCursor()
        href = cursor.charFormat().anchorHref()
        if not href.startswith("word:") and not cursor.atEnd():
            cursor.movePosition(cursor.MoveOperation.NextCharacter)  # the caret sits just before a word
            href = cursor.charFormat().anchorHref()
        try:
            return int(href.split(":", 1)[1]) if href.startswith("word:") else None
        except ValueError:
            return None

    def _on_anchor_clicked(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("word:"):
            with contextlib.suppress(ValueError):
                self.word_clicked.emit(int(text.split(":", 1)[1]))
