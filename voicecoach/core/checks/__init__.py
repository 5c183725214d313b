"""One module per family of checks; each is a function (Transcript, CheckContext) -> list[Flag]."""
