"""Vosk adapter: model files, recognition, audio files."""
