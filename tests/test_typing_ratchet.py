"""The strict-typing ratchet: the modules exempt from strict mypy may only shrink.

pyproject.toml lists the modules that do not pass `mypy --strict` yet (`ignore_errors = true`). This test
runs strict mypy over the package with that list lifted and holds the list to the truth: a module that
passes must leave the list, and no module may join it (the list stays within CEILING, which is lowered as
modules are fixed, never raised).
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# The modules still exempt. Lower this as modules are fixed; never add to it.
CEILING: frozenset[str] = frozenset()  # every module passes strict mypy: nothing may be exempt again


def _mypy_config() -> tuple[dict[str, object], list[dict[str, object]], list[str]]:
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    overrides = conf.pop("overrides", [])
    exempt = [o for o in overrides if o.get("ignore_errors")]
    assert len(exempt) == 1, "one override block holds the ratchet's list"
    return conf, [o for o in overrides if not o.get("ignore_errors")], list(exempt[0]["module"])


def _ini_value(value: object) -> str:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return str(value)


def _strict_failures(tmp_path: Path) -> set[str]:
    """Modules with strict-mypy errors when nothing is exempt (mypy's incremental cache keeps reruns short)."""
    conf, overrides, _ = _mypy_config()
    lines = ["[mypy]", *(f"{k} = {_ini_value(v)}" for k, v in conf.items()),
             f"cache_dir = {ROOT / '.mypy_cache' / 'ratchet'}"]
    for o in overrides:
        lines.append(f"[mypy-{_ini_value(o['module'])}]")
        lines += [f"{k} = {_ini_value(v)}" for k, v in o.items() if k != "module"]
    ini = tmp_path / "mypy.ini"
    ini.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "mypy", "--config-file", str(ini)], cwd=ROOT,
                         capture_output=True, text=True)
    assert out.returncode in (0, 1), out.stderr
    paths = set(re.findall(r"^(voicecoach/\S+?\.py):\d+: error:", out.stdout, re.M))
    return {p[: -len(".py")].removesuffix("/__init__").replace("/", ".") for p in paths}


def test_the_exemption_list_never_grows() -> None:
    _, _, exempt = _mypy_config()
    added = set(exempt) - CEILING
    assert not added, f"modules may not join the strict-typing exemptions; type them instead: {sorted(added)}"
    assert len(exempt) == len(set(exempt)), "a module is listed twice"


def test_the_exemption_list_names_exactly_the_modules_that_fail(tmp_path: Path) -> None:
    _, _, exempt = _mypy_config()
    failing = _strict_failures(tmp_path)
    passing = set(exempt) - failing
    assert not passing, (f"these pass strict mypy now: drop them from pyproject's exemption list and from "
                         f"CEILING: {sorted(passing)}")
    unlisted = failing - set(exempt)
    assert not unlisted, f"these fail strict mypy but are not exempt (run mypy): {sorted(unlisted)}"
    assert len(CEILING) == len(exempt), "lower CEILING with the list, so that it cannot grow back"
