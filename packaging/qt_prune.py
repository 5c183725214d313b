"""Leave out Qt plugins a desktop widgets app never loads, and the libraries only they needed.

PyInstaller collects every plugin of each Qt module in use. Three of them cost a lot and help nobody here:
the virtual keyboard input context pulls in QtQuick and QtQml (~25 MB); the GTK3 platform theme pulls in
the build machine's cairo/pango/gdk, which then clash with the user's own GTK; and the embedded-device
platforms (eglfs, linuxfb, vnc) only matter on kiosks. After dropping the plugins, libraries that nothing
left in the package links to are dropped too, judged by the ELF NEEDED entries of what remains.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from collections.abc import Callable, Iterable

# PyInstaller TOC entry: (destination name, source path, type code).
Entry = tuple[str, str, str]

UNWANTED_PLUGINS = (
    "plugins/platforminputcontexts/libqtvirtualkeyboardplugin",
    "plugins/platformthemes/libqgtk3",
    "plugins/platforms/libqeglfs",
    "plugins/platforms/libqlinuxfb",
    "plugins/platforms/libqvnc",
    "plugins/platforms/libqvkkhrdisplay",
    "plugins/platforms/libqminimalegl",
    "plugins/egldeviceintegrations/",
)


def _dest(entry: Entry) -> str:
    return entry[0].replace("\\", "/")


def _base(entry: Entry) -> str:
    return _dest(entry).rsplit("/", 1)[-1]


def is_unwanted_plugin(dest_name: str) -> bool:
    dest = dest_name.replace("\\", "/")
    return "/Qt/" in f"/{dest}" and any(pattern in dest for pattern in UNWANTED_PLUGINS)


@functools.cache
def elf_needed(path: str) -> frozenset[str]:
    """The sonames a shared library links against, from `objdump -p` (empty if it cannot be read)."""
    objdump = shutil.which("objdump")
    if objdump is None:
        return frozenset()
    try:
        out = subprocess.run([objdump, "-p", path], capture_output=True, text=True, check=False).stdout
    except OSError:
        return frozenset()
    return frozenset(line.split()[1] for line in out.splitlines() if line.strip().startswith("NEEDED"))


def prune(binaries: Iterable[Entry], needed: Callable[[str], frozenset[str]] = elf_needed) -> list[Entry]:
    """`binaries` without unwanted plugins and without the libraries that only those plugins linked to.

    Only libraries reachable from a dropped plugin are candidates, so libraries loaded with dlopen (the
    Python extensions, libvosk, PortAudio) are never judged by who links to them.
    """
    entries = list(binaries)
    dropped = [e for e in entries if is_unwanted_plugin(e[0])]
    kept = [e for e in entries if not is_unwanted_plugin(e[0])]
    by_base = {_base(e): e for e in kept if e[2] != "SYMLINK"}

    candidates: set[str] = set()
    todo = [name for e in dropped for name in needed(e[1])]
    while todo:
        name = todo.pop()
        if name in by_base and name not in candidates:
            candidates.add(name)
            todo.extend(needed(by_base[name][1]))

    removed: set[str] = set()
    changed = True
    while changed:
        changed = False
        alive = [e for e in kept if e[2] != "SYMLINK" and _base(e) not in removed]
        wanted = set().union(*(needed(e[1]) for e in alive)) if alive else set()
        for name in sorted(candidates - removed):
            if name not in wanted:
                removed.add(name)
                changed = True
    # Symlinks PyInstaller adds next to the executable point at the real files; drop them together.
    return [e for e in kept if _base(e) not in removed]
