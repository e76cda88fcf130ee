"""`python -m mini4d`: the mini4d command."""

from .cli import entry

entry()
