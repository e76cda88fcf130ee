"""Classic database commands (filled below)."""
