"""Progress: trends over takes, the headline facts, and every take in a sortable, filterable table.

Every verdict is the one stored with the take. A take the app couldn't hear is in the table (marked, with
no score and its pace not verified) but never on a chart or a personal best.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from voicecoach.ui import operations as ops
from voicecoach.ui import words
from voicecoach.ui.context import AppContext
from voicecoach.ui.messages import BannerKey, Level
from voicecoach.ui.views.take_dialog import TakeDialog
from voicecoach.ui.widgets.charts import TrendChart
from voicecoach.ui.widgets.page import page_layout

if TYPE_CHECKING:
    from voicecoach.storage.db import Store

__all__ = ["COLUMNS", "UNVERIFIED", "VERDICT_RANK", "Fact", "ProgressView", "load_progress", "take_row"]

COLUMNS = ("Date", "Script", "Take", "Verdict", "Score", "Length (s)", "Pace (wpm)", "Flags")
# Sort order of the verdict column: best first when sorted descending.
VERDICT_RANK = {"ready": 3, "nearly": 2, "not_yet": 1, "couldnt_hear": 0}
UNVERIFIED = "not verified"


def _num_item(value: float | None, fmt: str = "{:.0f}") -> QStandardItem:
    item = QStandardItem("–" if value is None else fmt.format(value))
    item.setData(float("-inf") if value is None else float(value), Qt.ItemDataRole.UserRole)
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def load_progress(store: Store, profile_id: int, script_id: int | None, first_judged: bool = False) -> dict[str, Any]:
    """Runs on the store thread. ``first_judged``: the score trend as each take was first judged."""
    titles = store.script_titles()  # deleted scripts still name their takes
    progress = store.progress(profile_id, script_id)
    if first_judged:
        progress = replace(progress, trend=store.trend(profile_id, script_id, last=len(progress.trend) or None,
                                                       first_judged=True))
    latest = progress.latest
    return {"progress": progress,
            "takes": store.list_takes(profile_id, script_id), "titles": titles,
            "pitch": store.pitch_trend(profile_id, script_id),
            "latest_verdict": store.stored_verdicts([latest.id]).get(latest.id) if latest else None}


def take_row(t: Any, titles: dict[int, str]) -> list[QStandardItem]:
    """One take's cells; one the app couldn't hear shows "?" for its score and its pace as not verified."""
    date = QStandardItem(f"{t.started_at:%Y-%m-%d %H:%M}")
    date.setData(t.started_at.timestamp(), Qt.ItemDataRole.UserRole)
    date.setData(t.id, Qt.ItemDataRole.UserRole + 1)
    script = QStandardItem(titles.get(t.script_id, "?"))
    script.setData(script.text(), Qt.ItemDataRole.UserRole)
    flags = QStandardItem(", ".join(c.replace("_", " ") for c in t.flag_codes) or "—")
    flags.setData(len(t.flag_codes), Qt.ItemDataRole.UserRole)
    verdict = QStandardItem(t.verdict.label if t.verdict else "–")
    verdict.setData(VERDICT_RANK.get(t.verdict.value if t.verdict else "", -1), Qt.ItemDataRole.UserRole)
    score, pace = _num_item(t.score), _num_item(t.wpm)
    if not t.heard:
        score.setText("?")
        score.setData(float("-inf"), Qt.ItemDataRole.UserRole)
        pace.setText(UNVERIFIED)
        pace.setData(float("-inf"), Qt.ItemDataRole.UserRole)
    return [date, script, _num_item(t.attempt), verdict, score, _num_item(t.speech_seconds, "{:.1f}"), pace,
            flags]


class Fact(QWidget):
    def __init__(self, title: str) -> None:
        super().__init__()
        self.setObjectName("Card")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(14, 10, 14, 10)
        head = QLabel(title)
        head.setProperty("muted", True)
        self.value = QLabel("–")
        self.value.setStyleSheet("font-size:15pt;font-weight:600")
        self.value.setWordWrap(True)
        lay.addWidget(head)
        lay.addWidget(self.value)

    def set(self, text: str, tip: str = "") -> None:
        self.value.setText(text)
        self.setToolTip(tip)


class ProgressView(QWidget):
    open_take_requested = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: dict[str, Any] | None = None
        self._build()
        ctx.takes_changed.connect(self.refresh)
        ctx.profile_changed.connect(self.refresh)
        ctx.scripts_changed.connect(self._reload_scopes)

    def _build(self) -> None:
        lay, head = page_layout(self, "Progress")
        head.addWidget(QLabel("Show"))
        self.scope = QComboBox()
        self.scope.setMinimumWidth(240)
        self.scope.addItem("All scripts", None)
        self.scope.currentIndexChanged.connect(self.refresh)
        head.addWidget(self.scope)
        self.judge_button = QPushButton("Judge all again")
        self.judge_button.setToolTip(words.JUDGE_ALL_TIP)
        self.judge_button.clicked.connect(self.judge_all_again)
        head.addWidget(self.judge_button)
        self.first_judged = QCheckBox("Scores as first judged")
        self.first_judged.setToolTip(words.FIRST_JUDGED_TIP)
        self.first_judged.toggled.connect(self.refresh)
        head.addWidget(self.first_judged)
        facts = QHBoxLayout()
        self.facts = {k: Fact(t) for k, t in (("latest", "Latest take"), ("best", "Personal best"),
                                              ("streak", "Streak"), ("issue", "Most frequent issue"),
                                              ("ready", "Readiness"))}
        for f in self.facts.values():
            facts.addWidget(f, 1)
        lay.addLayout(facts)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self._build_charts())
        split.addWidget(self._build_table())
        split.setSizes([380, 260])
        lay.addWidget(split, 1)

    def _build_charts(self) -> QWidget:
        charts = QWidget()
        grid = QGridLayout(charts)
        grid.setContentsMargins(0, 6, 0, 6)
        self.charts = {"score": TrendChart("Score", fixed=(0, 100)), "length": TrendChart("Length (s)"),
                       "pace": TrendChart("Pace (wpm)"), "fillers": TrendChart("Fillers per 100 words"),
                       "pitch": TrendChart("Pitch range (semitones)")}
        self.charts["fillers"].setToolTip(words.FILLERS_CHART_TIP)
        self.charts["pitch"].setToolTip(words.PITCH_CHART_TIP)
        for i, chart in enumerate(self.charts.values()):
            grid.addWidget(chart, i // 3, i % 3)
        return charts

    def _build_table(self) -> QWidget:
        table_box = QWidget()
        tl = QVBoxLayout(table_box)
        tl.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setPlaceholderText(words.FILTER_TAKES_PLACEHOLDER)
        self.search.setClearButtonEnabled(True)
        tl.addWidget(self.search)
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels(list(COLUMNS))
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        # `activated` alone: it fires on Enter and on a double click (connecting `doubleClicked` as well
        # opened every report twice).
        self.table.activated.connect(self._on_table_activated)
        tl.addWidget(self.table, 1)
        return table_box

    def judge_all_again(self) -> None:
        pid = self.ctx.profile_id
        if pid is None:
            return
        self.ctx.post(words.JUDGING_ALL, Level.INFO, key=BannerKey.JUDGE)
        ops.judge_again(self.ctx, self.judge_button, None, pid, owner=self)

    def on_shown(self) -> None:
        self._reload_scopes()
        self.refresh()

    def _reload_scopes(self) -> None:
        self.ctx.store.call(lambda s: s.list_scripts(), self._on_scopes_loaded, self.ctx.fail(BannerKey.SCRIPTS))

    def _on_scopes_loaded(self, scripts: list[Any]) -> None:
        keep = self.scope.currentData()
        self.scope.blockSignals(True)
        self.scope.clear()
        self.scope.addItem("All scripts", None)
        for s in scripts:
            self.scope.addItem(s.title, s.id)
        i = self.scope.findData(keep)
        self.scope.setCurrentIndex(max(0, i))
        self.scope.blockSignals(False)

    def refresh(self, *_: object) -> None:
        pid = self.ctx.profile_id
        if pid is None:
            return
        sid, first = self.scope.currentData(), self.first_judged.isChecked()
        self.ctx.store.call(lambda s: load_progress(s, pid, sid, first), self._on_loaded,
                            self.ctx.fail(BannerKey.PROGRESS))

    def _on_loaded(self, data: dict[str, Any]) -> None:
        self.data = data
        prog, takes, titles = data["progress"], data["takes"], data["titles"]
        # A take with no speech (silence, a mis-click) has no length, pace or score worth plotting: it would
        # drag every chart to zero. It still shows in the table below.
        trend = [p for p in prog.trend if p.speech_seconds > 0]
        self.charts["score"].set_values([p.score for p in trend])
        self.charts["length"].set_values([p.speech_seconds for p in trend])
        self.charts["pace"].set_values([p.wpm for p in trend])
        self.charts["fillers"].set_values([None if p.filler_rate is None else p.filler_rate * 100 for p in trend])
        pitch = data.get("pitch") or {}
        self.charts["pitch"].set_values([pitch.get(p.take_id) for p in trend])
        latest = data.get("latest_verdict")
        self.facts["latest"].set(latest.label if latest else "–", "; ".join(latest.reasons) if latest else "")
        best = prog.best
        self.facts["best"].set(f"{best.score:.0f}" if best and best.score is not None else "–",
                               words.best_take(best.attempt, best.started_at) if best else "")
        days = prog.practice
        self.facts["streak"].set(words.streak(days.current_streak), words.days_practised(days.days_practised))
        top = prog.top_flags[0] if prog.top_flags else None
        self.facts["issue"].set(top.code.replace("_", " ").capitalize() if top else words.NOTHING_YET,
                                words.takes_count(top.count) if top else "")
        r = prog.readiness
        self.facts["ready"].set(words.READY_TO_CALL if r.ready else words.ready_count(r.clean_in_a_row, r.needed),
                                words.readiness_reason(r.reason))
        self.model.removeRows(0, self.model.rowCount())
        for t in takes:
            self.model.appendRow(take_row(t, titles))

    def take_id_at(self, row: int) -> int:
        src = self.proxy.mapToSource(self.proxy.index(row, 0))
        return int(self.model.item(src.row(), 0).data(Qt.ItemDataRole.UserRole + 1))

    def _on_table_activated(self, index: QModelIndex) -> None:
        self.open_take(self.take_id_at(index.row()))

    def open_take(self, take_id: int) -> TakeDialog:
        dialog = TakeDialog(self.ctx, take_id, self)
        dialog.open()
        self.last_dialog = dialog
        return dialog

