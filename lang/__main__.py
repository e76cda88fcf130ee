"""`python -m lang`: the mini4d command."""

from .cli import entry

entry()
