"""Fetch and unpack a Vosk model so that nothing half-written is ever mistaken for a model.

The archive is streamed into `<name>.part` beside the destination; an interrupted transfer resumes with an
HTTP Range request. Only a complete archive whose size and sha256 match (when the manifest knows them) is
unpacked, into a hidden temporary folder next to its final place, validated, then renamed into place in
one step. Offline, the first connection fails at once with a plain message.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import shutil
import socket
import tempfile
import threading
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlparse

from voicecoach import paths
from voicecoach.asr.errors import FIND_OR_FETCH, DownloadCancelled, DownloadError, ModelError, ModelErrorKind
from voicecoach.asr.manifest import DEFAULT_MODEL
from voicecoach.asr.model_files import looks_like_model, validate_model_dir
from voicecoach.core.remedy import Remedy

__all__ = ["Progress", "download_model"]

Progress = Callable[[int, int | None], None]

_CHUNK = 256 * 1024
_TIMEOUT = 20.0


def download_model(
    dest_root: Path | str | None = None,
    *,
    url: str | None = None,
    sha256: str | None = None,
    size: int | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    timeout: float = _TIMEOUT,
) -> Path:
    """Download a model zip and unpack it under `dest_root` (default: the user models folder).

    With no `url` the default model of the manifest is fetched and checked against its size and sha256;
    with a `url`, only the `sha256`/`size` given are checked. Returns the unpacked model folder.
    """
    if url is None:
        url, sha256, size = DEFAULT_MODEL.url, DEFAULT_MODEL.sha256, DEFAULT_MODEL.size
    root = Path(dest_root) if dest_root is not None else paths.user_models_dir()
    archive_name = PurePosixPath(urlparse(url).path).name or "model.zip"
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DownloadError(f"Cannot create {root}: {exc.strerror}.", path=root,
                            remedies=(Remedy.CHOOSE_MODEL_FOLDER,)) from None
    part = root / f"{archive_name}.part"
    _fetch(url, part, expected_size=size, progress=progress, cancel=cancel, timeout=timeout)
    _verify(part, size=size, sha256=sha256, url=url)
    target = _unpack(part, root, default_name=Path(archive_name).stem)
    part.unlink(missing_ok=True)
    return target


# -- transfer ---------------------------------------------------------------------------------------------
def _fetch(
    url: str,
    part: Path,
    *,
    expected_size: int | None,
    progress: Progress | None,
    cancel: threading.Event | None,
    timeout: float,
) -> None:
    """Bring `part` up to the whole archive, resuming from whatever an earlier attempt left."""
    have = _resume_point(part, expected_size, progress)
    if have is None:
        return
    response = _open(url, have, timeout)
    if response is None:
        return  # the part file already holds everything the server has; the checksum decides
    host = urlparse(url).hostname or url
    with response:
        if have and getattr(response, "status", 200) != 206:
            have = 0  # the server ignored the Range header: start over
        length = response.headers.get("Content-Length")
        total = have + int(length) if length and length.isdigit() else expected_size
        done = _copy(response, part, have, total, host, progress, cancel)
    if total is not None and done < total:
        raise DownloadError(
            f"The download from {host} stopped after {done / 1e6:.1f} of {total / 1e6:.1f} MB; what came is kept. "
            "Download again to resume.", kind=ModelErrorKind.INTERRUPTED
        )


def _resume_point(part: Path, expected_size: int | None, progress: Progress | None) -> int | None:
    """How many bytes an earlier attempt left in `part` (None: it is already whole)."""
    have = part.stat().st_size if part.exists() else 0
    if expected_size is not None and have == expected_size:
        if progress:
            progress(have, expected_size)
        return None
    if expected_size is not None and have > expected_size:
        part.unlink()
        have = 0
    return have


def _open(url: str, have: int, timeout: float) -> Any:
    """The response from `have` bytes on (None: the server has nothing past them); errors as sentences."""
    request = urllib.request.Request(url, headers={"User-Agent": "voicecoach"})
    if have:
        request.add_header("Range", f"bytes={have}-")
    try:
        return urllib.request.urlopen(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        if exc.code == 416 and have:
            return None
        raise DownloadError(f"The server refused the download of {url} (HTTP {exc.code} {exc.reason}).") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        host = urlparse(url).hostname or url
        raise DownloadError(
            f"Cannot reach {host} ({_describe(reason)}): you seem to be offline. Connect and download again, "
            f"or download {url} on another machine, unzip it and use that folder.", remedies=FIND_OR_FETCH
        ) from None


def _copy(response: Any, part: Path, have: int, total: int | None, host: str, progress: Progress | None,
          cancel: threading.Event | None) -> int:
    """Append the response to `part` (from `have` bytes); returns the bytes the part file then holds."""
    done = have
    try:
        with open(part, "ab" if have else "wb") as out:
            if progress:
                progress(done, total)
            while chunk := _next_chunk(response, cancel, done):
                out.write(chunk)
                done += len(chunk)
                if progress:
                    progress(done, total)
    except (OSError, http.client.HTTPException) as exc:
        raise DownloadError(
            f"The download from {host} was interrupted after {done / 1e6:.1f} MB ({_describe(exc)}); what came "
            "is kept. Download again to resume.", kind=ModelErrorKind.INTERRUPTED
        ) from None
    return done


def _next_chunk(response: Any, cancel: threading.Event | None, done: int) -> bytes:
    if cancel is not None and cancel.is_set():
        raise DownloadCancelled(f"Download cancelled after {done / 1e6:.1f} MB; running it again resumes from there.")
    return bytes(response.read(_CHUNK))


def _describe(reason: object) -> str:
    if isinstance(reason, socket.timeout | TimeoutError):
        return "timed out"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, socket.gaierror):
        return "name not resolved"
    if isinstance(reason, http.client.IncompleteRead):
        return "connection closed early"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror.lower()
    return str(reason) or type(reason).__name__


def _verify(part: Path, *, size: int | None, sha256: str | None, url: str) -> None:
    """A wrong archive cannot be fixed by resuming, so it is deleted before saying so."""
    actual_size = part.stat().st_size
    if size is not None and actual_size != size:
        part.unlink(missing_ok=True)
        raise DownloadError(
            f"The file downloaded from {url} has {actual_size} bytes, expected {size}; it was deleted. "
            "Try again later."
        )
    if sha256:
        digest = hashlib.sha256()
        with open(part, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
        if digest.hexdigest() != sha256.lower():
            part.unlink(missing_ok=True)
            raise DownloadError(
                f"The file downloaded from {url} is corrupt (sha256 mismatch); it was deleted. Try again later."
            )


# -- unpacking --------------------------------------------------------------------------------------------
def _unpack(archive: Path, root: Path, *, default_name: str) -> Path:
    """Unzip beside the destination, check it is a model, then rename it into place atomically."""
    staging = Path(tempfile.mkdtemp(prefix=".unpack-", dir=root))
    try:
        try:
            with zipfile.ZipFile(archive) as zf:
                for member in zf.namelist():
                    p = PurePosixPath(member)
                    if p.is_absolute() or ".." in p.parts:
                        raise DownloadError(f"{archive.name} contains an unsafe path ({member}); not unpacked.")
                zf.extractall(staging)
        except (zipfile.BadZipFile, EOFError) as exc:
            archive.unlink(missing_ok=True)
            raise DownloadError(f"{archive.name} is not a valid zip archive ({exc}); it was deleted.") from None
        entries = [p for p in staging.iterdir() if not p.name.startswith(("__MACOSX", "."))]
        if len(entries) == 1 and entries[0].is_dir() and not looks_like_model(staging):
            unpacked, name = entries[0], entries[0].name
        else:
            unpacked, name = staging, default_name
        try:
            validate_model_dir(unpacked)
        except ModelError as exc:
            raise DownloadError(f"The downloaded archive is not a usable model: {exc}") from None
        target = root / name
        _move_into_place(unpacked, target)
        return target
    except OSError as exc:
        raise DownloadError(f"Cannot unpack the model into {root}: {exc.strerror or exc}.") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _move_into_place(src: Path, target: Path) -> None:
    """Swap a new model folder in; an older folder of the same name is replaced only once the new one is ready."""
    if target.exists():
        old = target.with_name(f".old-{target.name}-{os.getpid()}")
        os.replace(target, old)
        try:
            os.replace(src, target)
        except OSError:
            os.replace(old, target)
            raise
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(src, target)
