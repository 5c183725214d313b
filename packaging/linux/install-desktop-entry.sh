#!/bin/sh
# Add VoiceCoach to the desktop's application menu for the current user (no root needed).
# Run it from the unpacked VoiceCoach folder; run it again after moving the folder.
# `install-desktop-entry.sh --remove` takes the entry out again.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
icons="${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor"
if [ "${1:-}" = "--remove" ]; then
    rm -f "$apps/voicecoach.desktop" "$icons/256x256/apps/voicecoach.png" "$icons/scalable/apps/voicecoach.svg"
    echo "VoiceCoach removed from the application menu."
    exit 0
fi
mkdir -p "$apps"
# Point Exec and TryExec at this folder's executable; quote the path for folders with spaces.
sed -e "s|^Exec=.*|Exec=\"$here/voicecoach\"|" -e "s|^TryExec=.*|TryExec=$here/voicecoach|" \
    "$here/voicecoach.desktop" > "$apps/voicecoach.desktop"
if [ -f "$here/voicecoach.png" ]; then
    mkdir -p "$icons/256x256/apps" && cp "$here/voicecoach.png" "$icons/256x256/apps/voicecoach.png"
fi
if [ -f "$here/voicecoach.svg" ]; then
    mkdir -p "$icons/scalable/apps" && cp "$here/voicecoach.svg" "$icons/scalable/apps/voicecoach.svg"
fi
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$apps" || true
echo "VoiceCoach added to the application menu ($apps/voicecoach.desktop)."
