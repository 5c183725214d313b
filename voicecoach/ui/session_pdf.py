"""The coach's session report as a PDF, printed with Qt (no browser needed).

The same page as the HTML export (storage.session_html), laid out by Qt's rich-text engine. That engine
draws no inline SVG, so the trend charts are rendered to images with QtSvg first and handed to the
document as resources.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, QUrl
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QTextDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtSvg import QSvgRenderer

from voicecoach.storage.session_html import render_session_html, trend_svgs
from voicecoach.storage.session_report import SessionReport
from voicecoach.ui.qt_paths import qt_name

__all__ = ["save_session_pdf", "session_document"]


def _svg_image(svg: str, scale: float = 2.0) -> QImage:
    renderer = QSvgRenderer(svg.encode("utf-8"))
    size = renderer.defaultSize()
    image = QImage(int(size.width() * scale), int(size.height() * scale), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, image.width(), image.height()))
    painter.end()
    return image


def session_document(report: SessionReport) -> QTextDocument:
    doc = QTextDocument()
    for key, svg in trend_svgs(report, standalone=True).items():
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"chart-{key}.svg"), _svg_image(svg))
    doc.setHtml(render_session_html(report, charts="images"))
    return doc


def save_session_pdf(report: SessionReport, out: Path) -> Path:
    """Write the report as an A4 PDF at ``out`` (through a temporary file, so a failure leaves no half PDF)."""
    out = Path(out)
    part = out.with_name(out.name + ".part")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(qt_name(part))
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                      QMarginsF(16, 16, 16, 16), QPageLayout.Unit.Millimeter))
    printer.setDocName(f"One-on-one with {report.rep.name}")
    doc = session_document(report)
    doc.setPageSize(QSizeF(printer.pageRect(QPrinter.Unit.Point).size()))
    doc.print_(printer)
    if not part.exists() or part.stat().st_size == 0:
        part.unlink(missing_ok=True)
        raise OSError(f"could not write {out}")
    part.replace(out)
    return out
