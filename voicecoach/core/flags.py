"""Flags: what a check found, in words a rep understands, with evidence the GUI can highlight.

Flag codes are stable API: the GUI, the store and the exports key on them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

__all__ = ["Evidence", "Flag", "Severity"]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    TIP = "tip"


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where in the take a flag points: word indexes into Transcript.words and/or a time range (s)."""

    word_indexes: tuple[int, ...] = ()
    start: float | None = None
    end: float | None = None
    label: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"word_indexes": list(self.word_indexes), "start": self.start, "end": self.end, "label": self.label}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Evidence:
        return cls(
            word_indexes=tuple(int(i) for i in d.get("word_indexes", ())),
            start=d.get("start"),
            end=d.get("end"),
            label=str(d.get("label", "")),
        )


@dataclass(frozen=True, slots=True)
class Flag:
    code: str
    severity: Severity
    message: str
    evidence: tuple[Evidence, ...] = ()
    details: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": str(self.severity),
            "message": self.message,
            "evidence": [e.to_dict() for e in self.evidence],
            "details": dict(self.details),
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Flag:
        return cls(
            code=str(d["code"]),
            severity=Severity(d["severity"]),
            message=str(d["message"]),
            evidence=tuple(Evidence.from_dict(e) for e in d.get("evidence", ())),
            details=dict(d.get("details", {})),
        )
