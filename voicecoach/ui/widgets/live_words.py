"""The words heard so far, readable at a glance while speaking: sentences, large, the newest at the bottom.

Each utterance the recogniser closed is shown as a sentence (capital letter, full stop); the open one
follows as it grows, in the text colour, the closed ones a little softer. Only the last few lines are shown.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from voicecoach.ui import theme

__all__ = ["MAX_CHARS", "LiveWords", "sentence"]

#: About three lines of the live words at the window's narrowest: older sentences scroll away.
MAX_CHARS = 240


def sentence(words: str) -> str:
    """An utterance as a sentence: "i saw your listing" -> "I saw your listing"."""
    tokens = [("I" + t[1:] if t == "i" or t.startswith("i'") else t) for t in words.split()]
    text = " ".join(tokens)
    return text[:1].upper() + text[1:]


def _tail(parts: list[str], budget: int) -> list[str]:
    """The newest parts that fit in ``budget`` characters (the newest always, cut at a word if needed)."""
    kept: list[str] = []
    for part in reversed(parts):
        if kept and sum(len(k) + 1 for k in kept) + len(part) > budget:
            break
        kept.insert(0, part)
    if kept and len(kept[0]) > budget:
        kept[0] = "…" + kept[0][-budget:].split(" ", 1)[-1]
    return kept


class LiveWords(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setObjectName("LiveWords")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Words heard so far")
        self.said: list[str] = []  # closed utterances, as sentences
        self.open = ""  # the utterance being heard

    def clear_words(self) -> None:
        self.said, self.open = [], ""
        self._draw()

    def set_open(self, words: str) -> None:
        self.open = sentence(words)
        self._draw()

    def close_utterance(self, words: str) -> None:
        if words.strip():
            self.said.append(sentence(words) + ".")
        self.open = ""
        self._draw()

    def plain_text(self) -> str:
        return " ".join([*self.said, self.open]).strip()

    def _draw(self) -> None:
        parts = _tail([*self.said, self.open] if self.open else list(self.said), MAX_CHARS)
        if not parts:
            self.setText("")
            return
        muted = theme.colors().muted.name()
        done = parts[:-1] if self.open else parts
        now = parts[-1] if self.open else ""
        body = html.escape(" ".join(done), quote=False)
        if now:
            body = (f"<span style='color:{muted}'>{body}</span> " if body else "") + html.escape(now, quote=False)
        self.setText(body)

    def restyle(self) -> None:
        self._draw()

    # Always three lines high: the page does not jump as the words grow, and the script keeps its room.
    def _lines_height(self) -> int:
        m = self.contentsMargins()
        return self.fontMetrics().lineSpacing() * 3 + m.top() + m.bottom() + 8

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._lines_height())

    def minimumSizeHint(self) -> QSize:
        return QSize(100, self._lines_height())

    def hasHeightForWidth(self) -> bool:
        return False

    def heightForWidth(self, width: int) -> int:
        return self._lines_height()
