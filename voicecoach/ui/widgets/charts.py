"""Small trend charts for the progress view (QtCharts): one line over takes, optional target band."""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCharts import QChart, QChartView, QLineSeries, QScatterSeries, QValueAxis
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QBrush, QPainter, QPen
from PySide6.QtWidgets import QWidget

from voicecoach.core.chart_scale import nice_scale
from voicecoach.ui import theme

__all__ = ["TrendChart"]


class TrendChart(QChartView):
    def __init__(self, title: str, unit: str = "", parent: QWidget | None = None,
                 fixed: tuple[float, float] | None = None) -> None:
        chart = QChart()
        chart.setTitle(title)
        self.title = title
        chart.legend().hide()
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setBackgroundRoundness(8)
        super().__init__(chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(170)
        self.setFrameShape(QChartView.Shape.NoFrame)
        self.setStyleSheet("background: transparent")
        self.fixed = fixed
        self.unit = unit
        self.values: list[float] = []
        self._line = QLineSeries()
        self._dots = QScatterSeries()
        self._dots.setMarkerSize(7)
        chart.addSeries(self._line)
        chart.addSeries(self._dots)
        self._ax = QValueAxis()
        self._ay = QValueAxis()
        self._ax.setLabelFormat("%d")
        self._ay.setLabelFormat("%.0f")
        chart.addAxis(self._ax, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self._ay, Qt.AlignmentFlag.AlignLeft)
        for s in (self._line, self._dots):
            s.attachAxis(self._ax)
            s.attachAxis(self._ay)
        self.restyle()

    def restyle(self) -> None:
        c = theme.colors()
        chart = self.chart()
        chart.setBackgroundBrush(QBrush(c.card))
        chart.setTitleBrush(QBrush(c.text))
        for ax in (self._ax, self._ay):
            ax.setLabelsBrush(QBrush(c.muted))
            ax.setGridLineColor(c.grid)
            ax.setLinePen(QPen(c.grid))
        self._line.setPen(QPen(c.accent, 2.2))
        self._dots.setColor(c.accent)
        self._dots.setBorderColor(c.card)

    def set_values(self, values: Sequence[float | None]) -> None:
        """One value per take, oldest first; takes without a value are skipped."""
        pts = [(i + 1, float(v)) for i, v in enumerate(values) if v is not None]
        self.values = [v for _, v in pts]
        self._line.clear()
        self._dots.clear()
        for x, y in pts:
            self._line.append(x, y)
            self._dots.append(x, y)
        n = max(2, len(values))
        self._ax.setRange(1, n)
        self._ax.setTickType(QValueAxis.TickType.TicksDynamic)
        self._ax.setTickAnchor(1)
        self._ax.setTickInterval(max(1, math.ceil((n - 1) / 8)))
        # With nothing to plot, say so instead of an axis of made-up numbers.
        # On a line of its own: beside the title it was cut ("… — no takes with thi") in a narrow chart.
        self.chart().setTitle(self.title if pts else f"{self.title}<br><small>No takes with this yet</small>")
        self._ay.setLabelsVisible(bool(pts))
        lo, hi = self.fixed or ((min(self.values), max(self.values)) if pts else (0.0, 1.0))
        scale = nice_scale(lo, hi)
        self._ay.setRange(scale.low, scale.high)
        self._ay.setTickType(QValueAxis.TickType.TicksFixed)
        self._ay.setTickCount(len(scale.ticks))
        # As many decimals as the step needs: "%.0f" on a 0–1.5 axis read 1, 1, 1, 0, 0, 0.
        self._ay.setLabelFormat(f"%.{scale.decimals}f")

    def axis_labels(self) -> list[str]:
        """The y axis's labels as drawn (for tests and screen readers)."""
        lo, hi, n = self._ay.min(), self._ay.max(), self._ay.tickCount()
        step = (hi - lo) / max(1, n - 1)
        return [self._ay.labelFormat() % (lo + i * step) for i in range(n)]
