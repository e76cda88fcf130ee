"""The datastore: the project's catalog on SQLite (default) or PostgreSQL, ORDA and the classic
database language (per-process current selections and records, locks, sets, transactions).

`get_store(runtime)` opens it on first use: the catalog `Project/Sources/catalog.4DCatalog`
of the runtime's project, the data file chosen by `--data` (default `Data/<project>.sqlite`
beside `Project/`), an optional `--seed` JSON file.
"""

from __future__ import annotations

import threading
from typing import Any

# Options given on the command line (mini4d run/--data/--seed) for the runtimes made by this process.
DEFAULTS: dict[str, str] = {}


def get_store(runtime: Any) -> Any:
    """The runtime's datastore (opened, and seeded, at the first call).

    Opening and seeding hold the datastore's own lock, never `runtime.proc_lock`: seeding builds
    `ds`, which takes the class store under `proc_lock`, while another process may already hold
    that lock. The store is published before seeding so that triggers run by the seeding thread
    see it (the lock is re-entrant); other processes wait until it is ready."""
    store = runtime.extensions.get("datastore")
    if store is not None and store.ready:
        return store
    lock = runtime.extensions.setdefault("datastore-open-lock", threading.RLock())
    with lock:
        store = runtime.extensions.get("datastore")
        if store is None:
            from .store import open_store

            store = open_store(runtime)
            runtime.extensions["datastore"] = store
            try:
                seed = runtime.extensions.get("seed") or DEFAULTS.get("seed")
                if seed and store.engine is not None:
                    store.seed_file(seed)
            finally:
                store.ready = True
    return store
