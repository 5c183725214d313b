"""One module per main view."""
