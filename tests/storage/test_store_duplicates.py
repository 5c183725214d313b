"""Entries a rep cannot tell apart: the same rep saved twice is one rep, and no two scripts share a title."""

from __future__ import annotations

from pathlib import Path

from tests.storage.builders import report_dict, transcript_of
from voicecoach.core.profile import Profile
from voicecoach.storage import Store, open_store

DANA = Profile("Dana Whitfield", "Northwind Realty", "+1 415-555-0142")


def test_importing_a_rep_whose_number_is_written_differently_merges_with_them(store: Store, tmp_path: Path) -> None:
    home = store.add_profile(DANA)
    with open_store(tmp_path / "other" / "voicecoach.db") as other:
        pid = other.add_profile(Profile("Dana Whitfield", "Northwind Realty", "(415) 555-0142",
                                        email="dana@northwind.example"))
        script = other.add_script("Intro", "Hi there")
        other.save_take(profile_id=pid, script_version_id=script.version_id, transcript=transcript_of("hi there"),
                        report=report_dict(70))
        bundle = other.export_bundle(tmp_path / "dana.zip", pid)
    summary = store.import_bundle(bundle)
    assert summary.profile_id == home and [p.id for p in store.list_profiles()] == [home]
    assert [t.profile_id for t in store.list_takes()] == [home]


def test_a_rep_with_another_number_stays_a_rep_of_their_own(store: Store) -> None:
    first = store.add_profile(DANA)
    second = store.add_profile(Profile("Dana Whitfield", "Northwind Realty", "+1 415-555-0199"))
    assert first != second and len(store.list_profiles()) == 2
    assert store.add_profile(Profile("dana whitfield", "Northwind Realty", "415 555 0142")) == first


def test_new_scripts_get_titles_of_their_own(store: Store) -> None:
    titles = [store.add_script("Expired listing", f"Take {n}").title for n in range(3)]
    assert titles == ["Expired listing", "Expired listing 2", "Expired listing 3"]
    store.delete_script(store.list_scripts("Expired listing 3")[0].id)
    assert store.add_script("Expired listing", "again").title == "Expired listing 3"  # a deleted one's title is free
