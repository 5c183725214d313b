"""Headless command line: every subcommand module here exposes register(subparsers)."""
