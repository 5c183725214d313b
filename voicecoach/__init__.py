"""VoiceCoach: rehearse prospecting voicemails offline."""

__version__ = "0.1.0"
APP_NAME = "VoiceCoach"
