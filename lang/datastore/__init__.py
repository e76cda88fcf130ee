"""The datastore: the project's catalog on SQLite (default) or PostgreSQL, ORDA and the classic
database language (per-process current selections and records, locks, sets, transactions).

`get_store(runtime)` opens it on first use: the catalog `Project/Sources/catalog.4DCatalog`
of the runtime's project, the data file chosen by `--data` (default `Data/<project>.sqlite`
beside `Project/`), an optional `--seed` JSON file.
"""

from __future__ import annotations

from typing import Any

# Options given on the command line (mini4d run/--data/--seed) for the runtimes made by this process.
DEFAULTS: dict[str, str] = {}


def get_store(runtime: Any) -> Any:
    """The runtime's datastore (opened at the first call). Other threads wait until it is opened
    and seeded; the seeding thread itself gets it at once (its triggers run during the seeding)."""
    store = runtime.extensions.get("datastore")
    if store is None or not store.ready:
        from .store import open_store

        with runtime.proc_lock:  # re-entrant: the seeding thread passes, the others wait here
            store = runtime.extensions.get("datastore")
            if store is None:
                store = open_store(runtime)
                runtime.extensions["datastore"] = store
                try:
                    seed = runtime.extensions.get("seed") or DEFAULTS.get("seed")
                    if seed and store.engine is not None:
                        store.seed_file(seed)
                finally:
                    store.ready = True
    return store
