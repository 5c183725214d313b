"""The attempts of a cadence being edited on the Cadences tab: ``AttemptDraft`` (one attempt as typed),
``AttemptTree`` (the rows, reordered by dragging) and ``AttemptEdits``, the editor's part that keeps the
drafts and the rows in step (add, remove, move, edit a day, topic or script).

When attempts are reordered the days stay where they were, so the plan keeps its spacing (day 1, 4, 8 …)
and the content moves. ``lint_draft`` reads a draft back as a cadence and lints it (run on the pool).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QPlainTextEdit, QTreeWidget, QTreeWidgetItem

from voicecoach.ui import words
from voicecoach.ui.context import AppContext
from voicecoach.ui.messages import BannerKey, Level
from voicecoach.ui.widgets.rich import tip

__all__ = ["AttemptDraft", "AttemptEdits", "AttemptTree", "cadence_dict", "drafts_of", "lint_draft"]

DAY, TOPIC, TITLE = 1, 2, 3


@dataclass
class AttemptDraft:
    day: int
    topic: str
    title: str
    text: str
    limit: float | None = None
    referral: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"day": self.day, "topic": self.topic, "text": self.text}
        if self.title.strip():
            out["title"] = self.title
        if self.limit is not None:
            out["limit"] = self.limit
        if self.referral:
            out["referral"] = self.referral
        return out


def drafts_of(cadence: Any) -> list[AttemptDraft]:
    return [AttemptDraft(a.day, a.topic, a.script.title or "", a.script.text, a.script.time_limit, a.script.referral)
            for a in cadence.attempts]


def cadence_dict(name: str, follow_up: bool, drafts: list[AttemptDraft]) -> dict[str, Any]:
    return {"name": name, "follow_up": follow_up, "attempt": [d.to_dict() for d in drafts]}


class AttemptTree(QTreeWidget):
    """The attempts as rows (#, day, topic, script title), reordered by dragging; never nested."""

    order_changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setColumnCount(4)
        self.setHeaderLabels(["#", "Day", "Topic", "Script"])
        self.setRootIsDecorated(False)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setAccessibleName("Attempts of the cadence")
        # Number and day as wide as they need; topic and script share the rest (cut short with "…", whole in
        # their tooltips), so nothing scrolls sideways at 1024 px and a long topic is whole at 1920 px.
        header = self.header()
        header.setStretchLastSection(False)
        fit, share = QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch
        for column, mode in ((0, fit), (DAY, fit), (TOPIC, share), (TITLE, share)):
            header.setSectionResizeMode(column, mode)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumHeight(self.fontMetrics().height() * 9)  # the header and five attempts without scrolling

    def dropEvent(self, event: QDropEvent) -> None:
        super().dropEvent(event)
        self.order_changed.emit()


class AttemptEdits:
    """The attempt rows of ``CadenceEditor`` and the drafts behind them, kept in step."""

    ctx: AppContext
    tree: AttemptTree
    drafts: list[AttemptDraft]
    script_title: QLineEdit
    script_edit: QPlainTextEdit
    _loading: bool

    def _lint_soon(self, *_: object) -> None:
        raise NotImplementedError

    def _fill_tree(self, select: int | None = None) -> None:
        self._loading = True
        self.tree.clear()
        for i, d in enumerate(self.drafts):
            item = QTreeWidgetItem([str(i + 1), str(d.day), d.topic, d.title or f"Attempt {i + 1}"])
            item.setToolTip(TOPIC, tip(d.topic))
            item.setToolTip(TITLE, tip(d.title or words.attempt_name(i + 1)))
            item.setFlags((item.flags() | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDragEnabled)
                          & ~Qt.ItemFlag.ItemIsDropEnabled)
            item.setData(0, Qt.ItemDataRole.UserRole, d)
            self.tree.addTopLevelItem(item)
        self._loading = False
        if select is not None and self.drafts:
            self.tree.setCurrentItem(self._row(min(select, len(self.drafts) - 1)))
        else:
            self._show_script(None)

    def selected_index(self) -> int:
        item = self.tree.currentItem()
        return self.tree.indexOfTopLevelItem(item) if item is not None else -1

    def _on_attempt_picked(self, item: QTreeWidgetItem | None, _prev: object) -> None:
        if not self._loading:
            self._show_script(item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None)

    def _show_script(self, draft: AttemptDraft | None) -> None:
        self._loading = True
        self.script_title.setText(draft.title if draft else "")
        self.script_edit.setPlainText(draft.text if draft else "")
        self.script_edit.setEnabled(draft is not None)
        self.script_title.setEnabled(draft is not None)
        self._loading = False

    def _on_script_edited(self, *_: object) -> None:
        i = self.selected_index()
        if self._loading or not 0 <= i < len(self.drafts):
            return
        draft = self.drafts[i]
        draft.title, draft.text = self.script_title.text(), self.script_edit.toPlainText()
        self._loading = True
        self._row(i).setText(TITLE, draft.title or f"Attempt {i + 1}")
        self._row(i).setToolTip(TITLE, tip(draft.title or words.attempt_name(i + 1)))
        self._loading = False
        self._lint_soon()

    def _on_item_edited(self, item: QTreeWidgetItem, column: int) -> None:
        if self._loading:
            return
        draft: AttemptDraft = item.data(0, Qt.ItemDataRole.UserRole)
        if column == DAY:
            try:
                draft.day = int(item.text(DAY).strip())
            except ValueError:
                self.ctx.post(words.CADENCE_DAY_WHOLE, Level.WARNING, key=BannerKey.CADENCE)
            self._loading = True
            item.setText(DAY, str(draft.day))
            self._loading = False
        elif column == TOPIC:
            draft.topic = " ".join(item.text(TOPIC).split())
            self._loading = True
            item.setToolTip(TOPIC, tip(draft.topic))
            self._loading = False
        self._lint_soon()

    def add_attempt(self) -> None:
        last = self.drafts[-1].day if self.drafts else 0
        self.drafts.append(AttemptDraft(last + 3, "", "", ""))
        self._fill_tree(len(self.drafts) - 1)
        self._lint_soon()

    def remove_attempt(self) -> None:
        i = self.selected_index()
        if 0 <= i < len(self.drafts) and len(self.drafts) > 1:
            days = [d.day for d in self.drafts]
            del self.drafts[i]
            self._keep_days(days[: len(self.drafts)])
            self._fill_tree(i)
            self._lint_soon()

    def move_selected(self, step: int) -> None:
        i = self.selected_index()
        j = i + step
        if 0 <= i < len(self.drafts) and 0 <= j < len(self.drafts):
            order = list(range(len(self.drafts)))
            order[i], order[j] = order[j], order[i]
            self.reorder(order, select=j)

    def reorder(self, order: list[int], *, select: int | None = None) -> None:
        """Put the attempts in ``order`` (old positions); the days stay with the positions."""
        days = [d.day for d in self.drafts]
        self.drafts = [self.drafts[k] for k in order]
        self._keep_days(days)
        self._fill_tree(select)
        self._lint_soon()

    def _keep_days(self, days: list[int]) -> None:
        for draft, day in zip(self.drafts, days, strict=False):
            draft.day = day

    def _row(self, i: int) -> QTreeWidgetItem:
        item = self.tree.topLevelItem(i)
        assert item is not None, "an attempt's row is there while its draft is"
        return item

    def _on_tree_reordered(self) -> None:
        tree = self.tree
        moved = [self._row(i).data(0, Qt.ItemDataRole.UserRole) for i in range(tree.topLevelItemCount())]
        order = [next(k for k, d in enumerate(self.drafts) if d is m) for m in moved]
        item = self.tree.currentItem()
        self.reorder(order, select=self.tree.indexOfTopLevelItem(item) if item is not None else None)


def lint_draft(data: dict[str, Any], profile: Any, settings: Any, wpm: float) -> tuple[Any, Any, str | None]:
    from voicecoach.core.cadence import CadenceError, cadence_from_dict
    from voicecoach.core.cadence_lint import lint_cadence

    try:
        cadence = cadence_from_dict(data)
    except CadenceError as exc:
        return None, None, str(exc)
    return cadence, lint_cadence(cadence, profile=profile, settings=settings, wpm=wpm), None
