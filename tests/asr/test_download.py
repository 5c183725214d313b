"""Model download against a local server: resume, checksums, offline, cancel, atomic unpacking."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from tests.asr.model_server import model_zip, refused_url, serve, sha256
from voicecoach.asr.model_locator import (
    DownloadCancelled,
    DownloadError,
    download_model,
    validate_model_dir,
)
from voicecoach.cli.remedies import error_line


def _leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir()) if root.exists() else []


def test_download_verifies_and_unpacks_into_place(tmp_path: Path) -> None:
    body = model_zip()
    seen: list[tuple[int, int | None]] = []
    with serve(body) as server:
        target = download_model(
            tmp_path, url=server.url, sha256=sha256(body), size=len(body), progress=lambda d, t: seen.append((d, t))
        )
    assert target == tmp_path / "tiny-model"
    assert validate_model_dir(target) == target
    assert (target / "am/final.mdl").read_bytes().startswith(b"acoustic model")
    assert _leftovers(tmp_path) == ["tiny-model"]  # no .part, no staging folder
    assert seen[-1] == (len(body), len(body))
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_interrupted_transfer_keeps_part_and_resumes_with_range(tmp_path: Path) -> None:
    body = model_zip()
    with serve(body) as server:
        server.cut_next_after = len(body) // 3
        with pytest.raises(DownloadError, match="again to resume"):
            download_model(tmp_path, url=server.url, sha256=sha256(body), size=len(body))
        part = tmp_path / "tiny-model.zip.part"
        assert part.stat().st_size == len(body) // 3
        assert not (tmp_path / "tiny-model").exists()

        target = download_model(tmp_path, url=server.url, sha256=sha256(body), size=len(body))
    assert server.ranges == [None, f"bytes={len(body) // 3}-"]
    assert validate_model_dir(target) == target
    assert _leftovers(tmp_path) == ["tiny-model"]


def test_server_ignoring_range_restarts_from_zero(tmp_path: Path) -> None:
    body = model_zip()
    (tmp_path / "tiny-model.zip.part").write_bytes(body[:100])
    with serve(body) as server:
        server.ignore_range = True
        target = download_model(tmp_path, url=server.url, sha256=sha256(body))
    assert server.ranges == ["bytes=100-"]
    assert validate_model_dir(target) == target


def test_bad_checksum_leaves_nothing(tmp_path: Path) -> None:
    body = model_zip()
    with serve(body) as server, pytest.raises(DownloadError, match="sha256 mismatch"):
        download_model(tmp_path, url=server.url, sha256="0" * 64)
    assert _leftovers(tmp_path) == []


def test_wrong_size_leaves_nothing(tmp_path: Path) -> None:
    body = model_zip()
    with serve(body) as server, pytest.raises(DownloadError, match="expected"):
        download_model(tmp_path, url=server.url, size=len(body) + 10)
    assert _leftovers(tmp_path) == []


def test_offline_fails_at_once_with_plain_message(tmp_path: Path) -> None:
    started = time.monotonic()
    with pytest.raises(DownloadError) as info:
        download_model(tmp_path, url=refused_url(), sha256="0" * 64)
    assert time.monotonic() - started < 5
    message = error_line(info.value)
    assert "offline" in message and "connection refused" in message and "VOICECOACH_MODEL" in message
    assert "\n" not in message
    assert _leftovers(tmp_path) == []


def test_cancel_keeps_the_part_for_resuming(tmp_path: Path) -> None:
    body = model_zip(files={"am/final.mdl": b"a" * 2_000_000, "conf/model.conf": b"x", "graph/HCLG.fst": b"g"})
    cancel = threading.Event()

    def progress(done: int, total: int | None) -> None:
        if done > 0:
            cancel.set()

    with serve(body) as server, pytest.raises(DownloadCancelled):
        download_model(tmp_path, url=server.url, progress=progress, cancel=cancel)
    assert _leftovers(tmp_path) == ["tiny-model.zip.part"]
    assert 0 < (tmp_path / "tiny-model.zip.part").stat().st_size < len(body)


def test_zip_without_top_folder_is_named_after_the_archive(tmp_path: Path) -> None:
    body = model_zip(top=None)
    with serve(body, name="flat-model.zip") as server:
        target = download_model(tmp_path, url=server.url)
    assert target == tmp_path / "flat-model"
    assert validate_model_dir(target) == target
    assert _leftovers(tmp_path) == ["flat-model"]


def test_archive_that_is_not_a_model_is_not_installed(tmp_path: Path) -> None:
    body = model_zip(files={"am/final.mdl": b"a", "conf/model.conf": b"c"})  # no graph
    with serve(body) as server, pytest.raises(DownloadError, match="graph"):
        download_model(tmp_path, url=server.url)
    assert not (tmp_path / "tiny-model").exists()
    assert [n for n in _leftovers(tmp_path) if n.startswith(".")] == []


def test_not_a_zip_is_deleted(tmp_path: Path) -> None:
    with serve(b"<html>not found</html>") as server, pytest.raises(DownloadError, match="not a valid zip"):
        download_model(tmp_path, url=server.url)
    assert _leftovers(tmp_path) == []


def test_redownload_replaces_an_existing_model(tmp_path: Path) -> None:
    old = tmp_path / "tiny-model"
    (old / "am").mkdir(parents=True)
    (old / "stale.txt").write_text("old")
    body = model_zip()
    with serve(body) as server:
        target = download_model(tmp_path, url=server.url)
    assert not (target / "stale.txt").exists()
    assert validate_model_dir(target) == target
    assert _leftovers(tmp_path) == ["tiny-model"]


def test_http_error_is_reported_with_its_status(tmp_path: Path) -> None:
    with serve(model_zip()) as server, pytest.raises(DownloadError, match="HTTP 404"):
        download_model(tmp_path, url=server.url.replace("tiny-model.zip", "other.zip"))
    assert _leftovers(tmp_path) == []


def test_complete_part_file_is_not_fetched_again(tmp_path: Path) -> None:
    body = model_zip()
    (tmp_path / "tiny-model.zip.part").write_bytes(body)
    with serve(body) as server:
        target = download_model(tmp_path, url=server.url, sha256=sha256(body), size=len(body))
    assert server.ranges == []
    assert validate_model_dir(target) == target
