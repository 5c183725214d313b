"""The window's side of a remedy: the sentence that says what to do and the button that does it.

An adapter's error carries its remedies (``core.remedy``); here each becomes a button (its label in
``ui.words``) whose action is provided by the part of the window that can do it: the model service
downloads or chooses a model, the main window opens the microphone settings and the data folder, the
start-up restores the backup. A remedy nobody provides is said in words only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from voicecoach.core.remedy import Problem, Remedy, problem_of
from voicecoach.ui.messages import Action
from voicecoach.ui.text import sentence
from voicecoach.ui.words import NO_MICROPHONE, REMEDY_ADVICE, REMEDY_BUTTONS

__all__ = ["Remedies", "advice", "window_sentence", "with_advice"]

def advice(remedies: Iterable[Remedy]) -> str:
    """What to do, in the window's words: one sentence per remedy."""
    return " ".join(REMEDY_ADVICE[r] for r in remedies if r in REMEDY_ADVICE)


def with_advice(text: str, exc: BaseException | None) -> str:
    """``text`` as a sentence, followed by what to do about ``exc`` (nothing for a failure that is not a
    Problem)."""
    problem = problem_of(exc) if exc is not None else None
    body = sentence(text)
    return f"{body} {advice(problem.remedies)}".strip() if problem is not None else body


def window_sentence(exc: BaseException | str) -> str:
    """The failure as the window says it: built from its kind and facts, then what to do about it."""
    problem = problem_of(exc) if isinstance(exc, BaseException) else None
    if problem is None:
        return sentence(str(exc))
    from voicecoach.audio.devices import AudioErrorKind  # only now: audio is not imported before the first frame

    no_microphone = problem.kind is AudioErrorKind.NO_INPUT
    return with_advice(NO_MICROPHONE if no_microphone else str(exc) or str(problem), problem)


class Remedies:
    """Who does each remedy in this window; ``actions`` turns an error into its buttons."""

    def __init__(self) -> None:
        self._doers: dict[Remedy, Callable[[], None]] = {}

    def provide(self, remedy: Remedy, action: Callable[[], None]) -> None:
        """``action`` does ``remedy`` from now on (the last part of the window to offer it wins)."""
        self._doers[remedy] = action

    def can(self, remedy: Remedy) -> bool:
        return remedy in self._doers

    def run(self, remedy: Remedy) -> None:
        """Do ``remedy`` (what pressing its button does)."""
        self._doers[remedy]()

    def buttons(self, remedies: Iterable[Remedy]) -> list[Action]:
        """A (label, action) per remedy this window can do, once per label."""
        out: list[Action] = []
        for remedy in remedies:
            label = REMEDY_BUTTONS.get(remedy)
            if label is not None and self.can(remedy) and label not in [t for t, _ in out]:
                out.append((label, self._doer(remedy)))
        return out

    def _doer(self, remedy: Remedy) -> Callable[[], None]:
        return lambda: self.run(remedy)  # no arguments: a button's clicked(bool) must not reach run

    def actions(self, exc: BaseException) -> list[Action]:
        """The buttons for the remedies of ``exc`` (none for a failure that is not a Problem)."""
        problem: Problem | None = problem_of(exc)
        return self.buttons(problem.remedies) if problem is not None else []
