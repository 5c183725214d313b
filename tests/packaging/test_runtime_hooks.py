"""Runtime hooks of the packaged app: children get the user's library path back."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

SPEC = Path(__file__).resolve().parents[2] / "packaging" / "voicecoach.spec"


def test_the_users_library_path_is_restored(environment_hook: ModuleType) -> None:
    environ = {"LD_LIBRARY_PATH": "/opt/VoiceCoach/_internal", "LD_LIBRARY_PATH_ORIG": "/opt/cuda/lib", "HOME": "/h"}
    environment_hook.restore_library_path(environ)
    assert environ == {"LD_LIBRARY_PATH": "/opt/cuda/lib", "HOME": "/h"}


def test_a_path_the_user_never_had_is_removed(environment_hook: ModuleType) -> None:
    environ = {"LD_LIBRARY_PATH": "/opt/VoiceCoach/_internal", "HOME": "/h"}
    environment_hook.restore_library_path(environ)
    assert environ == {"HOME": "/h"}


def test_the_spec_installs_both_hooks() -> None:
    spec = SPEC.read_text(encoding="utf-8")
    assert '("environment.py", "portaudio.py")' in spec
    for name in ("environment.py", "portaudio.py"):
        assert (SPEC.parent / "rthooks" / name).is_file()
