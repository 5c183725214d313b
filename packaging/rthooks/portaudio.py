"""Runtime hook: make sounddevice load the PortAudio shipped in the package on Linux.

sounddevice asks `ctypes.util.find_library("portaudio")`, which only sees libraries the system's loader
cache knows, so on a laptop without libportaudio2 the copy in the package would never be found. Pointing
the lookup at the bundled file makes recording work there too; ALSA itself stays the system's (see
contents.SYSTEM_LIBRARY_PREFIXES).
"""

import ctypes.util
import os
import sys


def _install() -> None:
    bundle = getattr(sys, "_MEIPASS", None)
    if not bundle or not sys.platform.startswith("linux"):
        return
    bundled = os.path.join(bundle, "libportaudio.so.2")
    if not os.path.isfile(bundled):
        return
    original = ctypes.util.find_library

    def find_library(name: str) -> str | None:
        if name == "portaudio":
            return bundled
        return original(name)

    ctypes.util.find_library = find_library


_install()
