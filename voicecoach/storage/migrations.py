"""The schema, as an ordered list of forward-only steps (sqlite-utils ``Migrations``).

Each step runs in its own transaction together with the record that it ran, so a crash mid-migration
leaves the previous schema. ``open_store`` copies the database to ``backups/`` before applying any step
to an existing file, and refuses a database that records steps this version does not know (it was
written by a newer VoiceCoach). ``PRAGMA user_version`` mirrors the number of steps applied, for tools.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from voicecoach.core.verdict import verdict_from_report_dict

__all__ = [
    "PROFILE_IDENTITY",
    "PROGRESS_COLUMNS",
    "SET_NAME",
    "TAKE_COLUMN_ORDER",
    "derive_metrics",
    "known_names",
    "m001_initial",
    "m002_take_metrics",
    "m003_progress_indexes",
    "m004_payload_last",
    "m005_script_archive",
    "m006_one_row_per_rep",
    "m007_team_folder",
    "m008_session_goal_results",
    "m009_take_judgement",
    "m010_take_verdict",
    "m011_take_cadence",
    "m012_note_author",
    "m013_team_note_withdrawals",
    "m014_team_empty_results",
    "m015_team_owners",
    "migrations",
]

SET_NAME = "voicecoach"
migrations = Migrations(SET_NAME)


@migrations(name="m001_initial")
def m001_initial(db: Database) -> None:
    """Reps, versioned scripts, takes, coaching sessions and notes; rows carry UUIDs for bundles."""
    db.table("profiles").create(
        {"id": int, "uuid": str, "name": str, "company": str, "phone": str, "website": str, "email": str,
         "created_at": str, "updated_at": str},
        pk="id", not_null={"uuid", "name", "company", "phone", "created_at", "updated_at"},
    )
    db.table("scripts").create(
        {"id": int, "uuid": str, "title": str, "current_version_id": int, "created_at": str, "updated_at": str},
        pk="id", not_null={"uuid", "title", "created_at", "updated_at"},
    )
    db.table("script_versions").create(
        {"id": int, "uuid": str, "script_id": int, "version": int, "title": str, "text": str,
         "time_limit": float, "referral": str, "created_at": str},
        pk="id", not_null={"uuid", "script_id", "version", "title", "text", "created_at"},
        foreign_keys=[("script_id", "scripts", "id")],
    )
    db.table("takes").create(
        {"id": int, "uuid": str, "profile_id": int, "script_id": int, "script_version_id": int,
         "started_at": str, "audio_path": str, "audio_sha256": str, "speech_seconds": float,
         "score": float, "flag_codes": str, "attempt": int, "transcript": str, "report": str,
         "trashed_at": str, "created_at": str},
        pk="id",
        not_null={"uuid", "profile_id", "script_id", "script_version_id", "started_at", "attempt",
                  "transcript", "report", "created_at"},
        foreign_keys=[("profile_id", "profiles", "id"), ("script_id", "scripts", "id"),
                      ("script_version_id", "script_versions", "id")],
    )
    db.table("sessions").create(
        {"id": int, "uuid": str, "profile_id": int, "started_at": str, "ended_at": str, "goals": str},
        pk="id", not_null={"uuid", "profile_id", "started_at"},
        foreign_keys=[("profile_id", "profiles", "id")],
    )
    db.table("notes").create(
        {"id": int, "uuid": str, "take_id": int, "session_id": int, "text": str, "at_seconds": float,
         "created_at": str},
        pk="id", not_null={"uuid", "take_id", "text", "created_at"},
        foreign_keys=[("take_id", "takes", "id"), ("session_id", "sessions", "id")],
    )
    for table in ("profiles", "scripts", "script_versions", "takes", "sessions", "notes"):
        db.table(table).create_index(["uuid"], unique=True)
    db.table("script_versions").create_index(["script_id", "version"], unique=True)
    db.table("takes").create_index(["profile_id", "script_id", "started_at"])
    db.table("notes").create_index(["take_id"])


@migrations(name="m002_take_metrics")
def m002_take_metrics(db: Database) -> None:
    """Pace, filler rate, word and error counts as columns, and one row per flag, for fast progress queries.

    Backfilled from each take's stored report, so older takes show up in the new charts.
    """
    takes = db.table("takes")
    for column, kind in (("words", int), ("wpm", float), ("filler_rate", float), ("error_count", int)):
        takes.add_column(column, kind)
    db.table("take_flags").create(
        {"take_id": int, "code": str, "severity": str},
        foreign_keys=[("take_id", "takes", "id")], not_null={"take_id", "code"},
    )
    db.table("take_flags").create_index(["take_id"])
    db.table("take_flags").create_index(["code"])
    db.table("takes").create_index(["profile_id", "started_at"])
    rows = db.execute("SELECT id, report FROM takes").fetchall()
    for take_id, report_json in rows:
        try:
            report = json.loads(report_json or "{}")
        except ValueError:
            report = {}
        derived = derive_metrics(report if isinstance(report, dict) else {})
        db.execute(
            "UPDATE takes SET words = ?, wpm = ?, filler_rate = ?, error_count = ? WHERE id = ?",
            [derived["words"], derived["wpm"], derived["filler_rate"], derived["error_count"], take_id],
        )
        db.conn.executemany(
            "INSERT INTO take_flags (take_id, code, severity) VALUES (?, ?, ?)",
            [(take_id, code, severity) for code, severity in derived["flags"]],
        )


# Columns the progress queries read, so they are answered from the index alone: a take's row also holds
# its transcript and report (kilobytes in overflow pages), and the metric columns come after them.
PROGRESS_COLUMNS = ("id", "trashed_at", "attempt", "score", "speech_seconds", "wpm", "filler_rate", "error_count")


@migrations(name="m003_progress_indexes")
def m003_progress_indexes(db: Database) -> None:
    """Covering indexes per rep (by time) and per rep and script (by time) for the progress queries."""
    db.execute("DROP INDEX IF EXISTS idx_takes_profile_id_started_at")
    db.execute("DROP INDEX IF EXISTS idx_takes_profile_id_script_id_started_at")
    takes = db.table("takes")
    takes.create_index(["profile_id", "started_at", *PROGRESS_COLUMNS, "script_id"], index_name="takes_by_rep")
    takes.create_index(["profile_id", "script_id", "started_at", *PROGRESS_COLUMNS], index_name="takes_by_rep_script")
    db.execute("DROP INDEX IF EXISTS idx_take_flags_take_id")
    db.table("take_flags").create_index(["take_id", "code"], index_name="take_flags_by_take")


TAKE_COLUMN_ORDER = (
    "id", "uuid", "profile_id", "script_id", "script_version_id", "started_at", "attempt", "score",
    "speech_seconds", "words", "wpm", "filler_rate", "error_count", "flag_codes", "trashed_at", "audio_path",
    "audio_sha256", "created_at", "transcript", "report",
)


@migrations(name="m004_payload_last")
def m004_payload_last(db: Database) -> None:
    """Rebuild ``takes`` with the transcript and report as the last columns.

    SQLite reads a row's columns in order and keeps what does not fit in the page in overflow pages;
    with the kilobytes of JSON last, listing takes reads only the small columns in front.
    """
    db.table("takes").transform(column_order=list(TAKE_COLUMN_ORDER))


@migrations(name="m005_script_archive")
def m005_script_archive(db: Database) -> None:
    """Scripts can be archived (kept aside, restorable) or deleted (hidden for good).

    Neither removes a row: takes point at the exact script version they were judged against, so a
    deleted script's versions stay for their history.
    """
    db.table("scripts").add_column("archived_at", str)
    db.table("scripts").add_column("deleted_at", str)


# A rep is who their contact details say: the same name, company, phone, website and email are one row.
PROFILE_IDENTITY = "name, company, phone, ifnull(website, ''), ifnull(email, '')"


@migrations(name="m006_one_row_per_rep")
def m006_one_row_per_rep(db: Database) -> None:
    """A unique index on a rep's contact details, so saving the same new rep from two processes adds one row.

    Duplicates that the race made before are merged into the oldest row first: their takes and sessions
    move over, and the merged rep's attempts are renumbered in time order per script.
    """
    pairs = db.execute(
        f"SELECT id, first_value(id) OVER (PARTITION BY {PROFILE_IDENTITY} ORDER BY id) FROM profiles").fetchall()
    merged = {keep for pid, keep in pairs if pid != keep}
    for pid, keep in pairs:
        if pid != keep:
            db.execute("UPDATE takes SET profile_id = ? WHERE profile_id = ?", [keep, pid])
            db.execute("UPDATE sessions SET profile_id = ? WHERE profile_id = ?", [keep, pid])
            db.execute("DELETE FROM profiles WHERE id = ?", [pid])
    for keep in merged:
        db.execute(
            "UPDATE takes SET attempt = (SELECT n FROM (SELECT id, row_number() OVER (PARTITION BY script_id"
            " ORDER BY started_at, id) AS n FROM takes WHERE profile_id = ?) AS ranked WHERE ranked.id = takes.id)"
            " WHERE profile_id = ?", [keep, keep])
    db.execute(f"CREATE UNIQUE INDEX profiles_identity ON profiles ({PROFILE_IDENTITY})")


@migrations(name="m007_team_folder")
def m007_team_folder(db: Database) -> None:
    """A shared team folder: this install's membership, and what was last pulled from each writer.

    ``team_membership`` holds one row (id 1): the folder, the role (rep or coach), this install's stable
    writer id, the rep's own profile and whether audio is published. ``team_writers`` remembers, per rep or
    coach folder, the profile it maps to and the signature of its manifest when it was last read in full,
    so a pull skips folders that did not change.
    """
    db.table("team_membership").create(
        {"id": int, "folder": str, "role": str, "member_id": str, "profile_id": int, "publish_audio": int,
         "joined_at": str, "last_sync_at": str, "last_sync_summary": str},
        pk="id", not_null={"role", "member_id"},
    )
    db.table("team_writers").create(
        {"kind": str, "writer_id": str, "profile_id": int, "signature": str, "pending": int, "pulled_at": str},
        pk=("kind", "writer_id"), not_null={"kind", "writer_id"},
    )


@migrations(name="m008_session_goal_results")
def m008_session_goal_results(db: Database) -> None:
    """Whether each goal of a one-on-one was met, as the coach judged it (JSON: goal -> true/false)."""
    db.table("sessions").add_column("goal_results", str)


@migrations(name="m009_take_judgement")
def m009_take_judgement(db: Database) -> None:
    """Each take keeps what it was judged against, and earlier reports when it is judged again.

    ``takes.judgement`` holds the take's judgement context (JSON); a take saved before this step gets one
    rebuilt from its script version, rep and report, marked ``rebuilt``, and its report gets the view
    (highlights, pauses, markers, the prospect's text) it was shown with. ``takes.judged_at`` is when the
    current report was made by a re-analysis (NULL: when the take was saved); ``take_reports`` keeps the
    reports it replaced. ``script_versions.follow_up`` makes "first call or follow-up" a field of the
    script: a script whose title said "follow" was judged as a follow-up until now, so it starts as one.
    """
    db.table("script_versions").add_column("follow_up", int, not_null_default=0)
    db.execute("UPDATE script_versions SET follow_up = 1 WHERE lower(title) LIKE '%follow%'")
    db.table("takes").add_column("judged_at", str)
    db.table("takes").add_column("judgement", str)
    order = [c for c in db.table("takes").columns_dict if c not in ("judged_at", "transcript", "report", "judgement")]
    db.table("takes").transform(column_order=[*order, "judged_at", "transcript", "report", "judgement"])  # payload last
    db.table("take_reports").create(
        {"id": int, "take_id": int, "report": str, "score": float, "judged_at": str, "replaced_at": str},
        pk="id", foreign_keys=[("take_id", "takes", "id")], not_null={"take_id", "report", "replaced_at"},
    )
    db.table("take_reports").create_index(["take_id"], index_name="take_reports_by_take")
    from voicecoach.storage.judgements import backfill_judgements

    backfill_judgements(db)


@migrations(name="m010_take_verdict")
def m010_take_verdict(db: Database) -> None:
    """Each take keeps its verdict (ready to send, nearly, not yet, couldn't hear you) in ``takes.verdict``.

    Every stored take gets one judged from its stored flags (core ``verdict_from_report_dict``), written into
    the column the progress queries read and into its report, so every view reads the same stored value.
    The covering indexes gain the column, and the payload stays last.
    """
    takes = db.table("takes")
    takes.add_column("verdict", str)
    payload = ("judged_at", "transcript", "report", "judgement")
    order = [c for c in takes.columns_dict if c not in payload]
    takes.transform(column_order=[*order, *payload])
    rows = db.execute("SELECT id, report FROM takes").fetchall()
    for take_id, report_json in rows:
        try:
            report = json.loads(report_json or "{}")
        except ValueError:
            report = None
        verdict = verdict_from_report_dict(report if isinstance(report, dict) else {})
        if isinstance(report, dict):
            report_json = json.dumps({**report, "verdict": verdict.to_dict()}, ensure_ascii=False)
        db.execute("UPDATE takes SET verdict = ?, report = ? WHERE id = ?", [verdict.value, report_json, take_id])
    columns = [*PROGRESS_COLUMNS, "verdict"]
    db.execute("DROP INDEX IF EXISTS takes_by_rep")
    db.execute("DROP INDEX IF EXISTS takes_by_rep_script")
    takes.create_index(["profile_id", "started_at", *columns, "script_id"], index_name="takes_by_rep")
    takes.create_index(["profile_id", "script_id", "started_at", *columns], index_name="takes_by_rep_script")


@migrations(name="m011_take_cadence")
def m011_take_cadence(db: Database) -> None:
    """A take rehearsing one voicemail of a cadence keeps the cadence's name and the attempt number as columns
    (they are also in its judgement), so progress per attempt is an indexed query; payload stays last."""
    takes = db.table("takes")
    takes.add_column("cadence", str)
    takes.add_column("cadence_attempt", int)
    db.execute(
        "UPDATE takes SET cadence = json_extract(judgement, '$.cadence'),"
        " cadence_attempt = json_extract(judgement, '$.attempt')"
        " WHERE json_valid(judgement) AND typeof(json_extract(judgement, '$.cadence')) = 'text'"
        " AND typeof(json_extract(judgement, '$.attempt')) = 'integer'")
    payload = ("judged_at", "transcript", "report", "judgement")
    order = [c for c in takes.columns_dict if c not in payload]
    takes.transform(column_order=[*order, *payload])
    db.execute("CREATE INDEX takes_by_rep_cadence ON takes (profile_id, cadence, cadence_attempt, started_at)"
               " WHERE cadence IS NOT NULL")


@migrations(name="m012_note_author")
def m012_note_author(db: Database) -> None:
    """Who wrote a note: "rep" (on their own take, from Practice or Progress) or "coach" (from Coach); NULL for
    a note written before this step, whose author was not recorded. A rep's own note was shown as the coach's."""
    db.table("notes").add_column("author", str)


@migrations(name="m013_team_note_withdrawals")
def m013_team_note_withdrawals(db: Database) -> None:
    """Which notes were deleted here, so that publishing withdraws those and only those.

    A trigger records the note's UUID whenever a row leaves ``notes`` (deleted by the coach, or with its
    take). A note published earlier that this database merely does not show (an older backup restored, a
    copy that never saw it) is not in ``note_withdrawals`` and stays published.
    """
    db.table("note_withdrawals").create({"uuid": str, "withdrawn_at": str}, pk="uuid")
    db.execute("CREATE TRIGGER notes_withdrawn AFTER DELETE ON notes BEGIN INSERT OR IGNORE INTO note_withdrawals"
               " (uuid, withdrawn_at) VALUES (old.uuid, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')); END")


@migrations(name="m014_team_empty_results")
def m014_team_empty_results(db: Database) -> None:
    """Drop the empty ``{}`` entries that publishing used to leave in a take's transcript (its silent
    stretches and recognition evidence, stripped); they carry nothing, and a transcript holding one cannot
    be opened."""
    rows = db.execute("SELECT id, transcript FROM takes WHERE instr(transcript, '{}') > 0").fetchall()
    for take_id, raw in rows:
        try:
            results = json.loads(raw)
        except ValueError:
            continue
        if isinstance(results, list) and {} in results:
            kept = [r for r in results if r != {}] or [{"text": ""}]
            db.execute("UPDATE takes SET transcript = ? WHERE id = ?", [json.dumps(kept, ensure_ascii=False), take_id])


@migrations(name="m015_team_owners")
def m015_team_owners(db: Database) -> None:
    """Which team folder wrote each record, so that only that folder may change or withdraw it.

    ``team_owned`` maps a pulled take (on a coach's laptop) or a pulled note or session (on a rep's) to the
    writer folder it came from. ``team_writers.profile_uuid`` is the rep profile a folder publishes (a
    second rep publishing under the same folder name, or a folder claiming another's profile, is refused).
    ``team_membership.coach_id`` is the coach a rep takes feedback from.
    """
    db.table("team_owned").create({"kind": str, "uuid": str, "writer_id": str}, pk=("kind", "uuid"),
                            not_null={"kind", "uuid", "writer_id"})
    db.table("team_writers").add_column("profile_uuid", str)
    db.table("team_membership").add_column("coach_id", str)


def known_names() -> list[str]:
    return [m.name for m in migrations._migrations]


def derive_metrics(report: dict[str, Any]) -> dict[str, Any]:
    """The numbers progress charts need, read tolerantly from a report dict of any version."""
    held = report.get("metrics")
    metrics: dict[str, Any] = held if isinstance(held, dict) else {}
    flags = []
    for flag in report.get("flags") or []:
        details = flag.get("details") if isinstance(flag, dict) else None
        if isinstance(details, dict) and details.get("unverified") is True:
            continue  # the recogniser could not tell: not an issue of the rep's to count or chart
        if isinstance(flag, dict) and flag.get("code"):
            flags.append((str(flag["code"]), str(flag.get("severity") or "")))
    return {
        "words": _number(report.get("words"), int) or 0,
        "wpm": _number(report.get("wpm"), float),
        "score": _number(report.get("score"), float),
        "speech_seconds": _number(report.get("speech_seconds"), float),
        "filler_rate": _filler_rate(metrics),
        "flags": flags,
        "error_count": sum(1 for _, severity in flags if severity == "error"),
        "verdict": verdict_from_report_dict(report),
    }


def _filler_rate(metrics: dict[str, Any]) -> float | None:
    for key in ("filler_rate", "fillers_per_minute", "filler_ratio"):
        value = _number(metrics.get(key), float)
        if value is not None:
            return value
    nested = metrics.get("fillers")
    if isinstance(nested, dict):
        return _number(nested.get("rate"), float)
    return None


def _number(value: object, kind: Callable[[Any], float | int]) -> float | int | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, dict):  # e.g. {"value": 12.5}
        value = value.get("value")
    try:
        return kind(value)
    except (TypeError, ValueError):
        return None
