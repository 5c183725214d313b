"""Local storage in SQLite through sqlite-utils."""
