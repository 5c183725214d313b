"""Coach mode: pick a rep, run a one-on-one, compare two takes side by side, leave notes, export.

Named parts: ``RepBar`` (rep picker, add rep, bundles), ``SessionBar`` (goals, start/end, session
reports), ``CadencePane`` (each cadence the rep rehearsed, per attempt), ``TakePicker`` (the rep's takes
and the selected take's notes) and ``ComparePane`` (two report panels side by side); ``CoachView`` wires
them to the store, its sessions and bundles in ``CoachSessions``.
"""

from voicecoach.ui.views.coach.view import CoachView

__all__ = ["CoachView"]
