"""Dates and times moved between time zones without falling off the calendar.

A take dated in year 9999 (or year 1) that came in from a team folder or a bundle cannot be moved to a
time zone east (or west) of UTC: ``datetime.astimezone`` raises OverflowError. Every conversion for
display or storage goes through here instead, and such a time keeps the zone it was written in.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

__all__ = ["local_text", "local_time", "utc_time"]


def local_time(value: datetime) -> datetime:
    """``value`` in the local time zone, or unchanged when that zone would carry it past year 1 or 9999."""
    return _moved(value, None) or value


def utc_time(value: datetime) -> datetime:
    """``value`` in UTC, or unchanged when UTC would carry it past year 1 or 9999."""
    return _moved(value, UTC) or value


def local_text(value: datetime | None, fmt: str, missing: str = "") -> str:
    """``value`` in the local time zone formatted with ``fmt`` (``missing`` for None); a time the local zone
    cannot hold is shown in its own zone, with that zone's name after it."""
    if value is None:
        return missing
    shown = _moved(value, None)
    if shown is None:
        return f"{_format(value, fmt)} {value.tzname() or ''}".rstrip()
    return _format(shown, fmt)


def _format(value: datetime, fmt: str) -> str:
    """``strftime`` with the year always four digits (the C library writes year 1 as "1")."""
    return value.strftime(fmt.replace("%Y", f"{value.year:04d}"))


def _moved(value: datetime, zone: tzinfo | None) -> datetime | None:
    try:
        return value.astimezone(zone)
    except (OverflowError, ValueError, OSError):
        return None
