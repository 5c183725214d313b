"""The live checklist: the report's contact finder fed the words so far, and its agreement with the report."""

from __future__ import annotations

import pytest

from tests.live_takes import bent, replay
from tests.ui.uihelpers import DATA, data_profile, data_take
from voicecoach.core.judgement import judgement_for
from voicecoach.core.live import (
    NUMBER,
    NUMBER_AGAIN,
    LiveChecklist,
    LiveState,
    pace_wpm,
    stamp_partial,
    words_heard,
)
from voicecoach.core.live_agreement import agree, disagreements
from voicecoach.core.report import analyze
from voicecoach.core.script import load_script
from voicecoach.core.transcript import Word

TAKES = ("clean", "missing_number", "partial_number", "filler_heavy", "overrun", "off_script", "restarts",
         "silence")


def _judgement(prospect: str | None = "John") -> object:
    script = load_script(DATA / "scripts" / "expired-listing.txt")
    return judgement_for(script=script, profile=data_profile(), prospect=prospect)


def test_parts_tick_in_the_order_they_are_said_with_the_moment_they_were_heard() -> None:
    states = replay(data_take("missing_number"), _judgement())
    last = states[-1]
    assert [t.part for t in last.ticks] == ["name", "company"]
    name, company = last.ticks
    assert 0.5 < name.at <= company.at < 4.0  # "hi john it's dana with northwind realty" ends at 3.1 s
    assert last.missing() == [NUMBER, NUMBER_AGAIN]


def test_a_missing_number_is_highlighted_only_in_the_last_five_seconds() -> None:
    last = replay(data_take("missing_number"), _judgement())[-1]
    assert last.reminders(elapsed=24.0, time_limit=30.0) == []
    assert last.reminders(elapsed=25.0, time_limit=30.0) == [NUMBER, NUMBER_AGAIN]


def test_the_number_and_its_repeat_tick_when_their_last_digit_is_heard() -> None:
    states = replay(data_take("clean"), _judgement())
    first = next(s for s in states if s.tick(NUMBER))
    assert first.tick(NUMBER).heard.endswith("one four two")
    assert states[-1].tick(NUMBER_AGAIN) is not None
    assert states[-1].tick(NUMBER_AGAIN).at > 24.0


def test_a_bent_name_ticks_amber_with_what_was_heard() -> None:
    take = bent(data_take("missing_number"), "dana", "donna")
    j = _judgement()
    states = replay(take, j)
    tick = states[-1].tick("name")
    assert tick is not None and tick.bent and tick.heard.startswith("donna")
    assert agree(states[-1], analyze(take, j), take)  # the report says it came out bent too


def test_an_amber_tick_turns_green_from_its_first_moment_when_heard_cleanly() -> None:
    j = _judgement()
    live = LiveChecklist(j)
    words = [Word("it's", 0.0, 0.3), Word("donna", 0.3, 0.8)]
    first = live.update(words, 1.0).tick("name")
    assert first is not None and first.bent
    words += [Word("dana", 2.0, 2.4), Word("whitfield", 2.4, 3.0)]
    again = live.update(words, 3.2).tick("name")
    assert again is not None and not again.bent and again.at == 1.0


@pytest.mark.parametrize("name", TAKES)
def test_the_live_state_at_stop_and_the_report_agree_on_every_recorded_take(name: str) -> None:
    take = data_take(name)
    j = _judgement()
    states = replay(take, j)
    report = analyze(take, j)
    assert agree(states[-1] if states else None, report, take), disagreements(states[-1], report, take)


def test_a_tick_the_final_transcript_undoes_is_explained_not_contradicted() -> None:
    take = data_take("missing_number")
    j = _judgement()
    # The partials heard a number the final transcript does not have.
    said = "give me a call back at four one five five five five oh one four two"
    states = replay(take, j, partial_override=lambda text: said if text.startswith("give me") else text)
    assert states[-1].tick(NUMBER) is not None
    found = disagreements(states[-1], analyze(take, j), take)
    assert [d.part for d in found] == [NUMBER]
    assert "but it was heard as “" in found[0].message and "a call" in found[0].message  # the words at that time
    assert "in the final transcript, so the report counts it as not said" in found[0].message


def test_words_of_the_open_utterance_are_spread_up_to_now() -> None:
    words = words_heard([Word("hi", 0.0, 0.4)], "it's dana", 2.4)
    assert [(w.word, w.start, w.end) for w in words[1:]] == [("it's", 0.4, 1.4), ("dana", 1.4, 2.4)]


def test_open_words_keep_the_moment_they_first_appeared() -> None:
    first = stamp_partial([], "four one", 1.0, 0.5)
    later = stamp_partial(first, "four one five five", 1.2, 0.5)
    assert later[:2] == first and [(w.start, w.end) for w in later[2:]] == [(1.0, 1.1), (1.1, 1.2)]
    rewritten = stamp_partial(later, "for one five five", 1.3, 0.5)  # the recogniser changed its mind
    assert rewritten[0].word == "for" and rewritten[0].start == 0.5 and rewritten[-1].end == 1.3


def test_a_number_read_fast_inside_a_long_utterance_says_slow_down_before_it_closes() -> None:
    live = LiveChecklist(_judgement())
    words: list[Word] = []
    said = ["hi", "john", "it's", "dana", "with", "northwind", "realty"]
    digits = ["four", "one", "five", "five", "five", "five", "oh", "one", "four", "two"]
    t = 0.0
    for i in range(len(said)):  # the introduction at a calm pace, then the digits at 5 a second
        t += 0.4
        words = stamp_partial(words, " ".join(said[: i + 1]), t, 0.0)
    for i in range(len(digits)):
        t += 0.2
        words = stamp_partial(words, " ".join([*said, *digits[: i + 1]]), t, 0.0)
    state = live.update(words, t)
    assert state.slow_down and state.digits_per_second is not None and state.digits_per_second > 4


def test_pace_counts_the_last_ten_seconds_and_waits_for_three() -> None:
    words = [Word(str(i), i * 0.4, i * 0.4 + 0.3) for i in range(60)]  # 150 a minute for 24 s
    assert pace_wpm(words[:5], 2.0) is None
    assert pace_wpm(words, 24.0) == pytest.approx(150, abs=8)


def test_digits_read_faster_than_three_a_second_say_slow_down() -> None:
    digits = ["four", "one", "five", "five", "five", "five", "oh", "one", "four", "two"]
    fast = [Word(d, 1 + i * 0.2, 1 + i * 0.2 + 0.18) for i, d in enumerate(digits)]
    state = LiveChecklist(_judgement()).update(fast, 3.2)
    assert state.slow_down and state.tick(NUMBER) is not None
    slow = [Word(d, 1 + i * 0.45, 1 + i * 0.45 + 0.3) for i, d in enumerate(digits)]
    assert not LiveChecklist(_judgement()).update(slow, 6.0).slow_down


def test_fillers_are_counted_as_they_come() -> None:
    states = replay(data_take("filler_heavy"), _judgement())
    counts = [s.fillers for s in states]
    assert counts == sorted(counts) and counts[-1] >= 4
    assert isinstance(states[-1], LiveState)


def test_held_uhhs_between_words_count_as_fillers_unless_the_words_already_did() -> None:
    from voicecoach.core.sound import SteadyStretch

    words = [Word("hi", 0.0, 0.4), Word("it's", 1.2, 1.5), Word("dana", 1.5, 1.9)]
    held = [SteadyStretch(0.5, 1.0, 120.0, 0.5)]
    state = LiveChecklist(_judgement()).update(words, 2.0, steady=held)
    assert (state.fillers, state.held, state.filler_total) == (0, 1, 1)
    um = [Word("hi", 0.0, 0.4), Word("um", 0.5, 1.0), Word("dana", 1.5, 1.9)]
    state = LiveChecklist(_judgement()).update(um, 2.0, steady=held)
    assert (state.fillers, state.held) == (1, 0)  # the word "um" is the held sound: counted once
