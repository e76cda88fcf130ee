"""The reference for the web benchmark: a minimal WSGI app written directly on cheroot.

It answers the two requests the benchmark sends to mini4d with the same bytes: `GET
/4DACTION/hello` (text) and `POST /rest/$catalog/hello` (a JSON array in, `{"result": ...}`
out), on the same server settings (64 threads, loopback).
"""

from __future__ import annotations

import json
import sys

from cheroot import wsgi


def app(environ: dict, start_response: object) -> list[bytes]:
    path = environ.get("PATH_INFO", "")
    if path == "/4DACTION/hello":
        body = b"hello"
        kind = "text/plain; charset=UTF-8"
    elif path == "/rest/$catalog/hello":
        n = int(environ.get("CONTENT_LENGTH") or 0)
        params = json.loads(environ["wsgi.input"].read(n) or b"[]")
        body = json.dumps({"result": "hello " + params[0]}, separators=(",", ":")).encode()
        kind = "application/json; charset=UTF-8"
    else:
        body, kind = b"not found", "text/plain"
        start_response("404 Not Found", [("Content-Type", kind), ("Content-Length", str(len(body)))])
        return [body]
    start_response("200 OK", [("Content-Type", kind), ("Content-Length", str(len(body)))])  # type: ignore[operator]
    return [body]


def main() -> None:
    server = wsgi.Server(("127.0.0.1", 0), app, numthreads=64, max=64, accepted_queue_size=256)
    server.request_queue_size = 1024
    server.keep_alive_conn_limit = 10_000
    server.prepare()
    print(f"listening at http://127.0.0.1:{server.bind_addr[1]}/", flush=True)
    try:
        server.serve()
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
