"""The small pieces: timer bar states, prospect text, highlights, banners, shortcuts and the theme."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from tests.ui.uihelpers import data_profile, data_take
from voicecoach.core.checks.context import build_context
from voicecoach.core.flags import Evidence, Flag, Severity
from voicecoach.core.prospect_text import group_digits, prospect_text
from voicecoach.core.take_view import evidence_start, flag_markers, pauses, word_categories
from voicecoach.core.transcript import Transcript, Word
from voicecoach.ui.widgets.timer_bar import TimerBar


def test_timer_bar_turns_amber_near_the_limit_red_past_it_and_warns_early(qtbot: Any) -> None:
    bar = TimerBar()
    qtbot.addWidget(bar)
    bar.set_limit(30)
    bar.set_elapsed(10, projected=28)
    assert bar.state == "ok" and bar.warning_text == ""
    bar.set_elapsed(10, projected=41)
    assert bar.state == "projected_over" and "41 s" in bar.warning_text
    bar.set_elapsed(2, projected=41)
    assert bar.state == "ok", "too early in the take to judge the pace"
    bar.set_elapsed(25)
    assert bar.state == "near" and bar.warning_text == "5 s left."
    bar.set_elapsed(31.5)
    assert bar.state == "over" and "Over the 30 s limit" in bar.warning_text


def test_prospect_text_groups_the_number_and_capitalises() -> None:
    said = "hi john it's dana call me at four one five five five five oh one four two"
    words = said.split()
    assert prospect_text(words) == "Hi john it's dana call me at 415-555-0142."
    assert prospect_text(["visit", "northwind", "dot", "com"]) == "Visit northwind.com."
    assert prospect_text([]) == ""
    assert group_digits("14155550142") == "1-415-555-0142"
    assert group_digits("5550142") == "555-0142"


def test_highlights_come_from_the_core_detectors() -> None:
    t = data_take("filler_heavy")
    ctx = build_context(t, script="Hi, it's {first_name} with {company}, {phone}.", profile=data_profile())
    cats = word_categories(t, ctx)
    words = t.tokens
    assert {words[i] for i, c in cats.items() if c == "filler"} >= {"um", "uh"}
    assert cats[words.index("dana")] == "contact"
    assert "unplanned" in cats.values()
    assert "i'd" not in {words[i] for i, c in cats.items() if c == "filler"}, "'I'd like to' is not a filler"


def test_pauses_markers_and_evidence_times() -> None:
    t = Transcript.from_words([Word("hi", 0.0, 0.3), Word("there", 2.8, 3.1), Word("dana", 3.2, 3.5)])
    assert [(p.after_index, round(p.seconds, 1)) for p in pauses(t, 1.0)] == [(0, 2.5)]
    flag = Flag("dead_air", Severity.WARNING, "Dead air", (Evidence((0, 1), 0.3, 2.8, "2.5 s silence"),))
    [m] = flag_markers([flag], t)
    assert (m.start, m.end, m.severity) == (0.3, 2.8, "warning")
    words_only = Flag("x", Severity.TIP, "x", (Evidence((2,)),))
    assert flag_markers([words_only], t)[0].start == 3.2
    assert evidence_start(words_only, t) == (3.2, [2])


def test_shortcuts_switch_views_and_open_help(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    w = app.window
    w.activateWindow()
    qtbot.waitUntil(lambda: w.isActiveWindow(), timeout=3000)
    qtbot.keyClick(w, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert w.current_view is w.progress and w.nav.checkedId() == 2
    qtbot.keyClick(w, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert w.current_view is w.scripts and w.scripts.title_edit.hasFocus()
    qtbot.keyClick(w.scripts.editor, Qt.Key.Key_Space)  # typing a space in the editor never records
    assert w.practice.session.recorder.state == "idle"
    qtbot.keyClick(w, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert w.practice.hide_script.isChecked()
    qtbot.keyClick(w, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: getattr(w, "help_box", None) is not None and w.help_box.isVisible(), timeout=3000)
    assert "Space" in w.help_box.text()
    w.help_box.close()


def test_banners_replace_by_topic_and_close(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    area = app.window.banners
    app.ctx.post("First.", "warning", key="mic")
    app.ctx.post("Second.", "error", key="mic")
    assert area.texts().count("Second.") == 1 and "First." not in area.texts()
    area.banner("mic").closed.emit("mic")
    assert area.banner("mic") is None


def test_dark_theme_loads_its_stylesheet(qtbot: Any, make_app: Any) -> None:
    from PySide6.QtWidgets import QApplication

    from voicecoach.ui import theme

    make_app()
    app = QApplication.instance()
    theme.apply_theme(app, dark=True)
    try:
        assert theme.colors().dark and "#1c1f24" in app.styleSheet()
        assert "@ICONS@" not in app.styleSheet()
    finally:
        theme.apply_theme(app, dark=False)
    assert not theme.colors().dark


def test_choosing_the_look_already_shown_restyles_nothing(qtbot: Any, make_app: Any) -> None:
    """At start the saved choice ("system", light here) is the look already applied: setting the same
    stylesheet again re-polished every widget (20 ms before the first frame). A real change still restyles."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from voicecoach.ui import theme

    app_ = make_app()
    app = QApplication.instance()
    target = app_.window.practice.record_button

    class Count(QObject):
        n = 0

        def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
            self.n += event.type() == QEvent.Type.StyleChange
            return False

    counter = Count()
    target.installEventFilter(counter)
    try:
        theme.set_theme_choice(app, "light")
        assert counter.n == 0 and not theme.colors().dark
        theme.set_theme_choice(app, "dark")
        assert counter.n > 0 and theme.colors().dark
    finally:
        theme.set_theme_choice(app, "system")
        theme.apply_theme(app, dark=False)
        target.removeEventFilter(counter)


def test_an_unexpected_error_becomes_a_banner(qtbot: Any, make_app: Any) -> None:
    import sys

    from voicecoach.ui.app import install_excepthook

    app = make_app()
    saved = sys.excepthook
    install_excepthook(app.ctx)
    try:
        try:
            raise ZeroDivisionError("division by zero")
        except ZeroDivisionError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        sys.excepthook = saved
    banner = app.window.banners.banner("unexpected")
    assert banner is not None and "ZeroDivisionError" in banner.text and "takes are safe" in banner.text


def test_qt_bindings_keep_reference_counts(qtbot: Any) -> None:
    """PySide6 6.12.0 dropped a reference to True on every emit() and to a slot's result on every call,
    so a session aborted after a few hundred level-meter updates; pyproject.toml excludes it."""
    import sys

    from PySide6.QtCore import QObject, Signal

    class Source(QObject):
        changed = Signal(float)

    source, hits = Source(), []
    source.changed.connect(lambda x: hits.append(x))
    true0, none0 = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(300):
        source.changed.emit(1.0)
    assert len(hits) == 300
    assert sys.getrefcount(True) > true0 - 30
    assert sys.getrefcount(None) > none0 - 30


def test_flag_rows_are_tall_enough_for_the_whole_message(qtbot: Any) -> None:
    from voicecoach.ui.widgets.flag_list import FlagList

    flags = FlagList()
    qtbot.addWidget(flags)
    flags.resize(300, 400)
    flags.show()
    long = "Your callback number was incomplete (heard 6 of 10 digits). Without it the prospect cannot call you back."
    flags.set_flags([Flag("missing_contact_info", Severity.ERROR, long), Flag("overrun", Severity.ERROR, "Too long.")])
    line = flags.fontMetrics().lineSpacing()
    tall, short = (flags.item(i).sizeHint().height() for i in range(2))
    assert tall >= 3 * line, "a long message wraps over several lines instead of being cut short"
    assert short < tall
    flags.resize(900, 400)
    qtbot.waitUntil(lambda: flags.item(0).sizeHint().height() < tall)


def test_switching_the_look_restyles_the_painted_widgets_even_without_a_stylesheet(
        qtbot: Any, make_app: Any, monkeypatch: Any, tmp_path: Any) -> None:
    """A broken install has no stylesheets: the sheet stays "" either way, but light and dark still differ
    in the colours the custom-painted widgets take."""
    from PySide6.QtWidgets import QApplication

    from voicecoach.ui import theme

    app_ = make_app()
    app = QApplication.instance()
    restyled: list[bool] = []
    meter = app_.window.practice.meter
    monkeypatch.setattr(meter, "restyle", lambda: restyled.append(theme.colors().dark), raising=False)
    monkeypatch.setattr(theme.paths, "assets_dir", lambda: tmp_path / "missing")
    try:
        theme.apply_theme(app, dark=False)
        theme.set_theme_choice(app, "dark")
        assert theme.colors().dark and restyled and restyled[-1]
    finally:
        monkeypatch.undo()
        theme.set_theme_choice(app, "system")
        theme.apply_theme(app, dark=False)


def test_header_row_measures_once_per_layout_pass_and_follows_its_controls(qtbot: Any) -> None:
    """The header row's height for a width and its size hint are worked out once until a control changes
    (a window's layout pass asks for them many times over): asked again, the row is not arranged again; a
    longer label, a hidden control or a new one gives the new answer, not the remembered one."""
    from PySide6.QtWidgets import QLabel, QPushButton, QWidget

    from voicecoach.ui.widgets.page import HeaderLayout

    host = QWidget()
    qtbot.addWidget(host)
    row = HeaderLayout(host)
    title, label, button = QLabel("Practice"), QLabel("Script"), QPushButton("Import…")
    for w in (title, label, button):
        row.addWidget(w)
    host.show()
    arranged: list[int] = []
    arrange = row._arrange
    row._arrange = lambda rect, place: arranged.append(rect.width()) or arrange(rect, place)  # type: ignore[method-assign]
    wide = row.sizeHint().width()
    one_line = row.heightForWidth(wide + 50)
    assert row.heightForWidth(60) > one_line, "too narrow for one line: the controls wrap onto a second"
    arranged.clear()
    for _ in range(3):
        assert (row.sizeHint().width(), row.heightForWidth(wide + 50)) == (wide, one_line)
    assert arranged == [], "asked again without a change, the row is not arranged again"
    button.setText("Import a script from a file…")
    assert row.sizeHint().width() > wide, "a longer control is measured again"
    longer = row.sizeHint().width()
    button.hide()
    assert row.sizeHint().width() < longer, "a hidden control takes no room"
    row.addWidget(QLabel("a control added later"))
    assert row.sizeHint().width() > row.itemAt(0).sizeHint().width() + label.sizeHint().width()


def test_a_page_header_follows_its_controls_at_once_even_on_a_hidden_page(qtbot: Any) -> None:
    """The header row of a page (``page_layout``) is asked for its size by the page and by the stack of
    views, hidden ones included: a control's new text or visibility counts at once, not at the next
    layout pass of a page that may not be shown for a while."""
    from PySide6.QtWidgets import QPushButton, QStackedWidget, QWidget

    from voicecoach.ui.widgets.page import page_layout

    stack = QStackedWidget()
    qtbot.addWidget(stack)
    shown, page = QWidget(), QWidget()
    _lay, head = page_layout(page, "Coach")
    button = QPushButton("x")
    head.addWidget(button)
    stack.addWidget(shown)
    stack.addWidget(page)
    stack.resize(400, 300)
    stack.show()
    stack.setCurrentIndex(1)
    qtbot.waitExposed(stack)
    narrow = head.sizeHint().width()
    button.setText("a much longer label on this control than before")
    assert head.sizeHint().width() > narrow, "the new text counts at once"
    wide_hfw = head.heightForWidth(300)
    stack.setCurrentIndex(0)  # the page is hidden now
    button.setText("short")
    assert head.heightForWidth(300) < wide_hfw, "fits on one line again, though its page is hidden"
    button.hide()
    assert head.sizeHint().width() < narrow + 5


def test_activating_a_flag_row_hands_over_that_flag(qtbot: Any) -> None:
    from voicecoach.ui.widgets.flag_list import FlagList

    flags = FlagList()
    qtbot.addWidget(flags)
    overrun = Flag("overrun", Severity.WARNING, "Went past 30 s.")
    flags.set_flags([Flag("rambling", Severity.TIP, "Long sentence."), overrun])
    with qtbot.waitSignal(flags.flag_activated) as got:
        flags.itemActivated.emit(flags.item(flags.flags.index(overrun)))
    assert got.args == [overrun]
