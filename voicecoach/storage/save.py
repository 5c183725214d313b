"""``voicecoach analyze ... --save``: keep one analysed take without the caller knowing the schema.

The CLI has a profile (or none), the script's text and a report; this finds or creates the matching
rows so that analysing the same script again counts as another attempt at it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from voicecoach.core.judgement import JudgementContext
from voicecoach.core.profile import Profile
from voicecoach.core.transcript import Transcript
from voicecoach.storage.records import TakeRecord

if TYPE_CHECKING:
    from voicecoach.storage.db import Store

__all__ = ["FREE_TALK_TEXT", "UNNAMED", "save_analyzed_take"]

UNNAMED = Profile(name="Unnamed rep", company="-", phone="-")
FREE_TALK_TEXT = "(no script)"


def save_analyzed_take(*, profile: Profile | None, script_text: str | None, script_title: str | None,
                       transcript: Transcript, report: Any, audio_path: Path | str | None = None,
                       store: Store | None = None, judgement: JudgementContext | None = None) -> TakeRecord:
    """Store a take with what it was judged against; opens (and closes) the default store unless one is given."""
    from voicecoach.storage.db import open_store

    own = store is None
    store = store or open_store()
    try:
        # One transaction: a rep or script is never left behind by a take that failed to save, and two
        # processes saving the same new rep or script at once queue here instead of both adding it.
        with store.write():
            profile_id = store.add_profile(profile or UNNAMED)  # insert-or-get on the rep's identity
            text = (script_text or "").strip() or FREE_TALK_TEXT
            version = store.find_script_version(text)
            if version is None:
                version = store.add_script((script_title or "").strip() or _title_from(text), text,
                                           follow_up=bool(judgement and judgement.follow_up))
            return store.save_take(profile_id=profile_id, script_version_id=version.version_id,
                                   transcript=transcript, report=report, audio_path=audio_path, judgement=judgement)
    finally:
        if own:
            store.close()


def _title_from(text: str) -> str:
    first = text.strip().splitlines()[0]
    return first if len(first) <= 48 else first[:47].rstrip() + "…"
