"""Runtime hook: HTTPS (the first-run model download) works where the build machine's paths don't exist.

The bundled OpenSSL looks for CA certificates where the build machine keeps them (/usr/lib/ssl on Debian;
inside the Python.framework on macOS). Fedora, openSUSE or a Mac without that Python have none there, and
every download would fail certificate checks. When those defaults are missing and the user has not set
SSL_CERT_FILE/SSL_CERT_DIR, the hook points OpenSSL at the system's CA file where other systems keep it,
and only failing that at certifi's bundle shipped in the package. The system store comes first so
company CAs (TLS-inspecting proxies) keep working.
"""

import os
import sys
from collections.abc import Mapping, Sequence

# Where other systems keep their CA bundle (the list Go's crypto/x509 searches, in its order).
SYSTEM_CA_FILES = (
    "/etc/ssl/certs/ca-certificates.crt",  # Debian, Ubuntu, Arch, Gentoo
    "/etc/pki/tls/certs/ca-bundle.crt",  # Fedora, RHEL
    "/etc/ssl/ca-bundle.pem",  # openSUSE
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",  # CentOS, RHEL 7
    "/etc/ssl/cert.pem",  # Alpine, macOS
)


def cert_file_to_use(
    environ: Mapping[str, str], default_cafile: str, default_capath: str, candidates: Sequence[str]
) -> str | None:
    """The CA file to set, or None to leave OpenSSL's own choice alone."""
    if environ.get("SSL_CERT_FILE") or environ.get("SSL_CERT_DIR"):
        return None
    if (default_cafile and os.path.isfile(default_cafile)) or (default_capath and os.path.isdir(default_capath)):
        return None
    return next((path for path in candidates if os.path.isfile(path)), None)


def _install() -> None:
    bundle = getattr(sys, "_MEIPASS", None)
    if not bundle or sys.platform not in ("linux", "darwin"):
        return  # Windows: Python reads the system certificate store itself
    import ssl

    defaults = ssl.get_default_verify_paths()
    chosen = cert_file_to_use(
        os.environ,
        defaults.openssl_cafile or "",
        defaults.openssl_capath or "",
        (*SYSTEM_CA_FILES, os.path.join(bundle, "certifi", "cacert.pem")),
    )
    if chosen:
        os.environ["SSL_CERT_FILE"] = chosen


_install()
