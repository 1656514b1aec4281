"""A charm library, to show lib/ is importable."""

GREETING = "hello from lib"
