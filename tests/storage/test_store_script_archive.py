"""Archiving and deleting a script: out of the library, undoable, and its takes keep their version."""

from __future__ import annotations

from tests.storage.builders import report_dict, transcript_of
from voicecoach.storage import Store


def test_deleting_a_script_keeps_its_takes_and_their_version(store: Store, rep_and_script) -> None:
    profile_id, script = rep_and_script
    take = store.save_take(profile_id=profile_id, script_version_id=script.version_id,
                           transcript=transcript_of("hi there"), report=report_dict())
    store.delete_script(script.id)
    assert store.list_scripts() == [] and store.list_scripts(archived=None) == []
    kept = store.get_take(take.id)
    assert kept.script_version_id == script.version_id
    assert store.get_script_version(kept.script_version_id).text == script.text
    assert store.script_titles()[script.id] == script.title
    restored = store.restore_script(script.id)
    assert not restored.deleted and [s.id for s in store.list_scripts()] == [script.id]


def test_archived_scripts_leave_the_library_until_brought_back(store: Store, rep_and_script) -> None:
    _, script = rep_and_script
    archived = store.archive_script(script.id)
    assert archived.archived and not archived.deleted
    assert store.list_scripts() == []
    assert [s.id for s in store.list_scripts(archived=True)] == [script.id]
    assert [s.id for s in store.list_scripts(archived=None)] == [script.id]
    store.archive_script(script.id, archived=False)
    assert [s.id for s in store.list_scripts()] == [script.id]
    assert store.list_scripts(archived=True) == []
