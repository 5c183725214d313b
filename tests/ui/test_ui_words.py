"""The window's sentences live in ``voicecoach.ui.words``; messages are keyed and levelled by enums.

A static check over ``voicecoach/ui``: no string literal or f-string is the text of a posted message, a
message box, a dialog or file-dialog title, a status, hint or summary label, a tooltip or placeholder,
or an empty state, outside ``words.py``; nor is a sentence-like literal (a space and a letter, once
markup and format codes are taken out) a returned value or an argument of a ``post`` or ``emit``: the
sentences built by functions and sent on by signals (a take's title, a capture warning). Levels and banner
keys are never strings, in any file.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from voicecoach.ui import words
from voicecoach.ui.messages import BannerKey, Level, Message

UI = Path(__file__).resolve().parents[2] / "voicecoach" / "ui"

MESSAGE_BOX_CALLS = {"information", "warning", "critical", "question", "about"}
HINT_SETTERS = {"setToolTip", "setPlaceholderText", "setWhatsThis", "setStatusTip"}
LABELLED = re.compile(r"(label|status|hint|error|summary|read_back|note|box|title)$")
TITLE_ARG = {"ask_open_path": 2, "ask_save_path": 2, "ask_note": 1, "check_panel": 1}
# What a literal may hold with a space and a letter without being a sentence, and why.
NOT_SENTENCES = {
    "markup: a tag, or an attribute opening inside one (<a href='…' title='…'>)": re.compile(r"<[^>]*>?|[\w-]+='"),
    "a date or logging format (%d %b %Y, %(name)s)": re.compile(r"%(\([^)]*\))?[-#0-9.]*[A-Za-z]"),
}
# Calls whose words are not sent on: a widget built with its caption, a setter (the check above reads the
# setters that show a sentence).
CAPTIONED = re.compile(r"^(Q[A-Z]\w*|set[A-Z]\w*)$")
EMPTY_STATE = re.compile(r"(^|_)empty(_text)?$")
HINT_LABEL = re.compile(r"(^|_)(hint|intro|status)(_label)?$")


def _is_sentence(node: ast.AST | None) -> bool:
    """A literal that says something: a non-empty string with a letter, an f-string, or either inside a
    concatenation or a conditional. ``""`` (clearing a label) is not a sentence."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and any(c.isalpha() for c in node.value)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _is_sentence(node.left) or _is_sentence(node.right)
    if isinstance(node, ast.IfExp):
        return _is_sentence(node.body) or _is_sentence(node.orelse)
    return False


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return ""


def _texts_of(call: ast.Call) -> Iterator[ast.AST]:
    """The arguments of ``call`` that are window text, by what is called."""
    func, args = call.func, call.args
    method = func.attr if isinstance(func, ast.Attribute) else ""
    receiver = _name(func.value) if isinstance(func, ast.Attribute) else ""
    first_is_text = (
        (method == "post" and receiver.endswith("ctx")) or method in ("setWindowTitle", "setInformativeText")
        or (method == "setText" and LABELLED.search(receiver)) or (method == "clear" and receiver == "waveform"))
    if first_is_text:
        yield from args[:1]
    elif receiver == "QMessageBox" and method in MESSAGE_BOX_CALLS:
        yield from args[1:3]
    elif _name(func) == "QMessageBox" or method in HINT_SETTERS:
        yield from args
    elif _name(func) in TITLE_ARG:
        yield from args[TITLE_ARG[_name(func)]:][:1]
    yield from (k.value for k in call.keywords if k.arg == "empty_text")


def _sentences_in(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            lines += [t.lineno for t in _texts_of(node) if _is_sentence(t)]
        elif isinstance(node, ast.Assign) and any(EMPTY_STATE.search(_name(t)) or HINT_LABEL.search(_name(t))
                                                  for t in node.targets):
            value = node.value
            if isinstance(value, ast.Call) and _name(value.func) == "QLabel":  # an empty-state or hint label
                value = value.args[0] if value.args else None
            lines += [node.lineno] if _is_sentence(value) else []
    return sorted(lines)


def _sentence_like(node: ast.AST) -> bool:
    """A literal in ``node`` (an f-string's pieces too, but not a CAPTIONED call's) with a space and a letter,
    not counting what NOT_SENTENCES takes out."""
    if isinstance(node, ast.Call) and CAPTIONED.match(_name(node.func)):
        return False
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
        for pattern in NOT_SENTENCES.values():
            text = pattern.sub("", text)
        return " " in text and any(c.isalpha() for c in text)
    return any(_sentence_like(child) for child in ast.iter_child_nodes(node))


def _returned(function: ast.AST) -> Iterator[ast.expr]:
    """What ``function`` returns: its ``return`` values, and what it assigns to a name it returns."""
    returns = [n for n in ast.walk(function) if isinstance(n, ast.Return) and n.value is not None]
    names = {n.value.id for n in returns if isinstance(n.value, ast.Name)}
    yield from (n.value for n in returns if n.value is not None)
    for n in ast.walk(function):
        if not isinstance(n, ast.Assign | ast.AugAssign):
            continue
        targets = n.targets if isinstance(n, ast.Assign) else [n.target]
        if any(isinstance(t, ast.Name) and t.id in names for t in targets):
            yield n.value


def _sent_on(tree: ast.AST) -> Iterator[ast.expr]:
    """Returned values, and the arguments of every ``post`` and ``emit``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Lambda):
            yield node.body
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield from _returned(node)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("post", "emit"):
            yield from node.args
            yield from (k.value for k in node.keywords)


def _sentences_sent_on(tree: ast.AST) -> list[int]:
    return sorted({node.lineno for node in _sent_on(tree) if _sentence_like(node)})


def _ui_files() -> dict[str, ast.Module]:
    return {p.relative_to(UI).as_posix(): ast.parse(p.read_text(encoding="utf-8"))
            for p in sorted(UI.rglob("*.py")) if p.name != "words.py"}


def test_window_sentences_live_in_words() -> None:
    found = {name: sorted(set(_sentences_in(tree) + _sentences_sent_on(tree))) for name, tree in _ui_files().items()}
    strays = {name: lines for name, lines in found.items() if lines}
    assert not strays, f"sentences written outside voicecoach/ui/words.py (file: lines): {strays}"


def test_the_check_sees_each_kind_of_sentence() -> None:
    code = '''
ctx.post(f"Saved {x}.", Level.INFO)
self.ctx.post("Saved" + x)
QMessageBox.question(self, "Empty trash", words.EMPTY_TRASH_QUESTION)
box = QMessageBox(QMessageBox.Icon.Question, words.T, "Save?" if a else words.U)
self.status_label.setText("Not in a team.")
self.setWindowTitle("Take")
ask_save_path(self, prefs, "Export bundle", "b.zip", "Zip (*.zip)")
self.waveform.clear("Loading the waveform…")
view.set_transcript(t, empty_text="No words.")
self.flag_list.empty_text = "Nothing to fix."
self._empty = "Your words appear here."
self.empty = QLabel("No reps yet.")
panel, summary, flags = check_panel("Script check", "Nothing to fix in this script.")
item.setToolTip(TITLE, f"Attempt {i + 1}")
self.search.setPlaceholderText("Search scripts…")
hint = QLabel("Double-click a day to change it.")
self.setInformativeText("Ending it asks which of its goals were met.")
self.status = QLabel("Not in a team.")
'''
    assert _sentences_in(ast.parse(code)) == list(range(2, 20))
    quiet = '''
ctx.post(words.SAVED, Level.INFO)
self.error.setText("")
self.save_button.setText("Save note")
self.tree.clear()
self.flag_list.empty_text = ""
self.empty = QLabel()
self.why.setToolTip(why)
'''
    assert _sentences_in(ast.parse(quiet)) == []


def test_the_check_sees_sentences_returned_and_sent_on() -> None:
    code = '''
def saved_as(n):
    return f"Saved as take {n}."
def title(take):
    which = f"take {take}"
    which += " of a cadence"
    return which
bridge.warning.emit(f"Speech recognition could not start ({exc}).")
self.error_occurred.emit("Playback is unavailable.")
ctx.post(words.PENDING, Level.WARNING, actions=[("Analyse now", analyse)])
note = lambda: "This report cannot be read"
'''
    assert _sentences_sent_on(ast.parse(code)) == [3, 5, 6, 8, 9, 10, 11]
    quiet = '''
def group():
    box = QGroupBox("Speech model")
    self.charts = {"pace": TrendChart("Pace (wpm)")}
    return box
toggle = lambda on: self.play_button.setText("❚❚ Pause" if on else "▶ Play")
def html(color, text):
    label = "a caption nobody returns"
    return f"<span style='color:{color}'>{text}</span>"
def anchor(t, tip):
    return f"<a href='time:{t}' title='{tip}'>"
def when(d):
    return d.strftime("%a %d %b, %H:%M")
def name():
    return f"take-{stamp:%Y%m%d-%H%M%S}.wav"
log.error("unexpected error")
bridge.partial.emit(str(text))
self.error_occurred.emit(words.playback_failed(text))
'''
    assert _sentences_sent_on(ast.parse(quiet)) == []


def _string_levels_and_keys(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and _name(node.func.value).endswith("ctx")):
            continue
        method, args = node.func.attr, node.args
        picked: list[Any] = []
        if method == "post":
            picked = args[1:2] + [k.value for k in node.keywords if k.arg in ("level", "key")]
        elif method in ("clear", "fail"):
            picked = args[:1]
        lines += [a.lineno for a in picked if _is_sentence(a)]
    return lines


def test_levels_and_banner_keys_are_enum_members_everywhere() -> None:
    found = {name: lines for name, tree in _ui_files().items() if (lines := _string_levels_and_keys(tree))}
    assert not found, f"a string where a Level or BannerKey belongs (file: lines): {found}"


def test_every_banner_key_says_what_failed() -> None:
    assert set(words.FAILED_WHAT) == set(BannerKey)
    assert words.failed(BannerKey.SCRIPTS, OSError("disk full")) == "Scripts: disk full"


def test_a_failed_worker_posts_an_error_banner_under_its_key(make_app: Any) -> None:
    app = make_app()
    got: list[Message] = []
    app.ctx.message_posted.connect(got.append)
    app.ctx.fail(BannerKey.SAVING_CADENCE)(OSError("the folder is read-only"))
    assert got[-1].key is BannerKey.SAVING_CADENCE and got[-1].level is Level.ERROR
    assert got[-1].text.startswith("Saving the cadence: the folder is read-only")
    assert app.window.banners.banner(BannerKey.SAVING_CADENCE) is not None
