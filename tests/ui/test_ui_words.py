"""The window's sentences live in ``voicecoach.ui.words``; messages are keyed and levelled by enums.

A static check over ``voicecoach/ui``: no string literal or f-string is the text of a posted message, a
message box, a dialog or file-dialog title, a status, hint or summary label, a tooltip or placeholder,
or an empty state, outside ``words.py``. Levels and banner keys are never strings, in any file.
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


def _ui_files() -> dict[str, ast.Module]:
    return {p.relative_to(UI).as_posix(): ast.parse(p.read_text(encoding="utf-8"))
            for p in sorted(UI.rglob("*.py")) if p.name != "words.py"}


def test_window_sentences_live_in_words() -> None:
    found = {name: _sentences_in(tree) for name, tree in _ui_files().items()}
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
