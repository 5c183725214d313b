"""Any common audio file as a stream of 16-bit mono PCM blocks at the recogniser's rate.

Files are read block by block (soundfile), downmixed to mono and resampled with soxr's streaming
resampler, so a two-hour file needs no more memory than a few blocks. A file already at the wanted rate
skips the resampler and is read straight as int16. Unreadable input raises AudioFileError whose message
fits on one line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile
import soxr

from voicecoach.core.inputs import MAX_AUDIO_SECONDS, InputFileError, check_regular_file
from voicecoach.native_stderr import quiet_native_stderr


class AudioFileError(ValueError):
    """The file cannot be read as audio; the message names the file and the reason."""


@dataclass(frozen=True, slots=True)
class AudioInfo:
    seconds: float
    rate: int
    channels: int
    frames: int = 0
    format: str = ""


# libsndfile's error numbers (``LibsndfileError.code``) whose own words mean nothing to a rep, and what
# they say is wrong with the file.
_PLAIN_REASONS = {
    24: "its header gives no sample rate or channel count",  # SF_INFO struct incomplete
    2: "the file could not be read",  # system error
    1: "the format is not one this app can read",  # format not recognised
    29: "the file is damaged",  # unspecified internal error
    7: "the file is damaged or is not audio this app can read",  # not a regular file (possibly a pipe?)
}


def _reason(exc: Exception) -> str:
    """Why the file cannot be read: told apart by libsndfile's error number, else in its own words."""
    code = getattr(exc, "code", None)
    if isinstance(code, int) and code in _PLAIN_REASONS:
        return _PLAIN_REASONS[code]
    text = exc.error_string if isinstance(exc, soundfile.LibsndfileError) else str(exc).strip()
    text = text.splitlines()[-1] if text.strip() else type(exc).__name__
    return text.strip("() ").removeprefix("Internal error : ").rstrip(".")


def _open(path: Path) -> soundfile.SoundFile:
    if not path.exists():
        raise AudioFileError(f"{path}: no such file")
    if path.is_dir():
        raise AudioFileError(f"{path}: is a folder, not an audio file")
    try:
        check_regular_file(path, "audio")  # a FIFO would block soundfile forever
    except InputFileError as exc:
        raise AudioFileError(str(exc)) from None
    try:
        with quiet_native_stderr():
            return soundfile.SoundFile(str(path))
    except (soundfile.LibsndfileError, RuntimeError, TypeError) as exc:
        raise AudioFileError(f"{path}: not a readable audio file ({_reason(exc)})") from None
    except OSError as exc:
        raise AudioFileError(f"{path}: cannot be opened ({exc.strerror or exc})") from None


def audio_info(path: Path | str) -> AudioInfo:
    """Length, rate and channels, read from the header only."""
    p = Path(path)
    with _open(p) as f:
        frames = f.frames if f.frames and f.frames > 0 else 0
        return AudioInfo(
            seconds=frames / f.samplerate if f.samplerate else 0.0,
            rate=int(f.samplerate),
            channels=int(f.channels),
            frames=int(frames),
            format=str(f.format),
        )


def audio_to_analyse(path: Path | str, max_seconds: float = MAX_AUDIO_SECONDS) -> AudioInfo:
    """``audio_info``, refusing a file longer than ``max_seconds`` from its header, before anything is decoded."""
    info = audio_info(path)
    if info.seconds > max_seconds:
        raise AudioFileError(too_long(path, info.seconds, max_seconds))
    return info


def too_long(path: Path | str, seconds: float, max_seconds: float) -> str:
    return (f"{path}: the recording is {_minutes(seconds)} long, and VoiceCoach analyses at most "
            f"{_minutes(max_seconds)} (a voicemail is under one); cut the take out of it first")


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:.0f} minutes" if seconds >= 90 else f"{seconds:.0f} seconds"


def to_int16_bytes(samples: np.ndarray) -> bytes:
    """Float samples in [-1, 1] to little-endian int16 PCM, clipping overs instead of wrapping."""
    scaled = np.clip(samples, -1.0, 1.0) * 32767.0
    return bytes(np.rint(scaled).astype("<i2").tobytes())


def read_pcm_blocks(path: Path | str, *, rate: int = 16000, block_seconds: float = 0.25) -> Iterator[bytes]:
    """Yield int16 mono PCM at `rate`, about `block_seconds` per block, streaming through the file."""
    if rate <= 0 or block_seconds <= 0:
        raise ValueError("rate and block_seconds must be positive")
    p = Path(path)
    f = _open(p)
    with f:
        if f.samplerate <= 0 or f.channels <= 0:
            raise AudioFileError(f"{p}: has no audio (rate {f.samplerate}, {f.channels} channels)")
        frames = max(1, round(f.samplerate * block_seconds))
        try:
            if f.samplerate == rate:
                yield from _same_rate(f, frames)
            else:
                yield from _resampled(f, frames, rate)
        except InvalidSamplesError:
            raise AudioFileError(f"{p}: the audio is invalid: it holds samples that are not numbers (NaN or "
                                 "infinity), so nothing in it can be judged") from None
        except (soundfile.LibsndfileError, RuntimeError, ValueError) as exc:
            at = _seconds_read(f)
            raise AudioFileError(f"{p}: unreadable after the first {at:.1f} s ({_reason(exc)})") from None


class InvalidSamplesError(ValueError):
    """Float samples that are NaN or infinite: the file is broken, not silent."""


def _seconds_read(f: soundfile.SoundFile) -> float:
    try:
        return float(f.tell() / f.samplerate)
    except (soundfile.LibsndfileError, RuntimeError, ValueError):
        return 0.0


def _blocks(f: soundfile.SoundFile, frames: int, dtype: str) -> Iterator[np.ndarray]:
    """Blocks read in order (SoundFile.blocks() needs a seekable file, and a GSM WAV is not one)."""
    while True:
        with quiet_native_stderr():  # libmpg123 reports damaged MP3 frames on stderr
            block = f.read(frames, dtype=dtype, always_2d=True)
        if not len(block):
            return
        yield block


def _is_float(f: soundfile.SoundFile) -> bool:
    return str(f.subtype).upper() in ("FLOAT", "DOUBLE")


def _finite(samples: np.ndarray) -> np.ndarray:
    if not np.isfinite(samples).all():
        raise InvalidSamplesError
    return samples


def _same_rate(f: soundfile.SoundFile, frames: int) -> Iterator[bytes]:
    if _is_float(f):  # read as float, or NaN would pass as silence through libsndfile's conversion
        for block in _blocks(f, frames, "float32"):
            yield to_int16_bytes(_finite(block[:, 0] if f.channels == 1 else block.mean(axis=1)))
        return
    for block in _blocks(f, frames, "int16"):
        if f.channels == 1:
            yield block.astype("<i2", copy=False).tobytes()
        else:
            yield np.rint(block.mean(axis=1)).astype("<i2").tobytes()


def _resampled(f: soundfile.SoundFile, frames: int, rate: int) -> Iterator[bytes]:
    stream = soxr.ResampleStream(float(f.samplerate), float(rate), 1, dtype="float32", quality="HQ")
    for block in _blocks(f, frames, "float32"):
        mono = _finite(block[:, 0] if f.channels == 1 else block.mean(axis=1, dtype=np.float32))
        out = stream.resample_chunk(np.ascontiguousarray(mono, dtype=np.float32))
        if out.size:
            yield to_int16_bytes(out)
    tail = stream.resample_chunk(np.zeros(0, dtype=np.float32), last=True)
    if tail.size:
        yield to_int16_bytes(tail)


__all__ = [
    "AudioFileError",
    "AudioInfo",
    "InvalidSamplesError",
    "audio_info",
    "audio_to_analyse",
    "read_pcm_blocks",
    "to_int16_bytes",
    "too_long",
]
