"""Load on loopback: 200 concurrent clients, each with its own session, counting in its own storage and in Storage.

Every session must be distinct, every count exact and every answer a 200. The short run is
always on; `-m slow` runs a longer one.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from webtools import serve, write_project

pytest.importorskip("cheroot")

PUB = '//%attributes = {"publishedWeb":true}\n'
FILES = {
    "Project/Sources/DatabaseMethods/onStartup.4dm": """Use (Storage)
	Storage.hits:=New shared object("n"; 0)
End use
""",
    "Project/Sources/Methods/hit.4dm": PUB
    + """var $mine; $all : Integer
Use (Session.storage)
	Session.storage.n:=Num(Session.storage.n)+1
	$mine:=Session.storage.n
End use
Use (Storage.hits)
	Storage.hits.n:=Storage.hits.n+1
	$all:=Storage.hits.n
End use
WEB SEND TEXT(Session.id+" "+String($mine)+" "+String($all); "text/plain")
""",
    "Project/Sources/Methods/total.4dm": PUB + 'WEB SEND TEXT(String(Storage.hits.n); "text/plain")\n',
}


def run_load(root: Path, clients: int, requests: int) -> None:
    with serve(root) as served:
        barrier = threading.Barrier(clients)
        results: list[tuple[str, list[int]] | BaseException] = [None] * clients  # type: ignore[list-item]
        seen_all: list[int] = []
        lock = threading.Lock()

        def client(k: int) -> None:
            try:
                c = served.client()
                barrier.wait(60)
                ids, counts = set(), []
                for _ in range(requests):
                    r = c.get("/4DACTION/hit")
                    assert r.status == 200, (r.status, r.text)
                    sid, mine, total = r.text.split()
                    ids.add(sid)
                    counts.append(int(mine))
                    with lock:
                        seen_all.append(int(total))
                assert len(ids) == 1 and ids == {c.session_id(served.cookie_name)}
                results[k] = (ids.pop(), counts)
            except BaseException as exc:  # noqa: BLE001 - reported below
                results[k] = exc

        threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(600)
        errors = [r for r in results if isinstance(r, BaseException) or r is None]
        assert not errors, errors[:3]
        sessions = {sid for sid, _counts in results}  # type: ignore[misc]
        assert len(sessions) == clients  # every client its own session
        for _sid, counts in results:  # type: ignore[misc]
            assert counts == list(range(1, requests + 1))  # exact counts in each session's storage
        total = clients * requests
        assert sorted(seen_all) == list(range(1, total + 1))  # each shared increment seen exactly once
        assert served.client().get("/4DACTION/total").text == str(total)
        assert sum(1 for s in served.runtime.sessions.values() if getattr(s, "kind", "") == "web") >= clients


def test_200_concurrent_clients(tmp_path: Path) -> None:
    run_load(write_project(tmp_path, FILES), clients=200, requests=5)


@pytest.mark.slow
def test_200_concurrent_clients_long(tmp_path: Path) -> None:
    run_load(write_project(tmp_path, FILES), clients=200, requests=100)
