"""The coach's session report: goals and whether they were met, each take in the rep's words, the
transcript with highlights and notes at their times, first versus latest, trend charts, print CSS."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.storage.builders import ANN, report_dict, transcript_of
from voicecoach.storage import Store
from voicecoach.storage.session_html import chart_svg

HOSTILE = "<img src=x onerror=alert(1)> & 'quotes'"


def _flag(code: str, severity: str, message: str, words: list[int]) -> dict:
    return {"code": code, "severity": severity, "message": message, "details": {},
            "evidence": [{"word_indexes": words, "start": None, "end": None, "label": ""}]}


def _session(store: Store) -> tuple[int, list]:
    pid = store.add_profile(ANN)
    script = store.add_script("Roof opener", "Hi {prospect}, it's {name} at {company}, {phone}.")
    other = store.add_script("Other script", "Hello there, {name}.")
    earlier = datetime.now(UTC) - timedelta(days=2)
    store.save_take(profile_id=pid, script_version_id=other.version_id, transcript=transcript_of("hello there"),
                    report=report_dict(40), started_at=earlier)
    store.save_take(profile_id=pid, script_version_id=script.version_id, transcript=transcript_of("hi um hi"),
                    started_at=earlier + timedelta(minutes=5),
                    report={**report_dict(52), "flags": [_flag("missing_contact_info", "error",
                                                               "Your callback number was not heard.", [])]})
    session = store.start_session(pid, goals=f"Say the number twice; under 25 s\n{HOSTILE}")
    takes = []
    for text, score in (("hi it's ann at acme um roofing", 72.0), ("hi it's ann at acme roofing", 91.0)):
        report = {**report_dict(score), "flags": [_flag("rambling", "warning", f"You said “um” {HOSTILE}.", [5])]}
        takes.append(store.save_take(profile_id=pid, script_version_id=script.version_id,
                                     transcript=transcript_of(text), report=report))
    store.add_note(takes[0].id, f"Slow down {HOSTILE}", at_seconds=0.9, session_id=session.id)
    store.end_session(session.id)
    store.set_goal_results(session.id, {"Say the number twice": True, "under 25 s": False})
    return session.id, takes


def test_the_report_a_coach_sends(store: Store, tmp_path: Path) -> None:
    sid, _ = _session(store)
    page = store.export_session_html(sid, tmp_path / "s.html").read_text(encoding="utf-8")
    assert "✓ Met</td><td>Say the number twice" in page and "✗ Not met yet</td><td>under 25 s" in page
    assert "Not assessed" in page  # the third goal was not judged
    assert "You said “um”" in page and "rambling (" not in page and "missing_contact_info" not in page
    assert "Rambling: fillers, restarts or drifting off the script" in page  # common issues in plain words
    assert page.count("<section class=take ") == 2  # both session takes, notes or not
    assert re.search(r"<mark class=warning title='You said “um”[^']*'>um</mark>", page)
    assert "[0:00 coach: Slow down" in page  # the note sits in the transcript at its time
    assert " 1 days" not in page and "days of practice" in page
    assert page.count("<svg ") == 3 and "<polyline" in page
    assert "@media print" in page and "break-inside: avoid" in page
    assert "First: attempt 1" in page and "Latest: attempt 3" in page  # same script, not the other one
    assert "Other script" not in page.split("First versus latest")[1].split("Takes in this session")[0]


def test_everything_typed_or_heard_is_escaped(store: Store, tmp_path: Path) -> None:
    sid, _ = _session(store)
    page = store.export_session_html(sid, tmp_path / "s.html").read_text(encoding="utf-8")
    assert "<img" not in page and "onerror=alert" not in page.replace("&lt;img src=x onerror=alert(1)&gt;", "")
    assert "http" not in page and "src=" not in page.replace("&lt;img src=x", "")


def test_chart_axis_labels_differ_and_silent_takes_stay_off_the_charts(store: Store) -> None:
    svg = chart_svg("Fillers", [0.2, 1.3, 0.6], "per 100 words")
    labels = re.findall(r"text-anchor='end' class='cl'>([^<]+)<", svg)
    assert len(labels) == len(set(labels)) >= 3
    sid, _ = _session(store)
    pid = store.get_session(sid).profile_id
    script = store.list_scripts()[0]
    store.save_take(profile_id=pid, script_version_id=script.version_id, transcript=transcript_of(""),
                    report=report_dict(0, seconds=0.0))
    report = store.session_report(sid)
    assert all(p.speech_seconds > 0 for p in report.trend) and len(report.trend) == 4


def test_goal_results_travel_in_a_bundle(store: Store, tmp_path: Path) -> None:
    from voicecoach.storage import open_store

    sid, _ = _session(store)
    pid = store.get_session(sid).profile_id
    bundle = store.export_bundle(tmp_path / "ann.zip", pid)
    with open_store(tmp_path / "coach" / "voicecoach.db") as coach:
        coach.import_bundle(bundle)
        [session] = coach.list_sessions()
        assert session.goal_met("Say the number twice") is True and session.goal_met("under 25 s") is False


def test_each_take_shows_its_stored_verdict_and_a_take_nobody_heard_is_no_result(store: Store,
                                                                                   tmp_path: Path) -> None:
    sid, takes = _session(store)
    pid = store.get_session(sid).profile_id
    script = store.get_script_version(takes[0].script_version_id)
    unheard = store.save_take(
        profile_id=pid, script_version_id=script.version_id, transcript=transcript_of("hi it's ann at acme"),
        report={**report_dict(100, wpm=195.0), "flags": [_flag("recognition_unreliable", "error",
                                                              "I couldn't hear this take reliably.", [])]})
    store.add_note(unheard.id, "Check the microphone", session_id=sid)
    report = store.session_report(sid)
    verdicts = {t.id: t.verdict for t in report.takes}
    assert verdicts[takes[1].id].value == store.get_take(takes[1].id).verdict == "not_yet"
    assert verdicts[unheard.id].value == "couldnt_hear"
    assert report.latest is not None and report.latest.id == takes[1].id, "first vs latest leave it out"
    assert unheard.id not in {p.take_id for p in report.trend}
    page = store.export_session_html(sid, tmp_path / "s.html").read_text(encoding="utf-8")
    section = page.split(f"id=take-{unheard.id}>")[1].split("</section>")[0]
    assert "Couldn&#x27;t hear you" in section and "score" not in section.split("</p>")[0].lower().replace(
        "no score", "")
    assert "195" not in section and "pace not verified" in section
    mine = page.split(f"id=take-{takes[1].id}>")[1].split("</section>")[0]
    assert "<b>Not yet</b> — Rambling" in mine and "score <b>91</b>" in mine
    assert "<b>Must fix:</b> You said" in mine, "rambling holds a take back, so it is not merely worth fixing"
    assert "Personal best score: 91." in page


def test_a_hostile_flag_severity_cannot_add_attributes(store: Store, tmp_path: Path) -> None:
    """A pulled take's report is someone else's file: its severity lands in a class attribute, so it is one of
    the known classes or none, never raw text that could add an event handler."""
    from html.parser import HTMLParser

    pid = store.add_profile(ANN)
    script = store.add_script("Roof opener", "Hi {prospect}, it's {name}.")
    session = store.start_session(pid, goals="Say the number")
    hostile = ["x onclick=alert(1)", "warning' onmouseover='alert(2)", 'tip" autofocus onfocus="alert(3)']
    flags = [_flag("rambling", sev, f"Flag {n}", [0]) for n, sev in enumerate(hostile)]
    store.save_take(profile_id=pid, script_version_id=script.version_id, transcript=transcript_of("hi there"),
                    report={**report_dict(50), "flags": flags})
    store.end_session(session.id)
    page = store.export_session_html(session.id, tmp_path / "s.html").read_text(encoding="utf-8")

    found: list[tuple[str, str, str | None]] = []

    class Attributes(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.extend((tag, name, value) for name, value in attrs)

    Attributes().feed(page)
    names = {name for _, name, _ in found}
    assert not {n for n in names if n.startswith("on")} and "autofocus" not in names
    classes = {value for tag, name, value in found if name == "class" and tag in ("mark", "li")}
    assert classes <= {"error", "warning", "tip", "flag"}
    assert page.count("Flag ") >= 3  # every flag is still listed, in plain words
