"""The coach's team view: one row per rep pulled from the team folder.

Counts, best score and last practice come from one grouped query over the covering index; latest score,
readiness, the most frequent issue and the cadence rehearsed last (per attempt) from the same progress
queries a rep's own pages use, so the team view and the rep's page never disagree. The most frequent
issue looks at the rep's recent takes only: an issue fixed long ago is not what to talk about today. Every
verdict is the one stored with the take; a take the app couldn't hear is never a best and shows no latest
score.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from voicecoach.storage.progress import HEARD

if TYPE_CHECKING:
    from voicecoach.storage.db import Store

__all__ = ["RECENT_TAKES", "PublishState", "RepStatus", "publish_state", "team_status", "week_start"]

RECENT_TAKES = 50


@dataclass(frozen=True)
class RepStatus:
    rep_id: str
    profile_id: int
    name: str
    takes: int
    takes_this_week: int
    latest_score: float | None
    best_score: float | None
    ready: bool
    readiness: str
    top_issue: str | None
    top_issue_count: int
    last_practised: datetime | None
    pulled_at: datetime | None
    latest_verdict: str | None = None  # the stored verdict of the latest take (core VerdictValue)
    cadence: str | None = None  # the cadence rehearsed last: "Cold series: 1 of 5 voicemails ready"
    cadence_attempts: tuple[str, ...] = ()  # per attempt: "Attempt 1 (topic): ready, best 92"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("last_practised", "pulled_at"):
            data[key] = data[key].isoformat() if data[key] else None
        return data


def week_start(today: date | None = None) -> datetime:
    """Monday 00:00 local time of this week, as an aware datetime."""
    today = today or date.today()
    monday = today - timedelta(days=today.weekday())
    return datetime.combine(monday, time()).astimezone()


def team_status(store: Store, *, today: date | None = None) -> list[RepStatus]:
    """Every rep pulled so far, by name."""
    reps = store.query(  # one row per rep, also when they publish from two laptops (two folders)
        "SELECT group_concat(w.writer_id, ', ') AS writer_id, w.profile_id, max(w.pulled_at) AS pulled_at, p.name"
        " FROM team_writers w JOIN profiles p ON p.id = w.profile_id WHERE w.kind = 'rep'"
        " GROUP BY w.profile_id ORDER BY p.name COLLATE NOCASE, w.profile_id")
    if not reps:
        return []
    since = week_start(today).astimezone(UTC).isoformat(timespec="milliseconds")
    ids = sorted({r["profile_id"] for r in reps})
    totals = {r[0]: r for r in store.query(
        f"SELECT profile_id, COUNT(*), SUM(started_at >= ?), MAX(CASE WHEN {HEARD} THEN score END),"
        " MAX(started_at) FROM takes"
        f" WHERE trashed_at IS NULL AND profile_id IN ({','.join('?' * len(ids))}) GROUP BY profile_id",
        [since, *ids])}
    return [_row(store, r, totals.get(r["profile_id"])) for r in reps]


def _row(store: Store, rep: Any, total: Any) -> RepStatus:
    pid = rep["profile_id"]
    latest = store.query(f"SELECT CASE WHEN {HEARD} THEN score END, verdict FROM takes WHERE profile_id = ?"
                         " AND trashed_at IS NULL ORDER BY started_at DESC, id DESC LIMIT 1", [pid])
    readiness = store.readiness(pid)
    top = store.top_flags(pid, limit=1, recent=RECENT_TAKES)
    return RepStatus(
        rep_id=rep["writer_id"], profile_id=pid, name=rep["name"], takes=total[1] if total else 0,
        takes_this_week=int(total[2] or 0) if total else 0, latest_score=latest[0][0] if latest else None,
        best_score=total[3] if total else None, ready=readiness.ready, readiness=readiness.reason,
        top_issue=top[0].code if top else None, top_issue_count=top[0].count if top else 0,
        last_practised=_time(total[4]) if total else None, pulled_at=_time(rep["pulled_at"]),
        latest_verdict=latest[0][1] if latest else None, **_cadence(store, pid))


def _cadence(store: Store, pid: int) -> dict[str, Any]:
    """The cadence the rep rehearsed last, per attempt (the same query as the coach's page)."""
    names = store.cadences_practised(pid)
    if not names:
        return {}
    progress = store.cadence_progress(pid, names[0])
    lines = tuple(f"Attempt {a.attempt} ({a.topic or 'no topic'}): "
                  + ("ready" if a.ready else a.reason) + (f", best {a.best:.0f}" if a.best is not None else "")
                  for a in progress.attempts)
    return {"cadence": progress.summary(), "cadence_attempts": lines}


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


@dataclass(frozen=True)
class PublishState:
    """A rep's side: how many takes the team folder lists for them, and how many wait to be published."""

    published: int
    waiting: int


def publish_state(store: Store, membership: Any) -> PublishState | None:
    """None when the team folder (or this rep's manifest in it) cannot be read right now."""
    from voicecoach.storage.team import schema
    from voicecoach.storage.team.folder import MANIFEST, MANIFEST_CAP, TeamFolderError, read_capped

    if not membership.available():
        return None
    try:
        manifest = schema.decode(read_capped(membership.own_folder / MANIFEST, MANIFEST_CAP), schema.RepManifest)
        listed = {t.uuid for t in manifest.takes if not t.withdrawn}
    except TeamFolderError as exc:
        if not exc.transient:
            return None
        listed = set()
    except schema.TeamFileError:
        return None
    local = {r[0] for r in store.query("SELECT uuid FROM takes WHERE profile_id = ? AND trashed_at IS NULL",
                                       [membership.profile_id])}
    return PublishState(published=len(listed), waiting=len(local - listed))
