"""Save as PDF: the session report printed with Qt, charts included."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.storage.test_session_report import _session
from voicecoach.storage import Store, open_store


@pytest.fixture
def store() -> Any:
    s = open_store()
    yield s
    s.close()


def test_session_report_prints_to_a_pdf_with_its_charts(qtbot: Any, store: Store, tmp_path: Path) -> None:
    from PySide6.QtPdf import QPdfDocument

    from voicecoach.ui.session_pdf import save_session_pdf, session_document

    sid, _ = _session(store)
    report = store.session_report(sid)
    doc = session_document(report)
    assert "Say the number twice" in doc.toPlainText() and "<img src=x" in doc.toPlainText()  # shown, escaped
    out = save_session_pdf(report, tmp_path / "session.pdf")
    assert out.read_bytes().startswith(b"%PDF") and not list(tmp_path.glob("*.part"))
    pdf = QPdfDocument()
    pdf.load(str(out))
    assert pdf.pageCount() >= 1
    text = " ".join(pdf.getAllText(i).text() for i in range(pdf.pageCount()))
    assert "One-on-one with Ann Lee" in text and "First versus latest" in text and "Not met yet" in text
