"""The checks that judge the sound, on authored SoundSignals: where a held vowel counts as a filler, when a
voice is flat, quiet, clipped or trailing off, and when the hook is late — and that a transcript alone
says these checks need the recording."""

from __future__ import annotations

import pytest

from voicecoach.core import codes
from voicecoach.core.profile import Profile
from voicecoach.core.report import Report, analyze
from voicecoach.core.settings import Settings
from voicecoach.core.sound import NEEDS_AUDIO, SoundSignals, SteadyStretch, sound_summary
from voicecoach.core.transcript import Transcript, Word

PROFILE = Profile("Sam Park", "Northwind Realty", "+1 415 555 0142")
FRAME = 0.01


def words_at(text: str, start: float = 0.5, step: float = 0.35, gap: float = 0.05) -> list[Word]:
    out = []
    t = start
    for w in text.split():
        out.append(Word(w, round(t, 3), round(t + step - gap, 3), 1.0))
        t += step
    return out


def signals(
    duration: float,
    *,
    level: float = -24.0,
    levels: list[tuple[float, float, float]] = (),  # type: ignore[assignment]
    pitch_range: float | None = 8.0,
    steady: tuple[SteadyStretch, ...] = (),
    clipped: tuple[tuple[float, float], ...] = (),
) -> SoundSignals:
    n = int(duration / FRAME) + 1
    db = [level] * n
    for a, b, value in levels:
        for i in range(int(a / FRAME), min(n, int(b / FRAME))):
            db[i] = value
    return SoundSignals(
        duration=duration,
        frame_seconds=FRAME,
        level_db=tuple(db),
        voiced=tuple([True] * n),
        voiced_seconds=round(n * FRAME, 2),
        pitch_range_semitones=pitch_range,
        median_f0_hz=120.0,
        steady=steady,
        clipped=clipped,
    )


TEXT = (
    "hi dana i noticed your listing on maple street came off the market last week we helped three sellers "
    "on your block get offers within ten days call me at four one five five five five zero one four two"
)


def held(start: float, end: float, spread: float = 0.5) -> SteadyStretch:
    return SteadyStretch(start, end, 110.0, spread)


def run(words: list[Word], sig: SoundSignals | None, **kw: object) -> Report:
    return analyze(Transcript.from_words(words), profile=PROFILE, signals=sig, **kw)  # type: ignore[arg-type]


def test_held_vowel_between_words_is_a_filled_pause_counted_with_the_fillers() -> None:
    words = words_at(TEXT)
    # a 0.4 s gap opened after word 5 ("your"), filled with a held "uhh"
    shifted = words[:6] + [Word(w.word, w.start + 0.45, w.end + 0.45, 1.0) for w in words[6:]]
    gap_start = shifted[5].end + 0.02
    sig = signals(shifted[-1].end + 1, steady=(held(gap_start, gap_start + 0.4),))
    report = run(shifted, sig)
    assert report.metrics["filled_pauses"] == [{"start": round(gap_start, 2), "end": round(gap_start + 0.4, 2)}]
    assert report.metrics["filler_count"] == 1 and report.metrics["fillers"] == ["(held uhh)"]


def test_held_vowel_inside_an_ordinary_word_is_not_a_filler() -> None:
    words = words_at(TEXT, step=0.8)
    w = words[7]  # "listing", 0.75 s: a 0.35 s held vowel in it is the word's own long vowel
    sig = signals(words[-1].end + 1, steady=(held(w.start + 0.2, w.start + 0.55),))
    assert run(words, sig).metrics["filled_pauses"] == []


def test_held_vowel_filling_most_of_a_word_is_what_the_recogniser_made_of_an_uhh() -> None:
    words = words_at(TEXT, step=0.5)
    w = words[7]  # "listing" (0.45 s), 90 % of it one held, level vowel: no real word sounds like that
    sig = signals(words[-1].end + 1, steady=(held(w.start, w.start + 0.41),))
    (pause,) = run(words, sig).metrics["filled_pauses"]
    assert pause == {"start": round(w.start, 2), "end": round(w.start + 0.41, 2)}
    short = signals(words[-1].end + 1, steady=(held(w.start, w.start + 0.25),))  # not held long enough
    assert run(words, short).metrics["filled_pauses"] == []


def test_held_vowel_that_is_too_short_or_moves_in_pitch_is_not_a_filler() -> None:
    words = words_at(TEXT)
    gap = (words[5].end, words[5].end + 0.14)
    late = [Word(x.word, x.start + 0.6, x.end + 0.6, 1.0) if i > 5 else x for i, x in enumerate(words)]
    short = signals(late[-1].end + 1, steady=(held(*gap),))
    gliding = signals(late[-1].end + 1, steady=(held(words[5].end, words[5].end + 0.5, spread=3.5),))
    assert run(late, short).metrics["filled_pauses"] == []
    assert run(late, gliding).metrics["filled_pauses"] == []


def test_held_vowel_recognised_as_uh_is_counted_once() -> None:
    words = words_at("we helped uh three sellers on your block get offers within ten days " + TEXT)
    uh = words[2]
    sig = signals(words[-1].end + 1, steady=(held(uh.start, uh.end),))
    report = run(words, sig)
    assert len(report.metrics["filled_pauses"]) == 1
    assert report.metrics["filler_count"] == 1 and report.metrics["fillers"] == ["uh"]


def test_short_word_counts_only_when_held_long() -> None:
    words = words_at("we helped the three sellers " + TEXT, step=0.45)
    the = words[2]
    long_sig = signals(words[-1].end + 1, steady=(held(the.start - 0.02, the.start + 0.36),))
    short_sig = signals(words[-1].end + 1, steady=(held(the.start, the.start + 0.2),))
    assert len(run(words, long_sig).metrics["filled_pauses"]) == 1
    assert run(words, short_sig).metrics["filled_pauses"] == []


def test_held_last_vowel_after_the_last_word_is_not_a_filler() -> None:
    words = words_at(TEXT)
    sig = signals(words[-1].end + 2, steady=(held(words[-1].end - 0.05, words[-1].end + 0.6),))
    assert run(words, sig).metrics["filled_pauses"] == []


def test_many_filled_pauses_make_the_take_ramble_with_their_times_as_evidence() -> None:
    words = words_at(TEXT, step=0.5, gap=0.3)  # 0.3 s gaps between words
    stretches = tuple(held(w.end + 0.05, w.end + 0.27) for w in words[2:20:4])
    report = run(words, signals(words[-1].end + 1, steady=stretches))
    assert report.has(codes.RAMBLING)
    flag = next(f for f in report.flags if f.code == codes.RAMBLING)
    timed = [e for e in flag.evidence if e.label.startswith("filled pause")]
    assert [(e.start, e.end) for e in timed] == [(round(s.start, 2), round(s.end, 2)) for s in stretches]
    assert "held" in flag.message


@pytest.mark.parametrize(("spread", "flagged"), [(2.0, True), (3.9, True), (4.0, False), (9.0, False)])
def test_monotone_below_the_threshold(spread: float, flagged: bool) -> None:
    words = words_at(TEXT)
    report = run(words, signals(words[-1].end + 0.5, pitch_range=spread))
    assert report.has(codes.MONOTONE) is flagged
    assert report.metrics["pitch_range_semitones"] == spread
    if flagged:
        flag = next(f for f in report.flags if f.code == codes.MONOTONE)
        assert flag.evidence[0].start == words[0].start and flag.evidence[0].end == words[-1].end


def test_no_monotone_verdict_with_too_little_voice() -> None:
    words = words_at("hi dana call me")
    sig = signals(2.0, pitch_range=1.0)
    assert not run(words, sig).has(codes.MONOTONE)


def test_a_pitch_range_too_short_to_judge_is_not_shown_as_a_figure() -> None:
    """Under the flat-voice check's 5 s of voice the range is not verified: no "0.0 semitones" without a verdict."""
    short = run(words_at("hi dana call me"), signals(2.0, pitch_range=0.0))
    assert short.metrics["pitch_range_checked"] is False
    line = sound_summary(short.metrics)
    assert "semitones" not in line and "pitch range not verified (take too short)" in line
    words = words_at(TEXT)
    long = run(words, signals(words[-1].end + 0.5, pitch_range=6.0))
    assert long.metrics["pitch_range_checked"] is True and "pitch range 6.0 semitones" in sound_summary(long.metrics)
    older = {k: v for k, v in long.metrics.items() if k != "pitch_range_checked"}  # saved before the check existed
    assert "pitch range 6.0 semitones" in sound_summary(older)


def test_too_quiet_and_clipping() -> None:
    words = words_at(TEXT)
    end = words[-1].end + 0.5
    assert run(words, signals(end, level=-45)).has(codes.TOO_QUIET)
    assert not run(words, signals(end, level=-30)).has(codes.TOO_QUIET)
    clips = ((1.0, 1.01), (3.0, 3.02), (5.0, 5.01))
    report = run(words, signals(end, clipped=clips))
    flag = next(f for f in report.flags if f.code == codes.CLIPPING)
    assert [(e.start, e.end) for e in flag.evidence] == list(clips)
    assert not run(words, signals(end, clipped=clips[:2])).has(codes.CLIPPING)


def test_trailing_off_on_the_number() -> None:
    words = words_at(TEXT)
    number_start = next(w.start for w in words if w.word == "four")
    end = words[-1].end + 0.5
    faded = run(words, signals(end, levels=[(number_start, end, -34.0)]))
    flag = next(f for f in faded.flags if f.code == codes.TRAILING_OFF)
    assert flag.evidence[0].start == number_start and faded.metrics["last_sentence_drop_db"] == pytest.approx(10.0)
    slightly = run(words, signals(end, levels=[(number_start, end, -27.0)]))
    assert not slightly.has(codes.TRAILING_OFF)


def test_late_hook_is_a_tip_for_small_talk_and_never_for_a_slow_introduction() -> None:
    text = "hi dana this is sam park from northwind realty " + TEXT.removeprefix("hi dana ")
    slow = words_at(text, step=1.2)  # the reason ("i noticed") starts after 9 opening words: 10.8 s
    intro = run(slow, None, prospect="Dana")
    assert intro.metrics["hook_seconds"] == pytest.approx(10.8, abs=0.01)
    assert intro.metrics["hook_delay_seconds"] == 0 and not intro.has(codes.LATE_HOOK)
    # small talk of 13 words before "i noticed"
    chat = "hi dana this is sam park from northwind realty how are you doing today "
    chat += "i hope the week is treating you well "
    late = run(words_at(chat + TEXT.removeprefix("hi dana "), step=0.75), None, prospect="Dana")
    assert late.has(codes.LATE_HOOK) and late.metrics["hook_delay_seconds"] == pytest.approx(9.75, abs=0.01)
    flag = next(f for f in late.flags if f.code == codes.LATE_HOOK)
    assert flag.severity == "tip" and flag.evidence[0].word_indexes == tuple(range(9, 22))  # "how are … well"
    quick = run(words_at(chat + TEXT.removeprefix("hi dana "), step=0.35), None, prospect="Dana")
    assert not quick.has(codes.LATE_HOOK) and quick.metrics["hook_delay_seconds"] == pytest.approx(4.55, abs=0.01)
    assert run(slow, None, prospect="Dana", settings=Settings(hook_max_seconds=12)).codes.count(codes.LATE_HOOK) == 0


def test_hook_unknown_when_the_rep_introduces_themselves_without_a_profile() -> None:
    words = words_at("hi this is sam from northwind realty " + TEXT, step=1.5)
    report = analyze(Transcript.from_words(words))
    assert report.metrics["hook_seconds"] is None and not report.has(codes.LATE_HOOK)


def test_transcript_alone_says_the_sound_checks_need_audio() -> None:
    report = run(words_at(TEXT), None)
    m = report.metrics
    assert m["audio_analysed"] is False and m["audio_note"] == NEEDS_AUDIO
    assert m["filled_pauses"] is None and m["pitch_range_semitones"] is None
    assert not ({codes.MONOTONE, codes.TOO_QUIET, codes.CLIPPING, codes.TRAILING_OFF} & set(report.codes))


def test_report_with_sound_round_trips() -> None:
    words = words_at(TEXT)
    report = run(words, signals(words[-1].end + 0.5, pitch_range=2.0, level=-45))
    assert Report.from_dict(report.to_dict()) == report


def test_level_settings_are_checked() -> None:
    with pytest.raises(ValueError, match="dBFS"):
        Settings(quiet_speech_dbfs=3.0)
    assert Settings.from_dict({"quiet_speech_dbfs": -30}).quiet_speech_dbfs == -30.0


def test_the_sound_line_and_the_trailing_off_flag_give_the_same_whole_decibels() -> None:
    from voicecoach.core.sound import sound_summary, whole_db

    assert whole_db(8.54) == whole_db(round(8.54, 1)) == 9  # the flag's figure and the stored one agree
    assert "9 dB quieter than the rest" in sound_summary({"last_sentence_drop_db": 8.5})
    assert "+" not in sound_summary({"last_sentence_drop_db": 8.5})
    assert "-0" not in sound_summary({"last_sentence_drop_db": -0.3}) and "as loud as the rest" in sound_summary(
        {"last_sentence_drop_db": -0.3})
    assert "3 dB louder than the rest" in sound_summary({"last_sentence_drop_db": -3.2})
