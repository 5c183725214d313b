"""Signals from the sound itself: pitch, voicing, loudness, clipping and held vowels.

A pure package fed numpy samples (no file or device I/O): ``measure(samples, sample_rate)`` returns the
core's plain ``SoundSignals`` value, which the core checks judge like any other evidence. Only numpy and
pyworld (the WORLD vocoder's pitch tracker, MIT) are used; see docs/analysis.md for every threshold.
"""

from voicecoach.acoustics.incremental import SignalMeter
from voicecoach.acoustics.measure import measure, measure_pcm

__all__ = ["SignalMeter", "measure", "measure_pcm"]
