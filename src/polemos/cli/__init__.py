"""The ``polemos`` command line."""

from polemos.cli.app import app, main

__all__ = ["app", "main"]
