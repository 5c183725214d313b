"""The take's words with what went wrong coloured in; click a word to hear it.

Filled pauses heard in the sound (a held "uhh" the recogniser wrote nothing for) appear between the
words as "uhh 0.4 s", coloured as fillers; click one to hear it.
"""

from __future__ import annotations

import contextlib
import html
from collections.abc import Iterable, Mapping

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QTextBrowser, QWidget

from voicecoach.core.take_view import LEGEND, HeldPause, Pause
from voicecoach.core.transcript import Transcript
from voicecoach.ui import theme, words

__all__ = ["TranscriptView"]


class TranscriptView(QTextBrowser):
    word_clicked = Signal(int)  # index into Transcript.words
    time_clicked = Signal(float)  # a filled pause between words, by its start (seconds)

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
        self._held: tuple[HeldPause, ...] = ()
        self._empty = words.TRANSCRIPT_EMPTY

    def set_transcript(self, transcript: Transcript, categories: Mapping[int, str] | None = None,
                       pauses: Iterable[Pause] = (), empty_text: str | None = None,
                       filled_pauses: Iterable[HeldPause] = ()) -> None:
        """Show the words coloured by ``categories`` with ``pauses`` and ``filled_pauses`` marked (all from
        the take's report)."""
        self._transcript = transcript
        self._categories = dict(categories or {})
        self._focus = set()
        self._pauses = tuple(pauses)
        self._held = tuple(h for h in filled_pauses if h.word_index is None)
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
        held: dict[int, list[HeldPause]] = {}
        for h in self._held:
            held.setdefault(h.after_index, []).append(h)
        out: list[str] = [self._held_html(h) for h in held.get(-1, ())]
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
            out.extend(self._held_html(h) for h in held.get(i, ()))
            if i in gaps:
                out.append(
                    f"<span style='color:{c.highlight['pause']}'> ⏸ {gaps[i]:.1f} s </span>"
                )
        shown = set(self._categories.values()) | ({"filler"} if self._held else set())
        legend = " ".join(
            f"<span style='background-color:{c.highlight[k]}'>&nbsp;{html.escape(v)}&nbsp;</span>"
            for k, v in LEGEND.items()
            if k in shown
        )
        body = " ".join(out)
        foot = f"<p style='color:{c.muted.name()};font-size:9pt'>{legend}</p>" if legend else ""
        self.setHtml(f"<div style='font-size:13pt;line-height:150%'>{body}</div>{foot}")

    def _held_html(self, h: HeldPause) -> str:
        c = theme.colors()
        style = (f"color:{c.muted.name()};font-style:italic;text-decoration:none;"
                 f"background-color:{c.highlight['filler']};")
        title = html.escape(f"{h.start:.1f} s — a held “uhh” heard in the sound, {h.end - h.start:.1f} s")
        return f"<a href='time:{h.start:.2f}' style='{style}' title='{title}'>uhh&nbsp;{h.end - h.start:.1f}&nbsp;s</a>"

    @property
    def filled_pauses(self) -> tuple[HeldPause, ...]:
        """The filled pauses shown between the words."""
        return self._held

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
        elif text.startswith("time:"):
            with contextlib.suppress(ValueError):
                self.time_clicked.emit(float(text.split(":", 1)[1]))
