"""Cadences: the file format, the checks that know the attempt, and the lint over the whole series."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.takes import take
from voicecoach.core import codes
from voicecoach.core.cadence import CadenceError, cadence_to_toml, load_cadence, parse_cadence
from voicecoach.core.cadence_lint import lint_cadence
from voicecoach.core.judgement import JudgementContext, judgement_for
from voicecoach.core.profile import load_profile
from voicecoach.core.report import analyze
from voicecoach.core.script import fill_placeholders, plan_tokens

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "assets" / "cadences").glob("*.toml"))
PROFILE = load_profile(ROOT / "assets" / "sample-profile.json")


def cold():
    return sample("cold-series.toml")


def sample(name: str | Path):
    """A shipped cadence, whose first attempts name the shipped scripts."""
    return load_cadence(ROOT / "assets" / "cadences" / name, script_roots=(ROOT / "assets" / "scripts",))


def spoken(text: str, referral: str | None = None) -> str:
    return " ".join(plan_tokens(fill_placeholders(text, PROFILE, prospect="Jordan", referral=referral)))


def test_three_samples_ship_and_pass_lint_with_a_profile() -> None:
    assert [p.stem for p in SAMPLES] == ["cold-series", "re-engagement-series", "referral-series"]
    for path in SAMPLES:
        result = lint_cadence(sample(path), profile=PROFILE)
        assert result.passed, (path.name, [f.message for f in result.all_flags])
        assert result.all_flags == [], path.name
    series = cold()
    assert len(series.attempts) == 5 and series.attempts[-1].day - series.attempts[0].day <= 21


def test_two_attempts_with_one_topic_fail_lint() -> None:
    text = cadence_to_toml(cold()).replace('topic = "a free staging consultation"', 'topic = "The best month to list"')
    result = lint_cadence(parse_cadence(text), profile=PROFILE)
    assert not result.passed
    same = [f for f in result.flags if f.code == codes.CADENCE_SAME_TOPIC]
    assert len(same) == 1 and same[0].details["attempts"] == [2, 3]
    assert result.for_attempt(3) == same


def test_lint_finds_a_later_topic_a_missing_reference_back_a_false_first_follow_up_and_overruns() -> None:
    text = (
        'name = "Bad"\n'
        '[[attempt]]\nday = 1\ntopic = "street prices"\n'
        'text = "Hi, {name}, {phone}. Following up on my voicemail. Street prices are up. '
        'A buyer I work with has cash for an offer. {name}, {phone}."\n'
        '[[attempt]]\nday = 2\ntopic = "a cash offer from a buyer I work with"\nlimit = 5\n'
        'text = "Hi, {name}, {phone}. A buyer I work with has cash ready for an offer. {name}, {phone}."\n'
    )
    result = lint_cadence(parse_cadence(text), profile=PROFILE)
    found = {f.code: f.details["attempts"] for f in result.flags}
    assert found[codes.CADENCE_TOPIC_ELSEWHERE] == [1, 2]
    assert found[codes.CADENCE_FIRST_IMPLIES_PRIOR] == [1]
    assert found[codes.CADENCE_NO_REFERENCE_BACK] == [2]
    assert found[codes.CADENCE_TOO_CLOSE] == [1, 2]
    assert codes.SCRIPT_OVER_LIMIT in [f.code for f in result.for_attempt(2)]
    assert not result.passed


def test_lint_finds_contact_details_late_and_two_topics_in_one_script() -> None:
    text = (
        'name = "Late"\n[[attempt]]\nday = 1\ntopic = "street prices"\n'
        'text = "Hi there. Street prices are up this spring, and in addition the schools are better. '
        'Homes sell fast. Call {name} at {phone}."\n'
    )
    result = lint_cadence(parse_cadence(text), profile=PROFILE)
    assert {codes.SCRIPT_CONTACT_NOT_EARLY, codes.SCRIPT_MANY_TOPICS} <= {f.code for f in result.for_attempt(1)}


def judged(attempt: int, words: str) -> list[str]:
    judgement = judgement_for(cadence=cold(), attempt=attempt, profile=PROFILE, prospect="Jordan")
    return analyze(take(words), judgement).codes


def test_attempt_one_must_not_imply_a_prior_call_attempt_three_may() -> None:
    series = cold()
    for n, expected in ((1, True), (3, False)):
        words = spoken(series.attempt(n).script.text) + " following up on my voicemail last week"
        assert (codes.FALSE_FOLLOW_UP in judged(n, words)) is expected, n


def test_a_later_attempts_topic_is_off_topic_and_the_own_topic_never_is() -> None:
    series = cold()
    extra = " a buyer i work with has cash ready and could make you an offer"
    words = spoken(series.attempt(2).script.text) + extra
    judgement = judgement_for(cadence=series, attempt=2, profile=PROFILE, prospect="Jordan")
    report = analyze(take(words), judgement)
    off = [f for f in report.flags if f.code == codes.OFF_TOPIC]
    assert len(off) == 1
    assert off[0].message == ("You also brought up “a cash offer from a buyer I work with”, planned for attempt 4: "
                              "save it for then, one topic per voicemail.")
    assert off[0].details["planned_attempt"] == 4 and off[0].evidence
    assert codes.OFF_TOPIC not in judged(4, words)  # the same take as attempt 4: its own topic
    assert codes.OFF_TOPIC not in judged(2, spoken(series.attempt(2).script.text))


def test_an_earlier_topic_is_a_reference_back_not_off_topic() -> None:
    series = cold()
    words = spoken(series.attempt(3).script.text) + " you may remember april is the best month to list"
    assert codes.OFF_TOPIC not in judged(3, words)


def test_the_cadence_travels_in_the_judgement_and_old_contexts_still_load() -> None:
    judgement = judgement_for(cadence=cold(), attempt=2, profile=PROFILE)
    assert (judgement.cadence, judgement.attempt, judgement.topic) == ("Cold series", 2, "the best month to list")
    assert judgement.follow_up and judgement.cadence_topics[3] == (4, "a cash offer from a buyer I work with")
    assert JudgementContext.from_dict(judgement.to_dict()) == judgement
    old = judgement.to_dict()
    for key in ("cadence", "attempt", "topic", "cadence_topics"):
        old.pop(key)
    back = JudgementContext.from_dict(old)
    assert back.cadence is None and back.attempt is None and back.cadence_topics == ()
    first = judgement_for(cadence=cold(), attempt=1)
    assert first.first_attempt and first.script_title == "Cold voicemail"


def test_a_re_engagement_may_refer_back_from_the_first_attempt() -> None:
    series = sample("re-engagement-series.toml")
    assert series.follow_up and series.attempt(1).follow_up
    assert judgement_for(cadence=series, attempt=1).follow_up


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("name = 'x'\n", "no attempts"),
        ("name = 'x'\n[[attempt]]\nday = 1\ntext = 'Hi'\n", "attempt 1 has no topic"),
        ("name = 'x'\n[[attempt]]\nday = 0\ntopic = 't'\ntext = 'Hi'\n", "day must be a whole number"),
        ("name = 'x'\n[[attempt]]\nday = true\ntopic = 't'\ntext = 'Hi'\n", "day must be a whole number"),
        ("name = 'x'\n[[attempt]]\nday = 1\ntopic = 't'\n", "not neither"),
        ("name = 'x'\n[[attempt]]\nday = 1\ntopic = 't'\ntext = 'Hi'\nscript = 'a.txt'\n", "not both"),
        ("name = 'x'\n[[attempt]]\nday = 1\ntopic = 't'\ntext = 'Hi'\ntopik = 'u'\n", "did you mean topic"),
        ("name = 'x'\n[[attempt]]\nday = 3\ntopic = 't'\ntext = 'Hi'\n[[attempt]]\nday = 2\ntopic = 'u'\ntext = 'Hi'\n",
         "days must increase"),
        ("name = 'x'\n[[attempt]]\nday = 1\ntopic = 't'\ntext = 'Hi'\nlimit = 9000\n", "limit must be seconds"),
        ("name = 'x'\n[[attempt]]\nday = 1\ntopic = 't'\nscript = '/etc/passwd'\n", "relative to the cadence"),
        ("name = 'x'\nfollow_up = 'yes'\n[[attempt]]\nday = 1\ntopic = 't'\ntext = 'Hi'\n", "true or false"),
        ("name = [\n", "not valid TOML"),
        ("name = 'x'\nattempt = 3\n", "no attempts"),
        ("name = 'x'\nattempt = [1]\n", "attempt 1 is not a table"),
        ('name = "x"\n[[attempt]]\nday = 1\ntopic = "\\u001b[2Jprices"\ntext = "Hi"\n', "control character (U+001B)"),
    ],
)
def test_a_bad_cadence_is_one_sentence(text: str, expected: str) -> None:
    with pytest.raises(CadenceError) as err:
        parse_cadence(text, base=ROOT)
    assert expected in str(err.value) and "\n" not in str(err.value)


def test_a_cadence_file_names_its_scripts_relative_to_itself(tmp_path: Path) -> None:
    (tmp_path / "s.txt").write_text("title: Mine\n---\nHi {prospect}, it's {name}, {phone}.\n", encoding="utf-8")
    (tmp_path / "c.toml").write_text("[[attempt]]\nday = 1\ntopic = 'prices'\nscript = 's.txt'\n", encoding="utf-8")
    series = load_cadence(tmp_path / "c.toml")
    assert series.name == "c" and series.attempt(1).title == "Mine" and series.attempt(1).source == "s.txt"
    (tmp_path / "c.toml").write_text("[[attempt]]\nday = 1\ntopic = 'prices'\nscript = 'gone.txt'\n", encoding="utf-8")
    with pytest.raises(CadenceError, match="attempt 1: "):
        load_cadence(tmp_path / "c.toml")
    with pytest.raises(CadenceError, match="attempts 1 to 1, not 2"):
        series.attempt(2)


def test_a_topic_counts_only_when_all_its_telling_words_are_heard_close_together() -> None:
    from voicecoach.core.topics import find_topic, later_topics_heard, telling_words

    topic = "a cash offer from a buyer I work with"
    assert telling_words(topic, ["hi there"]) == ("cash", "offer", "buyer", "work")
    assert telling_words(topic, ["a buyer I work with"]) == ("cash", "offer")  # the own script's words never count
    assert telling_words("the best month to list", ["the best month to list"]) == ()
    said = ["we", "could", "make", "you", "an", "offer"]  # one stray word of the topic is not bringing it up
    assert find_topic(said, telling_words(topic, [])) == ()
    far = ("cash " + "word " * 20 + "offer buyer work").split()
    assert find_topic(far, telling_words(topic, [])) == ()  # its words far apart are not the topic either
    near = ["a", "buyer", "i", "work", "with", "has", "cash", "and", "could", "make", "an", "offer"]
    assert find_topic(near, telling_words(topic, [])) == (1, 3, 6, 11)
    assert later_topics_heard(near, 4, [(4, topic)], []) == []  # the take's own attempt
    assert later_topics_heard(near, 5, [(4, topic)], []) == []  # an earlier attempt: referring back
    assert [h.attempt for h in later_topics_heard(near, 2, [(4, topic)], [])] == [4]


def _one_attempt(folder: Path, script: str) -> Path:
    path = folder / "c.toml"
    path.write_text(f"name = 'x'\n[[attempt]]\nday = 1\ntopic = 'prices'\nscript = '{script}'\n", encoding="utf-8")
    return path


def test_a_script_outside_the_cadences_folder_is_refused(tmp_path: Path) -> None:
    """A shared cadence must not read the rep's other files into the app (and from there into a team folder):
    its scripts stay inside its own folder, whether by ../ or through a symlink."""
    (tmp_path / "private.txt").write_text("Hi {prospect}, it's {name}, {phone}.\n", encoding="utf-8")
    inner = tmp_path / "shared"
    inner.mkdir()
    (inner / "link.txt").symlink_to(tmp_path / "private.txt")
    (inner / "loop.txt").symlink_to(inner / "loop.txt")
    for script in ("../private.txt", "link.txt", "sub/../../private.txt"):
        with pytest.raises(CadenceError, match="outside the cadence's folder") as err:
            load_cadence(_one_attempt(inner, script))
        assert "\n" not in str(err.value)
    with pytest.raises(CadenceError, match="attempt 1: "):
        load_cadence(_one_attempt(inner, "loop.txt"))
    (inner / "mine").mkdir()
    (inner / "mine" / "s.txt").write_text("Hi {prospect}, it's {name}, {phone}.\n", encoding="utf-8")
    assert load_cadence(_one_attempt(inner, "mine/../mine/s.txt")).attempt(1).source == "mine/../mine/s.txt"


def test_the_samples_may_name_the_shipped_scripts_and_only_those(tmp_path: Path) -> None:
    from voicecoach.storage.cadence_files import find_cadence

    assert find_cadence(str(ROOT / "assets" / "cadences" / "cold-series.toml")).cadence is not None
    with pytest.raises(CadenceError, match="outside the cadence's folder"):
        load_cadence(ROOT / "assets" / "cadences" / "cold-series.toml")  # without the shipped scripts' folder


def test_a_script_that_is_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(CadenceError, match=r"attempt 1: .*not a regular file"):
        load_cadence(_one_attempt(tmp_path, "pipe.txt"))


def test_a_huge_value_is_named_in_a_short_line() -> None:
    text = "name = 'x'\n[[attempt]]\nday = '" + "9" * 50_000 + "'\ntopic = 't'\ntext = 'Hi'\n"
    with pytest.raises(CadenceError, match="day must be a whole number") as err:
        parse_cadence(text)
    assert len(str(err.value)) < 300
