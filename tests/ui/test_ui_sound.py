"""What the recording showed, in the views: filled pauses in the transcript and on the waveform, the sound
line of the report (also in the compact coach panels), the pitch-range chart in Progress, and the exports."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from tests.ui.uihelpers import data_profile, data_take
from voicecoach.core.report import analyze
from voicecoach.core.script import fill_placeholders
from voicecoach.core.sound import NEEDS_AUDIO, SoundSignals, SteadyStretch
from voicecoach.core.transcript import Transcript, Word
from voicecoach.ui.widgets.report_panel import ReportPanel


def _signals(transcript: Transcript, *, pitch: float, held: list[tuple[float, float]]) -> SoundSignals:
    duration = transcript.words[-1].end + 1.0
    n = int(duration / 0.01) + 1
    return SoundSignals(duration=duration, frame_seconds=0.01, level_db=(-24.0,) * n, voiced=(True,) * n,
                        voiced_seconds=n * 0.01, pitch_range_semitones=pitch, median_f0_hz=120.0,
                        steady=tuple(SteadyStretch(a, b, 110.0, 0.5) for a, b in held))


def _with_gap(transcript: Transcript, after: int, seconds: float) -> Transcript:
    """The take with a silence of ``seconds`` opened after word ``after`` (for a held "uhh" to sit in)."""
    words = [w if i <= after else Word(w.word, w.start + seconds, w.end + seconds, w.conf)
             for i, w in enumerate(transcript.words)]
    return Transcript.from_words(words)


def _sound_report(name: str = "clean", pitch: float = 7.5) -> tuple[Transcript, Any]:
    transcript = _with_gap(data_take(name), 10, 0.6)
    gap = transcript.words[10].end + 0.05
    sig = _signals(transcript, pitch=pitch, held=[(gap, gap + 0.45)])
    return transcript, analyze(transcript, profile=data_profile(), signals=sig)


def test_filled_pause_shows_between_the_words_and_on_the_waveform(qtbot: Any, tmp_path: Path) -> None:
    transcript, report = _sound_report()
    assert len(report.metrics["filled_pauses"]) == 1
    panel = ReportPanel()
    qtbot.addWidget(panel)
    panel.show_report(transcript, report)
    (held,) = panel.transcript_view.filled_pauses
    assert held.after_index == 10 and held.word_index is None
    assert "uhh" in panel.transcript_view.toPlainText()
    assert [m.code for m in panel.view.markers].count("filled_pause") == 1
    sought: list[float] = []
    panel.player.seek = lambda s, play=False: sought.append(s)  # type: ignore[method-assign]
    panel.transcript_view.time_clicked.emit(held.start)
    assert sought == [held.start]
    text = panel.fact_labels["sound"].text()
    assert "1 held “uhh”" in text and "pitch range 7.5 semitones" in text and "reason for calling" in text


def test_transcript_alone_says_the_sound_was_not_checked(qtbot: Any) -> None:
    take = data_take("clean")
    report = analyze(take, profile=data_profile())
    panel = ReportPanel(compact=True)
    qtbot.addWidget(panel)
    panel.show_report(take, report)
    assert panel.fact_labels["sound"].text() == NEEDS_AUDIO
    assert panel.transcript_view.filled_pauses == ()


def _seed_sound_takes(app: Any, qtbot: Any) -> list[Any]:
    def job(store: Any) -> list[Any]:
        script = store.list_scripts()[0]
        text = fill_placeholders(script.text, data_profile())
        out = []
        for pitch in (2.5, 5.0, 8.0):
            transcript, _ = _sound_report(pitch=pitch)
            gap = transcript.words[10].end + 0.05
            sig = _signals(transcript, pitch=pitch, held=[(gap, gap + 0.45)])
            report = analyze(transcript, script=text, profile=data_profile(), time_limit=30, signals=sig)
            out.append(store.save_take(profile_id=1, script_version_id=script.version_id, transcript=transcript,
                                       report=report))
        out.append(store.save_take(profile_id=1, script_version_id=script.version_id,
                                   transcript=data_take("clean"),
                                   report=analyze(data_take("clean"), script=text, profile=data_profile())))
        return out

    records = app.store_call(qtbot, job)
    app.ctx.takes_changed.emit()
    return records


def test_progress_charts_pitch_range_and_fillers_with_held_pauses(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    _seed_sound_takes(app, qtbot)
    app.window.go_to(2)
    view = app.window.progress
    qtbot.waitUntil(lambda: view.model.rowCount() == 4, timeout=5000)
    assert view.charts["pitch"].values == [2.5, 5.0, 8.0]  # the transcript-only take has no pitch
    assert all(v > 0 for v in view.charts["fillers"].values[:3])  # the held "uhh" counts as a filler


def test_progress_leaves_out_a_pitch_range_too_short_to_check(qtbot: Any, make_app: Any) -> None:
    """A take with too little voice says "pitch range not verified": its figure is not on the chart either.
    A report saved before the check existed (no ``pitch_range_checked``) keeps its point as before."""
    app = make_app()

    def job(store: Any) -> None:
        script = store.list_scripts()[0]
        text = fill_placeholders(script.text, data_profile())
        transcript, _ = _sound_report()
        long = _signals(transcript, pitch=6.0, held=[])
        short, older = (replace(_signals(transcript, pitch=p, held=[]), voiced_seconds=2.0) for p in (3.0, 4.0))
        saved = [store.save_take(profile_id=1, script_version_id=script.version_id, transcript=transcript,
                                 report=analyze(transcript, script=text, profile=data_profile(), signals=sig))
                 for sig in (long, short, older)]
        assert [r.report.metrics["pitch_range_checked"] for r in saved] == [True, False, False]
        store.query("UPDATE takes SET report = json_remove(report, '$.metrics.pitch_range_checked') WHERE id = ?",
                    [saved[2].id])  # as saved before the check existed

    app.store_call(qtbot, job)
    app.ctx.takes_changed.emit()
    app.window.go_to(2)
    view = app.window.progress
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=5000)
    assert view.charts["pitch"].values == [6.0, 4.0]  # the chart skips a take without a figure


def test_coach_compare_and_exports_carry_the_sound(qtbot: Any, make_app: Any, tmp_path: Path) -> None:
    app = make_app()
    flat, _, lively, _ = _seed_sound_takes(app, qtbot)
    app.window.go_to(3)
    coach = app.window.coach
    qtbot.waitUntil(lambda: coach.take_list.count() == 4, timeout=5000)
    coach.toggle_session()
    qtbot.waitUntil(lambda: app.ctx.session_id is not None, timeout=5000)
    coach.compare([flat.id, lively.id])
    qtbot.waitUntil(lambda: coach.panels[1].badge.score == lively.score, timeout=5000)
    assert "pitch range 2.5" in coach.panels[0].fact_labels["sound"].text()
    assert "monotone" in coach.panels[0].flag_list.codes()
    assert "pitch range 8.0" in coach.panels[1].fact_labels["sound"].text()
    coach.add_note(flat.id, "Let the pitch move", 3.0)  # discussed in the session: it goes in its report
    qtbot.waitUntil(lambda: coach.notes_list.count() == 1, timeout=5000)
    session_id = app.ctx.session_id
    coach.toggle_session()
    qtbot.waitUntil(lambda: app.ctx.session_id is None, timeout=5000)
    coach.export_session_to(session_id, tmp_path / "session.html")
    qtbot.waitUntil(lambda: (tmp_path / "session.html").exists(), timeout=5000)
    assert "pitch range 2.5 semitones" in (tmp_path / "session.html").read_text(encoding="utf-8")

    app.store_call(qtbot, lambda s: s.export_csv(tmp_path / "takes.csv", profile_id=1))
    rows = list(csv.DictReader((tmp_path / "takes.csv").open(encoding="utf-8")))
    assert [r["pitch_range_semitones"] for r in rows] == ["2.5", "5.0", "8.0", ""]
    assert [r["filled_pauses"] for r in rows] == ["1", "1", "1", ""]
    app.store_call(qtbot, lambda s: s.export_json(tmp_path / "takes.json", profile_id=1))
    takes = json.loads((tmp_path / "takes.json").read_text(encoding="utf-8"))["takes"]
    assert len(takes[0]["report"]["metrics"]["filled_pauses"]) == 1
    assert takes[3]["report"]["metrics"]["audio_analysed"] is False


def test_settings_tune_the_hook_and_the_flat_voice_thresholds(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    app.window.go_to(4)
    view = app.window.settings
    view.load_values()
    assert view.hook_spin.value() == 6.0 and view.monotone_spin.value() == 4.0
    view.hook_spin.setValue(12.0)
    view.monotone_spin.setValue(3.0)
    view.apply()
    assert app.ctx.settings.hook_max_seconds == 12.0 and app.ctx.settings.monotone_semitones == 3.0
