"""Runtime hook: programs the app starts see the user's environment, not the package's library path.

On Linux the PyInstaller bootloader restarts the executable with LD_LIBRARY_PATH pointing at `_internal/`
(the original value kept in LD_LIBRARY_PATH_ORIG). The app itself has what it needs by then: the loader
read the variable when the process started. But anything the app launches inherits it, and "Open data
folder" launches the desktop's file manager through xdg-open, which would then load the package's glib
and crash or misbehave. Putting the user's value back fixes every child at once.
"""

import os
import sys
from collections.abc import MutableMapping


def restore_library_path(environ: MutableMapping[str, str]) -> None:
    original = environ.pop("LD_LIBRARY_PATH_ORIG", None)
    if original is not None:
        environ["LD_LIBRARY_PATH"] = original
    else:
        environ.pop("LD_LIBRARY_PATH", None)


if getattr(sys, "frozen", False) and sys.platform.startswith("linux"):
    restore_library_path(os.environ)
