"""Practice: the script large on screen, Space to record, and the report within a second of Stop.

The page is built from named parts: ``PracticeHeader`` (script, prospect, hide, follow-up, import),
``ScriptPage`` (the coach's feedback, the script, the live words), the report panel, ``BusyRow``
(progress of imports) and ``RecordBar`` (record button, timer, status, level meter). ``PracticeView``
wires them to the recorder and the take flow.
"""

from voicecoach.ui.views.practice.script_page import script_html
from voicecoach.ui.views.practice.view import AUDIO_FILTER, PracticeView

__all__ = ["AUDIO_FILTER", "PracticeView", "script_html"]
