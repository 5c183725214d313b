"""The traps a new user fell into (issue 14): each test fails on the version that had the trap."""

from __future__ import annotations

from typing import Any

from tests.ui.test_ui_views import seed_takes


def test_ctrl_n_never_loads_an_existing_script_into_the_new_one(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    app.window.new_script()  # Ctrl+N: Scripts opens and its library loads in the background
    view = app.window.scripts
    qtbot.waitUntil(lambda: view.list.count() == 1, timeout=5000)
    assert view.current is None
    assert view.editor.toPlainText() == "" and view.title_edit.text() == ""
    view.title_edit.setText("Brand new")
    view.editor.setPlainText("Hi {prospect}, it's {first_name} at {company}, {phone}.")
    view.save()
    qtbot.waitUntil(lambda: view.list.count() == 2, timeout=5000)
    titles = sorted(s.title for s in app.store_call(qtbot, lambda s: s.list_scripts()))
    assert titles == ["Brand new", "Expired listing"]


def _open_scripts(app: Any, qtbot: Any) -> Any:
    app.window.go_to(1)
    view = app.window.scripts
    qtbot.waitUntil(lambda: view.list.count() >= 1 and view.current is not None, timeout=5000)
    return view


def test_deleting_a_script_keeps_its_takes_and_can_be_undone(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    takes = seed_takes(app, qtbot, ("clean", "missing_number"))
    view = _open_scripts(app, qtbot)
    script = view.current
    view.delete_button.click()
    qtbot.waitUntil(lambda: view.list.count() == 0, timeout=5000)
    qtbot.waitUntil(lambda: app.window.practice.script_combo.count() == 0, timeout=5000)
    for take in takes:  # the takes are still there, pointing at the version they were judged against
        kept = app.store_call(qtbot, lambda s, t=take: s.get_take(t.id))
        assert not kept.trashed and kept.script_version_id == script.version_id
    banner = app.window.banners.banner("script-delete")
    assert banner is not None and "Undo" in [b.text() for b in banner.buttons]
    banner.buttons[0].click()
    qtbot.waitUntil(lambda: view.list.count() == 1, timeout=5000)
    qtbot.waitUntil(lambda: app.window.practice.script_combo.count() == 1, timeout=5000)


def test_archived_script_leaves_practice_and_comes_back(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    view = _open_scripts(app, qtbot)
    view.archive_button.click()
    qtbot.waitUntil(lambda: app.window.practice.script_combo.count() == 0, timeout=5000)
    assert view.list.count() == 0
    view.show_archived.setChecked(True)
    qtbot.waitUntil(lambda: view.list.count() == 1, timeout=5000)
    view.list.setCurrentRow(0)
    assert view.archive_button.text() == "Restore"
    view.archive_button.click()
    qtbot.waitUntil(lambda: app.window.practice.script_combo.count() == 1, timeout=5000)
