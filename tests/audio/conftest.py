"""The real-audio fixtures (also exposed by tests/conftest.py for the other test folders)."""

from tests.audio_server import _pulse_server, no_audio_server, virtual_mic

__all__ = ["_pulse_server", "no_audio_server", "virtual_mic"]
