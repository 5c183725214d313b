"""The rep's own contact details, which every take is checked against."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from voicecoach.core.inputs import InputFileError, read_json, read_toml
from voicecoach.core.phone import PhoneError, PhoneNumber, parse_phone

__all__ = ["Profile", "ProfileError", "load_profile"]


class ProfileError(ValueError):
    """A profile file that cannot be read or lacks required fields."""


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    company: str
    phone: str
    website: str | None = None
    email: str | None = None

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.split() else ""

    @property
    def phone_number(self) -> PhoneNumber:
        """The phone parsed (raises PhoneError for a profile stored before numbers were validated)."""
        return parse_phone(self.phone)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Profile:
        if not isinstance(data, Mapping):
            raise ProfileError("a profile is an object with name, company and phone")
        missing = [k for k in ("name", "company", "phone") if not str(data.get(k) or "").strip()]
        if missing:
            raise ProfileError(f"profile is missing: {', '.join(missing)}")
        phone = str(data["phone"]).strip()
        try:
            parse_phone(phone)
        except PhoneError as exc:
            raise ProfileError(str(exc)) from None
        opt = {k: (str(data[k]).strip() or None) if data.get(k) else None for k in ("website", "email")}
        if opt["email"] is not None and not _EMAIL.match(opt["email"]):
            raise ProfileError(f"the email “{opt['email']}” is not a full address: write it with its domain "
                               "ending, e.g. dana@northwindrealty.com")
        return cls(
            name=str(data["name"]).strip(),
            company=str(data["company"]).strip(),
            phone=phone,
            **opt,
        )


# name@domain.ending: "dana@northwind" (no ending) was accepted and then never matched what the rep said.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)*\.[A-Za-z]{2,}$")


def load_profile(path: str | Path) -> Profile:
    """Read a profile from a JSON or TOML file (regular files only, UTF-8 with or without a BOM)."""
    p = Path(path)
    read = read_toml if p.suffix.lower() == ".toml" else read_json
    try:
        data: Any = read(p, "profile")
    except InputFileError as exc:
        raise ProfileError(str(exc)) from None
    data = data.get("profile", data) if isinstance(data, Mapping) else data
    return Profile.from_dict(data)
