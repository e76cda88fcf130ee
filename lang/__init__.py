"""mini4d: an interpreter for the 4D language."""

__version__ = "0.1.0"
