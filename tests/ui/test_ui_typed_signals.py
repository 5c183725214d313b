"""Messages carry a ``Level`` whatever a call site passes, and the speech model's state is a ``ModelState``."""

from __future__ import annotations

from typing import Any

import pytest

from voicecoach.ui.context import Level, Message
from voicecoach.ui.model_service import ModelState


def test_a_message_level_is_an_enum_and_its_string_still_works(make_app: Any) -> None:
    app = make_app()
    got: list[Message] = []
    app.ctx.message_posted.connect(got.append)
    app.ctx.post("The folder is read-only", "warning", key="levels")
    app.ctx.post("Judged again", Level.INFO)
    assert [m.level for m in got] == [Level.WARNING, Level.INFO]
    assert got[0].level == "warning"  # call sites that still compare strings keep working
    banner = app.window.banners.banner("levels")
    assert banner is not None and banner.property("level") == "warning"  # what the style sheet selects on
    app.ctx.clear("levels")
    assert got[-1].level is Level.CLEAR
    assert app.window.banners.banner("levels") is None


def test_an_unknown_level_is_refused_where_it_is_posted(make_app: Any) -> None:
    app = make_app()
    with pytest.raises(ValueError):
        app.ctx.post("Loud", "shout")


def test_the_model_state_signal_carries_the_enum(qtbot: Any, make_app: Any) -> None:
    app = make_app(model=False, start=False)
    seen: list[object] = []
    app.ctx.model.state_changed.connect(seen.append)
    app.startup.start()
    qtbot.waitUntil(lambda: app.ctx.model.state is ModelState.MISSING, timeout=5000)
    assert seen and all(isinstance(s, ModelState) for s in seen)
    assert seen[-1] == "missing"  # receivers that compare strings keep working
