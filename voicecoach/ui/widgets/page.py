"""The frame every view shares: margins, a title, and a header row for the view's own controls.

The header row wraps: when the window is too narrow for the title and every control on one line (1024 px,
or 1.5× scale), controls move to a second line at their natural size instead of being squeezed over each
other (the script picker used to cover the "Prospect" label, and the prospect showed as "dan").
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLabel, QLayout, QLayoutItem, QVBoxLayout, QWidget

__all__ = ["HeaderLayout", "page_layout"]


class HeaderLayout(QLayout):
    """Title on the left, controls right-aligned after it, wrapping onto more lines when needed.

    A label is kept on the same line as the control after it ("Script" with its picker).
    """

    def __init__(self, parent: QWidget | None = None, spacing: int = 10, *, title: bool = True,
                 left: bool = False) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        self._title = title  # the first item is a title, kept on the left of the first line
        self._left = left  # a row of figures: left-aligned, each on its own (no label glued to the next)
        self._line_gap = 4 if left else spacing  # between wrapped lines: figures stay close together
        # Answers worked out since the layout was last invalidated (Qt does so whenever an item's size hint
        # or visibility changes): a window's layout pass asks for them many times over.
        self._hint: QSize | None = None
        self._heights: dict[int, int] = {}
        self.setContentsMargins(0, 0, 0, 0)

    # -- QLayout's interface -----------------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)
        self.invalidate()

    def addStretch(self, _stretch: int = 0) -> None:
        """Accepted for QHBoxLayout compatibility: the controls are right-aligned anyway."""

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if not 0 <= index < len(self._items):
            return None
        self.invalidate()
        return self._items.pop(index)

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        if width not in self._heights:
            self._heights[width] = self._arrange(QRect(0, 0, width, 0), place=False)
        return self._heights[width]

    def sizeHint(self) -> QSize:
        if self._hint is None:
            groups = self._groups()
            width = sum(self._group_width(g) for g in groups) + self._gap * max(0, len(groups) - 1)
            self._hint = QSize(width, self._row_height())
        return QSize(self._hint)

    def invalidate(self) -> None:
        self._hint = None
        self._heights.clear()
        super().invalidate()

    def minimumSize(self) -> QSize:
        """Narrow enough for any window: a control wider than the row is given the row's width."""
        return QSize(0, self._row_height())

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, place=True)

    # -- arrangement -------------------------------------------------------------------------------------
    def _visible(self) -> list[QLayoutItem]:
        return [i for i in self._items if not ((w := i.widget()) is not None and w.isHidden())]

    def _groups(self) -> list[list[QLayoutItem]]:
        items, groups = self._visible(), []
        i = 0
        while i < len(items):
            glued = not self._left and i > 0 and isinstance(items[i].widget(), QLabel) and i + 1 < len(items)
            groups.append(items[i:i + 2] if glued else items[i:i + 1])
            i += 2 if glued else 1
        return groups

    def _group_width(self, group: list[QLayoutItem]) -> int:
        return sum(self._width(i) for i in group) + self._gap // 2 * (len(group) - 1)

    @staticmethod
    def _width(item: QLayoutItem) -> int:
        return max(item.sizeHint().width(), item.minimumSize().width())

    def _row_height(self) -> int:
        return max((i.sizeHint().height() for i in self._visible()), default=0)

    def _rows(self, width: int) -> list[list[list[QLayoutItem]]]:
        rows: list[list[list[QLayoutItem]]] = [[]]
        used = 0
        for group in self._groups():
            need = self._group_width(group) + (self._gap if rows[-1] else 0)
            if rows[-1] and used + need > width:
                rows.append([])
                used, need = 0, self._group_width(group)
            rows[-1].append(group)
            used += need
        return rows

    def _size(self, item: QLayoutItem, room: int) -> QSize:
        """An item's natural size; one wider than the row (a wrapping block of controls) gets the row."""
        width = min(self._width(item), max(1, room))
        if item.hasHeightForWidth():
            return QSize(width, item.heightForWidth(width))
        return QSize(width, max(item.sizeHint().height(), item.minimumSize().height()))

    def _arrange(self, rect: QRect, place: bool) -> int:
        y = rect.y()
        for n, row in enumerate(self._rows(rect.width())):
            title = row[0] if self._title and n == 0 and row else []
            rest = row[1:] if title else row
            height = max((self._size(i, rect.width()).height() for g in row for i in g), default=0)
            if place:
                self._place_row(title, rest, rect, y, height)
            y += height + self._line_gap
        return max(0, y - rect.y() - self._line_gap)

    def _place_row(self, title: list[QLayoutItem], rest: list[list[QLayoutItem]], rect: QRect, y: int,
                   height: int) -> None:
        x = rect.x()
        for item in title:
            item.setGeometry(QRect(QPoint(x, y), QSize(self._width(item), height)))
            x += self._width(item) + self._gap // 2
        sizes = [[self._size(i, rect.width()) for i in g] for g in rest]
        width = sum(sz.width() for g in sizes for sz in g) + self._gap * max(0, len(rest) - 1) + sum(
            self._gap // 2 * (len(g) - 1) for g in sizes)
        if not self._left:
            x = max(x, rect.right() + 1 - width)
        for group, group_sizes in zip(rest, sizes, strict=True):
            for item, size in zip(group, group_sizes, strict=True):
                h = min(height, size.height())
                item.setGeometry(QRect(QPoint(x, y + (height - h) // 2), QSize(size.width(), h)))
                x += size.width() + self._gap // 2
            x += self._gap - self._gap // 2


def page_layout(page: QWidget, title: str) -> tuple[QVBoxLayout, HeaderLayout]:
    """Lay out ``page`` with its title; returns the page layout and the header row (title already in)."""
    lay = QVBoxLayout(page)
    lay.setContentsMargins(24, 18, 24, 18)
    lay.setSpacing(12)
    # On a widget of its own, not nested in ``lay``: Qt then tells the row itself when one of its controls
    # changes size or is shown or hidden, so what it remembers (``HeaderLayout.invalidate``) is never stale.
    row = QWidget(page)
    head = HeaderLayout(row)
    lay.addWidget(row)
    label = QLabel(title)
    label.setObjectName("PageTitle")
    head.addWidget(label)
    return lay, head
