"""The session report opened in a real browser (headless Chromium): it parses, renders and prints."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.storage.test_session_report import _session
from voicecoach.storage import Store

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (./dev test installs it)")]


def _chromium(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--no-first-run", f"--user-data-dir={profile}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=True)


def test_report_renders_in_a_browser(store: Store, tmp_path: Path) -> None:
    from PySide6.QtGui import QColor, QImage

    sid, _ = _session(store)
    page = store.export_session_html(sid, tmp_path / "report.html")
    url = page.resolve().as_uri()
    dom = _chromium(tmp_path / "profile", "--dump-dom", url).stdout
    assert dom.count("<svg") == 3 and dom.count("<polyline") == 3 and dom.count("<circle") == 12
    assert "<img" not in dom  # the hostile goal, note and flag text stayed text
    assert dom.count("<mark") >= 3 and "Not met yet" in dom
    shot = tmp_path / "report.png"
    _chromium(tmp_path / "profile", "--window-size=1000,1400", f"--screenshot={shot}", url)
    image = QImage(str(shot))
    assert not image.isNull() and image.width() == 1000
    accent = QColor("#2f6fbd")
    blue = sum(1 for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)
               if _near(QColor(image.pixel(x, y)), accent))
    assert blue > 100  # the trend lines and points were drawn
    pdf = tmp_path / "report.pdf"
    _chromium(tmp_path / "profile", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", url)
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5000


def _near(a: object, b: object, tolerance: int = 40) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))  # type: ignore[attr-defined]
