"""VoiceCoach: rehearse prospecting voicemails offline."""

__all__ = ["APP_NAME"]

__version__ = "0.1.0"
APP_NAME = "VoiceCoach"
