"""Helpers for the web server tests: a project on disk, `mini4d serve` on an ephemeral loopback port, HTTP clients.

Each `Client` is a real HTTP client (urllib) with its own cookie jar, as a browser or a
REST client would be; `raw()` sends bytes on a socket for malformed requests.
"""

from __future__ import annotations

import http.cookiejar
import io
import select
import socket
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mini4d.cli import Streams
from mini4d.web.serve import serve_main


def write_project(root: Path, files: dict[str, str], name: str = "WebTest") -> Path:
    """A 4D project folder: `files` maps paths relative to the project root to their text."""
    (root / "Project" / "Sources" / "Methods").mkdir(parents=True, exist_ok=True)
    (root / "WebFolder").mkdir(exist_ok=True)
    (root / "Project" / f"{name}.4DProject").write_text("{}", encoding="utf-8")
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return root


@dataclass
class Response:
    status: int
    headers: Any
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def json(self) -> Any:
        import json

        return json.loads(self.body)

    def header(self, name: str) -> str:
        return self.headers.get(name, "") if self.headers is not None else ""

    def cookies(self) -> list[str]:
        return self.headers.get_all("Set-Cookie") or [] if self.headers is not None else []


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


@dataclass
class Client:
    """An HTTP client with its own cookie jar (one browser, one REST client)."""

    base: str
    follow: bool = False
    jar: http.cookiejar.CookieJar = field(default_factory=http.cookiejar.CookieJar)

    def __post_init__(self) -> None:
        handlers: list[Any] = [urllib.request.HTTPCookieProcessor(self.jar)]
        if not self.follow:
            handlers.append(_NoRedirect())
        self.opener = urllib.request.build_opener(*handlers)

    def request(
        self, method: str, path: str, body: bytes | str | None = None, headers: dict[str, str] | None = None
    ) -> Response:
        data = body.encode("utf-8") if isinstance(body, str) else body
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=headers or {})
        try:
            with self.opener.open(req, timeout=60) as r:
                return Response(r.status, r.headers, r.read())
        except urllib.error.HTTPError as e:
            return Response(e.code, e.headers, e.read())

    def get(self, path: str, **kw: Any) -> Response:
        return self.request("GET", path, **kw)

    def post(self, path: str, body: bytes | str | None = b"", **kw: Any) -> Response:
        return self.request("POST", path, body, **kw)

    def session_id(self, cookie_name: str) -> str | None:
        for c in self.jar:
            if c.name == cookie_name:
                return c.value
        return None


@dataclass
class Served:
    server: Any
    out: io.StringIO
    err: io.StringIO
    thread: threading.Thread
    result: dict[str, Any]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.port}"

    @property
    def runtime(self) -> Any:
        return self.server.runtime

    @property
    def cookie_name(self) -> str:
        return self.server.cookie_name

    def client(self, follow: bool = False) -> Client:
        return Client(self.url, follow=follow)

    def raw(self, data: bytes, timeout: float = 10.0) -> bytes:
        """Send bytes on a new connection; the answer read until the server closes or goes quiet."""
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=timeout) as s:
            # Sent in pieces, stopping as soon as the server answers (as a client waiting for
            # `100 Continue` would): a server refusing a large body answers, then closes, and
            # writing on would reset the connection before the answer is read.
            for start in range(0, len(data), 65536):
                if select.select([s], [], [], 0)[0]:
                    break
                try:
                    s.sendall(data[start : start + 65536])
                except (BrokenPipeError, ConnectionResetError):
                    break
            chunks = []
            try:
                while True:
                    block = s.recv(65536)
                    if not block:
                        break
                    chunks.append(block)
                    if b"\r\n\r\n" in b"".join(chunks) and not data.startswith(b"GET /slow"):
                        s.settimeout(0.5)
            except (TimeoutError, ConnectionResetError):
                pass
        return b"".join(chunks)


class _Out(io.StringIO):
    """stdout/stderr of the served run (written from several threads under the runtime's lock)."""


@contextmanager
def serve(root: Path, *args: str) -> Iterator[Served]:
    """`mini4d serve ROOT --port 0` in a thread; stopped (every session closed) at the end."""
    out, err = _Out(), _Out()
    ready = threading.Event()
    holder: dict[str, Any] = {}
    result: dict[str, Any] = {}

    def on_ready(server: Any) -> None:
        holder["server"] = server
        ready.set()

    def run() -> None:
        result["code"] = serve_main([str(root), "--port", "0", *args], Streams(out, err), ready=on_ready)
        ready.set()

    t = threading.Thread(target=run, name="mini4d serve (test)", daemon=True)
    t.start()
    ready.wait(60)
    if "server" not in holder:
        t.join(10)
        raise AssertionError(f"the server did not start: {err.getvalue()}")
    served = Served(holder["server"], out, err, t, result)
    try:
        yield served
    finally:
        served.server.stop()
        t.join(30)
