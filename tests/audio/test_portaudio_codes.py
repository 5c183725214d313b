"""PortAudio failures are told apart by their PaErrorCode (as sounddevice gives it in ``args``), and the
codes stay out of what the person reads."""

from __future__ import annotations

from tests.fakes import FakePortAudioError
from voicecoach.audio.devices import NO_INPUT_DEVICE, AudioErrorKind, portaudio_problem
from voicecoach.core.remedy import Remedy


def test_an_unavailable_device_in_any_wording_is_no_microphone() -> None:
    problem = portaudio_problem(FakePortAudioError("Périphérique indisponible", -9985))
    assert problem.kind is AudioErrorKind.NO_INPUT and str(problem) == NO_INPUT_DEVICE
    assert problem.remedy is Remedy.CHECK_MICROPHONE


def test_a_host_error_keeps_the_hosts_words_and_drops_the_codes() -> None:
    raw = FakePortAudioError("Error opening RawInputStream: Unanticipated host error", -9999,
                             (0, -5, "Input/output error"))
    problem = portaudio_problem(raw)
    assert str(problem) == "the microphone could not be opened (Input/output error)"
    assert problem.kind is AudioErrorKind.OPEN_FAILED


def test_a_refused_rate_by_its_code() -> None:
    problem = portaudio_problem(FakePortAudioError("Taux d'échantillonnage invalide", -9997))
    assert problem.kind is AudioErrorKind.SAMPLE_RATE and "PaErrorCode" not in str(problem)
