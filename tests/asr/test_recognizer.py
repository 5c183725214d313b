"""The streaming recogniser on the real Korean model and espeak-ng speech."""

from __future__ import annotations

import pytest

from voicecoach.asr.audio_files import read_pcm_blocks
from voicecoach.asr.recognizer import StreamingRecognizer

pytestmark = pytest.mark.model


def _recognise(model, path, grammar=None, block_seconds=0.25):
    rec = StreamingRecognizer(model, model.sample_rate, grammar=grammar)
    partials = []
    for block in read_pcm_blocks(path, rate=model.sample_rate, block_seconds=block_seconds):
        new = rec.feed(block)
        if new is not None:
            partials.append(new)
    return rec, rec.finish(), partials


def test_grammar_mode_recognises_the_spoken_words(ko_model, ko_speech_wav) -> None:
    rec, transcript, partials = _recognise(ko_model, ko_speech_wav.path, ko_speech_wav.grammar)
    assert transcript.tokens == list(ko_speech_wav.words)
    assert any(p for p in partials), "partial text should appear while speaking"
    assert rec.results == list(transcript.results)
    assert rec.results[-1]["text"] == ko_speech_wav.text
