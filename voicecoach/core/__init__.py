"""Pure voicemail analysis: standard library only (plus small pure helpers), no devices, no Qt."""
