"""Runtime hooks of the packaged app: children get the user's library path back, HTTPS finds CA certificates."""

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


def test_the_spec_installs_the_hooks() -> None:
    spec = SPEC.read_text(encoding="utf-8")
    assert '("environment.py", "portaudio.py", "certificates.py")' in spec
    for name in ("environment.py", "portaudio.py", "certificates.py"):
        assert (SPEC.parent / "rthooks" / name).is_file()


def test_openssls_own_defaults_win_when_present(certificates_hook: ModuleType, tmp_path: Path) -> None:
    system = tmp_path / "cert.pem"
    system.write_text("system CAs\n", encoding="utf-8")
    bundled = tmp_path / "cacert.pem"
    bundled.write_text("certifi CAs\n", encoding="utf-8")
    assert certificates_hook.cert_file_to_use({}, str(system), "", [str(bundled)]) is None
    assert certificates_hook.cert_file_to_use({}, "", str(tmp_path), [str(bundled)]) is None


def test_the_first_existing_ca_file_fills_in_for_missing_defaults(
    certificates_hook: ModuleType, tmp_path: Path
) -> None:
    fedora = tmp_path / "etc-pki" / "ca-bundle.crt"
    fedora.parent.mkdir()
    fedora.write_text("system CAs\n", encoding="utf-8")
    bundled = tmp_path / "cacert.pem"
    bundled.write_text("certifi CAs\n", encoding="utf-8")
    missing_file, missing_dir = str(tmp_path / "usr-lib-ssl" / "cert.pem"), str(tmp_path / "usr-lib-ssl" / "certs")
    debian = str(tmp_path / "etc-ssl" / "ca-certificates.crt")  # not on this "system"

    chosen = certificates_hook.cert_file_to_use({}, missing_file, missing_dir, [debian, str(fedora), str(bundled)])
    assert chosen == str(fedora)
    assert certificates_hook.cert_file_to_use({}, missing_file, missing_dir, [debian, str(bundled)]) == str(bundled)
    # The user's own settings are never overridden, and with nothing found nothing is set.
    assert certificates_hook.cert_file_to_use({"SSL_CERT_DIR": "/x"}, missing_file, missing_dir, [str(bundled)]) is None
    assert certificates_hook.cert_file_to_use({}, missing_file, missing_dir, [debian]) is None
