"""`voicecoach export`, `import` and `restore-backup`: data in and out of the local database."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from voicecoach.cli._text import shown
from voicecoach.cli.main import CliError
from voicecoach.core.inputs import check_regular_file

__all__ = ["register", "run_export", "run_import", "run_restore"]


def register(sub: Any) -> None:
    p = sub.add_parser("export", help="export takes (CSV, JSON), a rep's bundle, or a session report (HTML)",
                       description="Write takes as CSV or JSON, a rep's portable bundle (zip) for a coach, "
                                   "or a one-on-one session report as one HTML file.")
    p.add_argument("--format", "-f", required=True, choices=("csv", "json", "bundle", "html"))
    p.add_argument("out", metavar="OUT", help="file to write")
    p.add_argument("--profile", metavar="REP", help="only this rep (id or name); bundles default to who practised last")
    p.add_argument("--script", metavar="SCRIPT", help="only this script (csv/json)")
    p.add_argument("--session", type=int, metavar="ID", help="the one-on-one session for --format html")
    p.add_argument("--include-trashed", action="store_true", help="include takes in the trash (csv/json)")
    p.set_defaults(func=run_export)

    p = sub.add_parser("import", help="import a rep's bundle (adds only what is new)",
                       description="Import a bundle made with `export --format bundle`; importing twice adds nothing.")
    p.add_argument("bundle", metavar="BUNDLE", help="the .zip bundle")
    p.set_defaults(func=run_import)

    p = sub.add_parser("restore-backup", help="replace a damaged database with its latest backup",
                       description="Put the newest backup in place of the database; the damaged file is kept aside.")
    p.add_argument("--yes", action="store_true", help="do it (without this, only say what would happen)")
    p.add_argument("--force", action="store_true",
                   help="replace the database even though it is not damaged (it is kept aside too)")
    p.set_defaults(func=run_restore)


def run_export(args: argparse.Namespace) -> int:
    from voicecoach.cli._store import open_for_reading

    out = Path(args.out)
    with open_for_reading() as store:
        if args.format == "html":
            if args.session is None:
                raise CliError("--format html needs --session ID (a coach's one-on-one)")
            store.export_session_html(args.session, out)
            print(f"wrote session report {out}")
            return 0
        if args.format == "bundle":
            rep = store.pick_profile(args.profile)
            store.export_bundle(out, rep.id)
            print(f"wrote bundle of {shown(rep.profile.name)}'s takes to {out}")
            return 0
        profile_id = store.pick_profile(args.profile).id if args.profile else None
        script_id = store.pick_script(args.script).id if args.script else None
        export = store.export_csv if args.format == "csv" else store.export_json
        count = export(out, profile_id=profile_id, script_id=script_id, include_trashed=args.include_trashed)
    print(f"wrote {count} take{'s' if count != 1 else ''} to {out}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from voicecoach.storage import open_store

    bundle = Path(args.bundle)
    if not bundle.exists():
        raise CliError(f"bundle not found: {bundle}")
    check_regular_file(bundle, "bundle")  # a FIFO or a folder: one sentence, never a wait
    with open_store() as store:
        summary = store.import_bundle(bundle)
        name = store.get_profile(summary.profile_id).profile.name
    print(f"imported {shown(name)}: {shown(summary.describe())}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from voicecoach import paths
    from voicecoach.storage import latest_backup, restore_latest_backup
    from voicecoach.storage.health import database_problem

    db = paths.database_path()
    backup = latest_backup(db)
    if backup is None:
        raise CliError(f"no backup of {db} to restore")
    if not args.yes:
        problem = database_problem(db)
        state = f"it is damaged ({problem})" if problem else "it is not damaged, so this also needs --force"
        print(f"would replace {db} with {backup} (the current file is kept aside; {state}); run again with --yes")
        return 0
    used = restore_latest_backup(db, force=args.force)
    print(f"restored {used.name}; the previous file was kept aside as {db.name}.damaged-* or .replaced-*")
    return 0
