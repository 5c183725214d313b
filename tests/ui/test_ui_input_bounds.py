"""The GUI holds to the same input bounds as the core: said in a sentence, never a frozen window."""

from __future__ import annotations

from typing import Any

from voicecoach.core.inputs import MAX_NAME_CHARS, MAX_SCRIPT_CHARS


def test_a_script_beyond_the_bound_is_not_saved_and_the_live_check_says_why(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    view = app.window.scripts
    view.new_script()
    view.title_edit.setText("Far too long")
    view.editor.setPlainText("Hi there, call me back. " * (MAX_SCRIPT_CHARS // 24 + 1))
    qtbot.waitUntil(lambda: "characters long" in view.estimate_label.text(), timeout=5000)
    calls: list[Any] = []
    app.ctx.store.call = lambda *args, **kwargs: calls.append(args)  # type: ignore[method-assign]
    view.save()
    banner = app.window.banners.banner("script")
    assert banner is not None and "Shorten it to save it" in banner.text
    assert calls == []  # refused before anything reached the store


def test_name_fields_stop_at_the_bound(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    app.window.practice.prospect_edit.setText("x" * (MAX_NAME_CHARS + 50))
    app.window.scripts.referral_edit.setText("y" * (MAX_NAME_CHARS + 50))
    assert len(app.window.practice.prospect_edit.text()) == MAX_NAME_CHARS
    assert len(app.window.scripts.referral_edit.text()) == MAX_NAME_CHARS
