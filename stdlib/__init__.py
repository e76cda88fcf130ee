"""4D built-in commands, one module per 4D theme; each module only registers commands."""
