"""`voicecoach analyze`: score one take (a Vosk transcript, or an audio file to transcribe) headlessly.

Exit 0 whatever is flagged; exit 2 with one line on stderr for input that cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from voicecoach.core.cadence import Cadence
from voicecoach.core.flags import Flag, Severity
from voicecoach.core.inputs import MAX_NAME_CHARS, MAX_TRANSCRIPT_BYTES, check_length, check_regular_file, read_json
from voicecoach.core.judgement import JudgementContext, judgement_for
from voicecoach.core.profile import Profile, load_profile
from voicecoach.core.report import Report, analyze
from voicecoach.core.script import ScriptFile, load_script, plan_tokens
from voicecoach.core.settings import Settings
from voicecoach.core.sound import sound_summary
from voicecoach.core.transcript import Transcript, TranscriptError

__all__ = ["InputError", "format_report", "load_settings", "load_transcript", "register", "run"]

_MARK = {Severity.ERROR: "ERROR", Severity.WARNING: "WARN ", Severity.TIP: "TIP  "}


class InputError(ValueError):
    """Bad input on the command line (printed as one line, exit 2)."""


def register(sub: Any) -> None:
    p = sub.add_parser(
        "analyze",
        help="analyse a take: missing contact info, overrun, rambling and more",
        description="Analyse one voicemail take from a Vosk transcript (or an audio file) and print a report.",
    )
    p.add_argument("audio", nargs="?", metavar="AUDIO", help="audio file to transcribe instead of --transcript")
    p.add_argument("--transcript", "-t", metavar="T.json", help="Vosk result JSON (one object or a list)")
    p.add_argument("--script", "-s", metavar="S.txt", help="planned script (plain text, optional front matter)")
    p.add_argument("--profile", "-p", metavar="P.json", help="your contact details (JSON or TOML)")
    p.add_argument("--limit", type=float, metavar="SECONDS", help="time limit (default: script's, else 30)")
    p.add_argument("--prospect", metavar="NAME", help="prospect's name for the {prospect} placeholder")
    p.add_argument("--referral", metavar="NAME", help="who referred you (default: the script's referral)")
    p.add_argument("--follow-up", action="store_true",
                   help="this is not the first attempt to reach them (default: the script's follow-up field)")
    p.add_argument("--cadence", metavar="FILE", help="a cadence (.toml file or name): the attempt's script, "
                   "topic and follow-up rule come from it (docs/cadences.md)")
    p.add_argument("--attempt", type=int, metavar="N", help="which attempt of --cadence this take is (1, 2, …)")
    p.add_argument("--settings", metavar="S.json", help="JSON file overriding thresholds")
    p.add_argument("--model", metavar="DIR", help="Vosk model folder (for AUDIO)")
    p.add_argument("--save", action="store_true", help="save the take and its report to your history")
    p.add_argument("--json", action="store_true", help="print exactly one JSON object")
    p.set_defaults(func=run)


def _cadence_of(args: argparse.Namespace) -> Cadence | None:
    """The cadence of ``--cadence``/``--attempt`` (both or neither), checked to have that attempt."""
    if args.cadence is None and args.attempt is None:
        return None
    if args.cadence is None or args.attempt is None:
        raise InputError("--cadence and --attempt go together: which cadence, and which attempt of it")
    from voicecoach.storage.cadence_files import find_cadence

    found = find_cadence(args.cadence)
    if found.cadence is None:
        raise InputError(found.problem or f"cannot read {found.path}")
    found.cadence.attempt(args.attempt)
    return found.cadence


def load_transcript(path: str) -> Transcript:
    data = read_json(path, "transcript", MAX_TRANSCRIPT_BYTES)
    try:
        return Transcript.from_vosk(data)
    except TranscriptError as exc:
        raise InputError(f"transcript {path}: {exc}") from None


def load_settings(path: str | None) -> Settings:
    if not path:
        return Settings()
    data = read_json(path, "settings")
    try:
        return Settings.from_dict(data, strict=True)
    except ValueError as exc:
        raise InputError(f"settings {path}: {exc}") from None


def _transcribe(audio: str, model_dir: str | None, plan: list[str]) -> tuple[Transcript, Any]:
    """The transcript and the loaded speech model (for what its vocabulary can print).

    With a script, a second decode limited to its words runs alongside (``plan``), so a failed
    recognition is told apart from a rep who went off-script.
    """
    # The Vosk adapter is imported only when audio is given.
    from voicecoach.asr.audio_files import audio_to_analyse
    from voicecoach.asr.model_locator import ModelError, find_model
    from voicecoach.asr.recognizer import load_speech_model
    from voicecoach.asr.transcribe import transcribe_file

    check_regular_file(audio, "audio")
    audio_to_analyse(audio)  # an unreadable or too long file fails (one line) before the model is loaded
    try:
        model = load_speech_model(find_model(model_dir))
    except ModelError as exc:  # not a ValueError: say what to do in one line instead of a traceback
        raise InputError(str(exc)) from None
    return transcribe_file(audio, model, plan=plan or None), model


def _measure(audio: str) -> Any:
    """Pitch, loudness and held vowels of the file (numpy and pyworld, imported only with audio)."""
    from voicecoach.asr.sound_file import measure_file

    return measure_file(audio)


def _check_args(args: argparse.Namespace) -> None:
    if args.audio and args.transcript:
        raise InputError("give either an AUDIO file or --transcript, not both")
    if not args.audio and not args.transcript:
        raise InputError("nothing to analyse: give an AUDIO file or --transcript T.json")
    if args.limit is not None and not 0 < args.limit <= 600:
        raise InputError("--limit must be between 0 and 600 seconds")
    for option, value in (("--prospect", args.prospect), ("--referral", args.referral)):
        check_length(value or "", f"{option} name", MAX_NAME_CHARS)


def run(args: argparse.Namespace) -> int:
    _check_args(args)
    settings = load_settings(args.settings)
    profile: Profile | None = load_profile(args.profile) if args.profile else None
    cadence = _cadence_of(args)
    script: ScriptFile | None = load_script(args.script) if args.script else None
    if script is None and cadence is not None:
        script = cadence.attempt(args.attempt).script
    model = None
    signals = None
    if args.audio:
        words = judgement_for(script=script, profile=profile, prospect=args.prospect, referral=args.referral)
        plan = plan_tokens(words.script_text) if words.script_text else []
        transcript, model = _transcribe(args.audio, args.model, plan)
        signals = _measure(args.audio)
    else:
        transcript = load_transcript(args.transcript)
    judgement = judgement_for(
        script=script, profile=profile, settings=settings, prospect=args.prospect, referral=args.referral,
        time_limit=args.limit, follow_up=True if args.follow_up else None,
        knows=model.knows if model is not None else None, model=model.path.name if model is not None else None,
        cadence=cadence, attempt=args.attempt)
    report = analyze(transcript, judgement, signals=signals)
    saved_id = None
    if args.save:
        from voicecoach.storage.save import save_analyzed_take

        record = save_analyzed_take(
            profile=profile,
            script_text=script.text if script else None,
            script_title=script.title if script else None,
            transcript=transcript,
            report=report,
            audio_path=Path(args.audio) if args.audio else None,
            judgement=judgement,
        )
        saved_id = record.id
    _print(report, transcript, judgement, saved_id, as_json=args.json)
    return 0


def _print(report: Report, transcript: Transcript, judgement: JudgementContext, saved_id: int | None, *,
           as_json: bool) -> None:
    if as_json:
        out = report.to_dict()
        if judgement.attempt is not None:  # the report's own shape otherwise, as the GUI stores it
            out.update(cadence=judgement.cadence, attempt=judgement.attempt)
        if saved_id is not None:
            out["saved_take_id"] = saved_id
        print(json.dumps(out, ensure_ascii=False))
    else:
        if judgement.attempt is not None:
            print(f"{judgement.cadence}, attempt {judgement.attempt}: {judgement.topic}")
        print(format_report(report, transcript))
        if saved_id is not None:
            print(f"saved take {saved_id}")
    sys.stdout.flush()


def _evidence_lines(flag: Flag, transcript: Transcript | None, limit: int = 3) -> list[str]:
    lines = []
    for ev in flag.evidence[:limit]:
        when = f"{ev.start:.1f}–{ev.end:.1f} s" if ev.start is not None and ev.end is not None else ""
        said = ""
        if transcript is not None and ev.word_indexes:
            words = [transcript.words[i].word for i in ev.word_indexes if 0 <= i < len(transcript.words)]
            said = f"“{' '.join(words[:12])}{' …' if len(words) > 12 else ''}”"
        label = f"({ev.label})" if ev.label else ""
        lines.append("        " + "  ".join(x for x in (when, said, label) if x))
    if len(flag.evidence) > limit:
        lines.append(f"        … and {len(flag.evidence) - limit} more")
    return lines


def _contact_line(contact: dict[str, Any]) -> str:
    parts = []
    for key in ("name", "company", "number", "website", "email"):
        said = contact.get(key)
        if said is None:
            continue
        text = f"{key} {'yes' if said else 'no'}"
        if key == "number" and said and contact.get("number_mentions", 0) > 1:
            text += f" ({contact['number_mentions']}×)"
        elif key == "number" and not said and contact.get("number_heard_digits"):
            text += f" ({contact['number_heard_digits']} of {contact.get('number_total_digits')} digits)"
        parts.append(text)
    return "Heard: " + ", ".join(parts) if parts else ""


def _sound_lines(m: dict[str, Any] | Any, *, heard: bool = True) -> list[str]:
    """What the recording showed, or that the sound checks needed it, and where the reason for calling starts
    (only when the words were heard: the hook is found in them)."""
    line = sound_summary(m, heard=heard)
    if m.get("audio_analysed") is False:
        hook = m.get("hook_seconds") if heard else None
        return [line] + ([f"Reason for calling starts {hook:.1f} s in."] if hook is not None else [])
    return [f"Sound: {line}"] if line else []


def format_report(report: Report, transcript: Transcript | None = None) -> str:
    """The report as a rep reads it in a terminal, with where each problem is when the words are known."""
    m = report.metrics
    verdict = report.verdict
    unverified = ("" if verdict.heard or not report.words
                  else " (not verified: worked out from words I couldn't hear reliably)")
    lines = [
        f"{verdict.label} — {'; '.join(verdict.reasons)}",
        verdict.explain(report.score),
        f"{report.speech_seconds:.1f} s, {report.words} words, {report.wpm:.0f} words per minute "
        f"(limit {m.get('time_limit', 30):g} s){unverified}",
        f"Fillers {m.get('filler_count', 0)}, restarts {m.get('restarts', 0)}, "
        f"longest pause {m.get('longest_pause', 0):.1f} s{unverified}",
    ]
    contact = _contact_line(m.get("contact") or {})
    if contact:
        lines.append(contact)
    if m.get("script_coverage") is not None:
        lines.append(f"Script coverage {m['script_coverage']:.0%}, words not in the script {m['unplanned_share']:.0%}")
    lines += _sound_lines(m, heard=verdict.heard)
    lines.append("")
    if not report.flags:
        lines.append("No problems found. Nice take.")
    for f in report.flags:
        lines.append(f"{_MARK[f.severity]} [{f.code}] {f.message}")
        lines += _evidence_lines(f, transcript)
    deductions = [d for d in report.score_breakdown.get("deductions", []) if d.get("points")]
    if not verdict.heard:
        pass  # no score to explain: the second line says why
    elif deductions:
        parts = ", ".join(f"{d['code']} -{d['points']}" for d in deductions)
        lines += ["", f"Score: 100 - {parts} = {report.score}"]
    elif report.score_breakdown.get("note"):
        lines += ["", f"Score: {report.score_breakdown['note']}"]
    return "\n".join(lines)
