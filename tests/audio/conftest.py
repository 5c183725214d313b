"""Capture tests: the real-audio fixtures (``virtual_mic``, ``no_audio_server``) come from tests/conftest.py."""
