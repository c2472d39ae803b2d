"""Subcommands loaded lazily by ``cypherlint.cli`` (one click command per module)."""
