"""sounddevice adapter: input devices, capture, recovery of unfinished takes."""
